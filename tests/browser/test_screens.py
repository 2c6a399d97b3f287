"""Every live page at 1920x1080, 1366x768 and 360x740, while a workshop runs: what the lab keeps as
screenshots under test-artifacts/screenshots/console. The pages must not be wider than the window at any size."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .helpers import LIVE_WAIT, wait_connected

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots" / "console"
SIZES = ((1920, 1080), (1366, 768), (360, 740))


@pytest.fixture(scope="module")
def running(seed, fill_board, join_workshop):
    room = seed(participants=("olga", "pablo"))
    for name in ("olga", "pablo"):
        join_workshop(room.people[name], room.workshop_id)
    fill_board(room, count=40)
    return room


def shoot(page, name):
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} is wider than {width} px"
        page.screenshot(path=str(SHOTS / f"{name}-{width}x{height}.png"))


def test_console_and_room_at_every_size(open_context, running):
    SHOTS.mkdir(parents=True, exist_ok=True)
    console = open_context(running.people["moderator"], width=1920, height=1080).new_page()
    console.goto(f"/taller/{running.workshop_id}/moderar")
    wait_connected(console)
    room = open_context(running.people["olga"], width=1920, height=1080).new_page()
    room.goto(f"/taller/{running.workshop_id}/sala")
    wait_connected(room)
    expect(room.locator("#board .note")).to_have_count(40, timeout=LIVE_WAIT)
    shoot(console, "console-live")
    shoot(room, "room-live")

    room.get_by_role("button", name="Levantar la mano").click()
    console.get_by_role("button", name="Dar la palabra a Olga Participante Ficticia").click()
    expect(room.locator("#my-turn")).to_be_visible(timeout=LIVE_WAIT)
    shoot(room, "room-my-turn")
    shoot(console, "console-speaking")

    console.locator("#vote-budget").fill("3")
    console.get_by_role("button", name="Abrir votación").click()
    expect(room.locator("#vote-panel .vote-remaining")).to_contain_text("Te quedan 3 votos", timeout=LIVE_WAIT)
    shoot(room, "room-voting")
    console.get_by_role("button", name="Cerrar votación y ver resultados").click()
    expect(console.locator("#voting .vote-results li").first).to_be_visible(timeout=LIVE_WAIT)
    expect(console.locator("#vote-totals")).to_have_text("0 personas votaron · 0 votos")
    shoot(console, "console-results")
    shoot(room, "room-results")

    console.get_by_role("button", name="Cerrar taller").click()
    console.get_by_role("button", name="Sí, cerrar el taller").click()
    expect(room.locator("#workshop-state")).to_have_text("Cerrado", timeout=LIVE_WAIT)
    shoot(console, "console-closed")
    shoot(room, "room-closed")
