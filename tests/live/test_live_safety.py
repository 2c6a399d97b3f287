"""Against the real server: nothing is lost or doubled, nobody oversteps, and garbage changes nothing."""
import threading
import urllib.request

import pytest
import socketio
from sqlalchemy import func, select

from lab.attendance.models import Attendance
from lab.board.models import Idea
from lab.extensions import db
from lab.realtime import EVENTS as DECLARED
from lab.realtime.models import AuditEntry

from .support import WAIT, LiveClient, Server, go_live, new_client_id, post, refusal, wait_until

pytestmark = pytest.mark.live

EVENTS = sorted(DECLARED)  # every event the slices declare, new ones included
# Not one of these is a valid payload for any event above.
GARBAGE = [
    42, -1, 3.5, True, "texto", "ñ" * 2000, [1, 2], [{"prompt_id": 1}], b"\x00\xff binario",
    {"unexpected": 1}, {"prompt_id": "1", "unexpected": None}, {"a": {"b": [[[{"c": None}]]]}},
    {"client_id": "../../x", "prompt_id": [], "text": {}, "unexpected": 0}, {"text": "a" * 20000, "x": 1},
]


def count(seed_app, model, *where):
    with seed_app.app_context():
        try:
            return db.session.scalar(select(func.count()).select_from(model).where(*where))
        finally:
            db.session.remove()


# -- posting exactly once ----------------------------------------------------------------------

def test_retry_after_the_ack_was_lost_returns_the_stored_idea(room, join, seed_app):
    moderator, alicia = join("moderator"), join("alicia")
    go_live(moderator, room)
    payload = {"client_id": new_client_id(), "prompt_id": room.prompts["normal"], "text": "Se cayó la red"}
    alicia.sio.emit("idea:post", payload, callback=lambda *ack: None)  # the ack is never read
    stored = moderator.wait_update("idea", lambda idea: idea.get("text") == "Se cayó la red")["data"]
    alicia.drop()

    alicia.connect()
    retry = alicia.call("idea:post", payload)
    assert retry["ok"] and retry["duplicate"] is True and retry["idea"]["id"] == stored["id"]
    assert count(seed_app, Idea, Idea.client_id == payload["client_id"]) == 1
    moderator.call("time")  # the server writes to a socket in order: whatever the retry sent is in
    assert sum(u["type"] == "idea" and u["data"]["id"] == stored["id"] for u in moderator.updates()) == 1


def test_a_post_cut_off_right_after_sending_is_stored_once(room, join, seed_app):
    moderator, alicia = join("moderator"), join("alicia")
    go_live(moderator, room)
    payload = {"client_id": new_client_id(), "prompt_id": room.prompts["normal"], "text": "Enviada y desconectada"}
    alicia.sio.emit("idea:post", payload, callback=lambda *ack: None)
    old_sid = alicia.sio.get_sid()  # the server's name for this socket
    alicia.sio.disconnect()  # before any ack can be read
    # The post came before the goodbye: once the server closed that socket's attendance, it is done
    # with the post too, stored or refused.
    wait_until(lambda: count(seed_app, Attendance, Attendance.sid == old_sid, Attendance.left_at.is_not(None)))
    moderator.call("time")  # and whatever it broadcast has reached the moderator
    first_stored = any(u["type"] == "idea" for u in moderator.updates())

    alicia.connect()
    retry = alicia.call("idea:post", payload)
    assert retry["ok"] and retry["duplicate"] is first_stored
    assert count(seed_app, Idea, Idea.client_id == payload["client_id"]) == 1
    snapshot = moderator.call("snapshot")["snapshot"]
    assert [idea["id"] for idea in snapshot["ideas"]] == [retry["idea"]["id"]]


# -- who may do what ---------------------------------------------------------------------------

