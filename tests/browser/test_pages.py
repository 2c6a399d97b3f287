"""Every page, as a screenshot under test-artifacts/screenshots/; the live pages at phone width
(no horizontal scroll at 360 px), with readable contrast, and the room driven by keyboard alone."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import screenshot
from .helpers import LIVE_WAIT, focus_by_tab, focus_is_visible, note, wait_connected

pytestmark = pytest.mark.browser

PHONE = 360

# Text contrast of every visible text element against its effective background (WCAG AA: 4.5:1,
# 3:1 for large text). Disabled controls are exempt, as WCAG says.
CONTRAST_FAILURES = """() => {
  const parse = (c) => {
    const m = c.match(/[\\d.]+/g) || [0, 0, 0, 0];
    return [+m[0], +m[1], +m[2], m[3] === undefined ? 1 : +m[3]];
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const blend = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] === 1) break; }
    }
    return layers.reverse().reduce((under, top) => blend(top, under), [255, 255, 255, 1]);
  };
  const failures = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.offsetParent && getComputedStyle(el).position !== "fixed") continue;
    if (el.closest("[aria-disabled=true], :disabled, .visually-hidden, .skip-link")) continue;
    const style = getComputedStyle(el);
    const bg = background(el);
    const fg = blend(parse(style.color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && +style.fontWeight >= 700);
    const text = el.textContent.trim().slice(0, 40);
    if (ratio < (large ? 3 : 4.5)) failures.push(`${el.tagName}.${el.className} "${text}" ${ratio.toFixed(2)}`);
  }
  return failures;
}"""


def no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE, f"{page.url} is {width} px wide at {PHONE} px"


def assert_contrast(page):
    failures = page.evaluate(CONTRAST_FAILURES)
    assert not failures, f"low contrast on {page.url}: {failures}"


@pytest.fixture(scope="module")
def live_room(seed, fill_board, join_workshop):
    room = seed(participants=("diana", "ernesto"))
    for name in ("diana", "ernesto"):
        join_workshop(room.people[name], room.workshop_id)
    fill_board(room, count=14)
    return room


def test_screenshots_of_every_page(open_context, make_user, live_room):
    lab = make_user(role="lab", name="Laura Laboratorio Ficticia")
    anonymous = open_context().new_page()
    for path, name in (("/", "01-home"), ("/unirse", "02-join"), (f"/unirse/{live_room.join_code}", "03-guest-form"),
                       ("/registro", "04-signup"), ("/entrar", "05-login")):
        assert anonymous.goto(path).ok, path
        screenshot(anonymous, name)

    team = open_context(lab).new_page()
    for path, name in (("/cuenta", "06-profile"), ("/talleres", "07-workshop-list"),
                       (f"/talleres/{live_room.workshop_id}", "08-workshop-editor"), ("/plantillas", "09-templates")):
        assert team.goto(path).ok, path
        screenshot(team, name)

    participant = open_context(live_room.people["diana"]).new_page()
    participant.goto(f"/taller/{live_room.workshop_id}/sala")
    wait_connected(participant)
    expect(participant.locator("#board .note")).to_have_count(14, timeout=LIVE_WAIT)
    screenshot(participant, "10-room")
    assert_contrast(participant)

    moderator = open_context(live_room.people["moderator"]).new_page()
    moderator.goto(f"/taller/{live_room.workshop_id}/moderar")
    wait_connected(moderator)
    expect(moderator.locator("#presence-types")).to_contain_text("Diana Participante Ficticia", timeout=LIVE_WAIT)
    screenshot(moderator, "11-console")
    assert_contrast(moderator)

    projector = moderator.context.new_page()
    projector.goto(f"/taller/{live_room.workshop_id}/proyector")
    wait_connected(projector)
    expect(projector.locator(".mode-question .join-code")).to_have_text(live_room.join_code)
    moderator.locator("#projector-control [data-mode=board]").click()
    expect(projector.locator(".projector-notes .note")).to_have_count(9, timeout=LIVE_WAIT)  # a page at 1280 px
    expect(projector.locator(".board-page")).to_have_text("Página 1 de 2 · 14 ideas")
    expect(projector.get_by_role("button")).to_have_count(0)  # nothing to press on the shared screen
    screenshot(projector, "12-projector")
    assert_contrast(projector)

    moderator.get_by_role("link", name="Registro de asistencia").click()
    expect(moderator.locator("table")).to_contain_text("Diana Participante Ficticia")
    screenshot(moderator, "13-register")


def test_the_live_pages_fit_a_360_px_phone(open_context, live_room):
    phone = open_context(live_room.people["ernesto"], width=PHONE, height=740).new_page()
    phone.goto(f"/taller/{live_room.workshop_id}/sala")
    wait_connected(phone)
    expect(phone.locator("#board .note")).to_have_count(14, timeout=LIVE_WAIT)
    no_horizontal_scroll(phone)
    screenshot(phone, "14-room-phone-360")
    screenshot(phone, "14-room-phone-360-first-screen", full_page=False)

    moderator = open_context(live_room.people["moderator"], width=PHONE, height=740).new_page()
    for view in ("moderar", "proyector"):
        moderator.goto(f"/taller/{live_room.workshop_id}/{view}")
        wait_connected(moderator)
        no_horizontal_scroll(moderator)
    screenshot(moderator, "15-projector-phone-360")


def test_the_room_works_with_the_keyboard_alone(open_context, live_room):
    page = open_context(live_room.people["diana"]).new_page()
    page.goto(f"/taller/{live_room.workshop_id}/sala")
    wait_connected(page)
    expect(page.get_by_role("button", name="Publicar idea")).to_be_enabled(timeout=LIVE_WAIT)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Saltar al contenido"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    focus_by_tab(page, "idea-text")
    assert focus_is_visible(page)
    page.keyboard.type("Idea escrita solo con el teclado")
    focus_by_tab(page, "idea-actor")
    page.keyboard.type("Biblioteca Pública Ficticia")
    focus_by_tab(page, "idea-category")
    page.keyboard.press("ArrowDown")  # the first category
    focus_by_tab(page, "color-amarillo")
    page.keyboard.press("ArrowRight")  # the next colour: green
    focus_by_tab(page, "idea-submit")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    posted = note(page, "Idea escrita solo con el teclado")
    expect(posted).to_have_count(1, timeout=LIVE_WAIT)
    expect(posted).to_have_class(re.compile("color-verde"))
    expect(posted).to_contain_text("Actor: Biblioteca Pública Ficticia")

    focus_by_tab(page, "hand-button")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#hand-status")).to_have_text(re.compile("Tienes la mano levantada"), timeout=LIVE_WAIT)
    expect(page.locator("#hand-button")).to_have_text("Bajar la mano")
    page.keyboard.press("Enter")
    expect(page.locator("#hand-button")).to_have_text("Levantar la mano", timeout=LIVE_WAIT)
