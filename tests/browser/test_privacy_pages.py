"""The privacy and joining pages in a real browser, at phone width, under the content security policy:
confirming a join, accepting a new consent text, a temporary password shown once, a person deleted
on request."""
import pytest
from playwright.sync_api import expect

from .conftest import screenshot
from .test_pages import PHONE, assert_contrast, no_horizontal_scroll

pytestmark = pytest.mark.browser


def test_joining_by_link_asks_first_and_the_new_consent_is_accepted_before_the_room(open_context, make_user, seed):
    room = seed(participants=())
    person = make_user(name="Olga Consentimiento Ficticia", consent_version="2026-11-v1")
    page = open_context(person, width=PHONE).new_page()

    page.goto(f"/unirse/{room.join_code}")  # an older consent: it comes first, then back here
    expect(page.get_by_role("heading", name="Actualizamos la autorización de datos personales")).to_be_visible()
    expect(page.locator(".consent")).to_contain_text("Las demás personas de un taller")
    no_horizontal_scroll(page)
    assert_contrast(page)
    screenshot(page, "hardening-01-consent-again")
    page.get_by_label("Autorizo el tratamiento de mis datos personales").check()
    page.get_by_role("button", name="Aceptar y seguir").click()

    expect(page.get_by_role("button", name="Unirme al taller")).to_be_visible()  # the link itself joins nobody
    no_horizontal_scroll(page)
    screenshot(page, "hardening-02-join-confirm")
    page.get_by_role("button", name="Unirme al taller").click()
    page.wait_for_url("**/sala")


def test_the_lab_team_sees_a_temporary_password_once_and_deletes_a_person(open_context, make_user):
    lab = make_user(role="lab", name="Laura Laboratorio Ficticia")
    person = make_user(name="Pedro Olvido Ficticio")
    page = open_context(lab, width=PHONE).new_page()
    page.goto(f"/equipo/personas/{person.id}")
    page.get_by_role("button", name="Generar contraseña temporal").click()
    expect(page.get_by_role("heading", name="Contraseña temporal de Pedro Olvido Ficticio")).to_be_visible()
    password = page.locator(".temporary-password code").inner_text()
    assert len(password) == 14
    no_horizontal_scroll(page)
    screenshot(page, "hardening-03-temporary-password")

    page.get_by_role("link", name="Volver a la ficha de la persona").click()
    expect(page.locator("body")).not_to_contain_text(password)
    page.get_by_label("Escribe el correo de la persona para confirmar").fill(person.email)
    screenshot(page, "hardening-04-delete-person")
    page.get_by_role("button", name="Eliminar la cuenta y anonimizar sus aportes").click()
    expect(page.locator("body")).to_contain_text("Eliminamos la cuenta de esta persona")
