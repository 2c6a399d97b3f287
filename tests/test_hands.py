"""Raised hands: the queue, giving the floor with its speaking timer, ending turns, speaking time."""
import time
from datetime import timedelta

from lab.extensions import db
from lab.live.hands import speaking_seconds
from lab.live.jobs import expire_due
from lab.live.models import Hand, Timer
from lab.types import utcnow

from .board_helpers import Room, of_type
from .live_helpers import call, connect, updates


def later():
    """A moment well after now: a turn that ended counts the same seconds then."""
    return utcnow() + timedelta(minutes=5)


def error(ack):
    assert ack["ok"] is False, ack
    assert ack["error"]["message"]
    return ack["error"]["code"]


def queue_names(client_or_view):
    view = client_or_view if isinstance(client_or_view, dict) else call(client_or_view, "snapshot")["snapshot"]["hands"]
    return [entry["name"] for entry in view["queue"]]


def test_queue_keeps_the_order_hands_went_up(live: Room, make):
    carla = make.join(make.user(name="Carla Ficticia"), live.workshop)
    c = connect(live.app, carla, live.workshop)
    for client in (live.b, c, live.a):
        assert call(client, "hand:raise")["ok"]
    [*_, last] = of_type(live.mod, "hands")
    assert queue_names(last) == ["Bruno Ficticio", "Carla Ficticia", "Alicia Ficticia"]
    assert last["speaking"] is None
    again = call(live.b, "hand:raise")  # raising twice keeps one place in the queue
    assert again["ok"] and again["hand_id"] == last["queue"][0]["hand_id"]
    assert of_type(live.mod, "hands") == [] and live.count(Hand) == 3
    assert queue_names(live.a) == ["Bruno Ficticio", "Carla Ficticia", "Alicia Ficticia"]


def test_lowering_leaves_the_queue(live: Room):
    call(live.a, "hand:raise")
    call(live.b, "hand:raise")
    assert queue_names(call(live.a, "hand:lower")["hands"]) == ["Bruno Ficticio"]
    assert queue_names(of_type(live.mod, "hands")[-1]) == ["Bruno Ficticio"]
    assert error(call(live.a, "hand:lower")) == "no_hand"
    assert call(live.a, "hand:raise")["ok"]  # and may raise it again, at the end
    assert queue_names(live.mod) == ["Bruno Ficticio", "Alicia Ficticia"]


def test_giving_the_floor_starts_the_speaking_timer_for_everyone(live: Room):
    hand_id = call(live.a, "hand:raise")["hand_id"]
    bob_hand = call(live.b, "hand:raise")["hand_id"]
    live.drain()
    ack = call(live.mod, "hand:give_floor", {"hand_id": hand_id})
    assert ack["ok"] and ack["hands"]["speaking"]["name"] == "Alicia Ficticia"
    [hands] = of_type(live.b, "hands")
    [timer] = of_type(live.a, "timer")
    assert hands["speaking"]["hand_id"] == hand_id and queue_names(hands) == ["Bruno Ficticio"]
    assert timer["kind"] == "speaking" and timer["state"] == "running" and timer["hand_id"] == hand_id
    assert timer["duration"] == 60 and 59 < timer["deadline"] - time.time() <= 60
    snap = call(live.b, "snapshot")["snapshot"]
    assert snap["timers"]["speaking"]["hand_id"] == hand_id and snap["hands"]["speaking"]["name"] == "Alicia Ficticia"
    assert "user_id" not in snap["hands"]["speaking"] and snap["hands"]["mine"] == bob_hand  # bob, in the queue


def test_next_speaker_ends_the_current_turn(live: Room):
    first = call(live.a, "hand:raise")["hand_id"]
    second = call(live.b, "hand:raise")["hand_id"]
    call(live.mod, "hand:give_floor", {"hand_id": first})
    ack = call(live.mod, "hand:give_floor", {"hand_id": second})
    assert ack["hands"]["speaking"]["hand_id"] == second and ack["hands"]["queue"] == []
    assert ack["timer"]["hand_id"] == second and ack["timer"]["state"] == "running"
    with live.app.app_context():
        done = db.session.get(Hand, first)
        assert done.state == "done" and done.ended_at is not None


def test_end_turn_stops_the_timer_and_records_speaking_time(live: Room):
    hand_id = call(live.a, "hand:raise")["hand_id"]
    call(live.mod, "hand:give_floor", {"hand_id": hand_id})
    with live.app.app_context():
        hand = db.session.get(Hand, hand_id)
        hand.floor_at = utcnow() - timedelta(seconds=42)  # she has been speaking for 42 s
        db.session.commit()
        assert 41 < speaking_seconds(live.workshop.id)[live.alice.id] < 44  # counted while speaking
    live.drain()
    ack = call(live.mod, "hand:end_turn", {"hand_id": hand_id})
    assert ack["ok"] and ack["hands"]["speaking"] is None and ack["timer"]["state"] == "idle"
    assert of_type(live.b, "timer")[0]["state"] == "idle"
    with live.app.app_context():
        assert db.session.get(Hand, hand_id).state == "done"
        seconds = speaking_seconds(live.workshop.id)
        assert speaking_seconds(live.workshop.id, later()) == seconds  # the clock stopped with the turn
    assert 41 < seconds[live.alice.id] < 44 and live.bob.id not in seconds
    assert error(call(live.mod, "hand:end_turn", {"hand_id": hand_id})) == "not_speaking"


