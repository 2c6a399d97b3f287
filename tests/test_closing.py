"""Closing is final: the workshop form never changes the status of a workshop that went live, and
offers only the planning statuses; going live and closing happen in the console."""
import pytest

from lab.errors import Conflict
from lab.extensions import db
from lab.workshops import service
from lab.workshops.models import Workshop

from .live_helpers import call, connect
from .test_workshops import GOOD, page, signed_in


@pytest.fixture
def lab(make, make_browser):
    return signed_in(make_browser, make.user(role="lab"))


def status_of(app, workshop_id):
    with app.app_context():
        return db.session.get(Workshop, workshop_id).status


@pytest.mark.parametrize("status", ["live", "closed"])
def test_the_form_cannot_set_a_planned_workshop_live_or_closed(app, lab, make, status):
    workshop = make.workshop(status="draft")
    response = lab.post(f"/talleres/{workshop.id}", {**GOOD, "status": status})
    assert response.status_code == 422
    assert "Opción inválida." in page(response)
    assert status_of(app, workshop.id) == "draft"


def test_the_form_offers_only_the_planning_statuses(lab, make):
    shown = page(lab.get(f"/talleres/{make.workshop(status='draft').id}"))
    assert 'value="scheduled"' in shown and 'value="draft"' in shown
    assert 'value="live"' not in shown and 'value="closed"' not in shown


@pytest.mark.parametrize("sent", ["live", "scheduled", "draft"])
def test_a_closed_workshop_stays_closed_and_its_join_link_stays_shut(app, lab, make, client, sent):
    workshop = make.workshop(status="closed")
    shown = page(lab.get(f"/talleres/{workshop.id}"))
    assert 'name="status"' not in shown
    assert "no se reabre" in shown
    response = lab.post(f"/talleres/{workshop.id}", {**GOOD, "status": sent})
    assert response.status_code == 302  # the other details are saved; the status is not a field here
    assert status_of(app, workshop.id) == "closed"
    with app.app_context():
        assert db.session.get(Workshop, workshop.id).title == GOOD["title"]
    assert client.get(f"/unirse/{workshop.join_code}").status_code == 409


def test_a_live_workshop_is_closed_from_the_console_not_the_form(app, lab, make):
    workshop = make.workshop(status="live")
    assert "se cierra desde la consola" in page(lab.get(f"/talleres/{workshop.id}"))
    lab.post(f"/talleres/{workshop.id}", {**GOOD, "status": "draft"})
    assert status_of(app, workshop.id) == "live"


@pytest.mark.parametrize("current, wanted", [("closed", "live"), ("closed", "draft"), ("live", "scheduled"),
                                             ("draft", "closed"), ("scheduled", "live")])
def test_the_service_refuses_any_status_change_outside_planning(app, make, current, wanted):
    workshop = make.workshop(status=current)
    with app.app_context():
        row = db.session.get(Workshop, workshop.id)
        with pytest.raises(Conflict):
            service.update_details(row, status=wanted)
        db.session.rollback()
    assert status_of(app, workshop.id) == current


# --- after closing, nothing in the room moves ----------------------------------------------------

AFTER_CLOSING = [
    ("agenda:next", None), ("agenda:prev", None), ("live:auto_close", {"enabled": True}),
    ("timer:start", {"kind": "prompt"}), ("timer:extend", {"kind": "speaking"}), ("timer:reset", {"kind": "prompt"}),
    ("hand:raise", None), ("workshop:start", None),
]


def test_after_closing_every_live_control_is_refused_with_a_reason(app, make):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    console = connect(app, moderator, workshop)
    snapshot = call(console, "snapshot")["snapshot"]
    prompt_id = snapshot["activities"][0]["prompts"][0]["id"]
    assert call(console, "workshop:start")["ok"]
    assert call(console, "agenda:next")["ok"]
    idea = call(console, "idea:post", {"client_id": "cierre-0001", "prompt_id": prompt_id, "text": "Una idea",
                                       "actor": "Universidad Imaginaria", "category": "humanas"})
    assert call(console, "prompt:open", {"prompt_id": prompt_id})["ok"], idea
    idea = call(console, "idea:post", {"client_id": "cierre-0002", "prompt_id": prompt_id, "text": "Una idea",
                                       "actor": "Universidad Imaginaria", "category": "humanas"})["idea"]
    cluster = call(console, "cluster:create", {"prompt_id": prompt_id, "name": "Academia"})["cluster"]
    assert call(console, "workshop:close")["ok"]
    seq = call(console, "snapshot")["snapshot"]["seq"]
    agenda_item = snapshot["agenda"][0]["id"]
    events = [*AFTER_CLOSING, ("agenda:goto", {"agenda_item_id": agenda_item}),
              ("prompt:show", {"prompt_id": prompt_id}), ("vote:open", {"prompt_id": prompt_id}),
              ("prompt:open", {"prompt_id": prompt_id}), ("cluster:create", {"prompt_id": prompt_id, "name": "Otro"}),
              ("cluster:rename", {"cluster_id": cluster["id"], "name": "Otro"}),
              ("cluster:delete", {"cluster_id": cluster["id"]}),
              ("idea:group", {"idea_id": idea["id"], "cluster_id": cluster["id"]})]
    for event, payload in events:
        ack = call(console, event, payload)
        assert ack["ok"] is False and ack["error"]["code"] in ("closed", "not_live", "not_found"), (event, ack)
        assert ack["error"]["message"], event
    assert call(console, "snapshot")["snapshot"]["seq"] == seq  # nobody saw anything move
