"""Against the real server: an idea naming an actor becomes a proposed entry by itself (the server's
background job), and a moderator confirms it while three other screens see it, in sequence."""
import pytest

from lab.extensions import db
from lab.workshops.models import Prompt

from .support import go_live, new_client_id

pytestmark = pytest.mark.live


@pytest.fixture
def actor_prompt(seed_app, room):
    with seed_app.app_context():
        db.session.get(Prompt, room.prompts["normal"]).asks_actor = True
        db.session.commit()
    return room.prompts["normal"]


def test_an_idea_becomes_a_proposed_entry_and_a_moderator_confirms_it(actor_prompt, room, join):
    moderator, alicia, bruno, carla = (join(name) for name in ("moderator", "alicia", "bruno", "carla"))
    go_live(moderator, room)
    ack = alicia.call("idea:post", {"client_id": new_client_id(), "prompt_id": actor_prompt,
                                    "text": "Laboratorios abiertos", "actor": "Universidad Ficticia del Norte"})
    assert ack["ok"], ack
    idea_id = ack["idea"]["id"]

    proposed = moderator.wait_update("map.entry", lambda e: e.get("idea_id") == idea_id)
    entry = proposed["data"]
    assert (entry["status"], entry["match"]) == ("proposed", "new")
    assert entry["typed_name"] == "Universidad Ficticia del Norte"
    assert [e["id"] for e in moderator.call("snapshot")["snapshot"]["map_entries"]] == [entry["id"]]
    for participant in (alicia, bruno, carla):
        seen = participant.wait_update("map.entry", lambda e: e == {"id": entry["id"]})
        assert seen["seq"] == proposed["seq"]
        assert "map_entries" not in participant.call("snapshot")["snapshot"]

    assert carla.call("entry:confirm", {"entry_id": entry["id"]})["error"]["code"] == "forbidden"
    confirmed = moderator.call("entry:confirm", {"entry_id": entry["id"]})
    assert confirmed["ok"], confirmed
    assert confirmed["entry"]["status"] == "confirmed"
    assert confirmed["entry"]["actor"]["slug"] == "universidad-ficticia-del-norte"
    update = moderator.wait_update("map.entry", lambda e: e.get("status") == "confirmed")
    for participant in (alicia, bruno, carla):
        seen = participant.wait_for(lambda event, msg: event == "update" and msg["seq"] == update["seq"],
                                    what="the confirmation")
        assert (seen["type"], seen["data"]) == ("map.entry", {"id": entry["id"]})
    for client in (moderator, alicia, bruno, carla):
        seqs = [u["seq"] for u in client.updates()]
        assert seqs == sorted(set(seqs))  # in order, none twice
    assert moderator.call("snapshot")["snapshot"]["map_entries"] == []  # nothing left to review


def test_the_moderator_asks_the_room_and_sees_the_median_and_spread_of_three_answers(actor_prompt, room, join):
    moderator, alicia, bruno, carla = (join(name) for name in ("moderator", "alicia", "bruno", "carla"))
    go_live(moderator, room)
    ack = alicia.call("idea:post", {"client_id": new_client_id(), "prompt_id": actor_prompt,
                                    "text": "Semilleros de investigación", "actor": "Corporación Ficticia del Sur"})
    entry = moderator.wait_update("map.entry", lambda e: e.get("idea_id") == ack["idea"]["id"])["data"]
    actor = moderator.call("entry:confirm", {"entry_id": entry["id"]})["entry"]["actor"]["id"]
    answer = {"actor_id": actor, "influence": 3, "interest": 3}

    assert alicia.call("snapshot")["snapshot"]["map_ratings_asked"] is False
    assert alicia.call("actor:rate", answer)["error"]["code"] == "conflict"  # not asked yet
    assert bruno.call("map:ask_ratings", {"asked": True})["error"]["code"] == "forbidden"
    assert moderator.call("map:ask_ratings", {"asked": True}) == {"ok": True, "asked": True}
    for participant in (alicia, bruno, carla):
        assert participant.wait_update("map.rating_question", lambda d: d == {"asked": True})
        assert participant.call("snapshot")["snapshot"]["map_ratings_asked"] is True

    for participant, influence, interest in ((alicia, 2, 5), (bruno, 4, 5), (carla, 5, 4)):
        rated = participant.call("actor:rate", {"actor_id": actor, "influence": influence, "interest": interest})
        assert rated["ok"] and "influence_spread" not in rated["assessment"], rated  # own answer only
    seen = moderator.wait_update("map.assessment", lambda d: d.get("ratings") == 3)["data"]
    assert (seen["influence"], seen["interest"], seen["source"]) == (4.0, 5.0, "participants")
    assert (seen["influence_spread"], seen["interest_spread"]) == (1.5, 0.5)
    assert carla.wait_update("map.assessment", lambda d: d == {"actor_id": actor})  # nobody's answer shown

    assert moderator.call("map:ask_ratings", {"asked": False}) == {"ok": True, "asked": False}
    assert carla.wait_update("map.rating_question", lambda d: d == {"asked": False})
    assert carla.call("actor:rate", answer)["error"]["code"] == "conflict"  # closed: the medians stay
