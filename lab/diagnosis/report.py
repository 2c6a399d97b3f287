"""A diagnosis version as plain data, for pages and for the exports (PDF report, spreadsheets):
one function per section, each returning dicts and lists of plain values with their keys (labels
are the reader's, from the vocabularies)."""
from datetime import date

from . import actors, alliances, plan, voice
from .vocab import level_percent


def header(diagnosis):
    return {"id": diagnosis.id, "title": diagnosis.title, "version": diagnosis.version, "status": diagnosis.status,
            "period_start": diagnosis.period_start, "period_end": diagnosis.period_end,
            "method_note": diagnosis.method_note, "parent_id": diagnosis.parent_id,
            "validated_at": diagnosis.validated_at, "published_at": diagnosis.published_at,
            "workshops": [{"id": w.id, "title": w.title, "starts_at": w.starts_at} for w in diagnosis.workshops]}


def capabilities(diagnosis):
    return [{"id": row.id, "category": row.category, "origin": row.origin,
             "suggested_level": row.suggested_level, "suggested_percent": level_percent(row.suggested_level),
             "suggestion_inputs": dict(row.suggestion_inputs or {}), "confidence": row.confidence,
             "validated_level": row.validated_level, "validated_by_id": row.validated_by_id,
             "validated_at": row.validated_at, "target_level": row.target_level, "gap": row.gap,
             "narrative": row.narrative, "mipg_dimension": row.mipg_dimension, "mipg_policy": row.mipg_policy,
             "evidence": [{"idea_id": e.idea_id, "workshop_id": e.workshop_id, "direction": e.direction,
                           "text": e.text, "prompt": e.prompt, "actor": e.actor_name,
                           "sector": e.sector, "votes": e.votes,
                           "removed": e.idea_id is None} for e in row.evidence]}
            for row in diagnosis.assessments]


def improvement_plan(diagnosis, today=None):
    return [{"id": r["action"].id, "phase": r["action"].phase, "description": r["action"].description,
             "responsible_unit": r["action"].responsible_unit, "due_date": r["action"].due_date,
             "indicator": r["action"].indicator, "status": r["action"].status, "overdue": r["overdue"],
             "gap_category": r["action"].gap_category, "gap_origin": r["action"].gap_origin,
             "alliance_id": r["action"].alliance_id, "mipg_dimension": r["action"].mipg_dimension,
             "mipg_policy": r["action"].mipg_policy} for r in plan.plan_rows(diagnosis, today)]


def lessons(diagnosis):
    return [{"id": lesson.id, "title": lesson.title, "what_happened": lesson.what_happened,
             "what_worked": lesson.what_worked, "what_did_not": lesson.what_did_not,
             "recommendation": lesson.recommendation, "evidence": lesson.evidence,
             "ideas": [{"idea_id": c.idea_id, "workshop_id": c.workshop_id, "workshop": c.workshop_title,
                        "text": c.text, "prompt": c.prompt, "removed": c.removed} for c in lesson.ideas],
             "workshops": [w.id for w in lesson.workshops], "mipg_dimension": lesson.mipg_dimension,
             "mipg_policy": lesson.mipg_policy} for lesson in diagnosis.lessons]


def good_practices(diagnosis):
    skip = {"diagnosis_id", "created_at"}
    return [{c.key: getattr(p, c.key) for c in p.__table__.columns if c.key not in skip}
            for p in diagnosis.good_practices]


def whole(diagnosis, today=None):
    """Every section of the version at once."""
    actor_part = actors.section(diagnosis)
    gap_part = alliances.suggestions(diagnosis, actor_part["betweenness"])
    return {
        "diagnosis": header(diagnosis),
        "capabilities": capabilities(diagnosis),
        "actors": {**actor_part, "standing": [vars(a) for a in actor_part["standing"]]},
        "voice": voice.section(diagnosis),
        "alliance_suggestions": [{"category": s["assessment"].category, "origin": s["assessment"].origin,
                                  "gap": s["assessment"].gap, "candidates": s["candidates"]} for s in gap_part],
        "plan": improvement_plan(diagnosis, today or date.today()),
        "lessons": lessons(diagnosis),
        "good_practices": good_practices(diagnosis),
    }