def test_speaker_lowering_the_hand_ends_the_turn(live: Room):
    hand_id = call(live.a, "hand:raise")["hand_id"]
    call(live.mod, "hand:give_floor", {"hand_id": hand_id})
    assert call(live.a, "hand:lower")["hands"]["speaking"] is None
    assert call(live.mod, "snapshot")["snapshot"]["timers"]["speaking"]["state"] == "idle"


def test_floor_only_for_hands_raised_in_this_workshop(live: Room, make):
    hand_id = call(live.a, "hand:raise")["hand_id"]
    call(live.a, "hand:lower")
    assert error(call(live.mod, "hand:give_floor", {"hand_id": hand_id})) == "hand_not_raised"
    assert error(call(live.mod, "hand:give_floor", {"hand_id": 10**6})) == "not_found"
    other = make.workshop(status="live")
    with live.app.app_context():
        foreign = Hand(workshop_id=other.id, user_id=live.bob.id, state="raised", raised_at=utcnow())
        db.session.add(foreign)
        db.session.commit()
        foreign_id = foreign.id
    assert error(call(live.mod, "hand:give_floor", {"hand_id": foreign_id})) == "not_found"
    assert error(call(live.mod, "hand:end_turn", {"hand_id": foreign_id})) == "not_found"
    assert error(call(live.mod, "hand:give_floor", {"hand_id": "1"})) == "invalid"
    assert error(call(live.a, "hand:give_floor", {"hand_id": hand_id})) == "forbidden"
    assert call(live.mod, "snapshot")["snapshot"]["timers"]["speaking"]["state"] == "idle"


def test_hands_wait_for_the_workshop_to_be_live(app, make):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    alice = make.join(make.user(), workshop)
    assert error(call(connect(app, alice, workshop), "hand:raise")) == "not_live"


def test_speaking_time_stops_when_the_workshop_closes(live: Room):
    hand_id = call(live.a, "hand:raise")["hand_id"]
    call(live.mod, "hand:give_floor", {"hand_id": hand_id})
    assert call(live.mod, "workshop:close")["ok"]
    with live.app.app_context():
        seconds = speaking_seconds(live.workshop.id)[live.alice.id]
        assert speaking_seconds(live.workshop.id, later())[live.alice.id] == seconds


def test_moderator_dismisses_a_hand_and_participants_cannot(app, make):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    alice = make.join(make.user(), workshop)
    mod, a = connect(app, moderator, workshop), connect(app, alice, workshop)
    call(mod, "workshop:start")
    hand_id = call(a, "hand:raise")["hand_id"]
    assert call(a, "hand:dismiss", {"hand_id": hand_id})["error"]["code"] == "forbidden"
    ack = call(mod, "hand:dismiss", {"hand_id": hand_id})
    assert ack["ok"] and ack["hands"]["queue"] == []
    assert call(mod, "hand:dismiss", {"hand_id": hand_id})["error"]["code"] == "hand_not_raised"


def test_closing_the_workshop_ends_the_current_turn(app, make):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    alice = make.join(make.user(), workshop)
    mod, a = connect(app, moderator, workshop), connect(app, alice, workshop)
    call(mod, "workshop:start")
    hand_id = call(a, "hand:raise")["hand_id"]
    call(mod, "hand:give_floor", {"hand_id": hand_id})
    call(mod, "workshop:close")
    snapshot = call(a, "snapshot")["snapshot"]
    assert snapshot["hands"] == {"queue": [], "speaking": None, "mine": None}
    assert snapshot["timers"]["speaking"]["state"] == "idle"


# -- the speaking timer running out ------------------------------------------------------------

def run_out(live: Room, seconds_ago=1.0):
    """The speaking countdown's deadline passes; the server expires it. Returns the deadline."""
    with live.app.app_context():
        timer = db.session.query(Timer).filter_by(workshop_id=live.workshop.id, kind="speaking").one()
        timer.deadline = time.time() - seconds_ago
        db.session.commit()
        deadline = timer.deadline
        assert expire_due() == 1
    return deadline


