"""A diagnosis computed from two closed workshops: suggested levels, gaps, and the lab team's
validation kept apart from the suggestion."""
from datetime import date

import pytest

from lab.diagnosis import service
from lab.diagnosis.models import Diagnosis
from lab.errors import Conflict, Invalid
from lab.extensions import db
from lab.maps.models import Entry
from tests.factories import make_workshop


def create(sample, user):
    diagnosis = service.create_diagnosis("Diagnóstico 2026", date(2026, 1, 1), date(2026, 12, 31),
                                         [w.id for w in sample.workshops], "Método de prueba", user)
    db.session.commit()
    return diagnosis


def rows(diagnosis):
    return {(a.category, a.origin): a for a in diagnosis.assessments}


def test_two_workshops_give_the_expected_levels_and_gaps(sample, lab_user):
    found = rows(create(sample, lab_user))
    assert len(found) == 10
    expected = {  # (suggested level, score, gap to the default target 4, confidence)
        ("tecnologicas", "external"): (4, 70, 0, "medium"),
        ("economicas", "external"): (2, 31, 2, "low"),
        ("tecnologicas", "internal"): (3, 46, 1, "low"),
        ("sociales", "external"): (3, 46, 1, "low"),
        ("fisicas", "external"): (1, 0, 3, "low"),
        ("humanas", "internal"): (1, 0, 3, "low"),
    }
    for key, (level, score, gap, confidence) in expected.items():
        row = found[key]
        assert (row.suggested_level, row.suggestion_inputs["score"], row.gap, row.confidence) == \
            (level, score, gap, confidence), key


def test_each_level_keeps_its_inputs_and_evidence(sample, lab_user):
    row = rows(create(sample, lab_user))["tecnologicas", "external"]
    assert row.suggestion_inputs == {"score": 70, "offers": 3, "needs": 0, "actors": 2, "sectors": 2,
                                     "workshops": 2, "support": 0.5, "sources": 3}
    assert sorted(e.actor_key for e in row.evidence) == ["sena", "uis", "uis"]
    assert {e.votes for e in row.evidence if e.idea_id == sample.ideas["a-uis"].id} == {4}
    needs = rows(Diagnosis.query.one())["economicas", "external"].evidence
    assert [(e.direction, e.actor_name) for e in needs if e.direction == "needs"] == \
        [("needs", "Emprendedores locales")]


def test_validation_never_overwrites_the_suggestion(sample, lab_user):
    diagnosis = create(sample, lab_user)
    row = rows(diagnosis)["economicas", "external"]
    service.assess(diagnosis, row, 3, 5, "Hay oferta, pero dispersa.", "conocimiento", "conocimiento", lab_user)
    db.session.commit()
    assert (row.suggested_level, row.validated_level, row.validated_by_id) == (2, 3, lab_user.id)
    assert row.validated_at is not None and row.gap == 2
    service.compute(diagnosis)  # new evidence may change the suggestion, never the validated level
    db.session.commit()
    db.session.expire_all()
    row = rows(db.session.get(Diagnosis, diagnosis.id))["economicas", "external"]
    assert (row.suggested_level, row.validated_level, row.target_level, row.narrative) == \
        (2, 3, 5, "Hay oferta, pero dispersa.")


@pytest.mark.parametrize("validated, target, field", [
    (0, 4, "validated_level"), (6, 4, "validated_level"), (None, 9, "target_level"), (4, 3, "target_level"),
    (None, 1, "target_level"),  # below the suggested 2
])
def test_levels_outside_range_or_target_below_current_are_refused_naming_the_field(sample, lab_user, validated,
                                                                                   target, field):
    diagnosis = create(sample, lab_user)
    row = rows(diagnosis)["economicas", "external"]
    with pytest.raises(Invalid) as refused:
        service.assess(diagnosis, row, validated, target, "", "conocimiento", "conocimiento", lab_user)
    assert refused.value.extra["field"] == field
    assert "Nivel" in str(refused.value)


