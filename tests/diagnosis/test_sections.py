"""The diagnosis's sections read from the sample: actors, voice, gap-to-alliance suggestions."""
import networkx as nx
import pytest

from lab.diagnosis import actors, alliances, report, voice
from lab.errors import Invalid
from lab.extensions import db
from lab.maps.models import Alliance

from .conftest import by_key


def test_actor_counts_by_sector_scope_and_relation(diagnosis):
    section = actors.section(diagnosis)
    assert section["total"] == 5
    assert section["counts"]["government"][("external", "potential")] == 1
    assert section["counts"]["government"][("internal", "potential")] == 1
    assert section["counts"]["academia"][("external", "current")] == 0


def test_key_actors_bridges_isolated_and_thin_sectors(diagnosis):
    section = actors.section(diagnosis)
    assert section["key_by_capabilities"][0]["slug"] == "fundacion"  # two capabilities on the map
    assert section["bridges"][0]["slug"] == "uis"  # ties the foundation to the technology group
    assert {row["slug"] for row in section["bridges"]} == {"uis", "fundacion"}
    assert [row["slug"] for row in section["isolated"]] == ["camara", "tic", "sena"]  # by name
    assert section["missing_sectors"] == []
    assert section["thin_sectors"] == ["academia", "industry", "civil_society"]


def test_standing_takes_the_median_of_this_diagnosis_workshops(diagnosis):
    standing = {a.key: a for a in actors.section(diagnosis)["standing"]}
    assert (standing["camara"].influence, standing["camara"].interest) == (4, 5)
    assert not standing["uis"].rated


def test_voice_per_organisation_type_flags_the_under_heard(diagnosis):
    rows = {row["org_type"]: row for row in voice.section(diagnosis)["org_types"]}
    assert (rows["universidad"]["present"], rows["universidad"]["ideas"], rows["universidad"]["votes"]) == (4, 4, 4)
    assert rows["empresa"]["speaking_seconds"] == 120 and not rows["empresa"]["under_heard"]
    assert rows["centro"]["under_heard"] and rows["entidad_publica"]["under_heard"]
    assert not rows["ong"]["under_heard"] and not rows["universidad"]["under_heard"]
    sectors = {row["sector"]: row for row in voice.section(diagnosis)["sectors"]}
    assert sectors["government"]["actors_on_map"] == 2 and sectors["government"]["under_heard"]


def test_gaps_of_two_or_more_get_ranked_external_offerers(diagnosis):
    found = {(s["assessment"].category, s["assessment"].origin): s for s in alliances.suggestions(diagnosis)}
    assert ("tecnologicas", "external") not in found  # no gap
    economic = found["economicas", "external"]
    assert economic["assessment"].gap == 2
    assert [c["slug"] for c in economic["candidates"]] == ["camara", "fundacion"]
    assert found["fisicas", "external"]["candidates"] == []


def test_one_action_creates_the_alliance_and_its_improvement_action(diagnosis, sample):
    row = by_key(diagnosis)["economicas", "external"]
    alliance, action = alliances.ally(diagnosis, row, [sample.actors["camara"].id], "Secretaría de Planeación",
                                      None, "Primera reunión")
    db.session.commit()
    stored = db.session.get(Alliance, alliance.id)
    assert [a.slug for a in stored.actors] == ["camara"] and stored.stage == "identified"
    assert stored.owner == "Secretaría de Planeación"
    assert (action.alliance_id, action.gap_category, action.gap_origin, action.phase) == \
        (alliance.id, "economicas", "external", "planear")


@pytest.mark.parametrize("key, actor, unit, field", [
    (("economicas", "external"), "sena", "Planeación", "actors"),  # SENA does not offer it
    (("economicas", "external"), "camara", "  ", "responsible_unit"),
    (("tecnologicas", "external"), "uis", "Planeación", "gap"),  # no gap to close
])
def test_alliance_from_gap_refuses_bad_choices(diagnosis, sample, key, actor, unit, field):
    with pytest.raises(Invalid) as refused:
        alliances.ally(diagnosis, by_key(diagnosis)[key], [sample.actors[actor].id], unit, None)
    assert refused.value.extra["field"] == field
    db.session.rollback()
    assert Alliance.query.count() == 0


def test_report_gives_every_section_as_plain_data(diagnosis):
    data = report.whole(diagnosis)
    assert set(data) == {"diagnosis", "capabilities", "actors", "voice", "alliance_suggestions", "plan", "lessons",
                         "good_practices"}
    assert len(data["capabilities"]) == 10 and data["diagnosis"]["version"] == 1
    assert {c["suggested_percent"] for c in data["capabilities"]} <= {0, 25, 50, 75, 100}


def test_betweenness_is_exact_on_small_maps_and_estimated_steadily_on_large_ones():
    small = nx.path_graph(["a", "b", "c"])
    assert actors.bridging(small)["b"] == 1.0
    large = nx.star_graph(actors.PIVOTS + 50)  # the hub bridges every pair of leaves
    first, second = actors.bridging(large), actors.bridging(large)
    assert first == second and max(first, key=first.get) == 0
