"""The live room's core over Flask-SocketIO's test client: joining, snapshot, agenda, prompts, timers."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy

from lab.accounts.models import User
from lab.attendance.models import Attendance
from lab.extensions import db, socketio
from lab.live.jobs import expire_due
from lab.live.models import Timer
from lab.realtime.connections import drop_stale_connections
from lab.workshops import service
from lab.workshops.models import Prompt, Workshop

from .conftest import Browser
from .live_helpers import call, connect, logged_in, updates


@pytest.fixture
def room(app, make):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    alice = make.join(make.user(name="Alicia Ficticia"), workshop)
    bob = make.join(make.user(name="Bruno Ficticio"), workshop)
    return workshop, moderator, alice, bob


def prompt_id(snapshot):
    return snapshot["activities"][0]["prompts"][0]["id"]


def test_member_gets_a_snapshot_with_server_time_and_seq(app, room):
    workshop, moderator, alice, _ = room
    client = connect(app, alice, workshop)
    assert client.is_connected()
    ack = call(client, "snapshot")
    assert ack["ok"] is True
    snap = ack["snapshot"]
    assert snap["workshop"]["title"] == workshop.title
    assert [item["title"] for item in snap["agenda"]][0] == "Bienvenida"
    assert snap["me"]["role"] == "participant"
    assert abs(snap["server_time"] - time.time()) < 5
    assert snap["seq"] == 0


def test_stranger_and_anonymous_are_refused(app, make, room):
    workshop, *_ = room
    stranger = make.user()
    assert not connect(app, stranger, workshop).is_connected()
    anonymous = socketio.test_client(app, auth={"workshop": workshop.id})
    assert not anonymous.is_connected()


def test_participant_cannot_perform_moderator_actions(app, room):
    workshop, moderator, alice, _ = room
    client = connect(app, alice, workshop)
    for event, payload in [("workshop:start", None), ("agenda:next", None), ("timer:start", {"kind": "prompt"})]:
        ack = call(client, event, payload)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", event


def test_moderator_runs_agenda_and_prompt_and_everyone_sees_it(app, room):
    workshop, moderator, alice, bob = room
    mod = connect(app, moderator, workshop)
    a = connect(app, alice, workshop)
    pid = prompt_id(call(mod, "snapshot")["snapshot"])
    assert call(mod, "workshop:start")["ok"]
    assert call(mod, "agenda:next")["ok"]
    ack = call(mod, "prompt:open", {"prompt_id": pid})
    assert ack["ok"] and ack["timer"]["state"] == "running"
    assert 59 < ack["timer"]["deadline"] - time.time() <= 60
    received = updates(a)
    seqs = [u["seq"] for u in received]
    assert seqs == sorted(seqs) and seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    kinds = [u["type"] for u in received]
    assert "workshop" in kinds and "prompt" in kinds and "timer" in kinds
    assert call(mod, "agenda:prev")["live"]["agenda_item_id"] == call(mod, "snapshot")["snapshot"]["agenda"][0]["id"]
    assert call(mod, "agenda:prev")["error"]["code"] == "agenda_edge"


def test_prompt_closes_once_when_its_timer_runs_out(app, room):
    workshop, moderator, alice, _ = room
    mod = connect(app, moderator, workshop)
    a = connect(app, alice, workshop)
    pid = prompt_id(call(mod, "snapshot")["snapshot"])
    call(mod, "workshop:start")
    call(mod, "prompt:open", {"prompt_id": pid, "start_timer": False})
    call(mod, "timer:extend", {"kind": "prompt", "seconds": 5})
    with app.app_context():
        timer = db.session.query(Timer).filter_by(workshop_id=workshop.id, kind="prompt").one()
        timer.state, timer.deadline = "running", time.time() - 1
        db.session.commit()
        a.get_received()
        assert expire_due() == 1
        assert expire_due() == 0  # exactly once
    kinds = [(u["type"], u["data"].get("is_open", u["data"].get("state"))) for u in updates(a)]
    assert ("timer", "expired") in kinds and ("prompt", False) in kinds


def test_malformed_payloads_get_clear_errors_and_change_nothing(app, room):
    workshop, moderator, *_ = room
    mod = connect(app, moderator, workshop)
    before = call(mod, "snapshot")["snapshot"]["seq"]
    for payload in ["texto", 42, [1], {"prompt_id": "7"}, {"prompt_id": 10**9}, {}, {"prompt_id": 1, "x": 1}]:
        ack = call(mod, "prompt:show", payload)
        assert ack["ok"] is False and ack["error"]["message"], payload
    assert call(mod, "snapshot")["snapshot"]["seq"] == before


def test_other_workshops_prompt_is_not_found(app, make, room):
    workshop, moderator, *_ = room
    other = make.workshop()
    with app.app_context():
        other_prompt = Prompt.query.filter_by(workshop_id=other.id).first().id
    mod = connect(app, moderator, workshop)
    ack = call(mod, "prompt:show", {"prompt_id": other_prompt})
    assert ack["error"]["code"] == "not_found"


def test_logout_over_http_ends_the_open_socket(app, room):
    workshop, moderator, alice, _ = room
    http = logged_in(app, alice)
    client = socketio.test_client(app, flask_test_client=http, auth={"workshop": workshop.id})
    assert client.is_connected()
    Browser(http).logout()
    assert not client.is_connected()
    assert not connect(app, alice, workshop).is_connected()  # the old session cannot come back


def test_deleting_an_account_ends_its_socket(app, room):
    workshop, moderator, alice, _ = room
    client = connect(app, alice, workshop)
    with app.app_context():
        db.session.delete(db.session.get(User, alice.id))
        db.session.commit()
    assert not client.is_connected()


# -- reserved and unknown event names ----------------------------------------------------------

def presence_names(client):
    return [person["name"] for person in call(client, "snapshot")["snapshot"]["presence"]["people"]]


def test_a_client_cannot_fake_its_own_disconnect_or_connect(app, make, room):
    """python-socketio hands a client-sent "disconnect"/"connect" event to the same handlers as the
    real ones: a participant must not be able to vanish from presence or join a second room that way."""
    workshop, moderator, alice, _ = room
    other = make.workshop(title="Otro taller")
    make.join(alice, other)
    mod, a = connect(app, moderator, workshop), connect(app, alice, workshop)
    assert presence_names(mod) == [moderator.name, "Alicia Ficticia"]

    for fake in [("disconnect",), ("disconnect", "client disconnect"), ("connect", {}, {"workshop": other.id}),
                 ("connect", {}, {"workshop": workshop.id})]:
        ack = a.emit(*fake, callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "unknown_event", fake
        assert ack["error"]["message"]

    assert a.is_connected() and call(a, "time")["ok"]  # still the same, registered socket
    assert presence_names(mod) == [moderator.name, "Alicia Ficticia"]
    assert call(a, "snapshot")["snapshot"]["workshop"]["id"] == workshop.id
    with app.app_context():
        rows = db.session.query(Attendance).filter_by(user_id=alice.id).all()
        assert [(row.workshop_id, row.left_at) for row in rows] == [(workshop.id, None)]  # one open interval

    a.disconnect()  # the real one still counts
    assert presence_names(mod) == [moderator.name]


def test_an_unknown_event_is_answered_and_changes_nothing(app, room):
    workshop, moderator, alice, _ = room
    mod, a = connect(app, moderator, workshop), connect(app, alice, workshop)
    before = call(mod, "snapshot")["snapshot"]
    for client in (a, mod):
        for args in [("idea:publicar", {"text": "x"}), ("timer:explode",), ("message", "hola"), ("json", [1, 2])]:
            ack = client.emit(*args, callback=True)
            assert ack == {"ok": False, "error": {"code": "unknown_event", "message": ack["error"]["message"]}}, args
            assert "no existe" in ack["error"]["message"]
    after = call(mod, "snapshot")["snapshot"]
    assert after["seq"] == before["seq"] and after["presence"] == before["presence"]
    assert a.emit("evento:sin_respuesta", {"n": 1}) is None and a.is_connected()  # no ack asked, none sent


# -- timers ------------------------------------------------------------------------------------

def expire_now(app, workshop, kind="prompt"):
    """Move a running timer's deadline into the past and let the server expire it."""
    with app.app_context():
        timer = db.session.query(Timer).filter_by(workshop_id=workshop.id, kind=kind).one()
        assert timer.state == "running"
        timer.deadline = time.time() - 1
        db.session.commit()
        assert expire_due() == 1


