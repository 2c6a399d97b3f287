"""Through nginx to two app processes sharing PostgreSQL and Redis: one room, one sequence, one
countdown, whichever process each person landed on."""
import time

import pytest
import requests
from sqlalchemy import func, select

from lab.attendance.models import Attendance
from lab.extensions import db

from ..support import WAIT
from .support import texts

pytestmark = [pytest.mark.live, pytest.mark.cluster]


def test_first_requests_go_round_robin_and_each_client_stays_where_it_landed(cluster):
    landed = set()
    for _ in range(4):
        with requests.Session() as browser:
            first = browser.get(cluster.url + "/health", timeout=WAIT).json()["node"]
            assert browser.cookies.get("cocrea_node") == first
            assert {browser.get(cluster.url + "/health", timeout=WAIT).json()["node"] for _ in range(5)} == {first}
            landed.add(first)
    assert landed == {"a1", "a2"}


def test_long_polling_clients_keep_their_session_on_their_process(room, tab, cluster):
    """Without stickiness half of the polling requests would reach the process that does not know
    the session, and the clients would never get in."""
    moderator = tab("moderator")
    assert moderator.call("workshop:start")["ok"]
    assert moderator.call("prompt:open", {"prompt_id": room.prompts["normal"]})["ok"]
    people = [tab(who, transports=["polling"]) for who in ("alicia", "bruno", "carla") for _ in range(2)]
    assert {person.node for person in people} == {"a1", "a2"}
    for n, person in enumerate(people):
        person.post(room.prompts["normal"], f"Idea por long-polling {n}")
    expected = sorted(f"Idea por long-polling {n}" for n in range(len(people)))
    for client in [moderator, *people]:
        client.wait(lambda c=client: texts(c) == expected, WAIT * 2, "showing every idea")
        assert client.sio.transport() == ("websocket" if client is moderator else "polling")


def test_clients_on_both_processes_see_every_idea_in_one_sequence(room, tab, seed_app):
    moderator, alicia = tab("moderator", "a1"), tab("alicia", "a2")
    bruno, carla = tab("bruno", "a1"), tab("carla", "a2")
    assert [c.node for c in (moderator, alicia, bruno, carla)] == ["a1", "a2", "a1", "a2"]
    assert moderator.call("workshop:start")["ok"]
    assert moderator.call("prompt:open", {"prompt_id": room.prompts["normal"]})["ok"]
    for n in range(4):
        for who in (alicia, bruno, carla):
            who.post(room.prompts["normal"], f"{who.name}: idea {n}")
    expected = sorted(f"{who}: idea {n}" for who in ("alicia", "bruno", "carla") for n in range(4))
    everyone = (moderator, alicia, bruno, carla)
    for client in everyone:
        client.wait(lambda c=client: texts(c) == expected, WAIT, "showing every idea")
    last = max(u["seq"] for u in moderator.updates)
    for client in everyone:
        client.wait(lambda c=client: c.seq == last, WAIT, f"at seq {last}")
        seqs = [u["seq"] for u in client.updates]
        assert seqs == sorted(set(seqs)), f"{client.name}: broadcasts out of order or twice: {seqs}"
        assert seqs[-1] == last and len(seqs) == last - client.snapshots[0]["seq"]  # no gap, nothing twice

    # The same person's snapshot is the same from either process.
    other = tab("alicia", "a1")
    one, two = (c.call("snapshot")["snapshot"] for c in (alicia, other))
    for snapshot in (one, two):  # what depends on the moment it was read
        snapshot.pop("server_time")
        for timer in snapshot["timers"].values():
            timer.pop("remaining")
    assert one == two and one["seq"] == last


def test_presence_and_the_register_count_people_on_both_processes(room, tab, seed_app):
    moderator = tab("moderator", "a1")
    people = [tab("alicia", "a2"), tab("bruno", "a1"), tab("carla", "a2")]
    names = {"Mónica Moderadora Ficticia", "Alicia Ficticia", "Bruno Ficticia", "Carla Ficticia"}
    deadline = time.monotonic() + WAIT * 2
    while time.monotonic() < deadline:
        presence = moderator.call("snapshot")["snapshot"]["presence"]
        if {p["name"] for p in presence["people"]} == names:
            break
        time.sleep(0.1)
    assert {p["name"] for p in presence["people"]} == names and presence["count"] == 4
    assert people[0].call("snapshot")["snapshot"]["presence"] == {"count": 4}

    for person in people:
        person.close()
    with seed_app.app_context():
        def still_open():
            return db.session.scalar(select(func.count()).select_from(Attendance).where(
                Attendance.workshop_id == room.workshop_id, Attendance.left_at.is_(None)))

        deadline = time.monotonic() + WAIT * 2
        while still_open() != 1 and time.monotonic() < deadline:
            db.session.rollback()
            time.sleep(0.1)
        assert still_open() == 1  # the moderator's only
        assert db.session.scalar(select(func.count()).select_from(Attendance).where(
            Attendance.workshop_id == room.workshop_id)) == 4  # one interval each, closed when they left


def test_a_countdown_closes_its_prompt_once_for_clients_of_both_processes(room, tab):
    clients = [tab("moderator", "a1"), tab("alicia", "a2"), tab("bruno", "a1"), tab("carla", "a2")]
    assert clients[0].call("workshop:start")["ok"]
    opened = clients[0].call("prompt:open", {"prompt_id": room.prompts["short"]})
    deadline = opened["timer"]["deadline"]

    def closed(client):
        return [u for u in client.updates if u["type"] == "prompt" and u["data"]["id"] == room.prompts["short"]
                and u["data"]["is_open"] is False]

    for client in clients:
        client.wait(lambda c=client: closed(c), deadline - time.time() + WAIT, "told the prompt closed")
    time.sleep(1.0)  # both processes' background loops tick four times a second: none may repeat it
    for client in clients:
        expired = [u for u in client.updates if u["type"] == "timer" and u["data"]["state"] == "expired"]
        assert len(expired) == 1 and len(closed(client)) == 1, client.name
        assert deadline <= expired[0]["t"] < deadline + 1.5
