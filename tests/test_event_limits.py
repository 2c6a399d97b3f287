"""Fair use of a room: every event family is limited per person (across their sockets), and one person
holds a bounded number of sockets in a workshop."""
import time

import pytest

from lab.config import DEFAULTS, from_environment
from lab.realtime import EVENTS

from .board_helpers import of_type
from .live_helpers import call, connect


def limit(room, **families):
    """Tighten the room's app to these families: name=(count, seconds)."""
    room.app.config["EVENT_RATES"] = {**DEFAULTS["EVENT_RATES"], **families}


def raise_and_lower(client, times):
    return [call(client, "hand:raise" if n % 2 == 0 else "hand:lower") for n in range(times)]


def test_raising_and_lowering_a_hand_in_a_loop_is_refused_once_over_the_limit(live):
    limit(live, hand=(6, 30.0))
    acks = raise_and_lower(live.a, 9)
    assert [ack["ok"] for ack in acks] == [True] * 6 + [False] * 3
    refused = acks[-1]["error"]
    assert refused["code"] == "rate_limited" and "Vas muy rápido" in refused["message"]
    assert 0 < refused["retry_after"] <= 30
    # The moderator heard the six accepted ones only.
    assert len(of_type(live.mod, "hands")) == 6
    # Somebody else in the room is not slowed down by it.
    assert call(live.b, "hand:raise")["ok"]


def test_the_limit_is_per_person_across_all_their_sockets(live):
    limit(live, hand=(6, 30.0))
    tabs = [live.a, connect(live.app, live.alice, live.workshop), connect(live.app, live.alice, live.workshop)]
    acks = [call(tabs[n % 3], "hand:raise" if n % 2 == 0 else "hand:lower") for n in range(9)]
    assert sum(ack["ok"] for ack in acks) == 6
    assert all(ack["error"]["code"] == "rate_limited" for ack in acks[6:])


def test_each_family_has_its_own_count(live):
    limit(live, hand=(2, 30.0))
    raise_and_lower(live.a, 3)
    assert call(live.a, "time")["ok"] and call(live.a, "snapshot")["ok"]
    assert live.post(live.a)["ok"]


def test_refused_payloads_do_not_count(live):
    limit(live, hand=(2, 30.0))
    for _ in range(5):
        assert call(live.a, "hand:raise", {"extra": 1})["error"]["code"] == "invalid"
    assert call(live.a, "hand:raise")["ok"] and call(live.a, "hand:lower")["ok"]


def test_once_the_window_passed_the_person_may_act_again(live):
    limit(live, hand=(2, 0.5))
    raise_and_lower(live.a, 2)
    refused = call(live.a, "hand:raise")
    assert refused["error"]["code"] == "rate_limited"
    time.sleep(refused["error"]["retry_after"] + 0.05)
    assert call(live.a, "hand:raise")["ok"]


def test_moderators_events_are_limited_too(live):
    limit(live, timer=(3, 30.0))
    acks = [call(live.mod, "timer:reset", {}) for _ in range(4)]
    assert [ack["ok"] for ack in acks] == [True, True, True, False]
    assert acks[-1]["error"]["code"] == "rate_limited"


def test_every_declared_event_has_a_limit():
    rates = DEFAULTS["EVENT_RATES"]
    assert "*" in rates
    for name in EVENTS:
        family = name.partition(":")[0]
        count, seconds = rates.get(family, rates["*"])
        assert count >= 5 and seconds > 0, name


# -- sockets per person --------------------------------------------------------------------------

def test_a_person_holds_a_bounded_number_of_sockets_in_a_workshop(live):
    live.app.config["SOCKETS_PER_PERSON"] = 3  # alice holds one already
    more = [connect(live.app, live.alice, live.workshop) for _ in range(3)]
    assert [client.is_connected() for client in more] == [True, True, False]
    assert connect(live.app, live.bob, live.workshop).is_connected()  # others are not affected
    more[0].disconnect()
    assert connect(live.app, live.alice, live.workshop).is_connected()  # one closed, one may open


# -- settings ------------------------------------------------------------------------------------

def test_event_rates_come_from_the_environment_over_the_defaults():
    rates = from_environment({"COCREA_EVENT_RATES": "hand=5/10, vote=100/60"})["EVENT_RATES"]
    assert rates["hand"] == (5, 10.0) and rates["vote"] == (100, 60.0)
    assert rates["snapshot"] == DEFAULTS["EVENT_RATES"]["snapshot"]


@pytest.mark.parametrize("value", ["hand", "hand=5", "=5/10", "hand=0/10", "hand=5/0", "hand=cinco/10"])
def test_malformed_event_rates_stop_the_start(value):
    with pytest.raises(ValueError, match="COCREA_EVENT_RATES"):
        from_environment({"COCREA_EVENT_RATES": value})


@pytest.mark.parametrize("value", ["0", "101", "muchos", "-3"])
def test_malformed_sockets_per_person_stops_the_start(value):
    with pytest.raises(ValueError, match="COCREA_SOCKETS_PER_PERSON"):
        from_environment({"COCREA_SOCKETS_PER_PERSON": value})


def test_refusals_speak_the_language_the_person_chose(live, make):
    english = make.join(make.user(name="Erin Ficticia", locale="en"), live.workshop)
    client = connect(live.app, english, live.workshop)
    limit(live, hand=(1, 30.0))
    assert call(client, "hand:raise")["ok"]
    refused = call(client, "hand:lower")["error"]
    assert refused["code"] == "rate_limited" and "too fast" in refused["message"], refused
    assert "no se esperaba" in call(live.a, "hand:raise", {"x": 1})["error"]["message"]
