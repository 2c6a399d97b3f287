"""From the board to the map: ideas naming actors become proposed entries, off the posting path;
moderators confirm, reassign, split or discard them live; hidden, merged and deleted ideas."""
import pytest

from lab.board.models import Idea
from lab.extensions import db
from lab.maps.actors import create_actor
from lab.maps.models import Actor, Capability, Entry
from lab.maps.proposals import propose_pending

from ..board_helpers import Room, Statements, of_type
from ..live_helpers import call


def propose(room):
    with room.app.app_context():
        return propose_pending()


def add_actor(room, name, **fields):
    with room.app.app_context():
        actor = create_actor(name, **fields)
        db.session.commit()
        return actor.id


def entries(room, **filters):
    with room.app.app_context():
        return [(e.typed_name, e.status, e.match, e.actor_id, e.idea_id)
                for e in db.session.query(Entry).filter_by(**filters).order_by(Entry.id)]


def entry_id(room, idea_id):
    with room.app.app_context():
        return db.session.query(Entry.id).filter_by(idea_id=idea_id).scalar()


def error(ack):
    assert ack["ok"] is False, ack
    return ack["error"]["code"]


def test_posting_adds_no_statement_for_the_map(live: Room):
    live.post(live.a, "Calienta las cachés", actor="SENA")
    with Statements(live.app) as sent:
        assert live.post(live.a, "Una idea más", actor="SENA")["ok"]
    assert len(sent) <= 6 and not any("map_" in s for s in sent), "\n".join(sent)


def test_an_idea_naming_an_actor_becomes_a_proposed_entry_moderators_see(live: Room):
    idea_id = live.idea_id(live.a, "Laboratorios de química", actor="Universidad Ficticia del Norte")
    live.drain()
    assert propose(live) == 1
    assert entries(live) == [("Universidad Ficticia del Norte", "proposed", "new", None, idea_id)]
    [view] = of_type(live.mod, "map.entry")
    assert view["typed_name"] == "Universidad Ficticia del Norte" and view["category"] == "fisicas"
    assert "author_id" not in view and "author_name" not in view
    assert of_type(live.b, "map.entry") == [{"id": view["id"]}]  # participants: only that it changed
    assert live.snapshot(live.mod)["map_entries"] == [view]
    assert "map_entries" not in live.snapshot(live.b)
    assert propose(live) == 0  # once per idea


def test_an_exact_match_is_confirmed_for_its_actor_with_a_capability(live: Room):
    uis = add_actor(live, "Universidad Industrial de Santander", acronym="UIS")
    idea_id = live.idea_id(live.a, "Laboratorios", actor="U.I.S.")
    propose(live)
    live.drain()
    ack = call(live.mod, "entry:confirm", {"entry_id": entry_id(live, idea_id)})
    assert ack["ok"], ack
    assert ack["entry"]["status"] == "confirmed" and ack["entry"]["actor"]["id"] == uis
    assert of_type(live.a, "map.entry") == [{"id": ack["entry"]["id"]}]
    with live.app.app_context():
        capability = db.session.get(Capability, ack["entry"]["capability_id"])
        assert (capability.actor_id, capability.category, capability.direction) == (uis, "fisicas", "offers")


def test_a_near_match_waits_for_the_reviewers_choice(live: Room):
    uis = add_actor(live, "Universidad Industrial de Santander")
    idea_id = live.idea_id(live.a, "Laboratorios", actor="UIS")
    propose(live)
    [(_, status, match, actor, _)] = entries(live)
    assert (status, match, actor) == ("proposed", "near", None)
    entry = entry_id(live, idea_id)
    assert error(call(live.mod, "entry:confirm", {"entry_id": entry})) == "choose_actor"
    assert entries(live)[0][1] == "proposed"  # nothing merged silently
    ack = call(live.mod, "entry:confirm", {"entry_id": entry, "actor_id": uis})
    assert ack["ok"] and ack["entry"]["actor"]["name"] == "Universidad Industrial de Santander"


