"""A diagnosis of the lab as datasets: capability levels (suggested and validated, kept apart)
with their gaps, the evidence behind each level, the PHVA improvement plan, lessons learned and
the good-practice records of form FT-1311. Each finding carries its MIPG dimension and policy."""
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..diagnosis.levels import gap
from ..diagnosis.models import (
    AssessmentEvidence,
    CapabilityAssessment,
    Diagnosis,
    GoodPractice,
    ImprovementAction,
    Lesson,
)
from ..diagnosis.vocab import (
    ACTION_STATUSES,
    CONFIDENCES,
    DIAGNOSIS_STATUSES,
    LEVELS,
    MIPG_DIMENSIONS,
    MIPG_POLICIES,
    ORIGINS,
    PHVA_PHASES,
)
from ..extensions import db
from ..vocab import CAPABILITY_DIRECTIONS, CATEGORIES
from .formats import Column, Kind
from .registry import DIAGNOSIS, Dataset, register


@dataclass
class DiagnosisRead:
    diagnosis: Diagnosis
    now: datetime
    zone: str


def _labels(vocabulary):
    return {key: str(label) for key, label in vocabulary.items()}


def _mipg(row):
    policy = MIPG_POLICIES.get(row.mipg_policy)
    return (str(MIPG_DIMENSIONS.get(row.mipg_dimension, row.mipg_dimension)),
            str(policy[0]) if policy else row.mipg_policy)


MIPG_COLUMNS = (Column("mipg_dimension", _l("Dimensión MIPG")), Column("mipg_policy", _l("Política MIPG")))


def header(read):
    d = read.diagnosis
    return [(_l("Diagnóstico"), d.title), (_l("Versión"), d.version), (_l("Desde"), d.period_start),
            (_l("Hasta"), d.period_end),
            (_l("Estado"), str(DIAGNOSIS_STATUSES.get(d.status, d.status))), (_l("Generado"), read.now)]


def _assessments(read):
    return db.session.scalars(select(CapabilityAssessment).where(CapabilityAssessment.diagnosis_id == read.diagnosis.id)
                              .order_by(CapabilityAssessment.category, CapabilityAssessment.origin)).all()


def level_rows(read):
    categories, origins, levels, confidences = _labels(CATEGORIES), _labels(ORIGINS), _labels(LEVELS), \
        _labels(CONFIDENCES)
    rows = []
    for a in _assessments(read):
        current = a.validated_level if a.validated_level is not None else a.suggested_level
        rows.append((categories.get(a.category, a.category), origins.get(a.origin, a.origin), a.suggested_level,
                     levels.get(a.suggested_level, ""), confidences.get(a.confidence, a.confidence), a.validated_level,
                     a.validated_at, a.target_level, gap(a.target_level, current), a.narrative, *_mipg(a)))
    return rows


LEVEL_DATASET = register(Dataset(
    name="niveles", order=210, title=_l("Niveles de capacidad y brechas"), scope=DIAGNOSIS, rows=level_rows,
    header=header, columns=(
        Column("category", _l("Categoría")), Column("origin", _l("Origen")),
        Column("suggested", _l("Nivel sugerido"), Kind.INTEGER),
        Column("suggested_label", _l("Nivel sugerido (texto)")),
        Column("confidence", _l("Confianza")), Column("validated", _l("Nivel validado"), Kind.INTEGER),
        Column("validated_at", _l("Validado"), Kind.DATETIME), Column("target", _l("Nivel meta"), Kind.INTEGER),
        Column("gap", _l("Brecha"), Kind.INTEGER), Column("narrative", _l("Lectura del equipo")), *MIPG_COLUMNS)))


def evidence_rows(read):
    categories, origins, directions = _labels(CATEGORIES), _labels(ORIGINS), _labels(CAPABILITY_DIRECTIONS)
    rows = []
    for a in _assessments(read):
        for e in db.session.scalars(select(AssessmentEvidence).where(AssessmentEvidence.assessment_id == a.id)
                                    .order_by(AssessmentEvidence.id)):
            rows.append((categories.get(a.category, a.category), origins.get(a.origin, a.origin), e.idea_id,
                         directions.get(e.direction, e.direction), e.text, e.actor_name, e.votes))
    return rows


EVIDENCE_DATASET = register(Dataset(
    name="evidencias", order=220, title=_l("Evidencias de cada nivel"), scope=DIAGNOSIS, rows=evidence_rows,
    header=header, columns=(
        Column("category", _l("Categoría")), Column("origin", _l("Origen")),
        Column("idea", _l("N.º de idea"), Kind.INTEGER), Column("direction", _l("Ofrece o necesita")),
        Column("text", _l("Idea")), Column("actor", _l("Actor")), Column("votes", _l("Votos"), Kind.INTEGER))))


