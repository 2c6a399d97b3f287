"""Losing the connection mid-post: the idea waits in the outbox, shown as pending, and arrives
exactly once when the connection is back."""
import json
import re

import pytest
from playwright.sync_api import expect

from lab.board.models import Idea
from lab.extensions import db

from .helpers import LIVE_WAIT, note, wait_connected, write_idea

pytestmark = pytest.mark.browser


def go_live(moderator, workshop_id):
    moderator.goto(f"/taller/{workshop_id}/moderar")
    wait_connected(moderator)
    moderator.get_by_role("button", name="Iniciar taller").click()
    expect(moderator.locator("#workshop-state")).to_have_text("En vivo", timeout=LIVE_WAIT)
    moderator.locator("#prompt-list li").nth(1).get_by_role("button", name=re.compile("^Abrir a ideas")).click()
    expect(moderator.locator("#prompt-card .prompt-status")).to_have_text("Abierta: recibe ideas", timeout=LIVE_WAIT)


def stored_ideas(seed_app, workshop_id, text):
    with seed_app.app_context():
        count = db.session.query(Idea).filter_by(workshop_id=workshop_id, text=text).count()
        db.session.remove()
        return count


def test_an_idea_posted_offline_arrives_once_when_back(open_context, seed, seed_app, join_workshop):
    room = seed(participants=("bruno",), asks=False)
    bruno = room.people["bruno"]
    join_workshop(bruno, room.workshop_id)
    moderator = open_context(room.people["moderator"]).new_page()
    go_live(moderator, room.workshop_id)

    context = open_context(bruno)
    page = context.new_page()
    page.goto(f"/taller/{room.workshop_id}/sala")
    wait_connected(page)
    expect(page.get_by_role("button", name="Publicar idea")).to_be_enabled(timeout=LIVE_WAIT)

    context.set_offline(True)
    expect(page.locator("#connection")).to_have_attribute("data-status", "offline", timeout=LIVE_WAIT)
    expect(page.locator("#connection")).to_have_text(re.compile("Sin conexión"))
    text = "Red de bibliotecas como aliada para talleres barriales"
    write_idea(page, text)
    page.get_by_role("button", name="Publicar idea").click()

    pending = page.locator("#outbox-list li")
    expect(pending).to_have_count(1)
    expect(pending).to_contain_text("Pendiente de envío")
    expect(pending).to_contain_text(text)
    expect(page.locator("#idea-status")).to_have_text(re.compile("Sin conexión: tu idea quedó guardada"))
    queued = json.loads(page.evaluate(f"localStorage.getItem('cocrea.outbox.{room.workshop_id}.{bruno.id}')"))
    assert [item["text"] for item in queued] == [text]
    page.wait_for_timeout(1000)
    expect(note(moderator, text)).to_have_count(0)
    assert stored_ideas(seed_app, room.workshop_id, text) == 0

    context.set_offline(False)
    expect(page.locator("#connection")).to_have_attribute("data-status", "connected", timeout=LIVE_WAIT)
    expect(pending).to_have_count(0, timeout=LIVE_WAIT)
    expect(note(moderator, text)).to_have_count(1, timeout=LIVE_WAIT)
    expect(note(page, text)).to_have_count(1)
    assert page.evaluate(f"localStorage.getItem('cocrea.outbox.{room.workshop_id}.{bruno.id}')") is None

    # A reload (a new socket, a new snapshot) shows it once too, and nothing is sent again.
    page.reload()
    wait_connected(page)
    expect(note(page, text)).to_have_count(1)
    moderator.wait_for_timeout(500)
    expect(note(moderator, text)).to_have_count(1)
    assert stored_ideas(seed_app, room.workshop_id, text) == 1


def test_an_unacknowledged_idea_is_retried_with_the_same_id(open_context, seed, seed_app, join_workshop):
    """The ack is lost (the page closes right after sending); the outbox keeps the idea and the
    next visit sends it again with the same client_id: stored once."""
    room = seed(participants=("carla",), asks=False)
    carla = room.people["carla"]
    join_workshop(carla, room.workshop_id)
    moderator = open_context(room.people["moderator"]).new_page()
    go_live(moderator, room.workshop_id)

    context = open_context(carla)
    page = context.new_page()
    page.goto(f"/taller/{room.workshop_id}/sala")
    wait_connected(page)
    text = "Fondo mixto con el sector productivo"
    key = f"cocrea.outbox.{room.workshop_id}.{carla.id}"
    # What a tab leaves behind when it sent an idea and closed before the ack came back.
    page.evaluate("""([key, promptId, text]) => localStorage.setItem(key, JSON.stringify([
        {client_id: "retry-0123456789", prompt_id: promptId, text, color: "verde", queued_at: Date.now()}]))""",
                  [key, room.prompt_ids[1], text])
    page.reload()
    wait_connected(page)
    expect(note(moderator, text)).to_have_count(1, timeout=LIVE_WAIT)
    page.evaluate("""([key, promptId, text]) => localStorage.setItem(key, JSON.stringify([
        {client_id: "retry-0123456789", prompt_id: promptId, text, color: "verde", queued_at: Date.now()}]))""",
                  [key, room.prompt_ids[1], text])
    page.reload()
    wait_connected(page)
    expect(page.locator("#outbox-list li")).to_have_count(0, timeout=LIVE_WAIT)
    expect(note(page, text)).to_have_count(1)
    expect(note(moderator, text)).to_have_count(1)
    assert stored_ideas(seed_app, room.workshop_id, text) == 1
