"""Joining a workshop by code or link: people with an account, guests, closed workshops."""
from datetime import UTC, datetime

from sqlalchemy import func, select

from lab.accounts.models import User
from lab.extensions import db
from lab.workshops.models import Participation

from .conftest import Browser
from .factories import PASSWORD

GUEST = {"name": "Invitada Ficticia", "email": "invitada@ejemplo.test", "organisation": "Centro Imaginario",
         "org_type": "centro", "position": "Investigadora", "consent": "y"}


def signed_in(make_browser, user):
    browser = make_browser()
    with browser.client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return browser


def participations(app, workshop, user=None):
    with app.app_context():
        query = select(func.count(Participation.id)).filter_by(workshop_id=workshop.id)
        if user is not None:
            query = query.filter_by(user_id=user.id)
        return db.session.scalar(query)


def page(response):
    return response.get_data(as_text=True)


def room_of(workshop):
    return f"/taller/{workshop.id}/sala"


# --- the code form ----------------------------------------------------------------------------

def test_code_form_accepts_lower_case_and_spaces(client, make):
    workshop = make.workshop()
    assert "Código del taller" in page(client.get("/unirse"))
    typed = " " + " ".join(workshop.join_code.lower()[i:i + 3] for i in (0, 3)) + " "
    response = client.get("/unirse", query_string={"code": typed})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/unirse/{workshop.join_code}"


def test_unknown_code_is_explained(client, make):
    make.workshop()
    response = client.get("/unirse", query_string={"code": "ZZZZZZ"})
    assert response.status_code == 404
    assert "No encontramos un taller con ese código." in page(response)
    assert client.get("/unirse/ZZZZZZ").status_code == 404
    assert "Escribe el código del taller." in page(client.get("/unirse", query_string={"code": "  "}))


# --- people with an account -------------------------------------------------------------------

def test_joining_by_link_creates_one_participation_however_often(app, make, make_browser):
    workshop = make.workshop()
    person = make.user()
    browser = signed_in(make_browser, person)
    for code in (workshop.join_code.lower(), workshop.join_code, f" {workshop.join_code} "):
        response = browser.post(f"/unirse/{code}")
        assert response.status_code == 302
        assert response.headers["Location"] == room_of(workshop)
    assert participations(app, workshop, person) == 1
    # Once a member, opening the link goes straight to the room.
    assert browser.get(f"/unirse/{workshop.join_code}").headers["Location"] == room_of(workshop)


def test_opening_a_join_link_changes_nothing_until_the_person_confirms(app, make, make_browser):
    """A link can be opened by a preview bot, a prefetch or an image tag: only the button joins."""
    workshop = make.workshop(title="Taller de alianzas")
    browser = signed_in(make_browser, make.user())
    response = browser.get(f"/unirse/{workshop.join_code}")
    assert response.status_code == 200
    assert "Taller de alianzas" in page(response) and "Unirme al taller" in page(response)
    assert 'method="post"' in page(response) and 'name="consent"' not in page(response)
    assert participations(app, workshop) == 0
    assert browser.post(f"/unirse/{workshop.join_code}").headers["Location"] == room_of(workshop)
    assert participations(app, workshop) == 1


def test_a_join_post_without_the_form_token_is_refused(app, make, make_browser):
    workshop = make.workshop()
    browser = signed_in(make_browser, make.user())
    assert browser.client.post(f"/unirse/{workshop.join_code}").status_code == 400
    assert participations(app, workshop) == 0


def test_a_draft_workshop_cannot_be_joined(app, make, make_browser, client):
    moderator = make.user(role="moderator")
    workshop = make.workshop(status="draft", moderators=[moderator])
    for response in (signed_in(make_browser, make.user()).post(f"/unirse/{workshop.join_code}"),
                     signed_in(make_browser, make.user()).get(f"/unirse/{workshop.join_code}"),
                     client.get(f"/unirse/{workshop.join_code}")):
        assert response.status_code == 409
        assert "Este taller aún no está abierto" in page(response)
    assert Browser(client).post(f"/unirse/{workshop.join_code}", GUEST).status_code == 409
    assert participations(app, workshop) == 0
    with app.app_context():
        assert db.session.scalar(select(User).filter_by(email=GUEST["email"])) is None
    # Its moderators prepare it from inside.
    response = signed_in(make_browser, moderator).get(f"/unirse/{workshop.join_code}")
    assert response.headers["Location"] == room_of(workshop)