def test_a_new_name_makes_a_new_actor_and_a_persons_name_is_refused(live: Room):
    idea_id = live.idea_id(live.a, "Mentorías", actor="Red de Mentores Ficticia")
    propose(live)
    entry = entry_id(live, idea_id)
    assert error(call(live.mod, "entry:reassign", {"entry_id": entry})) == "invalid"
    assert error(call(live.mod, "entry:confirm", {"entry_id": entry, "new_name": "Juan Pérez"})) == "invalid"
    ack = call(live.mod, "entry:confirm", {"entry_id": entry})
    assert ack["ok"] and ack["entry"]["actor"]["slug"] == "red-de-mentores-ficticia"
    other = add_actor(live, "Corporación Ficticia de Mentores")
    again = call(live.mod, "entry:reassign", {"entry_id": entry, "actor_id": other})
    assert again["ok"] and again["entry"]["actor"]["id"] == other


def test_only_moderators_review_and_only_their_workshops_entries(live: Room, make):
    idea_id = live.idea_id(live.a, "Laboratorios", actor="Universidad Ficticia")
    propose(live)
    entry = entry_id(live, idea_id)
    assert error(call(live.a, "entry:confirm", {"entry_id": entry})) == "forbidden"
    assert error(call(live.a, "entry:discard", {"entry_id": entry})) == "forbidden"
    other = make.workshop(title="Otro taller")
    with live.app.app_context():
        prompt_id = db.session.scalar(db.select(Idea.prompt_id).filter_by(id=idea_id))
        foreign = Entry(workshop_id=other.id, typed_name="Ajena", prompt_id=None)
        db.session.add(foreign)
        db.session.commit()
        foreign_id = foreign.id
    assert prompt_id
    assert error(call(live.mod, "entry:confirm", {"entry_id": foreign_id})) == "not_found"
    assert error(call(live.mod, "entry:confirm", {"entry_id": entry, "actor_id": 999999})) == "not_found"
    assert error(call(live.mod, "entry:confirm", {"entry_id": "1"})) == "invalid"
    assert error(call(live.mod, "entry:split", {"entry_id": entry, "names": ["Solo uno"]})) == "invalid"
    assert entries(live)[0][1] == "proposed"


def test_a_hidden_idea_feeds_nothing_until_shown(live: Room):
    idea_id = live.idea_id(live.a, "Laboratorios", actor="Universidad Ficticia")
    propose(live)
    assert call(live.mod, "idea:hide", {"idea_id": idea_id, "hidden": True})["ok"]
    assert live.snapshot(live.mod)["map_entries"] == []
    assert error(call(live.mod, "entry:confirm", {"entry_id": entry_id(live, idea_id)})) == "idea_hidden"
    assert call(live.mod, "idea:hide", {"idea_id": idea_id, "hidden": False})["ok"]
    assert [e["idea_id"] for e in live.snapshot(live.mod)["map_entries"]] == [idea_id]


def test_a_merged_duplicate_adds_its_evidence_to_its_target(live: Room):
    target = live.idea_id(live.a, "Laboratorios de química", actor="Universidad Ficticia")
    duplicate = live.idea_id(live.b, "Laboratorios", actor="la universidad ficticia")
    propose(live)
    assert call(live.mod, "idea:merge", {"target_id": target, "idea_ids": [duplicate]})["ok"]
    ack = call(live.mod, "entry:confirm", {"entry_id": entry_id(live, target)})
    assert ack["ok"], ack
    with live.app.app_context():
        evidence = db.session.query(Entry).filter_by(capability_id=ack["entry"]["capability_id"]).all()
        assert sorted(e.idea_id for e in evidence) == [target, duplicate]
        assert {e.status for e in evidence} == {"confirmed"}


def test_a_deleted_idea_leaves_its_entry_without_it(live: Room):
    idea_id = live.idea_id(live.a, "Laboratorios", actor="Universidad Ficticia")
    propose(live)
    entry = entry_id(live, idea_id)
    assert call(live.mod, "entry:confirm", {"entry_id": entry})["ok"]
    assert call(live.a, "idea:delete", {"idea_id": idea_id})["ok"]
    with live.app.app_context():
        kept = db.session.get(Entry, entry)
        assert (kept.idea_id, kept.status, kept.prompt_id) == (None, "confirmed", live.prompt_id)
    assert propose(live) == 0


def test_an_edit_of_the_actor_sends_a_confirmed_entry_back_to_review(live: Room):
    idea_id = live.idea_id(live.a, "Laboratorios", actor="Universidad Ficticia")
    propose(live)
    assert call(live.mod, "entry:confirm", {"entry_id": entry_id(live, idea_id)})["ok"]
    assert call(live.a, "idea:edit", {"idea_id": idea_id, "text": "Laboratorios", "category": "humanas"})["ok"]
    assert entries(live)[0][1] == "confirmed"  # only the category changed
    assert call(live.a, "idea:edit", {"idea_id": idea_id, "text": "Laboratorios", "actor": "Cámara Ficticia"})["ok"]
    assert entries(live)[0][:3] == ("Cámara Ficticia", "proposed", "new")


