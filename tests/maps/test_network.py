"""The network's preset layout, computed on the server: the lab at the centre, the actors with the
most evidence nearest to it, and no two nodes of a ring on top of each other."""
from math import dist, hypot

from lab.maps.network import NODE_SPACING, place_on_rings


def nodes(evidence):
    return [{"data": {"id": "lab", "kind": "lab"}}] + [
        {"data": {"id": f"a{i}", "evidence": count}} for i, count in enumerate(evidence)]


def radius(node):
    return hypot(node["position"]["x"], node["position"]["y"])


def test_the_lab_is_at_the_centre_and_more_evidence_sits_nearer():
    placed = place_on_rings(nodes([40, 1, 20, 0, 40]))
    assert placed[0]["position"] == {"x": 0, "y": 0}
    by_id = {node["data"]["id"]: node for node in placed}
    assert radius(by_id["a0"]) == radius(by_id["a4"]) < radius(by_id["a2"]) < radius(by_id["a1"]) <= radius(by_id["a3"])
    assert by_id["a0"]["data"]["size"] == 44 and by_id["a3"]["data"]["size"] == 14


def test_five_hundred_actors_never_overlap_on_a_ring():
    placed = place_on_rings(nodes([i % 37 for i in range(500)]))
    positions = [(node["position"]["x"], node["position"]["y"]) for node in placed[1:]]
    closest = min(dist(a, b) for i, a in enumerate(positions) for b in positions[i + 1:])
    assert closest >= NODE_SPACING * 0.9  # rounding aside, a full node's width apart


def test_a_lab_without_actors_is_just_the_lab():
    assert place_on_rings(nodes([])) == [{"data": {"id": "lab", "kind": "lab"}, "position": {"x": 0, "y": 0}}]
