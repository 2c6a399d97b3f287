"""Presence under a crowd: many sockets arriving or leaving at once reach moderators as a few lists,
the last one right, while attendance keeps one interval per socket."""
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from lab.attendance.models import Attendance
from lab.extensions import db
from lab.types import utcnow

from . import factories
from .live_helpers import call, connect

CROWD = 30
INTERVAL = 0.4


def presence_lists(client):
    """Presence lists the socket received so far, oldest first. Reads without taking them out: a list
    sent from a background thread may arrive while the test looks."""
    return [message["args"][0] for message in list(client.queue) if message["name"] == "presence"]


def wait_for(predicate, timeout=10.0, what="the condition"):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {timeout} s")
        time.sleep(0.05)


def names(view):
    return sorted(person["name"] for person in view["people"])


@pytest.fixture
def crowd(make_app):
    """A workshop, its moderator and CROWD participants, on an app that sends presence at most every
    INTERVAL seconds."""
    app = make_app(PRESENCE_INTERVAL_SECONDS=INTERVAL)
    make = factories.Factories(app)
    moderator = make.user(role="moderator", name="Mónica Moderadora Ficticia", password=None)
    workshop = make.workshop(moderators=[moderator])
    people = [make.join(make.user(name=f"Participante Ficticia {n:02d}", password=None), workshop)
              for n in range(CROWD)]
    return app, workshop, moderator, people


def room_state(app, workshop):
    """The app's record of when this workshop's presence goes out (None once everyone left)."""
    return app.extensions["realtime"].presence.rooms.get(workshop.id)


def idle(app, workshop):
    """No list planned or on its way for this workshop."""
    state = room_state(app, workshop)
    return state is None or not state.busy


def quiet(app, workshop):
    """Idle, and an interval since the last list: the next change goes out at once."""
    state = room_state(app, workshop)
    return idle(app, workshop) and (state is None or time.monotonic() >= state.sent_at + INTERVAL)


def settle(app, workshop, client):
    """Wait until whatever was planned went out; the lists the socket received."""
    wait_for(lambda: idle(app, workshop), what="presence settled")
    return presence_lists(client)


def intervals(app, workshop):
    with app.app_context():
        return db.session.execute(select(Attendance.user_id, Attendance.joined_at, Attendance.left_at)
                                  .where(Attendance.workshop_id == workshop.id)).all()


def test_a_crowd_arriving_at_once_is_announced_in_a_few_lists_the_last_with_everyone(crowd):
    app, workshop, moderator, people = crowd
    mod = connect(app, moderator, workshop)
    began = time.monotonic()
    sockets = [connect(app, person, workshop) for person in people]
    burst = time.monotonic() - began
    everyone = sorted([moderator.name] + [person.name for person in people])
    wait_for(lambda: presence_lists(mod) and names(presence_lists(mod)[-1]) == everyone, what="the whole room")
    lists = settle(app, workshop, mod)
    assert names(lists[-1]) == everyone and lists[-1]["count"] == CROWD + 1
    # One list per interval of the burst at most, plus the one at its start and the one at its end.
    assert len(lists) <= burst / INTERVAL + 2, (len(lists), burst)
    assert len(lists) < CROWD / 3
    roles = {person["name"]: person["role"] for person in lists[-1]["people"]}
    assert roles[moderator.name] == "moderator" and roles[people[0].name] == "participant"
    assert all(socket.is_connected() for socket in sockets)
    # Participants never get the list; their snapshot counts people.
    assert presence_lists(sockets[0]) == []
    assert call(sockets[0], "snapshot")["snapshot"]["presence"] == {"count": CROWD + 1}


def test_a_crowd_leaving_at_once_ends_with_who_stayed_and_every_interval_closed(crowd):
    app, workshop, moderator, people = crowd
    mod = connect(app, moderator, workshop)
    sockets = [connect(app, person, workshop) for person in people]
    wait_for(lambda: presence_lists(mod) and presence_lists(mod)[-1]["count"] == CROWD + 1, what="everyone")
    settle(app, workshop, mod)
    before = len(presence_lists(mod))
    staying = sockets[:2]
    for socket in sockets[2:]:
        socket.disconnect()
    expected = sorted([moderator.name] + [person.name for person in people[:2]])
    wait_for(lambda: names(presence_lists(mod)[-1]) == expected, what="the two who stayed")
    lists = settle(app, workshop, mod)[before:]
    assert names(lists[-1]) == expected and lists[-1]["count"] == 3
    assert len(lists) < (CROWD - 2) / 3
    assert call(mod, "snapshot")["snapshot"]["presence"] == lists[-1]
    # Attendance as before: one interval per socket, closed for those who left, open for the others.
    rows = intervals(app, workshop)
    assert len(rows) == CROWD + 1
    left = {person.id for person in people[2:]}
    assert {user_id for user_id, _joined, left_at in rows if left_at is not None} == left
    assert all(left_at >= joined for _user, joined, left_at in rows if left_at is not None)
    for socket in staying:
        socket.disconnect()
    wait_for(lambda: names(presence_lists(mod)[-1]) == [moderator.name], what="the moderator alone")


def test_a_quiet_room_hears_of_each_arrival_at_once_and_only_once(crowd):
    app, workshop, moderator, people = crowd
    mod = connect(app, moderator, workshop)
    wait_for(lambda: quiet(app, workshop), what="a quiet spell")  # the moderator's own arrival was the last list
    connect(app, people[0], workshop)
    assert [view["count"] for view in presence_lists(mod)] == [2]  # sent in the connect, no wait
    wait_for(lambda: quiet(app, workshop), what="a quiet spell")
    assert len(presence_lists(mod)) == 1  # nothing else changed: nothing else sent
    connect(app, people[1], workshop)  # a quiet spell later: at once again
    assert [view["count"] for view in presence_lists(mod)] == [2, 3]


def test_with_no_interval_every_change_is_sent(make_app):
    app = make_app(PRESENCE_INTERVAL_SECONDS=0)
    make = factories.Factories(app)
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    mod = connect(app, moderator, workshop)
    sockets = [connect(app, make.join(make.user(), workshop), workshop) for _ in range(5)]
    sockets[0].disconnect()
    assert [view["count"] for view in presence_lists(mod)] == [2, 3, 4, 5, 6, 5]


def test_with_several_processes_a_list_that_no_longer_holds_is_sent_again(crowd):
    """Another process's change (here a row written straight to the shared database) reaches this
    process's moderators through the recheck that follows every list sent."""
    app, workshop, moderator, people = crowd
    board = app.extensions["realtime"].presence
    board.recheck = True  # what a message queue (several processes) turns on
    mod = connect(app, moderator, workshop)
    wait_for(lambda: quiet(app, workshop), what="a quiet spell")  # the moderator's arrival and its recheck are over
    connect(app, people[0], workshop)
    with app.app_context():  # someone joining through another process, within the interval
        other = people[1]
        db.session.add(Attendance(workshop_id=workshop.id, user_id=other.id, sid="sid-in-another-process",
                                  name=other.name, role="participant", joined_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    wait_for(lambda: presence_lists(mod)[-1]["count"] == 3, what="the other process's arrival")
    lists = settle(app, workshop, mod)
    assert [view["count"] for view in lists] == [2, 3]
    assert names(lists[-1]) == sorted([moderator.name, people[0].name, people[1].name])
