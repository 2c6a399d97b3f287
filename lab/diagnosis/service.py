"""Making and keeping a diagnosis: create it from workshops, compute its suggested levels, let the
lab team validate them, then validate and publish the version; a published version is read-only
and a change starts a new version. Services flush; the pages commit."""
from flask_babel import gettext as _
from sqlalchemy import select

from .. import vocab as lab_vocab
from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..types import utcnow
from ..workshops.models import Workshop
from . import vocab
from .evidence import attendance, gather
from .levels import suggest_all
from .models import AssessmentEvidence, CapabilityAssessment, Diagnosis, diagnosis_workshops


def refuse(field, message):
    """Bad input, naming the field the person has to correct."""
    raise Invalid(message, field=field)


def find_diagnosis(diagnosis_id):
    diagnosis = db.session.get(Diagnosis, diagnosis_id)
    if diagnosis is None:
        raise NotFound(_("No encontramos ese diagnóstico."))
    return diagnosis


def find_assessment(diagnosis, assessment_id):
    assessment = db.session.get(CapabilityAssessment, assessment_id)
    if assessment is None or assessment.diagnosis_id != diagnosis.id:
        raise NotFound(_("Esa capacidad no es de este diagnóstico."))
    return assessment


def editable(diagnosis):
    """Refuse any change to a published version: it is what the lab reported."""
    if diagnosis.is_published:
        raise Conflict(_("Estado: la versión %(version)d está publicada y es de solo lectura. "
                         "Crea una nueva versión para cambiarla.", version=diagnosis.version), field="status")
    return diagnosis


def closed_workshops():
    return db.session.scalars(select(Workshop).where(Workshop.status == "closed")
                              .order_by(Workshop.starts_at.desc(), Workshop.id.desc())).all()


def chosen_workshops(workshop_ids):
    ids = sorted({int(i) for i in workshop_ids})
    if not ids:
        refuse("workshops", _("Talleres: elige al menos un taller cerrado."))
    workshops = db.session.scalars(select(Workshop).where(Workshop.id.in_(ids))).all()
    if len(workshops) != len(ids) or any(w.status != "closed" for w in workshops):
        refuse("workshops", _("Talleres: solo se pueden incluir talleres cerrados que existan."))
    return workshops


def check_period(start, end):
    if start is None or end is None:
        refuse("period_start", _("Periodo: indica el primer y el último día."))
    if end < start:
        refuse("period_end", _("Fin del periodo: no puede ser anterior al inicio."))


def create_diagnosis(title, period_start, period_end, workshop_ids, method_note, user):
    """A new draft (version 1) with its levels computed from the workshops."""
    title = (title or "").strip()
    if not title:
        refuse("title", _("Título: escribe un título para el diagnóstico."))
    check_period(period_start, period_end)
    diagnosis = Diagnosis(title=title[:200], period_start=period_start, period_end=period_end,
                          method_note=method_note or "", created_by_id=user.id)
    diagnosis.workshops = chosen_workshops(workshop_ids)
    db.session.add(diagnosis)
    db.session.flush()
    compute(diagnosis)
    return diagnosis


def compute(diagnosis):
    """(Re)compute every suggested level and its evidence. What the lab team validated, targeted or
    wrote stays as they left it: only the suggestion, its inputs and its evidence change."""
    editable(diagnosis)
    ids = [w.id for w in diagnosis.workshops]
    cited = gather(ids)
    suggestions = suggest_all([c.evidence for c in cited], attendance(ids), lab_vocab.CATEGORIES, vocab.ORIGINS)
    rows = {(a.category, a.origin): a for a in diagnosis.assessments}
    for (category, origin), suggestion in suggestions.items():
        row = rows.get((category, origin))
        if row is None:
            row = CapabilityAssessment(category=category, origin=origin)
            diagnosis.assessments.append(row)
        row.suggested_level = suggestion.level
        row.confidence = suggestion.confidence
        row.suggestion_inputs = suggestion.inputs()
        row.evidence = [copy_evidence(c) for c in cited
                        if (c.evidence.category, c.evidence.origin) == (category, origin)]
    db.session.flush()
    return diagnosis


def copy_evidence(cited):
    item = cited.evidence
    return AssessmentEvidence(idea_id=item.idea_id, workshop_id=item.workshop_id, direction=item.direction,
                              text=cited.text[:500], prompt=cited.prompt[:500],
                              actor_key=item.actor[:160] if item.actor else "",
                              actor_name=cited.actor_name[:160], sector=item.sector or "", votes=item.votes)


def check_level(field, label, level):
    if level is None or not isinstance(level, int) or not vocab.MIN_LEVEL <= level <= vocab.MAX_LEVEL:
        refuse(field, _("%(field)s: el nivel debe estar entre 1 y 5.", field=label))


def check_tag(dimension, policy):
    if dimension not in vocab.MIPG_DIMENSIONS:
        refuse("mipg_dimension", _("Dimensión MIPG: elige una de las siete dimensiones."))
    if vocab.policy_dimension(policy) != dimension:
        refuse("mipg_policy", _("Política MIPG: elige una política de la dimensión elegida."))


def assess(diagnosis, assessment, validated_level, target_level, narrative, dimension, policy, user):
    """The lab team's reading of one capability. The suggestion is never touched."""
    editable(diagnosis)
    if validated_level is not None:
        check_level("validated_level", _("Nivel validado"), validated_level)
    check_level("target_level", _("Nivel objetivo"), target_level)
    current = validated_level if validated_level is not None else assessment.suggested_level
    if target_level < current:
        refuse("target_level", _("Nivel objetivo: no puede ser inferior al nivel actual (%(level)d).", level=current))
    check_tag(dimension, policy)
    if validated_level != assessment.validated_level:
        assessment.validated_level = validated_level
        assessment.validated_by_id = user.id if validated_level is not None else None
        assessment.validated_at = utcnow() if validated_level is not None else None
        reopen_if_validated(diagnosis)
    assessment.target_level = target_level
    assessment.narrative = narrative or ""
    assessment.mipg_dimension, assessment.mipg_policy = dimension, policy
    db.session.flush()
    return assessment


def validate(diagnosis, user):
    """Mark the version validated: every capability has a level the lab team set."""
    editable(diagnosis)
    missing = [a for a in diagnosis.assessments if a.validated_level is None]
    if missing:
        names = ", ".join(f"{lab_vocab.CATEGORIES[a.category]} ({vocab.ORIGINS[a.origin]})" for a in missing)
        refuse("validated_level", _("Nivel validado: falta validar %(names)s.", names=names))
    diagnosis.status, diagnosis.validated_by_id, diagnosis.validated_at = "validated", user.id, utcnow()
    db.session.flush()


def publish(diagnosis, user):
    editable(diagnosis)
    if diagnosis.status != "validated":
        raise Conflict(_("Estado: valida los niveles del diagnóstico antes de publicarlo."), field="status")
    diagnosis.status, diagnosis.published_by_id, diagnosis.published_at = "published", user.id, utcnow()
    db.session.flush()


def reopen_if_validated(diagnosis):
    """A change to a validated draft sends it back to draft: what was validated changed."""
    if diagnosis.status == "validated":
        diagnosis.status, diagnosis.validated_by_id, diagnosis.validated_at = "draft", None, None


def cited_by_published(workshop_id):
    """Published versions that cite the workshop (its deletion is refused while any does)."""
    return db.session.scalars(
        select(Diagnosis).join(diagnosis_workshops, diagnosis_workshops.c.diagnosis_id == Diagnosis.id)
        .where(diagnosis_workshops.c.workshop_id == workshop_id, Diagnosis.status == "published")).all()
