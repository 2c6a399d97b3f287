"""The console on a 1366x768 screen with 40 people in the room and 300 ideas on the board: the
controls a moderator needs every minute are on screen without scrolling; closing switches them off
with a reason."""
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..live.support import LiveClient
from .conftest import session_cookie
from .helpers import LIVE_WAIT, wait_connected

pytestmark = pytest.mark.browser

PEOPLE = 39  # and the moderator: 40 in the room
HANDS = 12
NOTES = 300
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots" / "console"
ORG_TYPES = ("universidad", "centro_productividad", "entidad_publica", "ciudadania")


@pytest.fixture(scope="module")
def crowded_room(seed, fill_board, make_user, join_workshop, seed_app, server):
    room = seed(participants=("gloria",))
    join_workshop(room.people["gloria"], room.workshop_id)
    people = [make_user(name=f"Asistente Ficticia {n:02d}", organisation=f"Organización Imaginaria {n % 7}",
                        org_type=ORG_TYPES[n % len(ORG_TYPES)]) for n in range(PEOPLE - 1)]
    for person in people:
        join_workshop(person, room.workshop_id)
    fill_board(room, count=NOTES)
    clients = [LiveClient(server, session_cookie(seed_app, person), room.workshop_id)
               for person in [room.people["gloria"], *people]]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda client: client.connect(), clients))
    for client in clients[:HANDS]:
        assert client.call("hand:raise")["ok"]
    yield room
    for client in clients:
        client.close()


def in_viewport(page, selector):
    """The element is drawn and wholly inside the window, with no scrolling."""
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not drawn"
    return box["y"] >= 0 and box["x"] >= 0 and box["y"] + box["height"] <= 768 and box["x"] + box["width"] <= 1366


def test_the_controls_that_matter_fit_a_1366x768_screen(open_context, crowded_room):
    page = open_context(crowded_room.people["moderator"], width=1366, height=768).new_page()
    page.goto(f"/taller/{crowded_room.workshop_id}/moderar")
    wait_connected(page)
    expect(page.locator("#presence-count")).to_have_text("40 personas en la sala", timeout=LIVE_WAIT)
    expect(page.locator("#hands-count")).to_have_text(f"{HANDS} manos levantadas")
    expect(page.locator("#board .note")).to_have_count(NOTES, timeout=LIVE_WAIT)
    page.get_by_role("button", name="Dar la palabra a Gloria Participante Ficticia").click()
    expect(page.locator("#timer-speaking")).to_have_attribute("data-state", "running", timeout=LIVE_WAIT)

    assert page.evaluate("window.scrollY") == 0
    for selector in ("#agenda .agenda-summary", "#agenda-clock", "[data-event='agenda:next']",
                     "#timer-prompt .countdown-value", "[data-timer-kind=prompt] [data-event='timer:pause']",
                     "#hands-speaking .speaking-name", "#timer-speaking .countdown-value", "#end-turn",
                     "#hands-queue li", "#vote-prompt", "#vote-budget", "#vote-form button[type=submit]",
                     "#projector-control [data-mode=board]", "#presence-count", "#close-workshop"):
        assert in_viewport(page, selector), f"{selector} is not on screen at 1366x768"
    # The speaking countdown sits beside its controls, on the same row as "Terminar turno".
    speaking, end_turn = (page.locator(s).bounding_box() for s in ("#timer-speaking", "#end-turn"))
    assert abs((speaking["y"] + speaking["height"]) - end_turn["y"]) < 60

    # Presence as counts by organisation type, each opening to its people, and a search.
    expect(page.locator("#presence-types > li")).to_have_count(len(ORG_TYPES) + 1)  # + moderation
    universities = page.locator("#presence-types details").filter(has_text="Universidad").first
    universities.locator("summary").click()
    expect(universities.locator(".people li").first).to_be_visible()
    page.fill("#presence-search", "Asistente Ficticia 07")
    expect(page.locator("#presence-list li")).to_have_count(1)
    page.fill("#presence-search", "")
    expect(page.locator("#presence-types")).to_be_visible()
    page.screenshot(path=str(SHOTS / "console-1366x768.png"))
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.screenshot(path=str(SHOTS / "console-1920x1080.png"))


def test_the_agenda_clock_counts_and_prompts_already_run_are_marked(open_context, crowded_room):
    page = open_context(crowded_room.people["moderator"], width=1366, height=768).new_page()
    page.goto(f"/taller/{crowded_room.workshop_id}/moderar")
    wait_connected(page)
    page.get_by_role("button", name="Punto siguiente →").click()
    expect(page.locator("#agenda-clock")).to_contain_text("Transcurrido 0:0", timeout=LIVE_WAIT)
    expect(page.locator("#agenda-list li.is-current")).to_have_count(1)
    second = page.locator("#prompt-list li").nth(1)
    expect(second).not_to_contain_text("Ya se hizo")
    page.get_by_role("button", name="Abrir a ideas e iniciar el cronómetro: Pregunta 2", exact=False).click()
    expect(second).to_contain_text("Abierta: recibe ideas", timeout=LIVE_WAIT)
    page.get_by_role("button", name="Cerrar a ideas: Pregunta 2", exact=False).click()
    expect(second).to_contain_text("Ya se hizo", timeout=LIVE_WAIT)
    expect(second).to_have_class(re.compile(r"\bis-run\b"))


def test_after_closing_every_live_control_is_off_with_its_reason(open_context, seed):
    room = seed(participants=())
    page = open_context(room.people["moderator"], width=1366, height=768).new_page()
    page.goto(f"/taller/{room.workshop_id}/moderar")
    wait_connected(page)
    page.get_by_role("button", name="Iniciar taller").click()
    expect(page.locator("#workshop-state")).to_have_attribute("data-status", "live", timeout=LIVE_WAIT)
    page.get_by_role("button", name="Cerrar taller").click()
    page.get_by_role("button", name="Sí, cerrar el taller").click()
    expect(page.locator("#closed-note")).to_be_visible(timeout=LIVE_WAIT)
    next_item = page.locator("[data-event='agenda:next']")
    expect(next_item).to_have_attribute("aria-disabled", "true")
    expect(next_item).to_have_attribute("aria-describedby", "closed-note")
    expect(page.locator("#vote-budget")).to_be_disabled()
    expect(page.locator("#auto-close")).to_be_disabled()
    before = page.locator("#agenda .agenda-summary").text_content()
    next_item.click(force=True)  # does nothing: no event is sent, the agenda stays
    expect(page.locator("#console-status")).to_have_text("El taller quedó cerrado.")  # no refusal after it
    expect(page.locator("#agenda .agenda-summary")).to_have_text(before)
    closing = page.locator("#projector-control [data-mode=closing]")
    closing.click()  # the projector still switches, to show the closing
    expect(closing).to_have_attribute("aria-pressed", "true", timeout=LIVE_WAIT)
    page.screenshot(path=str(SHOTS / "console-closed-1366x768.png"))