def test_the_turn_ends_when_the_speaking_time_runs_out(live: Room):
    hand_id = call(live.a, "hand:raise")["hand_id"]
    call(live.mod, "hand:give_floor", {"hand_id": hand_id})
    with live.app.app_context():
        hand = db.session.get(Hand, hand_id)
        hand.floor_at = utcnow() - timedelta(seconds=61)  # the floor was given 61 s ago
        db.session.commit()
    live.drain()
    deadline = run_out(live)

    timer, hands = [(u["type"], u["data"]) for u in updates(live.b)]
    assert timer[0] == "timer" and timer[1]["state"] == "expired" and timer[1]["hand_id"] == hand_id
    assert hands == ("hands", {"queue": [], "speaking": None})  # broadcast like an ended turn
    with live.app.app_context():
        hand = db.session.get(Hand, hand_id)
        assert hand.state == "done" and abs(hand.ended_at.timestamp() - deadline) < 0.01
        assert 59.5 < speaking_seconds(live.workshop.id)[live.alice.id] < 60.5  # counted up to the deadline
        assert 59.5 < speaking_seconds(live.workshop.id, later())[live.alice.id] < 60.5  # and no longer
    assert error(call(live.mod, "hand:end_turn", {"hand_id": hand_id})) == "not_speaking"
    assert error(call(live.a, "hand:lower")) == "no_hand"
    assert call(live.a, "hand:raise")["hand_id"] != hand_id  # her next turn is a new hand


def test_more_time_after_the_speaking_time_ran_out_gives_the_floor_back(live: Room):
    hand_id = call(live.a, "hand:raise")["hand_id"]
    call(live.b, "hand:raise")
    call(live.mod, "hand:give_floor", {"hand_id": hand_id})
    run_out(live)
    live.drain()

    ack = call(live.mod, "timer:extend", {"kind": "speaking", "seconds": 30})
    assert ack["ok"] and ack["timer"]["state"] == "running" and 29 < ack["timer"]["deadline"] - time.time() <= 30
    (_, hands), (_, timer) = [(u["type"], u["data"]) for u in updates(live.b)]
    assert hands["speaking"]["name"] == "Alicia Ficticia" and queue_names(hands) == ["Bruno Ficticio"]
    # A new hand she never raised: her own sockets are told it is hers.
    assert [m["args"][0] for m in live.a.get_received() if m["name"] == "hand.mine"] == [
        {"workshop_id": live.workshop.id, "hand_id": hands["speaking"]["hand_id"]}]
    assert timer["deadline"] == ack["timer"]["deadline"] and timer["hand_id"] == hands["speaking"]["hand_id"]
    assert call(live.mod, "hand:end_turn", {"hand_id": hands["speaking"]["hand_id"]})["ok"]
    with live.app.app_context():
        assert live.count(Hand, user_id=live.alice.id, state="done") == 2  # two stretches of speaking time


def test_starting_a_speaking_timer_that_ran_out_gives_the_same_person_a_full_minute(live: Room):
    hand_id = call(live.a, "hand:raise")["hand_id"]
    call(live.mod, "hand:give_floor", {"hand_id": hand_id})
    run_out(live)
    ack = call(live.mod, "timer:start", {"kind": "speaking"})
    assert ack["ok"] and ack["timer"]["state"] == "running" and 59 < ack["timer"]["deadline"] - time.time() <= 60
    speaking = call(live.a, "snapshot")["snapshot"]["hands"]
    assert speaking["speaking"]["name"] == "Alicia Ficticia" and speaking["mine"] == speaking["speaking"]["hand_id"]


def test_speaking_timer_reset_is_one_minute_again(live: Room):
    hand_id = call(live.a, "hand:raise")["hand_id"]
    call(live.mod, "hand:give_floor", {"hand_id": hand_id})
    call(live.mod, "timer:extend", {"kind": "speaking", "seconds": 120})
    call(live.mod, "timer:pause", {"kind": "speaking"})
    ack = call(live.mod, "timer:reset", {"kind": "speaking"})
    assert ack["timer"] == {"kind": "speaking", "state": "idle", "duration": 60.0, "deadline": None,
                            "remaining": 60.0, "prompt_id": None, "hand_id": hand_id}
    assert call(live.b, "snapshot")["snapshot"]["hands"]["speaking"]["hand_id"] == hand_id  # she keeps the floor


def test_participants_never_see_another_persons_id_in_the_hands(live: Room):
    alice_hand = call(live.a, "hand:raise")
    bob_hand = call(live.b, "hand:raise")
    call(live.mod, "hand:give_floor", {"hand_id": alice_hand["hand_id"]})
    seen = [*of_type(live.a, "hands"), *of_type(live.b, "hands"), alice_hand["hands"], bob_hand["hands"],
            call(live.b, "snapshot")["snapshot"]["hands"]]
    for view in seen:
        for person in [*view["queue"], *([view["speaking"]] if view["speaking"] else [])]:
            assert "user_id" not in person and person["name"], view
    # Each participant learns which hand is theirs without anyone's id.
    assert bob_hand["hands"]["mine"] == bob_hand["hand_id"]
    assert call(live.a, "snapshot")["snapshot"]["hands"]["mine"] == alice_hand["hand_id"]
    # Moderators keep the ids (they give the floor by person).
    moderator_view = of_type(live.mod, "hands")[-1]
    assert moderator_view["speaking"]["user_id"] == live.alice.id
    assert [p["user_id"] for p in moderator_view["queue"]] == [live.bob.id]