def test_participant_cannot_perform_moderator_actions(room, join, seed_app):
    moderator, alicia = join("moderator"), join("alicia")
    opened = go_live(moderator, room)
    idea = post(alicia, room, "Una idea cualquiera")["idea"]
    before = alicia.call("snapshot")["snapshot"]
    audited = count(seed_app, AuditEntry)
    attempts = [
        ("workshop:close", None), ("agenda:next", None), ("prompt:close", {"prompt_id": room.prompts["normal"]}),
        ("timer:pause", {"kind": "prompt"}), ("timer:extend", {"kind": "prompt", "seconds": 60}),
        ("live:auto_close", {"enabled": False}), ("idea:hide", {"idea_id": idea["id"], "hidden": True}),
        ("idea:moderate", {"idea_id": idea["id"], "text": "Cambiada"}),
        ("cluster:create", {"prompt_id": room.prompts["normal"], "name": "Grupo"}),
        ("vote:open", {"prompt_id": room.prompts["normal"]}), ("hand:give_floor", {"hand_id": 1}),
    ]
    for event, payload in attempts:
        ack = alicia.call(event, payload)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (event, ack)
        assert ack["error"]["message"]

    after = alicia.call("snapshot")["snapshot"]
    assert after["seq"] == before["seq"]  # nothing was broadcast: nothing changed
    assert after["timers"]["prompt"]["deadline"] == opened["timer"]["deadline"]
    assert after["workshop"]["status"] == "live" and after["live"]["auto_close"] is True
    assert after["ideas"] == before["ideas"] and after["clusters"] == [] and after["vote"] is None
    assert count(seed_app, AuditEntry) == audited


def test_a_client_naming_an_event_connect_or_disconnect_changes_nothing(room, join, seed_app):
    """Over a real connection python-socketio passes such events to the connection handlers; the
    server must tell them from the real ones, and answer every unknown name instead of staying silent."""
    moderator, alicia = join("moderator"), join("alicia")
    moderator.wait_for(lambda event, data: event == "presence" and data["count"] == 2, what="presence of two")
    fakes = [("disconnect", None), ("disconnect", "io client disconnect"), ("connect", {"workshop": room.workshop_id}),
             ("connect", {"workshop": room.other_workshop_id}), ("taller:hackear", {"x": 1}),
             ("idea:publish", {"text": "casi"})]
    for event, payload in fakes:
        ack = alicia.call(event, payload)
        assert ack["ok"] is False and ack["error"]["code"] == "unknown_event" and ack["error"]["message"], (event, ack)
    assert alicia.connected and alicia.call("time")["ok"]
    assert moderator.call("snapshot")["snapshot"]["presence"]["count"] == 2
    assert [data["count"] for event, data in moderator.received if event == "presence"][-1] == 2
    assert count(seed_app, Attendance, Attendance.user_id == room.user_ids["alicia"]) == 1

    alicia.close()  # leaving for real still counts
    moderator.wait_for(lambda event, data: event == "presence" and data["count"] == 1, what="presence of one")


def test_refused_connections_say_why(room, server):
    cases = [
        (None, room.workshop_id, "unauthenticated"),
        ("no-es-una-cookie-firmada", room.workshop_id, "unauthenticated"),
        (room.cookies["stranger"], room.workshop_id, "forbidden"),
        (room.cookies["alicia"], room.other_workshop_id, "forbidden"),
        (room.cookies["moderator"], 999999, "not_found"),
        (room.cookies["alicia"], "abc", "not_found"),
        # Numbers no workshop can have: refused at once, never a client left waiting for an answer.
        (room.cookies["alicia"], 2**64, "not_found"),
        (room.cookies["alicia"], 2**31, "not_found"),
        (room.cookies["alicia"], "9" * 40, "not_found"),
        (room.cookies["alicia"], -room.workshop_id, "not_found"),
        (room.cookies["alicia"], 0, "not_found"),
        (room.cookies["alicia"], True, "not_found"),
        (room.cookies["alicia"], float(room.workshop_id), "not_found"),
        (room.cookies["alicia"], [room.workshop_id], "not_found"),
        (room.cookies["alicia"], "٣", "not_found"),  # a digit, but not an ASCII one
    ]
    for cookie, workshop_id, code in cases:
        error = refusal(server, cookie, workshop_id, timeout=3)
        assert error["data"]["code"] == code, (workshop_id, error)
        assert isinstance(error["message"], str) and len(error["message"]) > 10


def test_the_workshop_is_named_in_auth_only_never_in_the_query_string(room, server):
    """docs/protocol.md §2: an empty `auth` names no workshop, whatever the URL says."""
    query = f"?workshop={room.workshop_id}"
    for auth in ({}, {"taller": room.workshop_id}):
        error = refusal(server, room.cookies["alicia"], None, timeout=3, auth=auth, query=query)
        assert error["data"]["code"] == "not_found", (auth, error)


