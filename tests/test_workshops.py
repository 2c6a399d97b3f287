"""Workshop management by the lab team: create, edit, structure, moderators, search, access."""
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from lab.board.models import Idea
from lab.extensions import db
from lab.workshops.models import Activity, Prompt, Workshop

SEED = "taller-alianzas-laboratorio"
SEED_AGENDA = [
    "Innovación y la cultura del dato",
    "¿Qué es la innovación pública?",
    "Laboratorios de innovación pública y su importancia",
    "Objetivo y propósito del taller",
    "Explicación del taller",
    "Actividad en el tablero digital",
    "Socialización de resultados",
]
SEED_RULES = ["Encender cámara", "Cumplir con los tiempos", "Participación", "Micrófono en silencio"]


def signed_in(make_browser, user):
    """A browser holding `user`'s session, as after logging in."""
    browser = make_browser()
    with browser.client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return browser


def load(app, workshop_id):
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        # Touch the relationships so they stay readable after the context closes.
        for activity in workshop.activities:
            list(activity.prompts)
        list(workshop.agenda)
        list(workshop.moderators)
        return workshop


def page(response):
    return response.get_data(as_text=True)


@pytest.fixture
def lab(make, make_browser):
    return signed_in(make_browser, make.user(role="lab"))


def create(lab, template="", title=""):
    response = lab.post("/talleres/nuevo", {"template": template, "title": title})
    assert response.status_code == 302, page(response)
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


# --- creation ---------------------------------------------------------------------------------

def test_create_from_seed_template_copies_agenda_rules_activities_and_prompts(app, lab):
    workshop = load(app, create(lab, SEED))
    assert workshop.title == "Construyendo colaboraciones para el futuro Laboratorio de Innovación Pública"
    assert workshop.status == "draft" and workshop.template_key == SEED
    assert [item.title for item in workshop.agenda] == SEED_AGENDA
    assert [item.position for item in workshop.agenda] == list(range(7))
    assert [rule["title"] for rule in workshop.rules] == SEED_RULES
    assert "1 minuto" in workshop.rules[1]["text"]
    assert "alianzas estratégicas" in workshop.objective
    mapping, alliances = workshop.activities
    assert mapping.agenda_item_id == workshop.agenda[5].id
    assert alliances.agenda_item_id == workshop.agenda[6].id
    categories = ["físicas", "humanas", "tecnológicas", "económicas", "sociales"]
    assert len(mapping.prompts) == 5
    for prompt, category in zip(mapping.prompts, categories, strict=True):
        assert category in prompt.text.lower()
        assert prompt.asks_actor and prompt.asks_category and prompt.seconds == 60
    assert "alianzas estratégicas" in alliances.prompts[0].text
    every_prompt = mapping.prompts + alliances.prompts
    assert all(p.workshop_id == workshop.id for p in every_prompt)
    assert len(workshop.join_code) == 6


def test_create_blank_needs_a_title(app, lab):
    response = lab.post("/talleres/nuevo", {"template": "", "title": ""})
    assert response.status_code == 422
    assert "Escribe un título para el taller en blanco." in page(response)
    workshop = load(app, create(lab, "", "Taller en blanco"))
    assert workshop.title == "Taller en blanco"
    assert workshop.agenda == [] and workshop.rules == [] and workshop.activities == []


def test_create_with_unknown_template_is_refused(app, lab):
    response = lab.post("/talleres/nuevo", {"template": "no-existe", "title": "x"})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(db.func.count(Workshop.id))) == 0


# --- details ----------------------------------------------------------------------------------

GOOD = {"title": "Taller editado", "entity": "Alcaldía Ficticia", "date": "2026-03-10", "time": "09:30",
        "timezone": "America/Bogota", "modality": "hibrido", "meeting_link": "https://reunion.ejemplo.test/abc",
        "objective": "Mapear capacidades", "purpose": "Conversar", "status": "scheduled"}


