"""Accounts over HTTP: sign-up with consent, login, logout, profile, password, personal data,
account deletion and the lab team's people pages."""
import json
import re
import time
from unittest import mock

import pytest
from sqlalchemy import func, select

from lab.accounts.consent import CONSENT_VERSION, consent_paragraphs
from lab.accounts.models import User
from lab.attendance.models import Attendance
from lab.board.models import Idea
from lab.extensions import db
from lab.live.models import Hand
from lab.workshops.models import Participation, Prompt

from .conftest import Browser, csrf_token
from .factories import PASSWORD, make_user

NEW_PASSWORD = "otra-clave-secreta-456"


def signup_data(**changes):
    data = {
        "name": "Persona Ficticia Nueva", "email": "nueva@ejemplo.test", "organisation": "Universidad Imaginaria",
        "org_type": "universidad", "position": "Investigadora", "phone": "+57 300 000 0000",
        "password": PASSWORD, "confirm": PASSWORD, "consent": "y",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def users(app):
    with app.app_context():
        return db.session.scalars(select(User).order_by(User.id)).all()


def user_by_email(app, email):
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


def page(response):
    return response.get_data(as_text=True)


def is_logged_in(client):
    return client.get("/cuenta").status_code == 200


# --- sign-up ---------------------------------------------------------------------------------

def test_signup_page_shows_consent_and_says_the_first_account_is_lab(client):
    text = page(client.get("/registro"))
    assert "Ley 1581 de 2012" in text
    assert "el laboratorio de innovación pública de la entidad" in text
    assert CONSENT_VERSION in text
    assert "será del equipo del laboratorio" in text
    assert 'autocomplete="new-password"' in text and 'autocomplete="email"' in text


def test_first_account_becomes_lab_and_is_logged_in(app, browser):
    response = browser.post("/registro", signup_data(email="Persona.Primera@Ejemplo.TEST"))
    assert response.status_code == 302
    [user] = users(app)
    assert user.role == "lab"
    assert user.email == "persona.primera@ejemplo.test"
    assert user.consent_version == CONSENT_VERSION and user.consent_at is not None
    assert user.password_hash and PASSWORD not in user.password_hash
    assert is_logged_in(browser)


def test_second_account_is_participant_and_the_page_no_longer_promises_lab(app, make, browser):
    make.user(role="lab")
    assert "será del equipo del laboratorio" not in page(browser.get("/registro"))
    assert browser.post("/registro", signup_data()).status_code == 302
    assert user_by_email(app, "nueva@ejemplo.test").role == "participant"


def test_signup_honours_a_safe_next(make, browser):
    make.user(role="lab")
    response = browser.post("/registro", signup_data(next="/unirse/ABC234"))
    assert response.headers["Location"] == "/unirse/ABC234"


def test_duplicate_email_in_another_case_is_refused(app, make, browser):
    make.user(email="ocupada@ejemplo.test")
    response = browser.post("/registro", signup_data(email="OCUPADA@Ejemplo.test"))
    assert response.status_code == 422
    assert "No podemos registrar este correo" in page(response)
    assert len(users(app)) == 1


@pytest.mark.parametrize("changes, message", [
    ({"name": None}, "Escribe tu nombre."),
    ({"name": "   "}, "Escribe tu nombre."),
    ({"name": "N" * 500}, "Escribe como máximo 120 caracteres."),
    ({"email": "no-es-un-correo"}, "Escribe un correo válido"),
    ({"email": "a" * 250 + "@ejemplo.test"}, "Escribe como máximo 254 caracteres."),
    ({"organisation": None}, "Escribe tu organización."),
    ({"org_type": "marciana"}, "Elige un tipo de organización de la lista."),
    ({"org_type": None}, "Elige el tipo de organización."),
    ({"position": "C" * 121}, "Escribe como máximo 120 caracteres."),
    ({"phone": "llámame"}, "Escribe solo números"),
    ({"password": "corta", "confirm": "corta"}, "La contraseña debe tener entre 10 y 128 caracteres."),
    ({"password": "x" * 129, "confirm": "x" * 129}, "La contraseña debe tener entre 10 y 128 caracteres."),
    ({"confirm": "no-es-la-misma-clave"}, "Las dos contraseñas no coinciden."),
])
def test_signup_with_a_bad_field_stores_nothing_and_says_why(app, browser, changes, message):
    response = browser.post("/registro", signup_data(**changes))
    assert response.status_code == 422
    text = page(response)
    assert message in text
    assert 'aria-invalid="true"' in text and "-error" in text
    assert users(app) == []
    assert not is_logged_in(browser)


def test_no_consent_no_account(app, browser):
    response = browser.post("/registro", signup_data(consent=None))
    assert response.status_code == 422
    assert "Sin tu autorización no podemos registrarte." in page(response)
    assert users(app) == []


def test_a_form_without_csrf_token_is_rejected_and_nothing_stored(app, client):
    response = client.post("/registro", data=signup_data())
    assert response.status_code == 400
    assert users(app) == []


def test_signed_in_person_visiting_signup_goes_to_their_account(make, browser):
    browser.login(make.user())
    assert browser.get("/registro").headers["Location"] == "/cuenta"


# --- log in / log out -----------------------------------------------------------------------

def test_login_and_generic_error_for_wrong_password_or_unknown_email(make, browser):
    user = make.user()
    wrong_password = browser.login(user, "no-es-la-clave")
    unknown_email = browser.login("nadie@ejemplo.test", PASSWORD)
    assert wrong_password.status_code == unknown_email.status_code == 422
    for response in (wrong_password, unknown_email):
        assert "El correo o la contraseña no son correctos." in page(response)
    assert not is_logged_in(browser)
    assert browser.login(user.email.upper(), PASSWORD).status_code == 302
    assert is_logged_in(browser)


@pytest.mark.parametrize("target, expected", [
    ("/cuenta", "/cuenta"),
    ("/talleres?q=uno", "/talleres?q=uno"),
    ("//evil.example/", "/"),
    ("https://evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
])
def test_login_follows_only_a_relative_next(make, browser, target, expected):
    user = make.user()
    response = browser.post("/entrar", {"email": user.email, "password": PASSWORD, "next": target})
    assert response.headers["Location"] == expected


def test_login_page_keeps_next_from_the_query_string(browser):
    assert 'value="/cuenta"' in page(browser.get("/entrar?next=/cuenta"))


def test_anonymous_is_sent_to_login_and_back(make, browser):
    response = browser.get("/cuenta")
    assert response.status_code == 302 and response.headers["Location"].startswith("/entrar?next=")
    user = make.user()
    response = browser.post(response.headers["Location"], {"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/cuenta"


def test_login_is_rate_limited_after_failed_attempts(make_app):
    app = make_app(LOGIN_RATE_LIMIT="3 per minute")
    browser = Browser(app.test_client())
    with app.app_context():
        user = make_user()
    for _ in range(3):
        assert browser.login(user, "no-es-la-clave").status_code == 422
    blocked = browser.login(user, PASSWORD)
    assert blocked.status_code == 429
    assert "Demasiados intentos" in page(blocked)
    assert browser.get("/entrar").status_code == 200  # only POST is limited


def test_successful_logins_do_not_use_up_the_limit(make_app):
    # A whole room behind one network address logs in at the same time.
    app = make_app(LOGIN_RATE_LIMIT="3 per minute")
    with app.app_context():
        people = [make_user() for _ in range(6)]
    for person in people:
        assert Browser(app.test_client()).login(person).status_code == 302


def test_logout_invalidates_a_copied_cookie(app, make, browser):
    browser.login(make.user())
    stolen = browser.client.get_cookie("session").value
    assert browser.logout().status_code == 302
    assert not is_logged_in(browser)
    other = app.test_client()
    other.set_cookie("session", stolen)
    assert other.get("/cuenta").status_code == 302


def test_logout_only_by_post(make, browser):
    browser.login(make.user())
    assert browser.get("/salir").status_code == 405
    assert is_logged_in(browser)


# --- profile and password ---------------------------------------------------------------------

def profile_data(**changes):
    data = {"name": "Persona Renombrada", "organisation": "Centro Ficticio", "org_type": "centro",
            "position": "Coordinadora", "phone": "", "locale": "en"}
    data.update(changes)
    return data


def test_profile_edit_is_stored(app, make, browser):
    user = make.user()
    browser.login(user)
    assert 'autocomplete="organization"' in page(browser.get("/cuenta"))
    assert browser.post("/cuenta", profile_data()).status_code == 302
    stored = user_by_email(app, user.email)
    assert (stored.name, stored.organisation, stored.org_type, stored.position, stored.phone, stored.locale) == (
        "Persona Renombrada", "Centro Ficticio", "centro", "Coordinadora", "", "en")


@pytest.mark.parametrize("changes", [{"org_type": "otro"}, {"locale": "fr"}, {"name": "x" * 500}, {"name": ""}])
def test_profile_rejects_bad_input_and_keeps_the_old_values(app, make, browser, changes):
    user = make.user()
    browser.login(user)
    response = browser.post("/cuenta", profile_data(**changes))
    assert response.status_code == 422
    assert user_by_email(app, user.email).name == user.name


def test_password_change_needs_the_current_one_and_ends_other_sessions(app, make, browser, make_browser):
    user = make.user()
    browser.login(user)
    elsewhere = make_browser()
    elsewhere.login(user)
    wrong = browser.post("/cuenta/contrasena", {"current": "no-es-la-clave", "password": NEW_PASSWORD,
                                                "confirm": NEW_PASSWORD})
    assert wrong.status_code == 422 and "La contraseña actual no es correcta." in page(wrong)
    assert is_logged_in(elsewhere)

    ok = browser.post("/cuenta/contrasena", {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert ok.status_code == 302
    assert is_logged_in(browser)
    assert not is_logged_in(elsewhere)
    assert make_browser().login(user, PASSWORD).status_code == 422
    assert make_browser().login(user, NEW_PASSWORD).status_code == 302


# --- personal data ----------------------------------------------------------------------------

def post_idea(app, workshop, author, text):
    with app.app_context():
        db.session.add(Idea(workshop_id=workshop.id, prompt_id=_first_prompt_id(workshop), author_id=author.id,
                            client_id=f"c-{author.id}-{len(text)}", text=text))
        db.session.commit()


def _first_prompt_id(workshop):
    return db.session.scalar(select(Prompt.id).where(Prompt.workshop_id == workshop.id))


def attend(app, workshop, user):
    with app.app_context():
        db.session.add(Attendance(workshop_id=workshop.id, user_id=user.id, sid=f"sid-{user.id}", name=user.name,
                                  email=user.email, organisation=user.organisation, org_type=user.org_type,
                                  position=user.position, role="participant"))
        db.session.add(Hand(workshop_id=workshop.id, user_id=user.id))
        db.session.commit()


@pytest.fixture
def two_people_in_a_workshop(app, make):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    me = make.join(make.user(name="Persona Ficticia Yo", email="yo@ejemplo.test"), workshop)
    other = make.join(make.user(name="Persona Ficticia Otra", email="otra@ejemplo.test"), workshop)
    post_idea(app, workshop, me, "Mi idea: un convenio con la universidad")
    post_idea(app, workshop, other, "La idea de otra persona")
    attend(app, workshop, me)
    attend(app, workshop, other)
    return workshop, me, other


def test_my_data_is_a_json_download_with_my_ideas_and_nothing_of_others(browser, two_people_in_a_workshop):
    workshop, me, other = two_people_in_a_workshop
    browser.login(me)
    response = browser.get("/cuenta/mis-datos.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["email"] == "yo@ejemplo.test"
    assert data["consent"]["version"] == me.consent_version
    assert [i["text"] for i in data["ideas"]] == ["Mi idea: un convenio con la universidad"]
    assert [w["id"] for w in data["workshops"]] == [workshop.id]
    assert [a["email"] for a in data["attendance"]] == ["yo@ejemplo.test"]
    body = response.get_data(as_text=True)
    assert "otra@ejemplo.test" not in body and "La idea de otra persona" not in body


def test_my_data_needs_login(client):
    assert client.get("/cuenta/mis-datos.json").status_code == 302


# --- account deletion ---------------------------------------------------------------------------

def test_delete_account_keeps_ideas_and_attendance_anonymised(app, browser, two_people_in_a_workshop):
    workshop, me, other = two_people_in_a_workshop
    browser.login(me)
    wrong = browser.post("/cuenta/eliminar", {"confirmation": "no-es-la-clave"})
    assert wrong.status_code == 422 and "La contraseña no es correcta." in page(wrong)
    assert user_by_email(app, me.email) is not None

    response = browser.post("/cuenta/eliminar", {"confirmation": PASSWORD})
    assert response.status_code == 302
    assert not is_logged_in(browser)
    with app.app_context():
        assert db.session.get(User, me.id) is None
        idea = db.session.scalar(select(Idea).where(Idea.text.startswith("Mi idea")))
        assert idea.author_id is None
        row = db.session.scalar(select(Attendance).where(Attendance.sid == f"sid-{me.id}"))
        assert (row.user_id, row.name, row.email, row.position) == (None, "Participante anónimo", "", "")
        assert (row.organisation, row.org_type, row.role) == (me.organisation, me.org_type, "participant")
        assert db.session.scalar(select(func.count()).select_from(Participation).filter_by(user_id=me.id)) == 0
        assert db.session.scalar(select(func.count()).select_from(Hand).filter_by(user_id=me.id)) == 0
        # The other person's rows are untouched.
        kept = db.session.scalar(select(Attendance).where(Attendance.sid == f"sid-{other.id}"))
        assert (kept.user_id, kept.email) == (other.id, other.email)
    assert browser.login(me).status_code == 422


def test_the_last_lab_member_cannot_delete_their_account(app, make, browser):
    lab = make.user(role="lab")
    browser.login(lab)
    response = browser.post("/cuenta/eliminar", {"confirmation": PASSWORD})
    assert response.status_code == 422
    assert "Eres la única persona del equipo del laboratorio" in page(response)
    assert user_by_email(app, lab.email) is not None
    # With a second lab member it works.
    make.user(role="lab")
    assert browser.post("/cuenta/eliminar", {"confirmation": PASSWORD}).status_code == 302


# --- lab-team pages ---------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["participant", "moderator"])
def test_only_the_lab_team_opens_people_pages(make, browser, role):
    user = make.user(role=role)
    browser.login(user)
    assert browser.get("/equipo/personas").status_code == 403
    assert browser.get(f"/equipo/personas/{user.id}").status_code == 403
    assert browser.post(f"/equipo/personas/{user.id}", {"role": "lab"}).status_code == 403
    assert browser.post(f"/equipo/personas/{user.id}/contrasena-temporal").status_code == 403


def test_anonymous_opening_people_is_sent_to_login(client):
    response = client.get("/equipo/personas")
    assert response.status_code == 302 and response.headers["Location"].startswith("/entrar")


def test_people_list_searches_and_pages_by_50(make, browser):
    browser.login(make.user(role="lab", name="Ana Laboratorio"))
    for n in range(54):
        make.user(name=f"Persona Lista {n:02d}", password=None,
                  organisation="Centro Ficticio" if n == 7 else "Universidad Imaginaria")
    first = page(browser.get("/equipo/personas"))
    assert first.count('href="/equipo/personas/') == 50
    assert "55 personas" in first
    assert page(browser.get("/equipo/personas?page=2")).count('href="/equipo/personas/') == 5
    found = page(browser.get("/equipo/personas?q=centro ficticio"))
    assert "Persona Lista 07" in found and "Persona Lista 08" not in found
    assert "Persona Lista" not in page(browser.get("/equipo/personas?q=100%"))


def test_lab_changes_a_role_but_never_demotes_the_last_lab_member(app, make, browser):
    lab = make.user(role="lab")
    person = make.user()
    browser.login(lab)
    assert browser.post(f"/equipo/personas/{person.id}", {"role": "moderator"}).status_code == 302
    assert user_by_email(app, person.email).role == "moderator"
    assert browser.post(f"/equipo/personas/{person.id}", {"role": "jefe"}).status_code == 422

    refused = browser.post(f"/equipo/personas/{lab.id}", {"role": "participant"})
    assert refused.status_code == 422
    assert "Es la única persona del equipo del laboratorio" in page(refused)
    assert user_by_email(app, lab.email).role == "lab"


def test_a_demoted_person_loses_their_sessions(app, make, browser, make_browser):
    lab = make.user(role="lab")
    moderator = make.user(role="moderator")
    theirs = make_browser()
    theirs.login(moderator)
    browser.login(lab)
    browser.post(f"/equipo/personas/{moderator.id}", {"role": "participant"})
    assert not is_logged_in(theirs)


def test_lab_sets_a_temporary_password_shown_once(app, make, browser, make_browser):
    lab = make.user(role="lab")
    person = make.user()
    theirs = make_browser()
    theirs.login(person)
    browser.login(lab)
    response = browser.post(f"/equipo/personas/{person.id}/contrasena-temporal")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    match = re.search(r"<code>([a-z0-9-]+)</code>", page(response))
    assert match, "the temporary password is shown to the lab member"
    temporary = match.group(1)
    # Not in the cookie: the flash messages travel there, the password does not.
    assert temporary not in (browser.client.get_cookie("session").value or "")
    assert temporary not in decoded_session(app, browser)
    assert temporary not in page(browser.get(f"/equipo/personas/{person.id}"))
    assert not is_logged_in(theirs)
    assert make_browser().login(person, PASSWORD).status_code == 422
    assert make_browser().login(person, temporary).status_code == 302


def decoded_session(app, browser):
    cookie = browser.client.get_cookie("session").value
    return str(app.session_interface.get_signing_serializer(app).loads(cookie))


def test_a_temporary_password_must_be_changed_at_the_first_login(app, make, browser, make_browser):
    lab, person = make.user(role="lab"), make.user()
    browser.login(lab)
    temporary = re.search(r"<code>([a-z0-9-]+)</code>",
                          page(browser.post(f"/equipo/personas/{person.id}/contrasena-temporal"))).group(1)
    theirs = make_browser()
    assert theirs.login(person, temporary).status_code == 302
    for path in ("/", "/talleres", "/unirse"):
        response = theirs.get(path)
        assert response.status_code == 302 and response.headers["Location"] == "/cuenta/contrasena", path
    assert "contraseña temporal" in page(theirs.get("/cuenta/contrasena"))
    changed = theirs.client.post("/cuenta/contrasena", data={"current": temporary, "password": "mi-clave-propia-larga",
                                                        "confirm": "mi-clave-propia-larga",
                                                        "csrf_token": csrf_token(theirs.client, "/cuenta/contrasena")})
    assert changed.status_code == 302
    assert theirs.get("/").status_code == 200
    assert make_browser().login(person, "mi-clave-propia-larga").status_code == 302


def test_the_consent_says_what_other_participants_see():
    text = " ".join(consent_paragraphs())
    assert "Las demás personas de un taller" in text and "tu nombre junto a tus ideas" in text
    assert "levantas la mano" in text and "anónimas" in text


def test_people_who_accepted_an_older_consent_accept_the_new_one_before_going_on(app, make, make_browser):
    person = make.user(consent_version="2026-11-v1")
    theirs = make_browser()
    theirs.login(person)
    response = theirs.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/cuenta/autorizacion")
    form = theirs.get(response.headers["Location"])
    assert "Las demás personas de un taller" in page(form) and "2026-11-v1" in page(form)
    token = csrf_token(theirs.client, "/cuenta/autorizacion")
    refused = theirs.client.post("/cuenta/autorizacion", data={"csrf_token": token})
    assert refused.status_code == 422 and theirs.get("/").status_code == 302
    accepted = theirs.client.post("/cuenta/autorizacion", data={"csrf_token": token, "consent": "y", "next": "/"})
    assert accepted.status_code == 302 and accepted.headers["Location"] == "/"
    assert theirs.get("/").status_code == 200
    with app.app_context():
        stored = db.session.get(User, person.id)
        assert stored.consent_version == CONSENT_VERSION and stored.consent_at is not None
    # Their own data stays reachable meanwhile: downloading it, or leaving, needs no new consent.
    other = make.user(consent_version="2026-11-v1")
    theirs = make_browser()
    theirs.login(other)
    assert theirs.get("/cuenta/mis-datos.json").status_code == 200


def test_a_session_ends_after_hours_without_a_request(make_app):
    app = make_app(SESSION_HOURS=1)
    with app.app_context():
        person = make_user()
    browser = Browser(app.test_client())
    browser.login(person)
    assert browser.get("/cuenta").status_code == 200
    cookie = browser.client.get_cookie("session")
    assert cookie.expires is not None  # not a cookie kept until the browser closes
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    with mock.patch("itsdangerous.timed.time.time", return_value=time.time() - 2 * 3600):
        two_hours_old = app.session_interface.get_signing_serializer(app).dumps(session)
    late = app.test_client()
    late.set_cookie("session", two_hours_old)
    assert late.get("/cuenta").status_code == 302  # back to the login page
    fresh = app.test_client()
    fresh.set_cookie("session", cookie.value)
    assert fresh.get("/cuenta").status_code == 200