def test_extending_a_prompt_timer_that_ran_out_reopens_the_prompt(app, room):
    workshop, moderator, alice, _ = room
    mod, a = connect(app, moderator, workshop), connect(app, alice, workshop)
    pid = prompt_id(call(mod, "snapshot")["snapshot"])
    call(mod, "workshop:start")
    call(mod, "prompt:open", {"prompt_id": pid})
    expire_now(app, workshop)
    idea = {"prompt_id": pid, "text": "Tarde", "actor": "Universidad Ficticia", "category": "humanas"}
    assert call(a, "idea:post", {**idea, "client_id": "tarde-0001"})["error"]["code"] == "prompt_closed"
    a.get_received()

    ack = call(mod, "timer:extend", {"kind": "prompt"})
    assert ack["ok"] and ack["timer"]["state"] == "running" and ack["timer"]["prompt_id"] == pid
    assert 29 < ack["timer"]["deadline"] - time.time() <= 30 and ack["timer"]["duration"] == 90
    seen = [(u["type"], u["data"].get("is_open", u["data"].get("state"))) for u in updates(a)]
    assert seen == [("prompt", True), ("timer", "running")]
    assert call(a, "idea:post", {**idea, "client_id": "tarde-0002"})["ok"]  # people can post again

    expire_now(app, workshop)  # and the extra time runs out like the first
    assert call(a, "idea:post", {**idea, "client_id": "tarde-0003"})["error"]["code"] == "prompt_closed"
    assert call(mod, "timer:start", {"kind": "prompt"})["timer"]["state"] == "running"  # starting it again too
    assert call(a, "idea:post", {**idea, "client_id": "tarde-0004"})["ok"]


