"""The sample workshop (`flask demo`) feeds a diagnosis, and cannot be deleted while a published
version cites it."""
from datetime import date

from lab.diagnosis import service
from lab.extensions import db
from lab.maps.demo import create_demo

from .conftest import by_key, validate_all


def test_the_sample_workshop_gives_a_diagnosis_with_evidence_and_then_stays(ctx, lab_user, runner):
    workshop = create_demo()
    db.session.commit()
    diagnosis = service.create_diagnosis("Diagnóstico de ejemplo", date(2024, 1, 1), date(2030, 12, 31),
                                         [workshop.id], "", lab_user)
    db.session.commit()
    rows = by_key(diagnosis)
    assert sum(len(row.evidence) for row in rows.values()) > 10
    assert any(row.suggested_level > 1 for row in rows.values())
    validate_all(diagnosis, lab_user)
    service.publish(diagnosis, lab_user)
    db.session.commit()
    result = runner.invoke(args=["demo", "delete"])
    assert result.exit_code != 0 and "diagnóstico publicado" in result.output
    db.session.expire_all()
    assert db.session.get(type(workshop), workshop.id) is not None
