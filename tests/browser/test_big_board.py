"""A board of 320 notes in the room: all drawn, grouped, filtered by category and searched, and a new
idea still arrives live on top of them."""
import pytest
from playwright.sync_api import expect

from .helpers import LIVE_WAIT, note, wait_connected, write_idea

pytestmark = pytest.mark.browser

NOTES = 320
# fill_board cycles through six sample ideas: "Semilleros…" (humanas) is every sixth, the two
# technological ones are the 2nd and 6th of each cycle, and every 4th note is in "Academia".
SEMILLEROS = len(range(0, NOTES, 6))
TECHNOLOGICAL = len(range(1, NOTES, 6)) + len(range(5, NOTES, 6))
ACADEMIA = len(range(0, NOTES, 4))


@pytest.fixture(scope="module")
def big_room(seed, fill_board, join_workshop):
    room = seed(participants=("gloria", "hector"))
    for name in ("gloria", "hector"):
        join_workshop(room.people[name], room.workshop_id)
    fill_board(room, count=NOTES)
    return room


def visible_notes(page):
    return page.locator("#board .note:not([hidden])")


def test_a_board_of_320_notes_is_drawn_grouped_filtered_and_searched(open_context, big_room):
    page = open_context(big_room.people["gloria"]).new_page()
    page.goto(f"/taller/{big_room.workshop_id}/sala")
    wait_connected(page)
    expect(page.locator("#board .note")).to_have_count(NOTES, timeout=LIVE_WAIT)
    academia = page.locator("#board .cluster").filter(has=page.locator(".cluster-name", has_text="Academia"))
    expect(academia.locator(".note")).to_have_count(ACADEMIA)
    expect(academia.locator(".cluster-count")).to_have_text(f"({ACADEMIA})")

    page.select_option("#board-category", "tecnologicas")
    expect(visible_notes(page)).to_have_count(TECHNOLOGICAL)
    page.select_option("#board-category", "")
    page.fill("#board-search", "semilleros")  # lower case: the search ignores case and accents
    expect(visible_notes(page)).to_have_count(SEMILLEROS)
    page.select_option("#board-category", "fisicas")  # no "Semilleros…" note is physical
    expect(visible_notes(page)).to_have_count(0)
    expect(page.locator("#board .board-empty")).to_have_text("Ninguna idea coincide con el filtro.")

    page.fill("#board-search", "")
    page.select_option("#board-category", "")
    expect(visible_notes(page)).to_have_count(NOTES)


def test_a_new_idea_reaches_a_full_board_live(open_context, big_room):
    watcher = open_context(big_room.people["gloria"]).new_page()
    watcher.goto(f"/taller/{big_room.workshop_id}/sala")
    wait_connected(watcher)
    expect(watcher.locator("#board .note")).to_have_count(NOTES, timeout=LIVE_WAIT)

    author = open_context(big_room.people["hector"], width=360, height=740).new_page()
    author.goto(f"/taller/{big_room.workshop_id}/sala")
    wait_connected(author)
    write_idea(author, "Mesas de trabajo con la academia cada trimestre", actor="Universidad Imaginaria",
               category="humanas")
    author.get_by_role("button", name="Publicar idea").click()
    expect(note(watcher, "Mesas de trabajo con la academia cada trimestre")).to_have_count(1, timeout=LIVE_WAIT)
    expect(watcher.locator("#board .note")).to_have_count(NOTES + 1)
