"""Guests: joining one workshop with the attendance fields and consent, no account first.

The join page belongs to the workshops slice; these tests drive the accounts side of it, GuestForm
and create_guest, as that page does, then use the guest's session over HTTP."""
import pytest
from flask import render_template_string
from sqlalchemy import func, select

from lab.accounts.consent import CONSENT_VERSION
from lab.accounts.forms import GuestForm
from lab.accounts.models import User
from lab.accounts.service import EMAIL_TAKEN, EmailTaken, create_guest
from lab.errors import Refused
from lab.extensions import db
from lab.workshops.access import is_member
from lab.workshops.models import Participation, Workshop
from lab.workshops.service import join

from .conftest import Browser
from .factories import PASSWORD
from .live_helpers import connect, logged_in

NEW_PASSWORD = "clave-de-invitada-789"


def guest_data(**changes):
    data = {"name": "Persona Invitada Ficticia", "email": "invitada@ejemplo.test",
            "organisation": "Organización Social Imaginaria", "org_type": "ong", "position": "Lideresa",
            "consent": "y"}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def submit_guest_form(app, workshop, **changes):
    """What the join page does with a posted guest form: validate it, create the guest, make them a
    participant and commit. Returns (guest or None, the form's errors)."""
    with app.test_request_context("/unirse/X", method="POST", data=guest_data(**changes)):
        form = GuestForm(meta={"csrf": False})
        if not form.validate():
            return None, form.errors
        workshop = db.session.get(Workshop, workshop.id)
        guest = create_guest(workshop, form)
        join(guest, workshop)
        db.session.commit()
        return guest, {}


def member(app, user_id, workshop):
    with app.app_context():
        return is_member(db.session.get(User, user_id), db.session.get(Workshop, workshop.id))


def stored(app, user_id):
    with app.app_context():
        return db.session.get(User, user_id)


def session_of(app, guest):
    """A browser holding the guest's session, as the join page leaves it after `login_user`."""
    return Browser(logged_in(app, guest))


@pytest.fixture
def workshops(make):
    return make.workshop(title="Taller del invitado"), make.workshop(title="Otro taller")


def test_a_guest_is_a_participant_of_that_workshop_only(app, workshops):
    workshop, other = workshops
    guest, errors = submit_guest_form(app, workshop, email="Invitada@Ejemplo.TEST")
    assert errors == {}
    row = stored(app, guest.id)
    assert row.is_guest and row.password_hash is None
    assert (row.role, row.guest_workshop_id, row.email) == ("participant", workshop.id, "invitada@ejemplo.test")
    assert row.consent_version == CONSENT_VERSION and row.consent_at is not None
    assert member(app, guest.id, workshop)
    assert not member(app, guest.id, other)


def test_a_guest_cannot_enter_another_workshop_even_after_joining_it(app, make, workshops):
    workshop, other = workshops
    guest, _ = submit_guest_form(app, workshop)
    make.join(guest, other)  # as if a join link of the other workshop had been followed
    assert not member(app, guest.id, other)
    assert not connect(app, stored(app, guest.id), other).is_connected()
    assert connect(app, stored(app, guest.id), workshop).is_connected()


@pytest.mark.parametrize("changes, field, message", [
    ({"consent": None}, "consent", "Sin tu autorización no podemos registrarte."),
    ({"name": "N" * 500}, "name", "Escribe como máximo 120 caracteres."),
    ({"email": None}, "email", "Escribe tu correo electrónico."),
    ({"email": "invitada-arroba-ejemplo"}, "email", "Escribe un correo válido, como nombre@ejemplo.org."),
    ({"org_type": "club"}, "org_type", "Elige un tipo de organización de la lista."),
    ({"position": ""}, "position", "Escribe tu cargo u ocupación."),
])
def test_a_bad_guest_form_creates_nobody(app, workshops, changes, field, message):
    guest, errors = submit_guest_form(app, workshops[0], **changes)
    assert guest is None
    assert message in [str(m) for m in errors[field]]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_create_guest_itself_refuses_without_consent(app, workshops):
    with app.test_request_context(), pytest.raises(Refused):
        create_guest(workshops[0], guest_data(consent=False))


def test_the_email_of_an_account_is_not_taken_over(app, make, workshops):
    make.user(email="invitada@ejemplo.test")
    guest, errors = submit_guest_form(app, workshops[0], email="INVITADA@ejemplo.test")
    assert guest is None
    assert [str(m) for m in errors["email"]] == [str(EMAIL_TAKEN)]
    # Called directly, the service refuses as well.
    with app.test_request_context():
        with pytest.raises(EmailTaken) as refused:
            create_guest(workshops[0], guest_data())
        assert "entra con tu contraseña" in str(refused.value.message)


