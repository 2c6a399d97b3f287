"""The plan, lessons, FT-1311 records and versions of a diagnosis."""
from datetime import date

import pytest

from lab.accounts.privacy import delete_account, personal_data
from lab.diagnosis import alliances, plan, practice, service, versions
from lab.diagnosis.models import Diagnosis
from lab.errors import Conflict, Invalid
from lab.extensions import db
from tests.factories import make_user

from .conftest import by_key, validate_all

ACTION = {"phase": "hacer", "description": "Convocar a las universidades", "responsible_unit": "Oficina TIC",
          "due_date": date(2026, 3, 1), "indicator": "Convocatoria publicada", "status": "pendiente",
          "gap_category": "economicas", "gap_origin": "external", "alliance_id": None,
          "mipg_dimension": "conocimiento", "mipg_policy": "conocimiento"}

LESSON = {"title": "El cronómetro ordena la conversación", "what_happened": "Cada pregunta tuvo un minuto.",
          "what_worked": "Todos participaron.", "what_did_not": "Faltó tiempo para votar.",
          "recommendation": "Reservar diez minutos para votar.", "evidence": "Tablero del taller A",
          "mipg_dimension": "conocimiento", "mipg_policy": "conocimiento"}


def test_an_action_without_a_responsible_unit_is_refused(diagnosis):
    with pytest.raises(Invalid) as refused:
        plan.save_action(diagnosis, {**ACTION, "responsible_unit": "   "})
    assert refused.value.extra["field"] == "responsible_unit"
    assert "Unidad o rol responsable" in str(refused.value)


@pytest.mark.parametrize("change, field", [({"phase": "soñar"}, "phase"), ({"status": "x"}, "status"),
                                           ({"gap_category": "magicas"}, "gap"), ({"alliance_id": 999}, "alliance_id"),
                                           ({"mipg_policy": "control_interno"}, "mipg_policy")])
def test_bad_action_fields_are_refused_by_name(diagnosis, change, field):
    with pytest.raises(Invalid) as refused:
        plan.save_action(diagnosis, {**ACTION, **change})
    assert refused.value.extra["field"] == field


def test_overdue_actions_stand_out_until_done(diagnosis):
    late = plan.save_action(diagnosis, ACTION)
    plan.save_action(diagnosis, {**ACTION, "phase": "planear", "due_date": date(2026, 9, 1)})
    rows = plan.plan_rows(diagnosis, today=date(2026, 4, 1))
    assert [(r["action"].phase, r["overdue"]) for r in rows] == [("planear", False), ("hacer", True)]
    plan.set_action_status(diagnosis, late, "cumplida")
    assert not any(r["overdue"] for r in plan.plan_rows(diagnosis, today=date(2026, 4, 1)))


def test_a_lesson_links_only_this_diagnosis_workshops(diagnosis, sample):
    lesson = plan.save_lesson(diagnosis, LESSON, [sample.workshops[0].id])
    assert [w.id for w in lesson.workshops] == [sample.workshops[0].id]
    with pytest.raises(Invalid) as refused:
        plan.save_lesson(diagnosis, LESSON, [987654])
    assert refused.value.extra["field"] == "workshops"
    with pytest.raises(Invalid) as refused:
        plan.save_lesson(diagnosis, {**LESSON, "recommendation": ""}, [])
    assert refused.value.extra["field"] == "recommendation"


def test_ft1311_prefill_holds_no_participant_personal_data(diagnosis, sample):
    fields = practice.prefill(diagnosis, today=date(2026, 12, 8))
    text = " ".join(str(value) for value in fields.values())
    for person in sample.people:
        for personal in (person.name, person.email, person.organisation, person.phone or "no-phone"):
            assert personal not in text
    assert "contact_email" not in fields and "responsible_name" not in fields and "contact_phone" not in fields
    assert "Universidad (4)" in fields["target_population"] and "Empresa (2)" in fields["target_population"]
    assert fields["baseline"].startswith("Reunir a las universidades")
    assert fields["description"] == "Mapear capacidades externas"  # shared by both workshops: once
    assert "7 ideas de 2 talleres nombran 5 actores en el mapa." in fields["results"]
    assert "Físicas (Interna)" in fields["results"]
    assert "Tecnológicas (Externa (por actores)): nivel 4" in fields["results"]
    assert (fields["unit"], fields["mipg_policy"]) == ("Alcaldía Ficticia", "conocimiento")


