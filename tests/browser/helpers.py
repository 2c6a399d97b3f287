"""What a person does and sees in the live pages, in Playwright terms."""
from playwright.sync_api import expect

LIVE_WAIT = 10_000  # ms: bound for a live change to reach another screen


def wait_connected(page):
    expect(page.locator("#connection")).to_have_attribute("data-status", "connected", timeout=LIVE_WAIT)
    expect(page.locator("body[data-synced=true]")).to_have_count(1, timeout=LIVE_WAIT)  # the snapshot is drawn


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


def focus_by_tab(page, element_id, limit=60):
    """Press Tab until the element with this id has the focus (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} never got the focus with Tab")


def focus_is_visible(page):
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); "
                          "return [s.outlineStyle, s.outlineWidth]; })()")
    return style[0] != "none" and style[1] != "0px"


def focus_by_tab_named(page, label, limit=80):
    """Press Tab until the focused element's accessible label (aria-label, else text) starts with `label`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = page.evaluate("(() => { const e = document.activeElement; "
                             "return e ? (e.getAttribute('aria-label') || e.textContent || '').trim() : ''; })()")
        if name.startswith(label):
            return
    raise AssertionError(f"nothing labelled {label!r} got the focus with Tab")
