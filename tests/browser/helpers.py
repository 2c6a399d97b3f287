"""What a person does and sees in the live pages, in Playwright terms."""
from playwright.sync_api import expect

LIVE_WAIT = 10_000  # ms: bound for a live change to reach another screen


def wait_connected(page):
    expect(page.locator("#connection")).to_have_attribute("data-status", "connected", timeout=LIVE_WAIT)
    expect(page.locator("#workshop-state")).not_to_be_empty(timeout=LIVE_WAIT)  # the snapshot is drawn


def note(page, text):
    """The board note whose text is exactly `text`."""
    return page.locator("#board .note").filter(has=page.locator(".note-text", has_text=text))


def write_idea(page, text, actor=None, category=None):
    page.fill("#idea-text", text)
    if actor is not None:
        page.fill("#idea-actor", actor)
    if category is not None:
        page.select_option("#idea-category", category)


def console_button(page, name):
    return page.get_by_role("button", name=name, exact=True)
