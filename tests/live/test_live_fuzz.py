"""Property-based fuzzing of every event's payload against a real server (Hypothesis).

For every declared event, payloads are drawn from arbitrary JSON and from near-valid objects (the
event's own fields, each holding anything from a plausible value to garbage, some missing, some
extra), and sent by a participant or a moderator. Whatever arrives:

- the server answers with an ack, never `server_error` and never a traceback in its log;
- a refused event changes nothing: nothing is broadcast, and the audit log holds exactly one entry
  per moderator event that was accepted.

The suite sends COCREA_FUZZ_EVENTS events (300 by default); `bench/fuzz.py` runs 10,000.
"""
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lab.realtime import EVENTS
from lab.realtime.models import AuditEntry

from .support import LiveClient, Server, go_live
from .test_live_safety import count

pytestmark = pytest.mark.live

TOTAL = int(os.environ.get("COCREA_FUZZ_EVENTS", "300"))
BATCH = 10
EVENT_NAMES = sorted(EVENTS)
KNOWN_CODES = {"invalid", "forbidden", "not_found", "conflict", "not_live", "prompt_closed", "closed",
               "no_agenda", "agenda_edge", "no_prompt", "timer_running", "timer_not_running", "timer_not_paused",
               "no_hand", "hand_not_raised", "not_speaking", "vote_open", "vote_closed", "budget_spent",
               "option_full", "no_votes", "ideas_hidden", "no_options", "unknown_event", "rate_limited"}
UNLIMITED = ",".join(f"{family}=1000000/1" for family in {name.partition(":")[0] for name in EVENTS} | {"*"})

scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-5, max_value=60)
           | st.integers(min_value=2**31 - 2, max_value=2**70) | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(max_size=40) | st.text(max_size=700) | st.sampled_from(["prompt", "speaking", "ideas", "clusters",
                                                                             "amarillo", "fisicas", "", " "]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


def near_valid(schema):
    """The event's own fields, each holding anything, some left out, sometimes one field too many."""
    fields = {name: json_values for name in schema.model_fields}
    base = st.fixed_dictionaries({}, optional=fields)
    extra = st.dictionaries(st.text(min_size=1, max_size=12), json_values, max_size=1)
    return st.builds(lambda known, more: {**more, **known}, base, extra)


def payloads(event):
    return st.one_of(st.none(), json_values, near_valid(EVENTS[event]["schema"]))


@st.composite
def calls(draw):
    event = draw(st.sampled_from(EVENT_NAMES))
    return draw(st.sampled_from(["moderator", "alicia"])), event, draw(payloads(event))


@pytest.fixture
def fuzz_server(live_db, room, tmp_path):
    # Limits lifted: this run is about what a payload can do, not how many arrive.
    server = Server(live_db, tmp_path / "fuzz.log", COCREA_EVENT_RATES=UNLIMITED,
                    COCREA_POST_RATE="1000000/1").start()
    yield server
    server.stop()
    assert "Traceback" not in server.log_path.read_text(errors="replace"), server.log_tail()


@pytest.fixture
def people(fuzz_server, room):
    clients = {who: LiveClient(fuzz_server, room.cookies[who], room.workshop_id).connect()
               for who in ("moderator", "alicia")}
    go_live(clients["moderator"], room)
    yield clients
    for client in clients.values():
        client.close()


# Broadcasts background jobs send at any moment: entries proposed from posted ideas, and a countdown
# running out (its timer and the prompt it closes). A refused event is checked for the others.
BACKGROUND = {"map.entry", "timer", "prompt"}


def caused_by_events(client):
    return [update for update in client.updates() if update["type"] not in BACKGROUND]


def test_no_payload_crashes_the_server_or_changes_anything_when_refused(people, seed_app):
    moderator = people["moderator"]
    tally = {"sent": 0, "accepted": 0, "accepted_moderator": 0, "refused": 0}
    audited_before = count(seed_app, AuditEntry)

    @settings(max_examples=max(1, TOTAL // BATCH), deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    @given(st.lists(calls(), min_size=BATCH, max_size=BATCH))
    def run(batch):
        for sender, event, payload in batch:
            client = people[sender]
            if not client.connected:  # an accepted close or a dropped socket: come back
                client.connect()
            seen = len(caused_by_events(moderator))
            ack = client.call(event, payload, timeout=10)
            tally["sent"] += 1
            assert isinstance(ack, dict) and isinstance(ack.get("ok"), bool), (event, payload, ack)
            if ack["ok"]:
                tally["accepted"] += 1
                tally["accepted_moderator"] += sender == "moderator" and EVENTS[event]["moderator"]
                continue
            tally["refused"] += 1
            error = ack["error"]
            assert error["code"] in KNOWN_CODES, (sender, event, payload, ack)
            assert isinstance(error["message"], str) and error["message"], (event, ack)
            moderator.call("time")  # every broadcast the event caused would be in before this ack
            assert len(caused_by_events(moderator)) == seen, (sender, event, payload, "broadcast after a refusal")

    run()
    assert count(seed_app, AuditEntry) - audited_before == tally["accepted_moderator"]
    print(f"fuzz: {tally['sent']} events, {tally['accepted']} accepted, {tally['refused']} refused, "
          "0 server errors")
    assert tally["sent"] >= TOTAL