# -- garbage ---------------------------------------------------------------------------------------

def flood(client, calls, timeout=60):
    """Send every (event, payload) at once, acks requested; return the acks once all arrived."""
    acks, done = [], threading.Event()

    def answered(*ack):
        acks.append(ack[0] if ack else None)
        if len(acks) == len(calls):
            done.set()

    for event, payload in calls:
        client.sio.emit(event, payload, callback=answered)
    assert done.wait(timeout), f"{len(calls) - len(acks)} events got no ack"
    return acks


def test_flood_of_malformed_events_leaves_the_server_serving(room, server, join, seed_app):
    moderator, alicia, bruno = join("moderator"), join("alicia"), join("bruno")
    opened = go_live(moderator, room)
    before = moderator.call("snapshot")["snapshot"]
    audited = count(seed_app, AuditEntry)
    calls = [(event, payload) for event in EVENTS for payload in GARBAGE]
    calls += [(event, (1, {"prompt_id": 1})) for event in EVENTS]  # two arguments instead of one
    calls += [("idea:post", {"client_id": client_id, "prompt_id": room.prompts["normal"], "text": text})
              for client_id, text in [("corto", "Id muy corto"), ("x" * 65, "Id muy largo"), ("sin espacios!", "x"),
                                      (new_client_id(), ""), (new_client_id(), "a" * 501)]]
    calls.append(("idea:post", {"client_id": new_client_id(), "prompt_id": 10**12, "text": "Pregunta inexistente"}))

    for client in (bruno, moderator):  # as a participant, and as the moderator past the role check
        acks = flood(client, calls)
        assert len(acks) == len(calls) > 500
        for (event, _payload), ack in zip(calls, acks, strict=True):
            assert ack["ok"] is False and ack["error"]["code"] in ("invalid", "forbidden", "not_found"), (event, ack)
            assert ack["error"]["message"]

    for n in range(100):  # events nobody handles, with no ack asked for (so none is sent)
        bruno.emit(f"evento:desconocido:{n}", {"n": n})
    bruno.emit("idea:post", "x" * (70 * 1024))  # over the 64 KiB buffer: the server drops this socket
    bruno.wait_disconnected()

    after = moderator.call("snapshot")["snapshot"]
    assert after["seq"] == before["seq"] and after["ideas"] == []
    assert after["timers"]["prompt"]["deadline"] == opened["timer"]["deadline"]
    assert count(seed_app, AuditEntry) == audited and count(seed_app, Idea) == 0
    assert alicia.connected and not [u for u in alicia.updates() if u["seq"] > before["seq"]]

    with urllib.request.urlopen(server.url + "/health", timeout=WAIT) as health:
        assert health.status == 200
    bruno.connect()
    ack = post(bruno, room, "Idea bien formada tras la avalancha")
    assert ack["ok"] and ack["duplicate"] is False
    update = alicia.wait_update("idea", lambda idea: idea.get("text") == "Idea bien formada tras la avalancha")
    assert update["seq"] == before["seq"] + 1
    assert join("carla").call("time")["ok"]  # and still lets people in


def test_one_person_holds_a_bounded_number_of_sockets_and_the_next_is_told_why(live_db, room, tmp_path):
    server = Server(live_db, tmp_path / "capped.log", COCREA_SOCKETS_PER_PERSON="2").start()
    clients = []
    try:
        clients = [LiveClient(server, room.cookies["alicia"], room.workshop_id).connect() for _ in range(2)]
        error = refusal(server, room.cookies["alicia"], room.workshop_id)
        assert error["data"]["code"] == "too_many_connections" and "pestañas" in error["message"], error
        clients.append(LiveClient(server, room.cookies["bruno"], room.workshop_id).connect())  # others still may
        assert clients[-1].call("time")["ok"]
        clients[0].close()
        wait_until(lambda: _connects(server, room.cookies["alicia"], room.workshop_id), what="a socket freed")
    finally:
        for client in clients:
            client.close()
        server.stop()


def _connects(server, cookie, workshop_id):
    client = LiveClient(server, cookie, workshop_id)
    try:
        client.connect()
    except socketio.exceptions.ConnectionError:
        return False
    client.close()
    return True
