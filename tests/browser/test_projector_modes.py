"""The projector, the screen the whole audience reads: the moderator switches its modes from the
console; it never shows a hidden idea or internal state, and stops inviting people once closed.
Screenshots of every mode at 1920x1080, 1366x768 and 360x740 go to test-artifacts/screenshots/console."""
import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import session_cookie
from .helpers import LIVE_WAIT, wait_connected

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots" / "console"
SIZES = ((1920, 1080), (1366, 768), (360, 740))
NOTES = 120


@pytest.fixture(scope="module")
def projected_room(seed, fill_board, join_workshop):
    room = seed(participants=("julia", "kevin"))
    for name in ("julia", "kevin"):
        join_workshop(room.people[name], room.workshop_id)
    fill_board(room, count=NOTES)
    return room


def open_pair(open_context, room):
    """The moderator's console and, in another tab, the projector."""
    context = open_context(room.people["moderator"], width=1366, height=768)
    console = context.new_page()
    console.goto(f"/taller/{room.workshop_id}/moderar")
    wait_connected(console)
    projector = context.new_page()
    projector.goto(f"/taller/{room.workshop_id}/proyector")
    wait_connected(projector)
    return console, projector


def switch(console, projector, mode):
    console.locator(f"#projector-control [data-mode={mode}]").click()
    expect(projector.locator("body")).to_have_attribute("data-mode", mode, timeout=LIVE_WAIT)
    expect(projector.locator(f".projector-mode[data-mode={mode}]")).to_be_visible()


def shoot(projector, mode):
    for width, height in SIZES:
        projector.set_viewport_size({"width": width, "height": height})
        projector.screenshot(path=str(SHOTS / f"projector-{mode}-{width}x{height}.png"))
    projector.set_viewport_size({"width": 1920, "height": 1080})


def test_every_mode_shows_what_the_audience_should_read(open_context, projected_room, server, seed_app):
    SHOTS.mkdir(parents=True, exist_ok=True)
    console, projector = open_pair(open_context, projected_room)
    projector.set_viewport_size({"width": 1920, "height": 1080})
    expect(projector.locator("#connection")).to_be_hidden()  # no internal pills on the shared screen
    expect(projector.locator(".workshop-state")).to_have_count(0)
    expect(projector.get_by_role("button")).to_have_count(0)
    shoot(projector, "question")

    switch(console, projector, "welcome")
    expect(projector.locator(".rules-list li")).to_contain_text(["Cumplir con los tiempos"])
    expect(projector.locator(".workshop-purpose")).to_contain_text("Mapear capacidades externas")
    qr = projector.locator(".join-qr")
    expect(qr).to_be_visible()
    assert projector.evaluate("document.querySelector('.join-qr').naturalWidth") > 0  # the server drew it
    shoot(projector, "welcome")

    switch(console, projector, "board")
    expect(projector.locator(".projector-notes .note")).to_have_count(12)  # one page at 1920 px
    expect(projector.locator(".board-page")).to_have_text(f"Página 1 de 10 · {NOTES} ideas")
    expect(projector.locator(".cluster-summary li")).to_have_count(2)
    expect(projector.locator(".projector-notes .note").first).not_to_contain_text("Participante")  # no authors
    shoot(projector, "board")

    console.locator("#vote-budget").fill("3")
    console.get_by_role("button", name="Abrir votación").click()
    switch(console, projector, "results")
    expect(projector.locator(".vote-summary")).to_contain_text("Votación abierta")
    console.get_by_role("button", name="Cerrar votación y ver resultados").click()
    expect(projector.locator(".mode-results .vote-results li")).to_have_count(10, timeout=LIVE_WAIT)
    expect(projector.locator(".mode-results .result-bar")).to_have_count(10)
    expect(projector.locator(".vote-voters")).to_have_text("0 personas votaron")
    shoot(projector, "results")

    switch(console, projector, "map")  # the maps slice's projector page, loaded into this screen
    expect(projector.locator(".map-fragment .projector-map")).to_be_visible(timeout=LIVE_WAIT)
    shoot(projector, "map")

    console.get_by_role("button", name="Cerrar taller").click()
    console.get_by_role("button", name="Sí, cerrar el taller").click()
    switch(console, projector, "closing")
    expect(projector.locator(".mode-closing")).to_contain_text("¡Gracias por participar!")
    shoot(projector, "closing")
    switch(console, projector, "welcome")  # after closing, welcome no longer invites anyone to join
    expect(projector.locator(".join-block")).to_have_count(2)
    for block in projector.locator(".join-block").all():
        expect(block).to_be_hidden()


def test_a_hidden_idea_leaves_the_projector_at_once(open_context, seed, fill_board, join_workshop):
    room = seed(participants=("lucia",))
    join_workshop(room.people["lucia"], room.workshop_id)
    fill_board(room, count=3, clusters=())
    console, projector = open_pair(open_context, room)
    switch(console, projector, "board")
    target = "Préstamo de laboratorios de prototipado (2)"
    expect(projector.locator(".projector-notes .note")).to_have_count(3)
    expect(projector.locator(".projector-notes")).to_contain_text(target)
    console.get_by_role("button", name=re.compile(f"^Ocultar para participantes: {re.escape(target[:30])}")).click()
    expect(projector.locator(".projector-notes .note")).to_have_count(2, timeout=LIVE_WAIT)
    expect(projector.locator("body")).not_to_contain_text(target)
    projector.reload()  # and a fresh snapshot does not bring it back
    wait_connected(projector)
    expect(projector.locator(".projector-notes .note")).to_have_count(2)
    expect(projector.locator("body")).not_to_contain_text(target)


def test_the_qr_code_is_an_svg_for_moderators_only(projected_room, server, seed_app):
    url = f"{server.url}/taller/{projected_room.workshop_id}/codigo-qr.svg"
    moderator = urllib.request.Request(url, headers={
        "Cookie": f"session={session_cookie(seed_app, projected_room.people['moderator'])}"})
    with urllib.request.urlopen(moderator) as response:
        assert response.headers["Content-Type"].startswith("image/svg+xml")
        assert response.read().startswith(b"<svg")
    participant = urllib.request.Request(url, headers={
        "Cookie": f"session={session_cookie(seed_app, projected_room.people['julia'])}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(participant)
    refused.value.close()  # the refusal holds the response's socket open until closed
    assert refused.value.code == 403