def test_ft1311_record_saves_typed_contacts_and_criteria(diagnosis):
    fields = {**practice.prefill(diagnosis), "responsible_name": "Equipo Gesco+i", "contact_phone": "000 000 0000",
              "contact_email": "laboratorio@alcaldia.example", "criteria": ["replicable", "pertinent"]}
    record = practice.save_practice(diagnosis, fields)
    assert record.criteria == ["pertinent", "replicable"] and record.contact_email == "laboratorio@alcaldia.example"
    with pytest.raises(Invalid) as refused:
        practice.save_practice(diagnosis, {**fields, "contact_email": "no es correo"})
    assert refused.value.extra["field"] == "contact_email"
    with pytest.raises(Invalid) as refused:
        practice.save_practice(diagnosis, {**fields, "criteria": ["barato"]})
    assert refused.value.extra["field"] == "criteria"


def publish(diagnosis, user):
    validate_all(diagnosis, user)
    service.publish(diagnosis, user)
    db.session.commit()


def test_a_published_version_refuses_edits_and_a_new_version_copies_it(diagnosis, sample, lab_user):
    plan.save_action(diagnosis, ACTION)
    plan.save_lesson(diagnosis, LESSON, [sample.workshops[0].id])
    practice.save_practice(diagnosis, practice.prefill(diagnosis))
    publish(diagnosis, lab_user)
    for attempt in (lambda: plan.save_action(diagnosis, ACTION), lambda: plan.save_lesson(diagnosis, LESSON, []),
                    lambda: practice.save_practice(diagnosis, practice.prefill(diagnosis))):
        with pytest.raises(Conflict, match="solo lectura"):
            attempt()
    db.session.rollback()
    draft = versions.new_version(diagnosis, lab_user)
    db.session.commit()
    assert (draft.version, draft.parent_id, draft.status) == (2, diagnosis.id, "draft")
    assert len(draft.assessments) == 10 and len(draft.actions) == 1 and len(draft.lessons) == 1
    assert len(draft.good_practices) == 1 and [w.id for w in draft.lessons[0].workshops] == [sample.workshops[0].id]
    copied = by_key(draft)["tecnologicas", "external"]
    assert (copied.suggested_level, copied.validated_level, len(copied.evidence)) == (4, 4, 3)
    assert db.session.get(Diagnosis, diagnosis.id).status == "published"
    with pytest.raises(Conflict):
        versions.new_version(draft, lab_user)


def test_two_versions_compare_levels_and_new_actors(diagnosis, lab_user):
    publish(diagnosis, lab_user)
    draft = versions.new_version(diagnosis, lab_user)
    row = by_key(draft)["economicas", "external"]
    service.assess(draft, row, 4, 5, "", "conocimiento", "conocimiento", lab_user)
    row.evidence[0].actor_key, row.evidence[0].actor_name = "nuevo", "Parque Tecnológico Ficticio"
    db.session.commit()
    changes = versions.compare(diagnosis, draft)
    levels = {(r["category"], r["origin"]): r for r in changes["levels"]}
    assert (levels["economicas", "external"]["before"], levels["economicas", "external"]["after"]) == (2, 4)
    assert levels["economicas", "external"]["change"] == 2 and levels["fisicas", "internal"]["change"] == 0
    assert changes["new_actors"] == ["Parque Tecnológico Ficticio"]


def test_comparison_lists_the_alliances_that_advanced(diagnosis, sample, lab_user):
    row = by_key(diagnosis)["economicas", "external"]
    alliance, _action = alliances.ally(diagnosis, row, [sample.actors["camara"].id], "Planeación", None)
    other, _ = alliances.ally(diagnosis, row, [sample.actors["fundacion"].id], "Planeación", None)
    publish(diagnosis, lab_user)
    alliance.stage = "in_conversation"
    db.session.commit()
    draft = versions.new_version(diagnosis, lab_user)
    db.session.commit()
    advanced = versions.compare(diagnosis, draft)["alliances"]
    assert [(a["id"], a["stage"]) for a in advanced] == [(alliance.id, "in_conversation")]
    assert other.id not in {a["id"] for a in advanced}


def test_a_lab_member_sees_their_validations_and_leaving_keeps_the_diagnosis(diagnosis, lab_user):
    make_user(role="lab")  # someone else keeps the lab team
    row = by_key(diagnosis)["economicas", "external"]
    service.assess(diagnosis, row, 3, 4, "", "conocimiento", "conocimiento", lab_user)
    db.session.commit()
    data = personal_data(lab_user)
    assert data["diagnoses"] == [{"id": diagnosis.id, "version": 1, "created": True, "validated": False,
                                  "published": False}]
    assert [(v["category"], v["level"]) for v in data["validated_levels"]] == [("economicas", 3)]
    delete_account(lab_user)
    db.session.commit()
    db.session.expire_all()
    kept = db.session.get(Diagnosis, diagnosis.id)
    assert kept.created_by_id is None
    assert by_key(kept)["economicas", "external"].validated_level == 3
    assert by_key(kept)["economicas", "external"].validated_by_id is None