def test_split_and_discard(live: Room):
    sena = add_actor(live, "Servicio Nacional de Aprendizaje", acronym="SENA")
    idea_id = live.idea_id(live.a, "Formación", actor="UIS y SENA")
    propose(live)
    names = ["Universidad Ficticia", "SENA"]
    ack = call(live.mod, "entry:split", {"entry_id": entry_id(live, idea_id), "names": names})
    assert ack["ok"], ack
    first, second = ack["entries"]
    assert (first["typed_name"], second["typed_name"]) == ("Universidad Ficticia", "SENA")
    assert second["match"] == "exact" and second["candidate"]["id"] == sena and second["split_from_id"] == first["id"]
    assert call(live.mod, "entry:discard", {"entry_id": first["id"]})["entry"]["status"] == "discarded"
    assert [e["id"] for e in live.snapshot(live.mod)["map_entries"]] == [second["id"]]


@pytest.mark.parametrize("payload", [{"source_id": 1, "target_id": 1}])
def test_merging_actors_keeps_the_alias_and_refuses_itself_and_cycles(live: Room, payload):
    uis = add_actor(live, "Universidad Industrial de Santander", acronym="UIS")
    dup = add_actor(live, "U Industrial Santander")
    third = add_actor(live, "Universidad Ficticia")
    assert error(call(live.mod, "actor:merge", {"source_id": uis, "target_id": uis})) == "merge_self"
    ack = call(live.mod, "actor:merge", {"source_id": dup, "target_id": uis})
    assert ack["ok"] and ack["target"]["id"] == uis
    assert error(call(live.mod, "actor:merge", {"source_id": uis, "target_id": dup})) == "merge_cycle"
    assert error(call(live.mod, "actor:merge", {"source_id": dup, "target_id": third})) == "already_merged"
    assert error(call(live.a, "actor:merge", payload)) == "forbidden"
    with live.app.app_context():
        assert "U Industrial Santander" in db.session.get(Actor, uis).aliases
    idea_id = live.idea_id(live.a, "Laboratorios", actor="U Industrial Santander")
    propose(live)
    with live.app.app_context():
        assert db.session.get(Entry, entry_id(live, idea_id)).candidate_id == uis


def test_assessments_live_medians_and_spread_and_only_for_the_workshops_actors(live: Room):
    idea_id = live.idea_id(live.a, "Laboratorios", actor="Universidad Ficticia")
    propose(live)
    actor = call(live.mod, "entry:confirm", {"entry_id": entry_id(live, idea_id)})["entry"]["actor"]["id"]
    elsewhere = add_actor(live, "Corporación de Otro Taller")
    live.drain()
    assert error(call(live.a, "actor:rate", {"actor_id": elsewhere, "influence": 3, "interest": 3})) == "not_found"
    assert error(call(live.a, "actor:rate", {"actor_id": actor, "influence": 6, "interest": 3})) == "invalid"
    mine = call(live.a, "actor:rate", {"actor_id": actor, "influence": 2, "interest": 5})
    assert mine["ok"] and mine["assessment"] == {"actor_id": actor, "mine": {"influence": 2, "interest": 5}}
    assert call(live.b, "actor:rate", {"actor_id": actor, "influence": 4, "interest": 5})["ok"]
    assert call(live.b, "actor:rate", {"actor_id": actor, "influence": 5, "interest": 5})["ok"]  # replaces
    view = of_type(live.mod, "map.assessment")[-1]
    assert (view["influence"], view["interest"], view["ratings"], view["source"]) == (3.5, 5.0, 2, "participants")
    assert view["influence_spread"] > 0 and view["interest_spread"] == 0
    assert of_type(live.a, "map.assessment")[-1] == {"actor_id": actor}
    assert error(call(live.a, "actor:assess", {"actor_id": actor, "influence": 1, "interest": 1})) == "forbidden"
    set_ = call(live.mod, "actor:assess", {"actor_id": actor, "influence": 1, "interest": 2})
    assert set_["ok"] and set_["assessment"]["source"] == "moderators" and set_["assessment"]["ratings"] == 1
