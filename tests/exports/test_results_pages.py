"""The results page (the lab team and the workshop's moderators, during and after the workshop)
and the participants' summary (after the close, without anyone's personal data)."""
import pytest
from sqlalchemy import update

from lab.extensions import db
from lab.workshops.models import Workshop

from .results_room import FORMULA, build_results


@pytest.fixture
def results(app, make):
    return build_results(app, make)


def page(make_browser, person, path):
    browser = make_browser()
    browser.login(person)
    return browser.get(path)


def close(app, workshop):
    with app.app_context():
        db.session.execute(update(Workshop).where(Workshop.id == workshop.id).values(status="closed"))
        db.session.commit()


def test_results_page_shows_every_prompt_round_hand_and_the_downloads(make_browser, results):
    response = page(make_browser, results.moderator, f"/talleres/{results.workshop.id}/resultados")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for text in ("¿Qué actores externos podrían aportar?", "¿Con qué recursos?", "Laboratorios de prototipado",
                 "Idea fuera de tema", "Infraestructura", "Ronda 1", "Ronda 2", "2 personas votaron", "Alicia Ficticia",
                 "Fusionada en la " + str(results.ideas["lab"]), "Bienvenida", "0:20:00", "0:01:15",
                 "3 personas registradas", "Universidad: 2", "Empresa: 1"):
        assert text in html, text
    assert "Bruno Ficticio" not in html  # consent does not cover naming him
    assert FORMULA.replace('"', "&#34;") in html or FORMULA.replace('"', "&quot;") in html  # escaped, shown
    for name in ("asistencia", "agenda", "ideas", "grupos", "votaciones", "turnos", "auditoria"):
        for fmt in ("csv", "xlsx", "pdf"):
            assert f"/talleres/{results.workshop.id}/exportar/{name}.{fmt}" in html
    assert f"/talleres/{results.workshop.id}/exportar/taller.xlsx" in html
    assert 'id="download-status"' in html and 'role="status"' in html


def test_the_anonymised_view_links_anonymised_files(make_browser, results):
    html = page(make_browser, results.lab, f"/talleres/{results.workshop.id}/resultados?anonimo=1").get_data(
        as_text=True)
    assert "exportar/ideas.csv?anonimo=1" in html and "exportar/ideas.csv\"" not in html


def test_results_page_is_for_the_lab_team_and_this_workshops_moderators(make, make_browser, results):
    path = f"/talleres/{results.workshop.id}/resultados"
    assert page(make_browser, results.alice, path).status_code == 403
    assert page(make_browser, make.user(role="moderator"), path).status_code == 403
    assert page(make_browser, results.lab, "/talleres/999999/resultados").status_code == 404
    assert make_browser().get(path).status_code == 302


def test_participants_get_the_summary_only_after_the_close(app, make, make_browser, results):
    path = f"/talleres/{results.workshop.id}/resumen"
    waiting = page(make_browser, results.alice, path)
    assert waiting.status_code == 409 and "cuando el moderador cierre el taller" in waiting.get_data(as_text=True)
    close(app, results.workshop)
    html = page(make_browser, results.alice, path).get_data(as_text=True).split("<main", 1)[1]  # not the menu
    assert "Laboratorios de prototipado" in html and "Infraestructura" in html and "Ronda 1" in html
    assert "3 personas participaron" in html
    for private in ("Alicia", "Bruno", "Mónica", "@ejemplo.test", "Idea fuera de tema", "Laboratorio de prototipos"):
        assert private not in html, private  # no names, no hidden or merged-away ideas
    stranger = make.user()
    assert page(make_browser, stranger, path).status_code == 403
