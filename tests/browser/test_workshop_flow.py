"""A whole workshop in three browsers: a moderator and two participants, one of them a guest who
joins by code. Presence, the prompt timer, ideas both ways, time running out, a raised hand given
the floor, a vote with ranked results, closing, and the attendance register."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import PROMPT_SECONDS, screenshot
from .helpers import LIVE_WAIT, console_button, note, wait_connected, write_idea

pytestmark = pytest.mark.browser

GUEST = {"name": "Gabriela Invitada Ficticia", "email": "gabriela.invitada@ejemplo.test",
         "organisation": "Centro de Productividad Imaginario", "position": "Investigadora"}


def join_as_guest(context, code):
    """Through the join page and the guest form, as someone without an account."""
    page = context.new_page()
    page.goto("/unirse")
    screenshot(page, "02-join")
    page.get_by_label("Código del taller").fill(code.lower())
    page.get_by_role("button", name="Unirse").click()
    expect(page.locator("#guest-title")).to_be_visible()
    screenshot(page, "03-guest-form")
    page.get_by_label("Nombre completo").fill(GUEST["name"])
    page.get_by_label("Correo electrónico").fill(GUEST["email"])
    page.get_by_label("Organización", exact=True).fill(GUEST["organisation"])
    page.get_by_label("Tipo de organización").select_option("centro")
    page.get_by_label("Cargo").fill(GUEST["position"])
    page.locator("input[type=checkbox][name=consent]").check()
    page.get_by_role("button", name="Entrar al taller").click()
    page.wait_for_url("**/sala")
    return page


def test_a_workshop_from_start_to_register(open_context, seed, server):
    room = seed(participants=("ana",))
    ana = room.people["ana"]

    moderator = open_context(room.people["moderator"]).new_page()
    moderator.goto(f"/taller/{room.workshop_id}/moderar")
    wait_connected(moderator)

    # Ana has an account: the join link asks her to confirm, then puts her in the room. The guest
    # comes in by code.
    ana_page = open_context(ana).new_page()
    ana_page.goto(f"/unirse/{room.join_code}")
    ana_page.get_by_role("button", name="Unirme al taller").click()
    ana_page.wait_for_url("**/sala")
    wait_connected(ana_page)
    guest = join_as_guest(open_context(), room.join_code)
    wait_connected(guest)

    presence = moderator.locator("#presence-types")
    expect(presence).to_contain_text(ana.name, timeout=LIVE_WAIT)
    expect(presence).to_contain_text(GUEST["name"], timeout=LIVE_WAIT)
    expect(presence).to_contain_text(GUEST["organisation"])
    expect(moderator.locator("#presence-count")).to_have_text("3 personas en la sala")

    # The moderator starts the workshop and opens the first prompt with its countdown.
    console_button(moderator, "Iniciar taller").click()
    expect(moderator.locator("#workshop-state")).to_have_text("En vivo", timeout=LIVE_WAIT)
    expect(ana_page.locator("#workshop-state")).to_have_text("En vivo", timeout=LIVE_WAIT)
    moderator.locator("#prompt-list li").first.get_by_role("button", name=re.compile("^Abrir a ideas")).click()
    for page in (ana_page, guest, moderator):
        expect(page.locator("#prompt-card .prompt-status")).to_have_text("Abierta: recibe ideas", timeout=LIVE_WAIT)
    expect(ana_page.locator("#prompt-countdown")).to_have_attribute("data-state", "running")

    # Both post, with the actor and capability the prompt asks for; each sees the other's idea.
    write_idea(ana_page, "Mesas técnicas con la universidad", "Universidad Imaginaria", "humanas")
    write_idea(guest, "Laboratorio de prototipos compartido", "Centro Imaginario", "tecnologicas")
    ana_page.get_by_role("button", name="Publicar idea").click()
    guest.get_by_role("button", name="Publicar idea").click()
    for page in (ana_page, guest, moderator):
        expect(note(page, "Mesas técnicas con la universidad")).to_have_count(1, timeout=LIVE_WAIT)
        expect(note(page, "Laboratorio de prototipos compartido")).to_have_count(1, timeout=LIVE_WAIT)
    expect(note(ana_page, "Laboratorio de prototipos compartido")).to_contain_text("Actor: Centro Imaginario")
    expect(note(ana_page, "Laboratorio de prototipos compartido")).to_contain_text("Tecnológicas")
    screenshot(ana_page, "10-room")

    # The countdown runs out: the prompt closes and the idea box with it.
    expect(guest.locator("#prompt-card .prompt-status")).to_have_text(
        "Cerrada: ya no recibe ideas", timeout=(PROMPT_SECONDS + 5) * 1000)
    expect(guest.locator("#prompt-countdown .countdown-value")).to_have_text("0:00")
    expect(guest.locator("#prompt-countdown")).to_have_class("countdown big is-up")
    expect(guest.get_by_role("button", name="Publicar idea")).to_be_disabled()
    expect(guest.locator("#timer-announcer")).to_have_text("Se acabó el tiempo.")

    # The guest raises a hand; the moderator gives the floor, then ends the turn.
    guest.get_by_role("button", name="Levantar la mano").click()
    expect(guest.locator("#hand-status")).to_have_text("Tienes la mano levantada: puesto 1 de 1 en la fila.")
    moderator.get_by_role("button", name=f"Dar la palabra a {GUEST['name']}").click()
    expect(guest.locator("#hand-status")).to_have_text("Tienes la palabra.", timeout=LIVE_WAIT)
    expect(ana_page.locator("#speaking .speaking-name")).to_have_text(f"Tiene la palabra: {GUEST['name']}")
    expect(ana_page.locator("#speaking-countdown")).to_have_attribute("data-state", "running")
    moderator.get_by_role("button", name="Terminar turno").click()
    expect(ana_page.locator("#speaking")).to_be_hidden(timeout=LIVE_WAIT)

    # A vote over the ideas: Ana gives two votes to the guest's idea, the guest one to Ana's.
    moderator.locator("#vote-budget").fill("3")
    moderator.get_by_role("button", name="Abrir votación").click()
    expect(ana_page.locator("#vote-panel .vote-remaining")).to_contain_text("Te quedan 3 votos de 3", timeout=LIVE_WAIT)
    plus = ana_page.get_by_role("button", name="Sumar un voto a: Laboratorio de prototipos compartido")
    plus.click()
    expect(ana_page.locator("#vote-panel .vote-remaining")).to_contain_text("Te quedan 2 votos")
    plus.click()
    expect(ana_page.locator("#vote-panel .vote-remaining")).to_contain_text("Te queda 1 voto")
    guest.get_by_role("button", name="Sumar un voto a: Mesas técnicas con la universidad").click()
    expect(guest.locator("#vote-panel .vote-remaining")).to_contain_text("Te quedan 2 votos")
    expect(moderator.locator("#voting .vote-progress")).to_have_text("2 personas votaron · 3 votos", timeout=LIVE_WAIT)
    moderator.get_by_role("button", name="Cerrar votación y ver resultados").click()
    for page in (moderator, ana_page, guest):
        results = page.locator(".vote-results li")
        expect(results).to_have_count(2, timeout=LIVE_WAIT)
        expect(results.first).to_contain_text("Laboratorio de prototipos compartido")
        expect(results.first).to_contain_text("2 votos")
        expect(results.nth(1)).to_contain_text("1 voto")
    screenshot(moderator, "11-console")

    # Closing asks first; then everyone sees the workshop closed.
    moderator.get_by_role("button", name="Cerrar taller").click()
    expect(moderator.locator("#close-dialog")).to_be_visible()
    moderator.get_by_role("button", name="Sí, cerrar el taller").click()
    for page in (moderator, ana_page, guest):
        expect(page.locator("#workshop-state")).to_have_text("Cerrado", timeout=LIVE_WAIT)
    expect(ana_page.get_by_role("button", name="Levantar la mano")).to_be_disabled()

    # The attendance register lists both participants.
    moderator.get_by_role("link", name="Registro de asistencia").click()
    table = moderator.locator("table")
    expect(table).to_contain_text(ana.name)
    expect(table).to_contain_text(GUEST["name"])
    expect(table).to_contain_text(GUEST["organisation"])
    screenshot(moderator, "13-register")
