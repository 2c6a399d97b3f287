"""Against the real server: every screen agrees, late or after a restart, and timers close prompts alone."""
import math
import time

import pytest

from lab.extensions import db
from lab.workshops.models import Prompt

from .support import WAIT, go_live, post, wait_until

pytestmark = pytest.mark.live


def is_expired(data):
    return data["kind"] == "prompt" and data["state"] == "expired"


def test_late_joiner_gets_every_idea_and_the_current_seq(room, join):
    moderator, alicia, bruno = join("moderator"), join("alicia"), join("bruno")
    go_live(moderator, room)
    texts = ["Universidad Imaginaria: laboratorios", "Cámara Ficticia: redes de empresas", "ONG Ficticia: voluntariado"]
    for text in texts:
        ack = post(alicia, room, text)
        assert ack["ok"] and ack["duplicate"] is False, ack
    last_seq = moderator.wait_update("idea", lambda idea: idea.get("text") == texts[-1])["seq"]

    carla = join("carla")
    snapshot = carla.call("snapshot")["snapshot"]
    assert snapshot["seq"] == last_seq
    assert [idea["text"] for idea in snapshot["ideas"]] == texts
    assert snapshot["live"]["prompt_id"] == room.prompts["normal"]
    assert snapshot["workshop"]["status"] == "live"
    assert snapshot["timers"]["prompt"]["state"] == "running"
    assert abs(snapshot["server_time"] - time.time()) < 1

    post(bruno, room, "Gremio Ficticio: mentorías")
    update = carla.wait_update("idea", lambda idea: idea.get("text") == "Gremio Ficticio: mentorías")
    assert update["seq"] == snapshot["seq"] + 1  # no gap: the snapshot and the stream meet exactly
    seqs = [u["seq"] for u in bruno.updates()]
    assert seqs == list(range(1, seqs[-1] + 1))  # someone there from the start saw every broadcast


def test_timer_runs_out_and_closes_the_prompt_once_for_everyone(room, join):
    clients = [join("moderator"), join("alicia"), join("bruno")]
    moderator, alicia, _bruno = clients
    opened = go_live(moderator, room, "short")
    deadline = opened["timer"]["deadline"]
    assert opened["timer"]["state"] == "running" and 2 < deadline - time.time() <= 3
    prompt_id = room.prompts["short"]

    for client in clients:
        expired = client.wait_update("timer", is_expired, timeout=deadline - time.time() + WAIT)
        assert deadline <= expired["t"] < deadline + 1.5  # on time, by the server's own clock
        client.wait_update("prompt", lambda p: p["id"] == prompt_id and p["is_open"] is False)
    for client in clients:
        # Every snapshot runs the expiry step a background tick runs: the expiry must not repeat.
        client.call("snapshot")
    for client in clients:
        client.call("time")  # what the others' snapshots sent has reached this socket
        updates = client.updates()
        assert sum(u["type"] == "timer" and is_expired(u["data"]) for u in updates) == 1
        assert sum(u["type"] == "prompt" and u["data"]["id"] == prompt_id and not u["data"]["is_open"]
                   for u in updates) == 1

    late = post(alicia, room, "Llega tarde", prompt="short")
    assert late["ok"] is False and late["error"]["code"] == "prompt_closed"
    snapshot = alicia.call("snapshot")["snapshot"]
    assert snapshot["timers"]["prompt"]["state"] == "expired"
    assert not next(p for a in snapshot["activities"] for p in a["prompts"] if p["id"] == prompt_id)["is_open"]


def outlasting_a_restart(server):
    """Countdown seconds that outlast a stop and start of this server, with room to spare: twice what
    its first start took, plus two seconds. No longer than that: the test waits the whole countdown."""
    return math.ceil(2 * server.start_seconds + 2)


def test_restart_mid_timer_keeps_the_deadline_and_it_still_expires(room, server, join, seed_app):
    with seed_app.app_context():
        db.session.get(Prompt, room.prompts["long"]).seconds = outlasting_a_restart(server)
        db.session.commit()
    moderator, alicia = join("moderator"), join("alicia")
    opened = go_live(moderator, room, "long")
    deadline = opened["timer"]["deadline"]
    assert post(alicia, room, "Idea antes del reinicio", prompt="long")["ok"]

    server.stop()  # SIGTERM, then wait for the process to end
    for client in (moderator, alicia):
        client.wait_disconnected()
    server.start()

    moderator.connect()
    alicia.connect()
    snapshot = moderator.call("snapshot")["snapshot"]
    timer = snapshot["timers"]["prompt"]
    assert timer["state"] == "running" and timer["deadline"] == deadline
    assert timer["prompt_id"] == room.prompts["long"]
    assert abs(timer["remaining"] - (deadline - time.time())) < 1
    assert snapshot["workshop"]["status"] == "live"
    assert [idea["text"] for idea in snapshot["ideas"]] == ["Idea antes del reinicio"]

    expired = alicia.wait_update("timer", is_expired, timeout=deadline - time.time() + WAIT)
    assert deadline <= expired["t"] < deadline + 1.5
    alicia.wait_update("prompt", lambda p: p["id"] == room.prompts["long"] and p["is_open"] is False)


def test_a_deadline_that_passed_while_the_server_was_down_expires_on_restart(room, server, join):
    moderator = join("moderator")
    deadline = go_live(moderator, room, "short")["timer"]["deadline"]
    moderator.close()
    server.stop()
    wait_until(lambda: time.time() > deadline, timeout=WAIT, what="the deadline passing while the server is down")
    server.start()

    alicia = join("alicia")
    snapshot = alicia.call("snapshot")["snapshot"]
    assert snapshot["timers"]["prompt"]["state"] == "expired"
    assert not next(p for a in snapshot["activities"] for p in a["prompts"]
                    if p["id"] == room.prompts["short"])["is_open"]
    assert post(alicia, room, "Demasiado tarde", prompt="short")["error"]["code"] == "prompt_closed"
