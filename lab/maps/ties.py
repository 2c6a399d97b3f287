"""Links between actors and strategic alliances, as the lab team records them; and what changed on
the map since a date (new actors, potential relations turned current, new alliances)."""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from ..board.models import Idea
from ..errors import Invalid, NotFound
from ..extensions import db
from ..types import utcnow
from ..vocab import ACTOR_RELATIONS, ALLIANCE_INSTRUMENTS, ALLIANCE_STAGES, LINK_KINDS, LINK_STRENGTHS
from .actors import final_actor, find_actor
from .models import NAME_LENGTH, Actor, Alliance, Capability, Entry, Link, alliance_ideas

TEXT_LENGTH = 500
MAX_ALLIANCE_ACTORS = 20


def _text(value, what, limit=TEXT_LENGTH, required=False):
    text = " ".join(str(value or "").split())
    if required and not text:
        raise Invalid(_("%(what)s no puede quedar vacío.", what=what))
    if len(text) > limit:
        raise Invalid(_("%(what)s admite como máximo %(count)d caracteres.", what=what, count=limit))
    return text


def _choice(value, vocabulary, what, empty_ok=False):
    if empty_ok and value in (None, ""):
        return ""
    if value not in vocabulary:
        raise Invalid(_("Elige una opción válida en «%(what)s».", what=what))
    return value


def _actor_id(value):
    try:
        return final_actor(find_actor(int(value))).id
    except (TypeError, ValueError):
        raise NotFound(_("Ese actor no está en el mapa.")) from None


def create_link(source, target, kind, strength, relation, directed=False, note="", workshop_id=None):
    source_id, target_id = _actor_id(source), _actor_id(target)
    if source_id == target_id:
        raise Invalid(_("Un vínculo une a dos actores distintos."))
    strength = int(strength) if str(strength).isdigit() else 0
    if strength not in LINK_STRENGTHS:
        raise Invalid(_("La fuerza del vínculo va de 1 a 3."))
    link = Link(source_id=source_id, target_id=target_id, kind=_choice(kind, LINK_KINDS, _("Tipo")),
                strength=strength, relation=_choice(relation, ACTOR_RELATIONS, _("Relación")),
                directed=bool(directed), note=_text(note, _("La nota")), workshop_id=workshop_id)
    db.session.add(link)
    db.session.flush()
    return link


def delete_link(link_id):
    link = db.session.get(Link, link_id)
    if link is None:
        raise NotFound(_("Ese vínculo no existe."))
    db.session.delete(link)
    db.session.flush()


def _due(value):
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise Invalid(_("La fecha límite va en formato AAAA-MM-DD.")) from None


def save_alliance(fields, actor_ids, capability_ids=(), alliance_id=None, workshop_id=None, demo=False, idea_ids=()):
    """Create an alliance, or update one: purpose, first step, stage, instrument, owner (a unit or
    role), due date, its actors, the capabilities it brings and the ideas it comes from."""
    actors = list(dict.fromkeys(_actor_id(a) for a in actor_ids))
    if not actors:
        raise Invalid(_("Una alianza reúne al menos a un actor."))
    if len(actors) > MAX_ALLIANCE_ACTORS:
        raise Invalid(_("Una alianza reúne como máximo %(count)d actores.", count=MAX_ALLIANCE_ACTORS))
    alliance = db.session.get(Alliance, alliance_id) if alliance_id is not None else Alliance(
        workshop_id=workshop_id, demo=demo)
    if alliance is None:
        raise NotFound(_("Esa alianza no existe."))
    alliance.purpose = _text(fields.get("purpose"), _("El propósito"), required=True)
    alliance.first_step = _text(fields.get("first_step"), _("El primer paso"))
    alliance.stage = _choice(fields.get("stage") or "identified", ALLIANCE_STAGES, _("Etapa"))
    alliance.instrument = _choice(fields.get("instrument"), ALLIANCE_INSTRUMENTS, _("Instrumento"), empty_ok=True)
    alliance.owner = _text(fields.get("owner"), _("El responsable"), NAME_LENGTH)
    alliance.due_on = _due(fields.get("due_on"))
    alliance.actors = db.session.scalars(select(Actor).where(Actor.id.in_(actors))).all()
    wanted = [int(c) for c in capability_ids if str(c).isdigit()]
    alliance.capabilities = db.session.scalars(select(Capability).where(
        Capability.id.in_(wanted), Capability.actor_id.in_(actors))).all() if wanted else []
    evidence = [int(i) for i in idea_ids if str(i).isdigit()]
    if evidence:
        alliance.ideas = db.session.scalars(select(Idea).where(Idea.id.in_(evidence))).all()
        alliance.workshop_id = alliance.workshop_id or next((i.workshop_id for i in alliance.ideas), None)
    alliance.updated_at = utcnow()
    db.session.add(alliance)
    db.session.flush()
    return alliance


def changes_since(moment):
    """What changed on the map since `moment`: new actors, relations turned current, new alliances."""
    live = Actor.merged_into_id.is_(None)
    return {
        "new_actors": db.session.scalars(select(Actor).where(live, Actor.created_at >= moment)
                                         .order_by(Actor.created_at)).all(),
        "now_current": db.session.scalars(select(Actor).where(live, Actor.became_current_at >= moment,
                                                              Actor.created_at < moment)
                                          .order_by(Actor.became_current_at)).all(),
        "new_alliances": db.session.scalars(select(Alliance).where(Alliance.created_at >= moment)
                                            .order_by(Alliance.created_at)).all(),
    }


def alliance_proposals(limit=50):
    """What the board said about alliances and no alliance records yet: entries without a category
    (the seed template's alliance prompt asks for an actor only) whose idea is still there, visible
    and not the evidence of an alliance. [(entry, idea text, actor id or None)]"""
    recorded = select(alliance_ideas.c.idea_id)
    rows = db.session.execute(
        select(Entry, Idea.text).join(Idea, Idea.id == Entry.idea_id)
        .where(Entry.category == "", Entry.status != "discarded", Entry.idea_hidden.is_(False),
               Entry.idea_id.not_in(recorded)).order_by(Entry.id.desc()).limit(limit)).all()
    return [(entry, text, entry.actor_id or (entry.candidate_id if entry.match == "exact" else None))
            for entry, text in rows]