def test_details_are_saved_and_the_time_is_entered_in_the_workshops_zone(app, lab):
    workshop_id = create(lab, "", "Original")
    response = lab.post(f"/talleres/{workshop_id}", GOOD)
    assert response.status_code == 302
    workshop = load(app, workshop_id)
    assert workshop.starts_at == datetime(2026, 3, 10, 14, 30, tzinfo=UTC)  # Bogotá is UTC-5
    assert (workshop.title, workshop.modality, workshop.status) == ("Taller editado", "hibrido", "scheduled")
    shown = page(lab.get(f"/talleres/{workshop_id}"))
    assert 'value="09:30"' in shown and "America/Bogota" in shown

    lab.post(f"/talleres/{workshop_id}", {**GOOD, "timezone": "Europe/Madrid", "time": "15:30"})
    assert load(app, workshop_id).starts_at == datetime(2026, 3, 10, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize("change, message", [
    ({"title": ""}, "Este campo es obligatorio."),
    ({"title": "x" * 201}, "Escribe como máximo 200 caracteres."),
    ({"timezone": "Marte/Olympus"}, "Zona horaria desconocida"),
    ({"meeting_link": "javascript:alert(1)"}, "El enlace debe empezar por http:// o https://."),
    ({"timezone": "America"}, "Zona horaria desconocida"),
    ({"modality": "telepatía"}, "Opción inválida."),
    ({"status": "archivado"}, "Opción inválida."),
    ({"time": ""}, "Indica la fecha y la hora, o deja ambas vacías."),
    ({"date": "10/03/2026"}, "No es una fecha válida."),
])
def test_bad_details_are_refused_and_nothing_changes(app, lab, change, message):
    workshop_id = create(lab, SEED)
    before = load(app, workshop_id)
    response = lab.post(f"/talleres/{workshop_id}", {**GOOD, **change})
    assert response.status_code == 422
    assert message in page(response)
    after = load(app, workshop_id)
    assert (after.title, after.modality, after.meeting_link, after.starts_at, after.updated_at) == (
        before.title, before.modality, before.meeting_link, before.starts_at, before.updated_at)


# --- join code ----------------------------------------------------------------------------------

def test_join_code_and_absolute_link_are_shown_and_can_be_regenerated(app, lab):
    workshop_id = create(lab, "", "Con código")
    old = load(app, workshop_id).join_code
    assert f"http://localhost/unirse/{old}" in page(lab.get(f"/talleres/{workshop_id}"))
    assert lab.post(f"/talleres/{workshop_id}/codigo").status_code == 302
    new = load(app, workshop_id).join_code
    assert new != old and len(new) == 6
    assert lab.get(f"/unirse/{old}").status_code == 404


# --- rules ------------------------------------------------------------------------------------

def test_rules_are_added_edited_reordered_and_removed(app, lab):
    workshop_id = create(lab, "", "Reglas")
    base = f"/talleres/{workshop_id}/reglas"
    lab.post(base, {"title": "Encender cámara", "text": "Para vernos."})
    lab.post(base, {"title": "Micrófono en silencio", "text": ""})
    assert lab.post(base, {"title": "", "text": "sin título"}).status_code == 422
    lab.post(f"{base}/1/mover", {"direction": "up"})
    assert [r["title"] for r in load(app, workshop_id).rules] == ["Micrófono en silencio", "Encender cámara"]
    lab.post(f"{base}/0", {"title": "Silencio", "text": "Micrófono apagado."})
    lab.post(f"{base}/1/eliminar")
    assert load(app, workshop_id).rules == [{"title": "Silencio", "text": "Micrófono apagado."}]
    response = lab.post(f"{base}/7", {"title": "Fantasma", "text": ""}, follow_redirects=True)
    assert "Esa regla ya no existe" in page(response)


# --- agenda -----------------------------------------------------------------------------------

def test_agenda_items_are_added_edited_moved_and_deleted(app, lab):
    workshop_id = create(lab, SEED)
    base = f"/talleres/{workshop_id}/agenda"
    response = lab.post(base, {"title": "Pausa activa", "minutes": "5", "presenter": "", "kind": "pausa"})
    assert response.status_code == 302
    workshop = load(app, workshop_id)
    pause = workshop.agenda[-1]
    assert (pause.title, pause.minutes, pause.kind, pause.position) == ("Pausa activa", 5, "pausa", 7)
    lab.post(f"{base}/{pause.id}/mover", {"direction": "up"})
    assert [i.title for i in load(app, workshop_id).agenda][-2:] == ["Pausa activa", "Socialización de resultados"]
    lab.post(f"{base}/{pause.id}", {"title": "Pausa", "minutes": "10", "presenter": "Nadie", "kind": "pausa"})
    assert load(app, workshop_id).agenda[6].minutes == 10
    activity_slot = workshop.agenda[5]
    lab.post(f"{base}/{activity_slot.id}/eliminar")
    workshop = load(app, workshop_id)
    assert len(workshop.agenda) == 7 and [i.position for i in workshop.agenda] == list(range(7))
    assert workshop.activities[0].agenda_item_id is None  # the activity stays, without its slot


@pytest.mark.parametrize("minutes", ["0", "abc", "", "601", "-3"])
def test_agenda_minutes_must_be_between_1_and_600(app, lab, minutes):
    workshop_id = create(lab, SEED)
    base = f"/talleres/{workshop_id}/agenda"
    response = lab.post(base, {"title": "Nuevo", "minutes": minutes, "kind": "charla"})
    assert response.status_code == 422
    first = load(app, workshop_id).agenda[0]
    response = lab.post(f"{base}/{first.id}", {"title": "Cambiado", "minutes": minutes, "kind": "charla"})
    assert response.status_code == 422 and 'aria-invalid="true"' in page(response)
    workshop = load(app, workshop_id)
    assert len(workshop.agenda) == 7 and workshop.agenda[0].title == SEED_AGENDA[0]


def test_agenda_item_of_another_workshop_is_not_found(app, lab, make):
    mine, other = create(lab, SEED), make.workshop()
    foreign = load(app, other.id).agenda[0]
    response = lab.post(f"/talleres/{mine}/agenda/{foreign.id}", {"title": "x", "minutes": "5", "kind": "charla"})
    assert response.status_code == 404
    assert load(app, other.id).agenda[0].title == foreign.title


# --- activities and prompts -------------------------------------------------------------------

def test_activity_and_prompts_are_managed_with_defaults(app, lab):
    workshop_id = create(lab, "", "Preguntas")
    response = lab.post(f"/talleres/{workshop_id}/actividades",
                        {"title": "Mapeo", "instructions": "", "agenda_item": ""})
    activity = load(app, workshop_id).activities[0]
    assert response.headers["Location"].endswith(f"/actividades/{activity.id}/preguntas")
    base = f"/talleres/{workshop_id}/actividades/{activity.id}/preguntas"
    lab.post(base, {"text": "¿Quién aporta?", "seconds": "60", "reveal_mode": "visible", "asks_actor": "y"})
    lab.post(base, {"text": "¿Con qué?", "seconds": "90", "reveal_mode": "hidden", "asks_category": "y"})
    assert lab.post(base, {"text": "x" * 501, "seconds": "60", "reveal_mode": "visible"}).status_code == 422
    assert lab.post(base, {"text": "ok", "seconds": "5", "reveal_mode": "visible"}).status_code == 422
    first, second = load(app, workshop_id).activities[0].prompts
    assert (first.seconds, first.asks_actor, first.asks_category, first.reveal_mode) == (60, True, False, "visible")
    assert (second.seconds, second.asks_category, second.reveal_mode) == (90, True, "hidden")
    assert first.workshop_id == second.workshop_id == workshop_id
    lab.post(f"{base}/{second.id}/mover", {"direction": "up"})
    assert [p.text for p in load(app, workshop_id).activities[0].prompts] == ["¿Con qué?", "¿Quién aporta?"]
    lab.post(f"{base}/{first.id}", {"text": "¿Quién podría aportar?", "seconds": "120", "reveal_mode": "visible"})
    edited = load(app, workshop_id).activities[0].prompts[1]
    assert (edited.text, edited.seconds, edited.asks_actor) == ("¿Quién podría aportar?", 120, False)
    lab.post(f"{base}/{first.id}/eliminar")
    assert [p.text for p in load(app, workshop_id).activities[0].prompts] == ["¿Con qué?"]


def test_prompt_with_ideas_cannot_be_deleted(app, lab, make):
    workshop_id = create(lab, SEED)
    author = make.user()
    prompt = load(app, workshop_id).activities[0].prompts[0]
    with app.app_context():
        db.session.add(Idea(workshop_id=workshop_id, prompt_id=prompt.id, author_id=author.id, client_id="c1",
                            text="La universidad aporta laboratorios"))
        db.session.commit()
    activity_id = prompt.activity_id
    response = lab.post(f"/talleres/{workshop_id}/actividades/{activity_id}/preguntas/{prompt.id}/eliminar",
                        follow_redirects=True)
    assert "ya tiene ideas" in page(response)
    response = lab.post(f"/talleres/{workshop_id}/actividades/{activity_id}/eliminar", follow_redirects=True)
    assert "sus preguntas ya tienen ideas" in page(response)
    with app.app_context():
        assert db.session.get(Prompt, prompt.id) is not None
        assert db.session.get(Activity, activity_id) is not None


# --- moderators -------------------------------------------------------------------------------

def test_only_existing_moderator_or_lab_accounts_can_be_assigned(app, lab, make):
    workshop_id = create(lab, "", "Con moderación")
    moderator = make.user(role="moderator", email="moderadora@ejemplo.test")
    make.user(role="participant", email="participante@ejemplo.test")
    base = f"/talleres/{workshop_id}/moderadores"
    response = lab.post(base, {"email": "participante@ejemplo.test"})
    assert response.status_code == 422 and "no tiene el rol de moderador" in page(response)
    response = lab.post(base, {"email": "nadie@ejemplo.test"})
    assert response.status_code == 422 and "No hay ninguna cuenta con ese correo." in page(response)
    assert lab.post(base, {"email": " Moderadora@Ejemplo.test "}).status_code == 302
    assert [m.id for m in load(app, workshop_id).moderators] == [moderator.id]
    lab.post(f"{base}/{moderator.id}/quitar")
    assert load(app, workshop_id).moderators == []


# --- who may do what --------------------------------------------------------------------------

def test_participants_and_other_moderators_get_403(app, make, make_browser):
    workshop = make.workshop()
    for role in ("participant", "moderator"):
        person = signed_in(make_browser, make.user(role=role))
        for url in ("/talleres/nuevo", "/plantillas", f"/talleres/{workshop.id}", f"/talleres/{workshop.id}/agenda"):
            assert person.get(url).status_code == 403, (role, url)
        assert person.post(f"/talleres/{workshop.id}", GOOD).status_code == 403
    participant = signed_in(make_browser, make.user(role="participant"))
    assert participant.get("/talleres").status_code == 403


def test_assigned_moderator_sees_the_workshop_read_only(app, make, make_browser):
    moderator = make.user(role="moderator")
    mine, other = make.workshop(moderators=[moderator], title="El mío"), make.workshop(title="El ajeno")
    person = signed_in(make_browser, moderator)
    listing = page(person.get("/talleres"))
    assert "El mío" in listing and "El ajeno" not in listing
    view = person.get(f"/talleres/{mine.id}/agenda")
    assert view.status_code == 200 and "Bienvenida" in page(view) and "<form" not in page(view).split("<main")[1]
    edit = person.post(f"/talleres/{mine.id}/agenda", {"title": "x", "minutes": "5", "kind": "charla"})
    assert edit.status_code == 403
    assert person.get(f"/talleres/{other.id}").status_code == 403


def test_anonymous_is_sent_to_log_in(client, make):
    workshop = make.workshop()
    for url in ("/talleres", "/talleres/nuevo", f"/talleres/{workshop.id}", "/plantillas"):
        response = client.get(url)
        assert response.status_code == 302 and "/entrar" in response.headers["Location"], url


def test_form_without_csrf_token_is_rejected(app, make, make_browser):
    lab_user = make.user(role="lab")
    workshop = make.workshop()
    browser = signed_in(make_browser, lab_user)
    response = browser.client.post(f"/talleres/{workshop.id}", data=GOOD)
    assert response.status_code == 400
    assert "El formulario caducó" in page(response)
    assert load(app, workshop.id).title == "Taller de prueba"


# --- listing and search -----------------------------------------------------------------------

def test_search_by_title_code_and_status_and_filter_newest_first(app, lab, make):
    first = make.workshop(title="Alianzas universitarias", status="draft")
    second = make.workshop(title="Datos abiertos", status="live")
    third = make.workshop(title="Alianzas con empresas", status="closed")
    listing = page(lab.get("/talleres"))
    assert listing.index("Alianzas con empresas") < listing.index("Datos abiertos") < listing.index(
        "Alianzas universitarias")
    found = page(lab.get("/talleres?q=alianzas"))
    assert "Alianzas universitarias" in found and "Alianzas con empresas" in found and "Datos abiertos" not in found
    found = page(lab.get(f"/talleres?q={second.join_code.lower()}"))
    assert "Datos abiertos" in found and "Alianzas" not in found.split("<table")[1]
    found = page(lab.get("/talleres?q=en+vivo"))
    assert "Datos abiertos" in found and "Alianzas universitarias" not in found
    found = page(lab.get("/talleres?q=alianzas&status=closed"))
    assert "Alianzas con empresas" in found and "Alianzas universitarias" not in found
    assert "Ningún taller coincide" in page(lab.get("/talleres?q=%25"))
    assert first.id != third.id


def test_activities_are_linked_to_agenda_items_moved_and_deleted(app, lab):
    workshop_id = create(lab, SEED)
    workshop = load(app, workshop_id)
    mapping, alliances = workshop.activities
    base = f"/talleres/{workshop_id}/actividades"
    response = lab.post(f"{base}/{alliances.id}", {"title": "Alianzas", "instructions": "",
                                                   "agenda_item": str(workshop.agenda[0].id)})
    assert response.status_code == 302
    assert load(app, workshop_id).activities[1].agenda_item_id == workshop.agenda[0].id
    response = lab.post(f"{base}/{alliances.id}", {"title": "Alianzas", "agenda_item": "999999"})
    assert response.status_code == 422
    assert lab.post(f"{base}/{alliances.id}", {"title": "", "agenda_item": ""}).status_code == 422
    lab.post(f"{base}/{alliances.id}/mover", {"direction": "up"})
    assert [a.title for a in load(app, workshop_id).activities] == ["Alianzas", mapping.title]
    lab.post(f"{base}/{alliances.id}/eliminar")
    remaining = load(app, workshop_id).activities
    assert [a.title for a in remaining] == [mapping.title] and remaining[0].position == 0
    with app.app_context():
        assert db.session.scalar(select(db.func.count(Prompt.id)).filter_by(workshop_id=workshop_id)) == 5


def test_a_new_workshop_never_reuses_a_join_code(app, lab, make, monkeypatch):
    taken = make.workshop().join_code
    codes = iter([taken, taken, "NUEVO2"])
    monkeypatch.setattr("lab.workshops.service.new_join_code", lambda: next(codes))
    assert load(app, create(lab, "", "Sin choque")).join_code == "NUEVO2"


def test_moves_past_the_ends_change_nothing(app, lab):
    workshop_id = create(lab, SEED)
    first, last = load(app, workshop_id).agenda[0], load(app, workshop_id).agenda[-1]
    lab.post(f"/talleres/{workshop_id}/agenda/{first.id}/mover", {"direction": "up"})
    lab.post(f"/talleres/{workshop_id}/agenda/{last.id}/mover", {"direction": "down"})
    lab.post(f"/talleres/{workshop_id}/agenda/{first.id}/mover", {"direction": "sideways"})
    assert [i.title for i in load(app, workshop_id).agenda] == SEED_AGENDA