def test_a_second_guest_form_with_the_same_email_logs_nobody_in(app, workshops):
    first, _ = submit_guest_form(app, workshops[0])
    again, errors = submit_guest_form(app, workshops[0], name="Alguien que conoce el correo")
    assert again is None
    assert "contraseña temporal" in " ".join(str(m) for m in errors["email"])
    assert stored(app, first.id).name == "Persona Invitada Ficticia"


def test_a_guest_cannot_log_in_with_a_password_until_they_set_one(app, client, workshops):
    guest, _ = submit_guest_form(app, workshops[0])
    browser = Browser(client)
    for attempt in ("", "cualquier-clave-123", PASSWORD):
        response = browser.login(guest, attempt)
        assert response.status_code == 422
    assert browser.get("/cuenta").status_code == 302


def test_a_guest_sets_a_password_and_keeps_the_account_and_the_workshop(app, make_browser, workshops):
    workshop, other = workshops
    guest, _ = submit_guest_form(app, workshop)
    with app.app_context():  # access must not depend on the row the join made
        db.session.execute(Participation.__table__.delete().where(Participation.user_id == guest.id))
        db.session.commit()
    browser = session_of(app, guest)
    form_page = browser.get("/cuenta/contrasena").get_data(as_text=True)
    assert "Crea una contraseña" in form_page and 'name="current"' not in form_page

    mismatch = browser.post("/cuenta/contrasena", {"password": NEW_PASSWORD, "confirm": "otra-cosa-distinta"})
    assert mismatch.status_code == 422 and stored(app, guest.id).is_guest

    response = browser.post("/cuenta/contrasena", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    row = stored(app, guest.id)
    assert not row.is_guest and row.guest_workshop_id == workshop.id
    assert member(app, guest.id, workshop) and not member(app, guest.id, other)
    assert browser.get("/cuenta").status_code == 200  # still logged in here
    assert make_browser().login(guest.email, NEW_PASSWORD).status_code == 302


def test_a_guest_is_warned_before_logging_out(app, workshops):
    guest, _ = submit_guest_form(app, workshops[0])
    browser = session_of(app, guest)
    response = browser.logout()
    assert response.headers["Location"] == "/cuenta/contrasena"
    assert browser.get("/cuenta").status_code == 200
    assert browser.post("/salir", {"confirm": "1"}).status_code == 302
    assert browser.get("/cuenta").status_code == 302


def test_a_guest_deletes_their_account_by_typing_the_word(app, workshops):
    guest, _ = submit_guest_form(app, workshops[0])
    browser = session_of(app, guest)
    assert "ELIMINAR" in browser.get("/cuenta").get_data(as_text=True)
    assert browser.post("/cuenta/eliminar", {"confirmation": "borrar"}).status_code == 422
    assert stored(app, guest.id) is not None
    assert browser.post("/cuenta/eliminar", {"confirmation": "ELIMINAR"}).status_code == 302
    assert stored(app, guest.id) is None


def test_a_guest_without_password_is_only_ever_a_participant(app, make, browser, workshops):
    guest, _ = submit_guest_form(app, workshops[0])
    browser.login(make.user(role="lab"))
    response = browser.post(f"/equipo/personas/{guest.id}", {"role": "moderator"})
    assert response.status_code == 422
    assert stored(app, guest.id).role == "participant"


def test_a_temporary_password_lets_a_guest_back_in_and_keeps_the_workshop(app, make, browser, make_browser,
                                                                          workshops):
    workshop = workshops[0]
    guest, _ = submit_guest_form(app, workshop)
    browser.login(make.user(role="lab"))
    page = browser.post(f"/equipo/personas/{guest.id}/contrasena-temporal")
    temporary = page.get_data(as_text=True).split("<code>")[1].split("</code>")[0]
    assert make_browser().login(guest.email, temporary).status_code == 302
    assert member(app, guest.id, workshop)


def test_the_guest_form_fragment_is_accessible(app, workshops):
    with app.test_request_context("/unirse/ABC234"):
        html = render_template_string('{% include "accounts/_guest_form.html" %}', guest_form=GuestForm())
    assert 'action="/unirse/ABC234"' in html
    assert 'name="csrf_token"' in html
    assert "Ley 1581 de 2012" in html and CONSENT_VERSION in html
    for field in ("name", "email", "organisation", "org_type", "position", "consent"):
        assert f'for="{field}"' in html, field
    assert 'aria-describedby="consent-text"' in html
    assert 'autocomplete="email"' in html and 'autocomplete="organization"' in html
