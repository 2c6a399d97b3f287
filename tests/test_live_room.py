"""The live room's core over Flask-SocketIO's test client: joining, snapshot, agenda, prompts, timers."""
import time

import pytest

from lab.live.ticker import expire_due

from .live_helpers import call, connect, updates


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
    from lab.extensions import socketio
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
        from lab.extensions import db
        from lab.live.models import Timer
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
        from lab.workshops.models import Prompt
        other_prompt = Prompt.query.filter_by(workshop_id=other.id).first().id
    mod = connect(app, moderator, workshop)
    ack = call(mod, "prompt:show", {"prompt_id": other_prompt})
    assert ack["error"]["code"] == "not_found"


def test_logout_over_http_ends_the_open_socket(app, room):
    from .conftest import Browser
    from .live_helpers import logged_in
    from lab.extensions import socketio

    workshop, moderator, alice, _ = room
    http = logged_in(app, alice)
    client = socketio.test_client(app, flask_test_client=http, auth={"workshop": workshop.id})
    assert client.is_connected()
    Browser(http).logout()
    assert not client.is_connected()
    assert not connect(app, alice, workshop).is_connected()  # the old session cannot come back


def test_deleting_an_account_ends_its_socket(app, room):
    from lab.extensions import db
    from lab.accounts.models import User

    workshop, moderator, alice, _ = room
    client = connect(app, alice, workshop)
    with app.app_context():
        db.session.delete(db.session.get(User, alice.id))
        db.session.commit()
    assert not client.is_connected()