def test_a_timer_that_ran_out_after_the_workshop_closed_stays_closed(app, room):
    workshop, moderator, *_ = room
    mod = connect(app, moderator, workshop)
    pid = prompt_id(call(mod, "snapshot")["snapshot"])
    call(mod, "workshop:start")
    call(mod, "prompt:open", {"prompt_id": pid})
    expire_now(app, workshop)
    call(mod, "workshop:close")
    seq = call(mod, "snapshot")["snapshot"]["seq"]
    for event in ("timer:extend", "timer:start"):
        ack = call(mod, event, {"kind": "prompt"})
        assert ack["ok"] is False and ack["error"]["code"] == "closed", event
    snap = call(mod, "snapshot")["snapshot"]
    assert snap["seq"] == seq and snap["timers"]["prompt"]["state"] == "expired"
    assert snap["activities"][0]["prompts"][0]["is_open"] is False


def test_reset_goes_back_to_the_prompts_own_seconds(app, room):
    workshop, moderator, *_ = room
    mod = connect(app, moderator, workshop)
    pid = prompt_id(call(mod, "snapshot")["snapshot"])
    call(mod, "workshop:start")
    call(mod, "prompt:open", {"prompt_id": pid})  # the prompt's countdown: 60 s
    call(mod, "timer:extend", {"kind": "prompt", "seconds": 30})
    call(mod, "timer:extend", {"kind": "prompt", "seconds": 45})
    assert call(mod, "timer:pause", {"kind": "prompt"})["timer"]["duration"] == 135
    ack = call(mod, "timer:reset", {"kind": "prompt"})
    assert ack["ok"] and ack["timer"] == {"kind": "prompt", "state": "idle", "duration": 60.0, "deadline": None,
                                          "remaining": 60.0, "prompt_id": pid, "hand_id": None}
    started = call(mod, "timer:start", {"kind": "prompt"})["timer"]
    assert 59 < started["deadline"] - time.time() <= 60


# -- first arrivals at the same moment ---------------------------------------------------------

def meet_at_first_insert(app, table, parties=2):
    """Hold each thread at its first INSERT into `table` until `parties` threads are there: both have
    already looked for the row and found none, the moment two first arrivals race."""
    barrier, held = threading.Barrier(parties, timeout=10), set()

    def hold(_conn, _cursor, statement, *_args):
        me = threading.get_ident()
        if statement.startswith(f"INSERT INTO {table}") and me not in held:
            held.add(me)
            barrier.wait()

    with app.app_context():
        sqlalchemy.event.listen(db.engine, "before_cursor_execute", hold)
    return lambda: sqlalchemy.event.remove(db.engine, "before_cursor_execute", hold)


def at_once(*actions):
    """Run the actions in parallel threads; return their results or exceptions, in order."""
    def attempt(action):
        try:
            return action()
        except Exception as error:  # noqa: BLE001 - the test reports it
            return error

    with ThreadPoolExecutor(len(actions)) as pool:
        return list(pool.map(attempt, actions))


def test_two_people_entering_a_new_room_at_the_same_moment_both_get_in(app, room):
    workshop, moderator, alice, bob = room
    release = meet_at_first_insert(app, "live_states")
    try:
        clients = at_once(lambda: connect(app, alice, workshop), lambda: connect(app, bob, workshop))
    finally:
        with app.app_context():
            release()
    assert [c if isinstance(c, Exception) else c.is_connected() for c in clients] == [True, True]
    snapshots = [call(c, "snapshot")["snapshot"] for c in clients]
    assert [s["presence"]["count"] for s in snapshots] == [2, 2] and [s["seq"] for s in snapshots] == [0, 0]


def test_two_first_snapshots_at_the_same_moment_both_get_the_timers(app, room):
    workshop, moderator, alice, bob = room
    a, b = connect(app, alice, workshop), connect(app, bob, workshop)
    release = meet_at_first_insert(app, "timers")
    try:
        acks = at_once(lambda: call(a, "snapshot"), lambda: call(b, "snapshot"))
    finally:
        with app.app_context():
            release()
    assert [ack["ok"] for ack in acks] == [True, True], acks
    assert acks[0]["snapshot"]["timers"] == acks[1]["snapshot"]["timers"]
    assert acks[0]["snapshot"]["timers"]["prompt"]["state"] == "idle"
    with app.app_context():
        assert sorted(t.kind for t in db.session.query(Timer).filter_by(workshop_id=workshop.id)) == ["prompt",
                                                                                                     "speaking"]


