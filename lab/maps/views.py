"""How the map's rows travel to clients (JSON-ready views): entries for the moderators' review queue,
actors in brief."""
from flask_babel import gettext as _
from sqlalchemy import select

from ..errors import NotFound
from ..extensions import db
from ..types import iso
from .models import Actor, Entry

#: the review queue: proposed entries whose idea is not hidden
QUEUE_STATUSES = ("proposed",)


def actor_brief(actor_id):
    actor = db.session.get(Actor, actor_id) if actor_id is not None else None
    if actor is None:
        return None
    return {"id": actor.id, "slug": actor.slug, "name": actor.name, "acronym": actor.acronym, "sector": actor.sector}


def entry_view(entry):
    """An entry as the moderators' review queue shows it (no author: the map keeps nobody's name)."""
    return {
        "id": entry.id,
        "idea_id": entry.idea_id,
        "via_idea_id": entry.via_idea_id,
        "prompt_id": entry.prompt_id,
        "typed_name": entry.typed_name,
        "category": entry.category,
        "direction": entry.direction,
        "status": entry.status,
        "match": entry.match,
        "match_reason": entry.match_reason,
        "match_score": entry.match_score,
        "candidate": actor_brief(entry.candidate_id),
        "actor": actor_brief(entry.actor_id),
        "capability_id": entry.capability_id,
        "idea_hidden": entry.idea_hidden,
        "split_from_id": entry.split_from_id,
        "reviewed_at": iso(entry.reviewed_at),
    }


def assessment_view(assessment):
    """One actor's standing in a workshop, for moderators: medians, spreads, how many answered."""
    return {"actor_id": assessment.actor_id, "influence": assessment.influence, "interest": assessment.interest,
            "influence_spread": assessment.influence_spread, "interest_spread": assessment.interest_spread,
            "ratings": assessment.ratings, "source": assessment.source}


def on_workshop_map(workshop_id, actor_id):
    """The id of an actor this workshop's confirmed entries name: only those are assessed in it."""
    found = db.session.scalar(select(Entry.actor_id).where(Entry.workshop_id == workshop_id, Entry.actor_id == actor_id,
                                                           Entry.status == "confirmed").limit(1))
    if found is None:
        raise NotFound(_("Ese actor no está en el mapa de este taller."))
    return found


def queue_entries(workshop_id):
    """The entries of a workshop still to review, oldest first."""
    return db.session.scalars(select(Entry).where(Entry.workshop_id == workshop_id, Entry.status.in_(QUEUE_STATUSES),
                                                  Entry.idea_hidden.is_(False)).order_by(Entry.id)).all()


def map_snapshot(conn):
    """The map's part of a snapshot: moderators get the review queue; participants nothing of it."""
    if not conn.is_moderator:
        return {}
    return {"map_entries": [entry_view(e) for e in queue_entries(conn.workshop_id)]}