def test_a_policy_from_another_dimension_is_refused(sample, lab_user):
    diagnosis = create(sample, lab_user)
    row = rows(diagnosis)["economicas", "external"]
    with pytest.raises(Invalid) as refused:
        service.assess(diagnosis, row, 2, 4, "", "conocimiento", "gobierno_digital", lab_user)
    assert refused.value.extra["field"] == "mipg_policy"


def test_validate_needs_every_level_then_publish_makes_it_read_only(sample, lab_user):
    diagnosis = create(sample, lab_user)
    with pytest.raises(Invalid, match="falta validar"):
        service.validate(diagnosis, lab_user)
    with pytest.raises(Conflict):
        service.publish(diagnosis, lab_user)
    for row in diagnosis.assessments:
        service.assess(diagnosis, row, row.suggested_level, max(row.suggested_level, 4), "", "conocimiento",
                       "conocimiento", lab_user)
    service.validate(diagnosis, lab_user)
    service.publish(diagnosis, lab_user)
    db.session.commit()
    assert diagnosis.status == "published" and diagnosis.published_by_id == lab_user.id
    row = diagnosis.assessments[0]
    with pytest.raises(Conflict) as refused:
        service.assess(diagnosis, row, 5, 5, "", "conocimiento", "conocimiento", lab_user)
    assert refused.value.extra["field"] == "status"
    with pytest.raises(Conflict):
        service.compute(diagnosis)


def test_only_existing_closed_workshops_and_a_sane_period(sample, lab_user):
    live = make_workshop(status="live")
    with pytest.raises(Invalid) as refused:
        service.create_diagnosis("D", date(2026, 1, 1), date(2026, 2, 1), [live.id], "", lab_user)
    assert refused.value.extra["field"] == "workshops"
    with pytest.raises(Invalid) as refused:
        service.create_diagnosis("D", date(2026, 1, 1), date(2026, 2, 1), [999999], "", lab_user)
    assert refused.value.extra["field"] == "workshops"
    with pytest.raises(Invalid) as refused:
        service.create_diagnosis("D", date(2026, 3, 1), date(2026, 2, 1), [sample.workshops[0].id], "", lab_user)
    assert refused.value.extra["field"] == "period_end"
    with pytest.raises(Invalid) as refused:
        service.create_diagnosis("  ", date(2026, 1, 1), date(2026, 2, 1), [sample.workshops[0].id], "", lab_user)
    assert refused.value.extra["field"] == "title"


def test_hidden_and_discarded_entries_are_no_evidence(sample, lab_user):
    hidden = Entry.query.filter_by(idea_id=sample.ideas["b-fundacion"].id).one()
    hidden.idea_hidden = True
    discarded = Entry.query.filter_by(idea_id=sample.ideas["a-camara"].id).one()
    discarded.status = "discarded"
    db.session.commit()
    found = rows(create(sample, lab_user))
    assert found["sociales", "external"].suggestion_inputs["offers"] == 0
    assert found["economicas", "external"].suggestion_inputs["offers"] == 0


def test_changing_a_level_of_a_validated_draft_sends_it_back_to_draft(sample, lab_user):
    diagnosis = create(sample, lab_user)
    for row in diagnosis.assessments:
        service.assess(diagnosis, row, row.suggested_level, 5, "", "conocimiento", "conocimiento", lab_user)
    service.validate(diagnosis, lab_user)
    row = diagnosis.assessments[0]
    service.assess(diagnosis, row, row.validated_level, 5, "Solo la lectura cambia", "conocimiento", "conocimiento",
                   lab_user)
    assert diagnosis.status == "validated"  # the same level: still validated
    service.assess(diagnosis, row, 2, 5, "", "conocimiento", "conocimiento", lab_user)
    assert (diagnosis.status, diagnosis.validated_at) == ("draft", None)
