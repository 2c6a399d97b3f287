"""The room on a 360x740 touch phone: a short guest form, the question and its countdown in sight
while typing, the category the prompt names already chosen, the objective and rules at the start,
"Tienes la palabra" addressed to the speaker, and no keyboard-only hints."""
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from lab.extensions import db
from lab.workshops.models import Prompt

from ..live.support import LiveClient
from .conftest import session_cookie, watch_errors
from .helpers import LIVE_WAIT, wait_connected

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots" / "console"
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(chromium, server, seed_app):
    """phone(user=None) -> a page on a touch phone; console errors fail the test."""
    contexts, errors = [], []

    def open_(user=None):
        context = chromium.new_context(base_url=server.url, viewport=PHONE, locale="es-CO", is_mobile=True,
                                       has_touch=True, device_scale_factor=2)
        context.set_default_timeout(10_000)
        if user is not None:
            context.add_cookies([{"name": "session", "value": session_cookie(seed_app, user),
                                  "domain": urlparse(server.url).hostname, "path": "/"}])
        contexts.append(context)
        page = context.new_page()
        watch_errors(page, errors)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not errors, errors


def test_the_guest_form_is_short_with_large_targets(phone, seed):
    SHOTS.mkdir(parents=True, exist_ok=True)
    room = seed(participants=())
    page = phone()
    page.goto(f"/unirse/{room.join_code}")
    expect(page.locator("#guest-title")).to_be_visible()
    consent = page.locator("input[type=checkbox][name=consent]")
    box = consent.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    assert page.locator(".consent .checkbox label").bounding_box()["height"] >= 44
    more = page.locator(".consent-more")
    expect(more).not_to_have_attribute("open", "")  # the full text is one tap away
    assert page.locator(".consent-more summary").bounding_box()["height"] >= 44
    form_height = page.locator("#guest-title").locator("xpath=..").bounding_box()["height"]
    print(f"guest form: {form_height / PHONE['height']:.1f} screens at 360x740")
    page.screenshot(path=str(SHOTS / "room-guest-form-360x740.png"), full_page=True)
    page.locator(".consent-more summary").tap()
    expect(more).to_have_attribute("open", "")


def test_typing_on_a_phone_keeps_the_question_and_countdown_in_sight(phone, seed, seed_app, server, join_workshop):
    room = seed(participants=("nora",))
    with seed_app.app_context():
        prompt = db.session.get(Prompt, room.prompt_ids[0])
        prompt.text = "¿Qué capacidades tecnológicas podrían aportar las universidades al laboratorio?"
        prompt.seconds = 300
        db.session.commit()
    join_workshop(room.people["nora"], room.workshop_id)
    moderator = LiveClient(server, session_cookie(seed_app, room.people["moderator"]), room.workshop_id).connect()
    try:
        assert moderator.call("workshop:start")["ok"]
        assert moderator.call("prompt:open", {"prompt_id": room.prompt_ids[0]})["ok"]
        page = phone(room.people["nora"])
        page.goto(f"/taller/{room.workshop_id}/sala")
        wait_connected(page)

        intro = page.locator("#workshop-intro")
        expect(intro).to_have_attribute("open", "")  # the workshop is live: objective and rules shown
        expect(intro).to_contain_text("Cumplir con los tiempos")
        expect(page.locator("#idea-help")).to_be_hidden()  # no Ctrl + Enter on a touch screen
        expect(page.locator("#idea-category")).to_have_value("tecnologicas")  # named by the prompt
        page.screenshot(path=str(SHOTS / "room-start-360x740.png"))

        page.locator("#idea-text").tap()
        page.locator("#idea-text").fill("Laboratorios de prototipado abiertos a la ciudadanía")
        page.locator("#idea-submit").scroll_into_view_if_needed()
        for selector in ("#prompt-card .prompt-text", "#prompt-countdown .countdown-value"):
            box = page.locator(selector).bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], f"{selector} scrolled away"
        page.screenshot(path=str(SHOTS / "room-typing-360x740.png"))

        page.get_by_role("button", name="Levantar la mano").tap()
        expect(page.locator("#hand-status")).to_contain_text("puesto 1 de 1", timeout=LIVE_WAIT)
        hand = moderator.call("snapshot")["snapshot"]["hands"]["queue"][0]["hand_id"]
        assert moderator.call("hand:give_floor", {"hand_id": hand})["ok"]
        turn = page.locator("#my-turn")
        expect(turn).to_be_visible(timeout=LIVE_WAIT)
        expect(turn).to_have_attribute("role", "alert")
        expect(turn).to_contain_text("Tienes la palabra")
        expect(page.locator("#speaking")).to_be_hidden()  # not "Tiene la palabra: <own name>"
        page.screenshot(path=str(SHOTS / "room-my-turn-360x740.png"))
        page.get_by_role("button", name="Terminar mi turno").tap()
        expect(turn).to_be_hidden(timeout=LIVE_WAIT)
    finally:
        moderator.close()
