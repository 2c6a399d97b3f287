"""The lab team's diagnosis pages, through the test client: who may see them, bad input refused on
the field it concerns, a published version read-only."""
import re

import pytest

from lab.board.models import Idea
from lab.diagnosis import report
from lab.diagnosis.models import Diagnosis, GoodPractice, ImprovementAction, Lesson
from lab.extensions import db
from tests.factories import make_user, make_workshop

from .conftest import by_key, validate_all
from .sample import two_workshops


@pytest.fixture
def setup(app):
    with app.app_context():
        sample = two_workshops()
        lab = make_user(role="lab")
        return sample, lab


@pytest.fixture
def lab(browser, setup):
    browser.login(setup[1])
    return browser


def created(lab, setup):
    sample = setup[0]
    response = lab.post("/diagnosticos/nuevo", {"title": "Diagnóstico 2026", "period_start": "2026-01-01",
                                               "period_end": "2026-12-31", "method_note": "Dos talleres",
                                               "workshops": [w.id for w in sample.workshops]})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/diagnosticos/(\d+)", response.headers["Location"]).group(1))


def test_only_the_lab_team_sees_the_diagnosis(app, make_browser, setup):
    for role in ("participant", "moderator"):
        with app.app_context():
            person = make_user(role=role)
        other = make_browser()
        other.login(person)
        assert other.get("/diagnosticos").status_code == 403
    assert make_browser().get("/diagnosticos").status_code == 302  # to the login page


def test_create_from_closed_workshops_and_read_every_section(lab, setup):
    diagnosis_id = created(lab, setup)
    page = lab.get(f"/diagnosticos/{diagnosis_id}").get_data(as_text=True)
    for text in ("Capacidades", "Tecnológicas", "Actores clave por capacidades", "Universidad Industrial de Santander",
                 "Puentes", "Voz: quién fue escuchado", "poco escuchado", "De la brecha a la alianza",
                 "Cámara de Comercio de Bucaramanga", "Plan de mejora", "A3: aporta en economicas",
                 "Poder e interés: la misma información que el gráfico", "Mantener informado",
                 "Universidad Industrial de Santander · Taller B: alianzas"):
        assert text in page, text
    assert lab.get("/diagnosticos").get_data(as_text=True).count("Diagnóstico 2026") == 1
    assert f'href="/diagnosticos/{diagnosis_id}/exportar"' in page  # the exports' downloads of this version


def test_create_refuses_an_empty_selection_and_a_reversed_period(lab, setup):
    response = lab.post("/diagnosticos/nuevo", {"title": "D", "period_start": "2026-05-01",
                                               "period_end": "2026-01-01", "workshops": []})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Talleres: elige al menos un taller cerrado." in page or "Fin del periodo" in page
    with lab.client.application.app_context():
        assert Diagnosis.query.count() == 0


@pytest.mark.parametrize("data, message", [
    ({"validated_level": "7", "target_level": "4"}, "Elige un nivel entre 1 y 5."),
    ({"validated_level": "tres", "target_level": "4"}, "Elige un nivel entre 1 y 5."),
    ({"validated_level": "", "target_level": "9"}, "Elige un nivel entre 1 y 5."),
    ({"validated_level": "4", "target_level": "2"}, "Nivel objetivo: no puede ser inferior al nivel actual (4)."),
])
def test_bad_levels_are_refused_on_their_field(lab, setup, data, message):
    diagnosis_id = created(lab, setup)
    with lab.client.application.app_context():
        row = by_key(db.session.get(Diagnosis, diagnosis_id))["economicas", "external"]
        row_id = row.id
    response = lab.post(f"/diagnosticos/{diagnosis_id}/capacidades/{row_id}",
                        {**data, "narrative": "", "mipg_policy": "conocimiento"})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with lab.client.application.app_context():
        row = db.session.get(Diagnosis, diagnosis_id).assessments[0]
        assert row.validated_level is None


def test_validating_a_level_keeps_the_suggestion_and_says_who(lab, setup):
    diagnosis_id = created(lab, setup)
    with lab.client.application.app_context():
        row_id = by_key(db.session.get(Diagnosis, diagnosis_id))["economicas", "external"].id
    response = lab.post(f"/diagnosticos/{diagnosis_id}/capacidades/{row_id}",
                        {"validated_level": "3", "target_level": "5", "narrative": "Oferta dispersa",
                         "mipg_policy": "participacion"})
    assert response.status_code == 302
    with lab.client.application.app_context():
        row = by_key(db.session.get(Diagnosis, diagnosis_id))["economicas", "external"]
        assert (row.suggested_level, row.validated_level, row.validated_by_id) == (2, 3, setup[1].id)
        assert (row.mipg_dimension, row.mipg_policy) == ("gestion_valores", "participacion")


