"""Versions of a diagnosis: a published version is kept as reported; a change starts a new draft
copied from it, and two versions compare side by side."""
from flask_babel import gettext as _

from ..errors import Conflict
from ..extensions import db
from ..maps.models import Alliance
from ..vocab import ALLIANCE_STAGES
from .models import (
    AssessmentEvidence,
    CapabilityAssessment,
    Diagnosis,
    GoodPractice,
    ImprovementAction,
    Lesson,
    LessonIdea,
)

ASSESSMENT_COPIED = ("category", "origin", "suggested_level", "suggestion_inputs", "confidence", "validated_level",
                     "validated_by_id", "validated_at", "target_level", "narrative", "mipg_dimension", "mipg_policy")
LESSON_IDEA_COPIED = ("idea_id", "workshop_id", "text", "prompt", "workshop_title")
EVIDENCE_COPIED = ("idea_id", "workshop_id", "direction", "text", "prompt", "actor_key", "actor_name", "sector",
                   "votes")


def columns(model, skip=("id", "diagnosis_id", "created_at")):
    return [c.key for c in model.__table__.columns if c.key not in skip]


def copied(row, model, names=None, **extra):
    return model(**{name: getattr(row, name) for name in (names or columns(model))}, **extra)


def new_version(diagnosis, user):
    """A draft copy of a published version, numbered after the highest version of its line."""
    if not diagnosis.is_published:
        raise Conflict(_("Estado: solo una versión publicada da lugar a una nueva versión; "
                         "esta aún se puede editar."), field="status")
    latest = max(d.version for d in lineage(diagnosis))
    draft = Diagnosis(title=diagnosis.title, period_start=diagnosis.period_start, period_end=diagnosis.period_end,
                      method_note=diagnosis.method_note, version=latest + 1, parent_id=diagnosis.id,
                      created_by_id=user.id, workshops=list(diagnosis.workshops))
    for row in diagnosis.assessments:
        copy = copied(row, CapabilityAssessment, ASSESSMENT_COPIED)
        copy.evidence = [copied(item, AssessmentEvidence, EVIDENCE_COPIED) for item in row.evidence]
        draft.assessments.append(copy)
    draft.actions = [copied(a, ImprovementAction) for a in diagnosis.actions]
    draft.lessons = [copied(lesson, Lesson, workshops=list(lesson.workshops),
                            ideas=[copied(cited, LessonIdea, LESSON_IDEA_COPIED) for cited in lesson.ideas])
                     for lesson in diagnosis.lessons]
    draft.good_practices = [copied(p, GoodPractice) for p in diagnosis.good_practices]
    db.session.add(draft)
    db.session.flush()
    return draft


def lineage(diagnosis):
    """Every version descending from the same first version."""
    root = diagnosis
    while root.parent_id is not None and db.session.get(Diagnosis, root.parent_id) is not None:
        root = db.session.get(Diagnosis, root.parent_id)
    found, todo = [], [root]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(Diagnosis.query.filter_by(parent_id=current.id).all())
    return found


def compare(old, new):
    """What changed from `old` to `new`: levels per capability, actors new in the evidence, and the
    alliances serving the plan that moved forward since `old` was published."""
    before = {(a.category, a.origin): a for a in old.assessments}
    levels = []
    for row in new.assessments:
        previous = before.get((row.category, row.origin))
        was = previous.current_level if previous else None
        levels.append({"category": row.category, "origin": row.origin, "before": was, "after": row.current_level,
                       "change": None if was is None else row.current_level - was})
    return {"levels": levels, "new_actors": new_actors(old, new), "alliances": advanced_alliances(old, new)}


def actor_names(diagnosis):
    return {e.actor_key: e.actor_name for a in diagnosis.assessments for e in a.evidence if e.actor_key}


def new_actors(old, new):
    known = actor_names(old)
    return sorted(name for key, name in actor_names(new).items() if key not in known)


def advanced_alliances(old, new):
    """Alliances the new version's plan serves, with their stage; advanced when updated after `old`
    was published and past "identified"."""
    since = old.published_at or old.created_at
    order = list(ALLIANCE_STAGES)
    ids = {a.alliance_id for a in new.actions if a.alliance_id}
    rows = []
    for alliance in (db.session.get(Alliance, i) for i in sorted(ids)):
        if alliance is not None and alliance.updated_at > since and order.index(alliance.stage) > 0:
            rows.append({"id": alliance.id, "purpose": alliance.purpose, "stage": alliance.stage})
    return rows
