"""The moderator runs the workshop from the console with the keyboard alone: start it, open the
question with its countdown, pause the countdown, and close the workshop through its dialog."""
import re

import pytest
from playwright.sync_api import expect

from .helpers import LIVE_WAIT, focus_by_tab, focus_by_tab_named, focus_is_visible, wait_connected

pytestmark = pytest.mark.browser


def test_the_console_works_with_the_keyboard_alone(open_context, seed, join_workshop):
    room = seed(participants=("irene",), seconds=120)
    join_workshop(room.people["irene"], room.workshop_id)
    page = open_context(room.people["moderator"]).new_page()
    page.goto(f"/taller/{room.workshop_id}/moderar")
    wait_connected(page)

    focus_by_tab(page, "start-workshop")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#workshop-state")).to_have_attribute("data-status", "live", timeout=LIVE_WAIT)

    focus_by_tab_named(page, "Abrir a ideas e iniciar el cronómetro")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#prompt-list")).to_contain_text("Abierta: recibe ideas", timeout=LIVE_WAIT)

    focus_by_tab_named(page, "Pausar")
    page.keyboard.press("Enter")
    expect(page.locator("#timer-announcer")).to_have_text(re.compile("Cronómetro en pausa"), timeout=LIVE_WAIT)

    focus_by_tab(page, "close-workshop")
    page.keyboard.press("Enter")
    expect(page.locator("#close-dialog")).to_be_visible()
    focus_by_tab(page, "confirm-close", limit=5)  # the focus stays inside the open dialog
    page.keyboard.press("Enter")
    expect(page.locator("#workshop-state")).to_have_attribute("data-status", "closed", timeout=LIVE_WAIT)