def test_moderator_goes_to_the_room_without_becoming_a_participant(app, make, make_browser):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    response = signed_in(make_browser, moderator).get(f"/unirse/{workshop.join_code}")
    assert response.headers["Location"] == room_of(workshop)
    assert participations(app, workshop) == 0


def test_a_closed_workshop_cannot_be_joined(app, make, make_browser, client):
    workshop = make.workshop(status="closed")
    response = signed_in(make_browser, make.user()).get(f"/unirse/{workshop.join_code}")
    assert response.status_code == 409
    assert "Este taller ya terminó" in page(response)
    assert client.get(f"/unirse/{workshop.join_code}").status_code == 409
    assert participations(app, workshop) == 0


# --- guests -----------------------------------------------------------------------------------

def test_anonymous_sees_the_workshop_and_both_ways_in(make, client):
    workshop = make.workshop(title="Taller de alianzas", timezone="America/Bogota",
                             starts_at=datetime(2026, 12, 16, 14, 0, tzinfo=UTC))
    response = client.get(f"/unirse/{workshop.join_code}")
    assert response.status_code == 200
    shown = page(response)
    assert "Taller de alianzas" in shown
    assert "9:00" in shown and "America/Bogota" in shown  # 14:00 UTC is 9:00 in Bogotá
    assert f'/entrar?next=/unirse/{workshop.join_code}' in shown
    assert 'name="consent"' in shown and 'name="organisation"' in shown


def test_a_guest_joins_from_the_join_page_and_lands_in_the_room(app, make, browser):
    workshop = make.workshop()
    response = browser.post(f"/unirse/{workshop.join_code}", GUEST)
    assert response.status_code == 302 and response.headers["Location"] == room_of(workshop)
    with app.app_context():
        guest = db.session.scalar(select(User).filter_by(email="invitada@ejemplo.test"))
        assert guest.is_guest and guest.guest_workshop_id == workshop.id and guest.role == "participant"
    assert participations(app, workshop, guest) == 1
    # Logged in now: the link takes them straight back to the room.
    assert browser.get(f"/unirse/{workshop.join_code}").headers["Location"] == room_of(workshop)


def test_a_guest_without_consent_is_not_created(app, make, browser):
    workshop = make.workshop()
    response = browser.post(f"/unirse/{workshop.join_code}", {**GUEST, "consent": ""})
    assert response.status_code == 422
    assert "Sin tu autorización no podemos registrarte." in page(response)
    with app.app_context():
        assert db.session.scalar(select(User).filter_by(email="invitada@ejemplo.test")) is None
    assert participations(app, workshop) == 0


def test_a_guest_of_one_workshop_cannot_join_another(app, make, browser):
    mine, other = make.workshop(title="El mío"), make.workshop(title="El otro")
    browser.post(f"/unirse/{mine.join_code}", GUEST)
    for response in (browser.get(f"/unirse/{other.join_code}"), browser.post(f"/unirse/{other.join_code}")):
        assert response.status_code == 403
        assert "Solo puedes entrar a tu propio taller" in page(response)
        assert "crea una contraseña" in page(response)
    assert participations(app, other) == 0


def test_guessing_codes_is_slowed_down(client, make):
    make.workshop()  # a real workshop exists; the guesses still miss it
    for attempt in range(30):
        assert client.get(f"/unirse/NOEXISTE{attempt}").status_code == 404
    assert client.get("/unirse/OTROMAS").status_code == 429
    assert client.get("/unirse", query_string={"code": "TAMPOCO"}).status_code == 429


def test_logging_in_from_the_join_page_comes_back_and_joins(app, make, browser):
    workshop = make.workshop()
    person = make.user(email="vuelve@ejemplo.test")
    response = browser.post(f"/entrar?next=/unirse/{workshop.join_code}",
                            {"email": "vuelve@ejemplo.test", "password": PASSWORD,
                             "next": f"/unirse/{workshop.join_code}"})
    assert response.headers["Location"] == f"/unirse/{workshop.join_code}"
    assert "Unirme al taller" in page(browser.get(response.headers["Location"]))
    assert browser.post(response.headers["Location"]).headers["Location"] == room_of(workshop)
    assert participations(app, workshop, person) == 1
