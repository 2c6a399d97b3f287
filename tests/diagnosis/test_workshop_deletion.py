"""Deleting a workshop a diagnosis cites: refused while a published version cites it; a draft lets it
go and keeps its evidence copies, marked removed."""
import pytest

from lab.diagnosis import service
from lab.diagnosis.models import AssessmentEvidence, Diagnosis
from lab.errors import Conflict
from lab.extensions import db
from lab.workshops.models import Workshop
from lab.workshops.service import delete_workshop

from .conftest import validate_all


def test_a_workshop_cited_by_a_published_diagnosis_cannot_be_deleted(diagnosis, sample, lab_user):
    validate_all(diagnosis, lab_user)
    service.publish(diagnosis, lab_user)
    db.session.commit()
    first = sample.workshops[0]
    with pytest.raises(Conflict, match="lo cita un diagnóstico publicado"):
        delete_workshop(db.session.get(Workshop, first.id))
    db.session.rollback()
    assert db.session.get(Workshop, first.id) is not None
    assert len(db.session.get(Diagnosis, diagnosis.id).workshops) == 2


def test_a_draft_lets_the_workshop_go_and_keeps_its_evidence_marked_removed(diagnosis, sample):
    first = sample.workshops[0]
    cited = AssessmentEvidence.query.filter_by(workshop_id=first.id).count()
    assert cited
    delete_workshop(db.session.get(Workshop, first.id))
    db.session.commit()
    db.session.expire_all()
    assert [w.id for w in db.session.get(Diagnosis, diagnosis.id).workshops] == [sample.workshops[1].id]
    orphans = AssessmentEvidence.query.filter(AssessmentEvidence.workshop_id.is_(None)).all()
    assert len(orphans) == cited and all(e.idea_id is None and e.text for e in orphans)
