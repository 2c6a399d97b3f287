"""Cross-slice reactions (lab/signals.py): receivers run inside the change's transaction, see it
flushed, and a receiver that refuses takes the whole change back. Also how a refusal reaches a page."""
from lab import signals
from lab.board.models import Idea
from lab.errors import Conflict
from lab.extensions import db
from lab.workshops.models import Workshop

from .board_helpers import Room, of_type
from .live_helpers import call


def test_every_idea_change_is_announced_inside_its_transaction(live: Room):
    seen = []

    def receiver(idea, change):
        stored = db.session.get(Idea, idea.id)  # flushed, so this session already reads it
        seen.append((change, stored.text, stored.hidden, stored.merged_into_id))

    with signals.idea_changed.connected_to(receiver):
        first = live.idea_id(live.a, "Primera idea")
        second = live.idea_id(live.b, "Segunda idea")
        call(live.a, "idea:edit", {"idea_id": first, "text": "Primera idea, editada"})
        call(live.mod, "idea:hide", {"idea_id": second, "hidden": True})
        call(live.mod, "idea:hide", {"idea_id": second, "hidden": False})
        call(live.mod, "idea:merge", {"target_id": first, "idea_ids": [second]})
        call(live.a, "idea:delete", {"idea_id": first})
    assert seen == [
        ("posted", "Primera idea", False, None),
        ("posted", "Segunda idea", False, None),
        ("edited", "Primera idea, editada", False, None),
        ("hidden", "Segunda idea", True, None),
        ("shown", "Segunda idea", False, None),
        ("merged", "Segunda idea", False, first),
        ("unmerged", "Segunda idea", False, None),
        ("deleted", "Primera idea, editada", False, None),
    ]


def test_a_receiver_that_refuses_takes_the_post_back(live: Room):
    def refuse(_idea, change):
        raise Conflict("No por ahora.", code="map_busy")

    with signals.idea_changed.connected_to(refuse):
        ack = live.post(live.a, "No debería quedar")
    assert ack == {"ok": False, "error": {"code": "map_busy", "message": "No por ahora."}}
    assert live.count(Idea) == 0
    assert of_type(live.mod, "idea") == [] and of_type(live.b, "idea") == []  # nothing broadcast
    assert live.post(live.a, "Ahora sí")["ok"]


def test_a_refusal_no_page_caught_is_shown_with_its_status_and_nothing_is_kept(app, make, client):
    workshop = make.workshop(title="Antes")

    @app.route("/prueba/rechazo")
    def refusing_view():
        db.session.get(Workshop, workshop.id).title = "Después"
        db.session.flush()
        raise Conflict("Este cambio no es posible ahora.")

    response = client.get("/prueba/rechazo")
    assert response.status_code == 409
    assert "Este cambio no es posible ahora." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Workshop, workshop.id).title == "Antes"
