"""The suggested level computed from evidence: pure functions, no database."""
import pytest

from lab.diagnosis.levels import Evidence, confidence_of, gap, level_of, suggest, suggest_all, votes_per_attendee
from lab.diagnosis.vocab import level_percent


def offer(actor, sector, workshop=1, votes=0, category="tecnologicas", idea=None):
    return Evidence(category, "external", "offers", workshop, actor, sector, idea, votes)


def need(workshop=1, idea=None, category="tecnologicas"):
    return Evidence(category, "external", "needs", workshop, None, None, idea)


def test_no_offer_is_level_one_whatever_the_needs():
    result = suggest([need(idea=1), need(idea=2)], {1: 10})
    assert (result.level, result.score, result.offers, result.needs) == (1, 0, 0, 2)


def test_nothing_at_all_is_level_one_with_low_confidence():
    result = suggest([], {1: 10, 2: 8})
    assert (result.level, result.confidence, result.sources) == (1, "low", 0)


def test_broad_well_voted_offer_from_every_sector_in_every_workshop_is_consolidated():
    evidence = [offer(f"a{i}", sector, workshop=w, votes=10)
                for i, sector in enumerate(["government", "academia", "industry", "civil_society", "academia"])
                for w in (1, 2)]
    result = suggest(evidence, {1: 10, 2: 10})
    assert result.score == 100 and result.level == 5 and result.confidence == "high"
    assert (result.actors, result.sectors, result.workshops) == (5, 4, 2)


def test_one_actor_once_with_needs_against_it_is_incipient():
    # balance 1/2 -> 15, one actor of five -> 5, one sector of four -> 3.75, one of two workshops -> 7.5
    result = suggest([offer("uis", "academia"), need(idea=9)], {1: 10, 2: 10})
    assert result.score == 31 and result.level == 2


def test_votes_are_normalised_by_attendance_not_counted_raw():
    small_room = suggest([offer("uis", "academia", votes=5)], {1: 5})
    big_room = suggest([offer("uis", "academia", votes=5)], {1: 50})
    assert small_room.support == 1.0 and big_room.support == 0.1
    assert small_room.score > big_room.score


def test_votes_per_attendee_averages_over_every_workshop_even_silent_ones():
    assert votes_per_attendee([offer("a", "academia", workshop=1, votes=4)], {1: 4, 2: 10}) == 0.5
    assert votes_per_attendee([offer("a", "academia")], {}) == 0.0


def test_same_actor_named_twice_in_one_workshop_is_one_source():
    evidence = [offer("sena", "government", idea=1), offer("sena", "government", idea=2)]
    assert suggest(evidence, {1: 10}).sources == 1


def test_ideas_without_an_actor_are_each_a_source():
    assert suggest([need(idea=1), need(idea=2), need(idea=3)], {1: 10}).sources == 3


@pytest.mark.parametrize("sources, expected", [(0, "low"), (2, "low"), (3, "medium"), (5, "medium"), (6, "high")])
def test_confidence_grows_with_independent_sources(sources, expected):
    assert confidence_of(sources) == expected


@pytest.mark.parametrize("score, level", [(0, 1), (19, 1), (20, 2), (39, 2), (40, 3), (60, 4), (80, 5), (100, 5)])
def test_score_cuts_into_levels(score, level):
    assert level_of(score) == level


def test_levels_on_the_hundred_scale():
    assert [level_percent(level) for level in range(1, 6)] == [0, 25, 50, 75, 100]
    assert level_percent(None) is None


def test_gap_is_what_remains_to_the_target():
    assert gap(4, 2) == 2
    assert gap(3, 4) == 0
    assert gap(None, 2) is None and gap(4, None) is None


def test_every_category_and_origin_gets_a_suggestion_even_without_evidence():
    result = suggest_all([offer("uis", "academia", category="humanas")], {1: 3},
                         ["humanas", "fisicas"], ["internal", "external"])
    assert set(result) == {("humanas", "internal"), ("humanas", "external"),
                           ("fisicas", "internal"), ("fisicas", "external")}
    assert result["humanas", "external"].offers == 1 and result["fisicas", "external"].offers == 0


def test_inputs_keep_every_figure_but_the_outcome():
    inputs = suggest([offer("uis", "academia")], {1: 10}).inputs()
    assert set(inputs) == {"score", "offers", "needs", "actors", "sectors", "workshops", "support", "sources"}
