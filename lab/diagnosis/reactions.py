"""How the diagnosis reacts to other slices (lab/signals.py): a workshop that a published version
cites cannot be deleted, since that version is what the lab reported and its evidence must stay
traceable. A draft simply loses the workshop (its evidence copies stay, marked removed). A lab-team
member's validations are in their data download, and outlive their account without their id."""
from flask_babel import gettext as _
from sqlalchemy import or_, select, update

from ..errors import Conflict
from ..extensions import db
from ..types import iso
from .models import CapabilityAssessment, Diagnosis
from .service import cited_by_published


def keep_cited_workshop(workshop, **_kwargs):
    published = cited_by_published(workshop.id)
    if published:
        titles = "; ".join(f"{d.title} (v{d.version})" for d in published)
        raise Conflict(_("No se puede eliminar el taller: lo cita un diagnóstico publicado (%(titles)s). "
                         "Un diagnóstico publicado es evidencia del laboratorio y debe seguir siendo trazable.",
                         titles=titles), field="workshop")


def personal_data(user):
    """What the diagnosis keeps about a lab-team member: the versions and levels they created,
    validated or published (ids and dates; the texts belong to the lab)."""
    versions = db.session.scalars(select(Diagnosis).where(or_(
        Diagnosis.created_by_id == user.id, Diagnosis.validated_by_id == user.id,
        Diagnosis.published_by_id == user.id))).all()
    levels = db.session.scalars(select(CapabilityAssessment).where(CapabilityAssessment.validated_by_id == user.id))
    return {
        "diagnoses": [{"id": d.id, "version": d.version, "created": d.created_by_id == user.id,
                       "validated": d.validated_by_id == user.id, "published": d.published_by_id == user.id}
                      for d in versions],
        "validated_levels": [{"diagnosis_id": a.diagnosis_id, "category": a.category, "origin": a.origin,
                              "level": a.validated_level, "validated_at": iso(a.validated_at)} for a in levels],
    }


def forget_member(user):
    """The versions and levels stay, as the lab's; who made them is forgotten."""
    for column in (Diagnosis.created_by_id, Diagnosis.validated_by_id, Diagnosis.published_by_id):
        db.session.execute(update(Diagnosis).where(column == user.id).values({column.key: None}))
    db.session.execute(update(CapabilityAssessment).where(CapabilityAssessment.validated_by_id == user.id)
                       .values(validated_by_id=None))
