"""Against the real server: the projector is the audience's screen. It sees what a participant sees
(never a hidden idea, never an author id), is nobody in the room, and cannot act."""
import pytest

from lab.attendance.models import Attendance
from lab.extensions import db

from .support import go_live, post

pytestmark = pytest.mark.live


def snapshot(client):
    ack = client.call("snapshot")
    assert ack["ok"], ack
    return ack["snapshot"]


def test_a_hidden_idea_never_reaches_the_projector(room, join):
    moderator, alicia = join("moderator"), join("alicia")
    go_live(moderator, room)
    projector = join("moderator", view="projector")
    assert snapshot(projector)["me"]["role"] == "audience"
    kept = post(alicia, room, "Una idea que todos pueden leer")["idea"]
    hidden = post(alicia, room, "Una idea con datos que no deben proyectarse")["idea"]
    projector.wait_update("idea", lambda data: data["id"] == hidden["id"])
    assert moderator.call("idea:hide", {"idea_id": hidden["id"], "hidden": True})["ok"]

    stub = projector.wait_update("idea", lambda data: data["id"] == hidden["id"] and data.get("hidden"))
    assert stub["data"] == {"id": hidden["id"], "prompt_id": hidden["prompt_id"], "hidden": True, "removed": True}
    texts = {idea["text"] for idea in snapshot(projector)["ideas"]}
    assert texts == {"Una idea que todos pueden leer"}
    assert all("author_id" not in idea for idea in snapshot(projector)["ideas"])
    assert kept["id"] in {idea["id"] for idea in snapshot(moderator)["ideas"]}
    assert "Una idea con datos que no deben proyectarse" in {idea["text"] for idea in snapshot(moderator)["ideas"]}


def test_the_moderators_own_hidden_idea_stays_off_the_projector(room, join):
    moderator = join("moderator")
    go_live(moderator, room)
    projector = join("moderator", view="projector")
    mine = post(moderator, room, "Nota de prueba del moderador")["idea"]
    assert moderator.call("idea:hide", {"idea_id": mine["id"], "hidden": True})["ok"]
    assert snapshot(projector)["ideas"] == []


def test_the_projector_is_nobody_in_the_room_and_cannot_act(room, join, seed_app):
    moderator = join("moderator")
    go_live(moderator, room)
    projector = join("moderator", view="projector")
    presence = snapshot(projector)["presence"]
    assert presence == {"count": 1}  # the moderator's console; the projector is not a person
    for event, payload in (("hand:raise", None), ("timer:pause", {"kind": "prompt"}), ("workshop:close", None),
                           ("idea:post", {"client_id": "p-0001", "prompt_id": room.prompts["normal"], "text": "x"})):
        ack = projector.call(event, payload)
        assert ack["ok"] is False and ack["error"]["code"] == "forbidden", (event, ack)
    with seed_app.app_context():
        rows = db.session.scalars(db.select(Attendance).filter_by(workshop_id=room.workshop_id)).all()
        assert [row.user_id for row in rows] == [room.user_ids["moderator"]]
    assert snapshot(moderator)["workshop"]["status"] == "live"


def test_a_participant_asking_for_the_projector_view_stays_a_participant(room, join):
    moderator = join("moderator")
    go_live(moderator, room)
    alicia = join("alicia", view="projector")
    assert snapshot(alicia)["me"]["role"] == "participant"
    assert post(alicia, room, "Sigo participando")["ok"]