def test_an_action_without_responsible_unit_is_refused_on_the_page(lab, setup):
    diagnosis_id = created(lab, setup)
    response = lab.post(f"/diagnosticos/{diagnosis_id}/plan", {
        "phase": "hacer", "description": "Convocar", "responsible_unit": "", "status": "pendiente", "gap": "",
        "mipg_policy": "conocimiento"})
    assert response.status_code == 422 and "Unidad o rol responsable" in response.get_data(as_text=True)
    with lab.client.application.app_context():
        assert ImprovementAction.query.count() == 0


def test_overdue_actions_stand_out_on_the_plan(lab, setup):
    diagnosis_id = created(lab, setup)
    lab.post(f"/diagnosticos/{diagnosis_id}/plan", {
        "phase": "hacer", "description": "Convocar a las universidades", "responsible_unit": "Oficina TIC",
        "due_date": "2020-01-31", "status": "pendiente", "gap": "economicas:external",
        "mipg_policy": "conocimiento"})
    page = lab.get(f"/diagnosticos/{diagnosis_id}/plan").get_data(as_text=True)
    assert 'class="overdue"' in page and "vencida" in page


def test_alliance_from_a_gap_lands_on_the_map_and_in_the_plan(lab, setup):
    diagnosis_id = created(lab, setup)
    sample = setup[0]
    with lab.client.application.app_context():
        row_id = by_key(db.session.get(Diagnosis, diagnosis_id))["economicas", "external"].id
    response = lab.post(f"/diagnosticos/{diagnosis_id}/alianzas", {
        "assessment": row_id, "actors": [sample.actors["camara"].id], "responsible_unit": "Secretaría de Desarrollo"})
    assert response.status_code == 302
    page = lab.get(f"/diagnosticos/{diagnosis_id}/plan").get_data(as_text=True)
    assert "Cámara de Comercio de Bucaramanga" in page and "Identificada" in page


def test_lesson_and_ft1311_record_pages(lab, setup):
    diagnosis_id = created(lab, setup)
    sample = setup[0]
    response = lab.post(f"/diagnosticos/{diagnosis_id}/lecciones", {
        "title": "El cronómetro ordena", "recommendation": "Reservar tiempo para votar",
        "workshops": [sample.workshops[0].id], "mipg_policy": "conocimiento"})
    assert response.status_code == 302
    form = lab.get(f"/diagnosticos/{diagnosis_id}/buena-practica").get_data(as_text=True)
    assert "Universidad (4)" in form and "Alcaldía Ficticia" in form
    for person in sample.people:
        assert person.email not in form and person.name not in form
    response = lab.post(f"/diagnosticos/{diagnosis_id}/buena-practica", {
        "name": "Co-creación con actores externos", "contact_email": "no-es-correo", "mipg_policy": "conocimiento"})
    assert response.status_code == 422 and "Correo institucional de contacto" in response.get_data(as_text=True)
    response = lab.post(f"/diagnosticos/{diagnosis_id}/buena-practica", {
        "name": "Co-creación con actores externos", "contact_email": "laboratorio@alcaldia.example",
        "criteria": ["pertinent", "replicable"], "mipg_policy": "conocimiento"})
    assert response.status_code == 302
    with lab.client.application.app_context():
        assert Lesson.query.count() == 1
        assert GoodPractice.query.one().criteria == ["pertinent", "replicable"]


def test_published_version_is_read_only_and_a_new_version_compares(lab, setup):
    diagnosis_id = created(lab, setup)
    with lab.client.application.app_context():
        diagnosis = db.session.get(Diagnosis, diagnosis_id)
        validate_all(diagnosis, db.session.get(type(setup[1]), setup[1].id))
        db.session.commit()
        row_id = diagnosis.assessments[0].id
    assert lab.post(f"/diagnosticos/{diagnosis_id}/publicar").status_code == 302
    response = lab.post(f"/diagnosticos/{diagnosis_id}/capacidades/{row_id}",
                        {"validated_level": "5", "target_level": "5", "mipg_policy": "conocimiento"})
    assert response.status_code == 422 and "solo lectura" in response.get_data(as_text=True)
    response = lab.post(f"/diagnosticos/{diagnosis_id}/lecciones", {"title": "x", "recommendation": "y",
                                                                   "mipg_policy": "conocimiento"})
    assert response.status_code == 422 and "solo lectura" in response.get_data(as_text=True)
    response = lab.post(f"/diagnosticos/{diagnosis_id}/nueva-version")
    new_id = int(re.search(r"/diagnosticos/(\d+)", response.headers["Location"]).group(1))
    page = lab.get(f"/diagnosticos/{new_id}/comparar").get_data(as_text=True)
    assert "Niveles de la versión 1 a la versión 2" in page
    with lab.client.application.app_context():
        assert db.session.get(Diagnosis, new_id).version == 2


