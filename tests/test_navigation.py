"""From the workshop list and every workshop page, a moderator reaches each live screen: console,
projector, room, register and, once that page is installed, results."""
import pytest
from flask import Blueprint

from .test_workshops import page, signed_in

SCREENS = ("/moderar", "/proyector", "/sala", "/asistencia")


@pytest.fixture
def moderator_browser(make, make_browser):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator], title="Taller con pantallas")
    other = make.workshop(title="Taller de otro equipo")
    return signed_in(make_browser, moderator), workshop, other


def test_the_list_links_each_workshop_to_its_live_screens(moderator_browser):
    browser, workshop, other = moderator_browser
    shown = page(browser.get("/talleres"))
    for screen in SCREENS:
        assert f'href="/taller/{workshop.id}{screen}"' in shown
        assert f"/taller/{other.id}{screen}" not in shown  # not theirs: neither listed nor linked
    assert 'aria-label="Consola de moderación de Taller con pantallas"' in shown


@pytest.mark.parametrize("section", ["", "/reglas", "/agenda", "/moderadores"])
def test_every_workshop_page_links_to_the_live_screens(moderator_browser, section):
    browser, workshop, _other = moderator_browser
    shown = page(browser.get(f"/talleres/{workshop.id}{section}"))
    for screen in SCREENS:
        assert f'href="/taller/{workshop.id}{screen}"' in shown
    assert 'target="_blank" rel="noopener">Proyector' in shown
    assert f'href="/talleres/{workshop.id}/resultados"' in shown


def test_each_linked_screen_opens_for_the_moderator(moderator_browser):
    browser, workshop, _other = moderator_browser
    for screen in SCREENS:
        assert browser.get(f"/taller/{workshop.id}{screen}").status_code == 200, screen


def test_participants_reach_no_management_page(make, make_browser):
    workshop = make.workshop()
    participant = make.join(make.user(), workshop)
    browser = signed_in(make_browser, participant)
    assert browser.get("/talleres").status_code == 403
    for screen in ("/moderar", "/proyector", "/asistencia"):
        assert browser.get(f"/taller/{workshop.id}{screen}").status_code == 403, screen


def test_the_results_link_appears_when_the_results_page_exists(app, make, make_browser):
    if "exports.workshop_results" not in app.view_functions:
        results = Blueprint("exports", __name__)
        results.add_url_rule("/talleres/<int:workshop_id>/resultados", "workshop_results", lambda workshop_id: "ok")
        app.register_blueprint(results, name="exports")
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    browser = signed_in(make_browser, moderator)
    shown = page(browser.get(f"/talleres/{workshop.id}"))
    assert f'href="/talleres/{workshop.id}/resultados">Resultados' in shown
