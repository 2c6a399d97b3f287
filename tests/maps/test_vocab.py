"""The map's closed vocabularies: stored keys are plain ASCII, every label has its English."""
import pytest
from flask import session

from lab import vocab

MAP_VOCABULARIES = {
    "ACTOR_KINDS": ["organisation", "network", "programme", "role"],
    "SECTORS": ["government", "academia", "industry", "civil_society"],
    "ACTOR_SCOPES": ["internal", "external"],
    "ACTOR_RELATIONS": ["current", "potential"],
    "TERRITORIAL_LEVELS": ["comuna", "municipal", "metropolitan", "departmental", "national", "international"],
    "CAPABILITY_DIRECTIONS": ["offers", "needs"],
    "AVAILABILITY": ["potential", "committed", "available"],
    "LINK_KINDS": ["collaboration", "funding", "knowledge", "regulation", "support", "conflict"],
    "LINK_STRENGTHS": [1, 2, 3],
    "ALLIANCE_STAGES": ["identified", "prioritised", "in_conversation", "formalised", "active", "closed"],
    "ALLIANCE_INSTRUMENTS": ["convenio", "memorando", "carta_intencion", "informal"],
    "QUADRANTS": ["manage_closely", "keep_satisfied", "keep_informed", "monitor"],
    "MATCH_REASONS": ["name", "alias", "acronym", "ambiguous", "same_words", "initials", "contains",
                      "spelling"],
}


@pytest.mark.parametrize("name, keys", MAP_VOCABULARIES.items())
def test_keys_in_their_order_and_ascii(name, keys):
    vocabulary = getattr(vocab, name)
    assert list(vocabulary) == keys
    assert all(str(key).isascii() and str(key) == str(key).lower() for key in vocabulary)


def test_every_organisation_type_sits_on_the_helix():
    assert set(vocab.ORG_TYPE_SECTORS) == set(vocab.ORG_TYPES)
    assert set(vocab.ORG_TYPE_SECTORS.values()) == set(vocab.SECTORS)


def test_labels_are_spanish_by_default_and_english_on_request(app):
    with app.test_request_context():
        spanish = {name: [str(label) for label in getattr(vocab, name).values()] for name in MAP_VOCABULARIES}
    with app.test_request_context():
        session["lang"] = "en"
        english = {name: [str(label) for label in getattr(vocab, name).values()] for name in MAP_VOCABULARIES}
    assert spanish["ALLIANCE_STAGES"][2] == "En conversación"
    assert english["ALLIANCE_STAGES"][2] == "In conversation"
    assert english["SECTORS"] == ["Government", "Academia", "Industry", "Civil society"]
    assert english["QUADRANTS"] == ["Manage closely", "Keep satisfied", "Keep informed", "Monitor"]
    for name in MAP_VOCABULARIES:
        assert len(set(spanish[name])) == len(spanish[name])  # no two keys share a label
        assert len(set(english[name])) == len(english[name])
        changed = [es for es, en in zip(spanish[name], english[name], strict=True) if es != en]
        assert changed, name  # translated, not copied through