def test_another_diagnosis_rows_are_not_found(lab, setup):
    first, second = created(lab, setup), created(lab, setup)
    with lab.client.application.app_context():
        other_row = db.session.get(Diagnosis, second).assessments[0].id
    assert lab.get(f"/diagnosticos/{first}/capacidades/{other_row}").status_code == 404
    assert lab.get("/diagnosticos/999999").status_code == 404


def test_period_dates_are_checked_on_the_form(lab, setup):
    response = lab.post("/diagnosticos/nuevo", {"title": "D", "period_start": "ayer", "period_end": "2026-01-01",
                                               "workshops": [setup[0].workshops[0].id]})
    assert response.status_code == 422 and "No es una fecha válida." in response.get_data(as_text=True)


def test_oversized_text_is_refused_and_nothing_changes(lab, setup):
    diagnosis_id = created(lab, setup)
    with lab.client.application.app_context():
        row_id = db.session.get(Diagnosis, diagnosis_id).assessments[0].id
    response = lab.post(f"/diagnosticos/{diagnosis_id}/capacidades/{row_id}",
                        {"validated_level": "1", "target_level": "4", "narrative": "x" * 5001,
                         "mipg_policy": "conocimiento"})
    assert response.status_code == 422 and "5000" in response.get_data(as_text=True)
    response = lab.post(f"/diagnosticos/{diagnosis_id}/capacidades/{row_id}",
                        {"validated_level": "1", "target_level": "4", "mipg_policy": "no-es-politica"})
    assert response.status_code == 422
    with lab.client.application.app_context():
        assert db.session.get(Diagnosis, diagnosis_id).assessments[0].validated_level is None


def test_the_diagnosis_page_reads_in_english(lab, setup):
    diagnosis_id = created(lab, setup)
    lab.post("/idioma/en", {"next": f"/diagnosticos/{diagnosis_id}"})
    page = lab.get(f"/diagnosticos/{diagnosis_id}").get_data(as_text=True)
    for text in ("Capabilities", "Voice: who was heard", "From gap to alliance", "Key actors by capabilities",
                 "Knowledge and innovation management"):
        assert text in page, text


def test_actions_and_lessons_can_be_edited_until_published(lab, setup):
    diagnosis_id = created(lab, setup)
    lab.post(f"/diagnosticos/{diagnosis_id}/plan", {
        "phase": "hacer", "description": "Convocar", "responsible_unit": "Oficina TIC", "status": "pendiente",
        "gap": "economicas:external", "mipg_policy": "conocimiento"})
    lab.post(f"/diagnosticos/{diagnosis_id}/lecciones", {"title": "Primera", "recommendation": "Votar antes",
                                                        "workshops": [setup[0].workshops[1].id],
                                                        "mipg_policy": "conocimiento"})
    with lab.client.application.app_context():
        action_id, lesson_id = ImprovementAction.query.one().id, Lesson.query.one().id
    form = lab.get(f"/diagnosticos/{diagnosis_id}/plan/{action_id}").get_data(as_text=True)
    assert 'value="Oficina TIC"' in form and '<option selected value="economicas:external">' in form
    response = lab.post(f"/diagnosticos/{diagnosis_id}/plan/{action_id}", {
        "phase": "actuar", "description": "Convocar a todas", "responsible_unit": "", "status": "en_curso",
        "gap": "", "mipg_policy": "conocimiento"})
    assert response.status_code == 422 and "Unidad o rol responsable" in response.get_data(as_text=True)
    response = lab.post(f"/diagnosticos/{diagnosis_id}/plan/{action_id}", {
        "phase": "actuar", "description": "Convocar a todas", "responsible_unit": "Planeación", "status": "en_curso",
        "gap": "", "mipg_policy": "gobierno_digital"})
    assert response.status_code == 302
    form = lab.get(f"/diagnosticos/{diagnosis_id}/lecciones/{lesson_id}").get_data(as_text=True)
    assert 'value="Primera"' in form
    response = lab.post(f"/diagnosticos/{diagnosis_id}/lecciones/{lesson_id}", {
        "title": "Primera, revisada", "recommendation": "Votar antes de socializar",
        "workshops": [setup[0].workshops[0].id], "mipg_policy": "conocimiento"})
    assert response.status_code == 302
    with lab.client.application.app_context():
        action, lesson = ImprovementAction.query.one(), Lesson.query.one()
        assert (action.phase, action.responsible_unit, action.mipg_dimension, action.gap_category) == \
            ("actuar", "Planeación", "gestion_valores", "")
        assert lesson.title == "Primera, revisada" and [w.id for w in lesson.workshops] == [setup[0].workshops[0].id]