# -- moderators the lab team removes -----------------------------------------------------------

def set_moderators(app, workshop, *people):
    """What the lab team's workshop page does when it assigns or removes moderators."""
    with app.app_context():
        current = db.session.get(Workshop, workshop.id)
        for person in list(current.moderators):
            service.remove_moderator(current, person.id)
        for person in people:
            service.add_moderator(current, person.email)
        db.session.commit()


def test_a_moderator_removed_from_the_workshop_loses_the_controls_at_once(app, make, room):
    workshop, moderator, alice, _ = room
    colleague = make.user(role="moderator", name="Colega Ficticia")
    lab = make.user(role="lab", name="Equipo Ficticio")
    set_moderators(app, workshop, moderator, colleague)
    mod, other, team, a = (connect(app, person, workshop) for person in (moderator, colleague, lab, alice))
    pid = prompt_id(call(mod, "snapshot")["snapshot"])
    assert call(mod, "workshop:start")["ok"]

    set_moderators(app, workshop, colleague)  # the lab team takes her off this workshop
    seq = call(other, "snapshot")["snapshot"]["seq"]
    for event, payload in [("prompt:open", {"prompt_id": pid}), ("workshop:close", None), ("agenda:next", None),
                           ("timer:start", {"kind": "prompt"}), ("hand:give_floor", {"hand_id": 1})]:
        ack = call(mod, event, payload)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (event, ack)
        assert "Ya no moderas" in ack["error"]["message"]
    assert call(other, "snapshot")["snapshot"]["seq"] == seq  # nothing happened
    assert call(mod, "time")["ok"]  # the socket itself is still there until the next sweep

    assert call(other, "prompt:open", {"prompt_id": pid})["ok"]  # the remaining moderator keeps them
    assert call(team, "agenda:next")["ok"]  # and so does the lab team, assigned or not
    assert call(a, "agenda:next")["error"]["code"] == "forbidden"

    set_moderators(app, workshop, colleague, moderator)  # given back: they work again without reconnecting
    assert call(mod, "agenda:next")["ok"]


def test_removing_a_moderator_on_the_workshop_page_closes_their_sockets_there_at_once(app, make, room):
    workshop, moderator, alice, _ = room
    colleague = make.user(role="moderator", name="Colega Ficticia")
    elsewhere = make.workshop(title="Otro taller", moderators=[moderator])
    set_moderators(app, workshop, moderator, colleague)
    mod, mod_tab, mod_elsewhere, other, a = (connect(app, person, place) for person, place in (
        (moderator, workshop), (moderator, workshop), (moderator, elsewhere), (colleague, workshop),
        (alice, workshop)))
    lab = Browser(app.test_client())
    lab.login(make.user(role="lab"))

    response = lab.post(f"/talleres/{workshop.id}/moderadores/{moderator.id}/quitar")
    assert response.status_code == 302
    # No sweep ran: the page itself closed both of her consoles of this workshop.
    assert not mod.is_connected() and not mod_tab.is_connected()
    assert mod_elsewhere.is_connected() and other.is_connected() and a.is_connected()
    with app.app_context():
        open_roles = db.session.scalars(sqlalchemy.select(Attendance.role).where(
            Attendance.workshop_id == workshop.id, Attendance.user_id == moderator.id,
            Attendance.left_at.is_(None))).all()
    assert open_roles == []  # her attendance intervals there are closed


def test_removing_someone_who_is_not_a_moderator_there_closes_nothing(app, make, room):
    workshop, moderator, alice, _ = room
    mod, a = connect(app, moderator, workshop), connect(app, alice, workshop)
    lab = Browser(app.test_client())
    lab.login(make.user(role="lab"))
    lab.post(f"/talleres/{workshop.id}/moderadores/{alice.id}/quitar")
    assert mod.is_connected() and a.is_connected()


def test_the_sweep_disconnects_a_removed_moderator_so_they_rejoin_with_their_new_role(app, make, room):
    workshop, moderator, alice, _ = room
    mod, a = connect(app, moderator, workshop), connect(app, alice, workshop)
    set_moderators(app, workshop)
    with app.app_context():
        drop_stale_connections()
    assert not mod.is_connected() and a.is_connected()
    assert not connect(app, moderator, workshop).is_connected()  # no longer a member of this room
    make.join(moderator, workshop)
    again = connect(app, moderator, workshop)
    assert call(again, "snapshot")["snapshot"]["me"]["role"] == "participant"
