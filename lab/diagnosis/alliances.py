"""From gap to alliance: for every capability two or more levels short of its target, the external
actors the map says offer it, ranked; one action makes the alliance on the map and the improvement
action that follows it up."""
from collections import Counter
from statistics import median

from flask_babel import gettext as _
from sqlalchemy import select

from .. import vocab as lab_vocab
from ..extensions import db
from ..maps.models import Actor, Alliance, Assessment, Capability
from . import actors as actors_section
from . import vocab
from .plan import save_action
from .service import editable, refuse

WIDE_GAP = 2
PER_GAP = 5


def offering(category):
    """External actors (not merged away) that the map says offer `category`, with that capability."""
    rows = db.session.execute(
        select(Actor, Capability).join(Capability, Capability.actor_id == Actor.id)
        .where(Capability.category == category, Capability.direction == "offers", Actor.scope == "external",
               Actor.merged_into_id.is_(None))).all()
    found = {}
    for actor, capability in rows:
        found.setdefault(actor.id, (actor, capability))
    return list(found.values())


def medians(actor_ids, workshop_ids):
    rows = db.session.scalars(select(Assessment).where(Assessment.actor_id.in_(actor_ids),
                                                       Assessment.workshop_id.in_(workshop_ids))).all()
    found = {}
    for actor_id in actor_ids:
        mine = [r for r in rows if r.actor_id == actor_id and r.influence is not None and r.interest is not None]
        found[actor_id] = (median(r.influence for r in mine), median(r.interest for r in mine)) if mine else (0, 0)
    return found


def suggestions(diagnosis, betweenness=None):
    """[{assessment, candidates: [...]}] for every capability with a gap of WIDE_GAP or more.

    Candidates are ranked by evidence in this diagnosis, then influence, interest and bridging
    (betweenness), highest first."""
    if betweenness is None:
        betweenness = actors_section.section(diagnosis)["betweenness"]
    evidence = Counter(item.actor_key for row in diagnosis.assessments for item in row.evidence)
    workshop_ids = [w.id for w in diagnosis.workshops]
    result = []
    for row in diagnosis.assessments:
        if row.gap is None or row.gap < WIDE_GAP:
            continue
        offers = offering(row.category)
        standing = medians([actor.id for actor, _c in offers], workshop_ids) if offers else {}
        candidates = [{"actor_id": actor.id, "slug": actor.slug, "name": actor.name, "sector": actor.sector,
                       "capability": capability.description, "evidence": evidence[actor.slug],
                       "influence": standing[actor.id][0], "interest": standing[actor.id][1],
                       "betweenness": betweenness.get(actor.slug, 0.0)} for actor, capability in offers]
        candidates.sort(key=lambda c: (-c["evidence"], -c["influence"], -c["interest"], -c["betweenness"], c["name"]))
        result.append({"assessment": row, "candidates": candidates[:PER_GAP]})
    return result


def ally(diagnosis, assessment, actor_ids, responsible_unit, due_date, first_step=""):
    """Create the alliance on the map (stage identified) and the PHVA action that serves it."""
    editable(diagnosis)
    if assessment.gap is None or assessment.gap < WIDE_GAP:
        refuse("gap", _("Brecha: esta capacidad no tiene una brecha de 2 niveles o más."))
    if not (responsible_unit or "").strip():
        refuse("responsible_unit", _("Unidad o rol responsable: toda acción necesita quien responda por ella."))
    allowed = {actor.id: actor for actor, _c in offering(assessment.category)}
    chosen = [allowed[i] for i in actor_ids if i in allowed]
    if not chosen or len(chosen) != len(set(actor_ids)):
        refuse("actors", _("Actores: elige actores externos que ofrezcan esta capacidad."))
    category = str(lab_vocab.CATEGORIES[assessment.category])
    purpose = _("Cerrar la brecha de capacidades %(category)s con %(actors)s.", category=category.lower(),
                actors=", ".join(a.name for a in chosen))
    alliance = Alliance(purpose=purpose[:500], first_step=(first_step or "")[:500], stage="identified",
                        owner=(responsible_unit or "").strip()[:160], due_on=due_date, actors=chosen)
    db.session.add(alliance)
    db.session.flush()
    action = save_action(diagnosis, {
        "phase": "planear", "description": purpose, "responsible_unit": responsible_unit or "",
        "due_date": due_date, "indicator": _("Alianza formalizada con un instrumento (convenio, memorando o carta)."),
        "status": "pendiente", "gap_category": assessment.category, "gap_origin": assessment.origin,
        "alliance_id": alliance.id, "mipg_dimension": vocab.HOME_DIMENSION, "mipg_policy": vocab.HOME_POLICY})
    return alliance, action