def test_each_piece_of_evidence_shows_the_question_its_idea_answered(app, lab, setup):
    diagnosis_id = created(lab, setup)
    page = lab.get(f"/diagnosticos/{diagnosis_id}").get_data(as_text=True)
    question = "¿Qué actores externos podrían aportar al laboratorio? ¿Con qué?"
    assert "pregunta: " + question in page
    with app.app_context():
        evidence = [e for row in report.capabilities(db.session.get(Diagnosis, diagnosis_id)) for e in row["evidence"]]
    assert evidence and {e["prompt"] for e in evidence} == {question}


LESSON = {"title": "El cronómetro ordena", "recommendation": "Reservar tiempo para votar",
          "mipg_policy": "conocimiento"}


def test_a_lesson_cites_ideas_found_by_their_text_with_their_workshop_and_question(app, lab, setup):
    diagnosis_id = created(lab, setup)
    sample = setup[0]
    found = lab.get(f"/diagnosticos/{diagnosis_id}/lecciones?q=a1").get_data(as_text=True)
    chosen = sample.ideas["a-uis"].id
    assert f'value="{chosen}"' in found and "A1: aporta en tecnologicas — Taller A: capacidades externas" in found
    assert "B1: aporta" not in found
    response = lab.post(f"/diagnosticos/{diagnosis_id}/lecciones?q=a1",
                        {**LESSON, "ideas": [chosen, sample.ideas["b-uis"].id]})
    assert response.status_code == 302
    page = lab.get(f"/diagnosticos/{diagnosis_id}/lecciones").get_data(as_text=True)
    assert "Ideas citadas" in page and "B1: aporta en tecnologicas" in page and "Taller B: alianzas" in page
    assert "pregunta: ¿Qué actores externos podrían aportar al laboratorio? ¿Con qué?" in page
    with app.app_context():
        cited = report.lessons(db.session.get(Diagnosis, diagnosis_id))[0]["ideas"]
    assert [(c["idea_id"], c["workshop_id"], c["removed"]) for c in cited] == \
        [(chosen, sample.workshops[0].id, False), (sample.ideas["b-uis"].id, sample.workshops[1].id, False)]


def test_ideas_outside_the_diagnosis_or_hidden_are_refused_and_nothing_is_saved(app, lab, setup):
    diagnosis_id = created(lab, setup)
    with app.app_context():
        other = make_workshop(title="Taller ajeno", status="closed")
        stranger = Idea(workshop_id=other.id, prompt_id=other.activities[0].prompts[0].id, client_id="ajena",
                        text="A1: idea de otro taller")
        hidden = db.session.get(Idea, setup[0].ideas["a-sena"].id)
        hidden.hidden = True
        db.session.add(stranger)
        db.session.commit()
        ids = [stranger.id, hidden.id]
    found = lab.get(f"/diagnosticos/{diagnosis_id}/lecciones?q=A").get_data(as_text=True)
    assert "A1: aporta" in found and "A1: idea de otro taller" not in found and "A2: aporta" not in found
    for idea_id in ids:
        response = lab.post(f"/diagnosticos/{diagnosis_id}/lecciones", {**LESSON, "ideas": [idea_id]})
        assert response.status_code == 422 and "Ideas citadas: elige ideas" in response.get_data(as_text=True)
    with app.app_context():
        assert Lesson.query.count() == 0


def test_a_cited_idea_deleted_later_stays_in_the_lesson_marked_removed(app, lab, setup):
    diagnosis_id = created(lab, setup)
    idea_id = setup[0].ideas["a-camara"].id
    lab.post(f"/diagnosticos/{diagnosis_id}/lecciones", {**LESSON, "ideas": [idea_id]})
    with app.app_context():
        db.session.execute(db.delete(Idea).where(Idea.id == idea_id))
        db.session.commit()
        lesson_id = Lesson.query.one().id
    page = lab.get(f"/diagnosticos/{diagnosis_id}/lecciones").get_data(as_text=True)
    assert "A3: aporta en economicas" in page and "idea eliminada" in page
    response = lab.post(f"/diagnosticos/{diagnosis_id}/lecciones/{lesson_id}", {**LESSON, "ideas": []})
    assert response.status_code == 302
    with app.app_context():
        assert [(c.text, c.removed) for c in Lesson.query.one().ideas] == [("A3: aporta en economicas", True)]