def plan_rows(read):
    phases, statuses, categories = _labels(PHVA_PHASES), _labels(ACTION_STATUSES), _labels(CATEGORIES)
    return [(phases.get(a.phase, a.phase), a.description, a.responsible_unit, a.due_date, a.indicator,
             statuses.get(a.status, a.status), categories.get(a.gap_category, a.gap_category), *_mipg(a))
            for a in db.session.scalars(select(ImprovementAction).where(ImprovementAction.diagnosis_id ==
                                                                        read.diagnosis.id)
                                        .order_by(ImprovementAction.due_date, ImprovementAction.id))]


PLAN_DATASET = register(Dataset(
    name="plan", order=230, title=_l("Plan de mejora PHVA"), scope=DIAGNOSIS, rows=plan_rows, header=header,
    columns=(Column("phase", _l("Fase PHVA")), Column("description", _l("Acción")),
             Column("unit", _l("Responsable")), Column("due", _l("Fecha límite"), Kind.DATE),
             Column("indicator", _l("Indicador")), Column("status", _l("Estado")),
             Column("gap", _l("Brecha que atiende")), *MIPG_COLUMNS)))


def lesson_rows(read):
    return [(lesson.title, lesson.what_happened, lesson.what_worked, lesson.what_did_not, lesson.recommendation,
             lesson.evidence, tuple(w.title for w in lesson.workshops), *_mipg(lesson))
            for lesson in db.session.scalars(select(Lesson).where(Lesson.diagnosis_id == read.diagnosis.id)
                                             .order_by(Lesson.id))]


LESSON_DATASET = register(Dataset(
    name="lecciones", order=240, title=_l("Lecciones aprendidas"), scope=DIAGNOSIS, rows=lesson_rows, header=header,
    columns=(Column("title", _l("Lección")), Column("what_happened", _l("Qué pasó")),
             Column("what_worked", _l("Qué funcionó")), Column("what_did_not", _l("Qué no funcionó")),
             Column("recommendation", _l("Recomendación")), Column("evidence", _l("Evidencia")),
             Column("workshops", _l("Talleres"), Kind.LIST), *MIPG_COLUMNS)))

# FT-1311, sections 1 to 6, in the form's order.
PRACTICE_FIELDS = (
    ("filled_on", _l("Fecha de diligenciamiento"), Kind.DATE), ("name", _l("Nombre de la buena práctica"), Kind.TEXT),
    ("unit", _l("Dependencia"), Kind.TEXT), ("unit_head", _l("Jefe de la dependencia"), Kind.TEXT),
    ("process", _l("Proceso"), Kind.TEXT), ("team", _l("Equipo"), Kind.TEXT),
    ("responsible_name", _l("Responsable"), Kind.TEXT), ("responsible_link", _l("Tipo de vinculación"), Kind.TEXT),
    ("contact_phone", _l("Teléfono de contacto"), Kind.TEXT), ("contact_email", _l("Correo de contacto"), Kind.TEXT),
    ("started_on", _l("Fecha de inicio"), Kind.DATE), ("adapted_from", _l("Adaptada de"), Kind.TEXT),
    ("description", _l("Descripción"), Kind.TEXT), ("baseline", _l("Línea base"), Kind.TEXT),
    ("target_population", _l("Población objetivo"), Kind.TEXT), ("scope", _l("Alcance"), Kind.TEXT),
    ("contribution", _l("Aporte"), Kind.TEXT), ("results", _l("Resultados"), Kind.TEXT),
    ("benefits", _l("Beneficios"), Kind.TEXT), ("dissemination", _l("Difusión"), Kind.TEXT),
    ("other_aspects", _l("Otros aspectos"), Kind.TEXT), ("challenges", _l("Retos"), Kind.TEXT),
    ("stability", _l("Estabilidad"), Kind.TEXT), ("conclusions", _l("Conclusiones"), Kind.TEXT),
    ("annexes", _l("Anexos"), Kind.TEXT))


def practice_rows(read):
    return [(*(getattr(p, key) for key, _title, _kind in PRACTICE_FIELDS), tuple(p.criteria or ()), *_mipg(p))
            for p in db.session.scalars(select(GoodPractice).where(GoodPractice.diagnosis_id == read.diagnosis.id)
                                        .order_by(GoodPractice.id))]


PRACTICE_DATASET = register(Dataset(
    name="ft-1311", order=250, title=_l("Buenas prácticas (FT-1311)"), scope=DIAGNOSIS, rows=practice_rows,
    header=header, columns=(*(Column(key, title, kind) for key, title, kind in PRACTICE_FIELDS),
                            Column("criteria", _l("Criterios que cumple"), Kind.LIST), *MIPG_COLUMNS)))
