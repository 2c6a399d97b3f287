"""Reviewing what the board proposed: confirm an entry (then it is evidence of a capability),
reassign it to another actor, split it when one idea names several actors, or discard it.

Moderators do it live from the console (scoped to their workshop), the lab team afterwards from the
review page (any workshop). Near matches are never confirmed by default: the reviewer picks the
actor, or asks for a new one.
"""
from flask_babel import gettext as _
from sqlalchemy import select

from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..types import utcnow
from .actors import actor_index, clean_name, create_actor, final_actor, find_actor
from .models import Capability, Entry
from .proposals import describe, publish_entry

MAX_SPLIT = 6


def find_entry(entry_id, workshop_id=None):
    """An entry, of this workshop when one is given: another workshop's ids are "not found"."""
    entry = db.session.get(Entry, entry_id)
    if entry is None or (workshop_id is not None and entry.workshop_id != workshop_id):
        raise NotFound(_("Esa entrada del mapa no está en este taller."))
    return entry


def confirm_entry(entry_id, user_id, workshop_id=None, actor_id=None, new_name=None):
    """Confirm the entry for `actor_id`, for a new actor named `new_name`, or, when neither is
    given, for its exact match (a new entry's typed name makes a new actor). A near match needs
    the reviewer's choice."""
    entry = find_entry(entry_id, workshop_id)
    if entry.idea_hidden:
        raise Conflict(_("La idea de esta entrada está oculta: no alimenta el mapa."), code="idea_hidden")
    actor = _chosen_actor(entry, actor_id, new_name)
    _settle(entry, actor, user_id)
    for duplicate in _duplicates_of(entry):
        _settle(duplicate, actor, user_id)
    return entry


def reassign_entry(entry_id, user_id, workshop_id=None, actor_id=None, new_name=None):
    """Another actor for an entry (confirmed or not): the reviewer must say which."""
    if actor_id is None and not new_name:
        raise Invalid(_("Elige el actor al que pasa esta entrada, o escribe el nombre de uno nuevo."))
    return confirm_entry(entry_id, user_id, workshop_id, actor_id, new_name)


def discard_entry(entry_id, user_id, workshop_id=None):
    """Nothing of the map comes from this entry (its idea stays on the board)."""
    entry = find_entry(entry_id, workshop_id)
    entry.status, entry.actor_id, entry.capability_id = "discarded", None, None
    entry.reviewed_by_id, entry.reviewed_at = user_id, utcnow()
    db.session.flush()
    publish_entry(entry)
    return entry


def split_entry(entry_id, names, user_id, workshop_id=None):
    """One idea naming several actors ("la UIS y el SENA") becomes one entry per actor, each
    proposed and matched again. Returns the entries, the first one being the original."""
    entry = find_entry(entry_id, workshop_id)
    cleaned = list(dict.fromkeys(clean_name(name) for name in names))
    if not 2 <= len(cleaned) <= MAX_SPLIT:
        raise Invalid(_("Para dividir una entrada escribe entre 2 y %(count)d nombres distintos.", count=MAX_SPLIT))
    index = actor_index()  # read before any new entry is in the session, which would flush it half-made
    entries = [entry] + [Entry(workshop_id=entry.workshop_id, idea_id=entry.idea_id, prompt_id=entry.prompt_id,
                               via_idea_id=entry.via_idea_id, direction=entry.direction,
                               idea_hidden=entry.idea_hidden, split_from_id=entry.id) for _name in cleaned[1:]]
    for part, name in zip(entries, cleaned, strict=True):
        describe(part, name, entry.category, index)
        part.status, part.actor_id, part.capability_id = "proposed", None, None
        part.reviewed_by_id, part.reviewed_at = user_id, utcnow()
    db.session.add_all(entries[1:])
    db.session.flush()
    for part in entries:
        publish_entry(part)
    return entries


# -- inside --------------------------------------------------------------------------------------

def _chosen_actor(entry, actor_id, new_name):
    if actor_id is not None and new_name:
        raise Invalid(_("Elige un actor existente o escribe uno nuevo, no ambos."))
    if actor_id is not None:
        actor = find_actor(actor_id)
        if actor.merged_into_id is not None:
            actor = final_actor(actor)
        return actor
    if new_name:
        return create_actor(new_name)
    if entry.match == "exact" and entry.candidate_id is not None:
        return final_actor(find_actor(entry.candidate_id))
    if entry.match == "near":
        raise Invalid(_("«%(name)s» se parece a un actor del mapa: elige cuál es, o créalo como nuevo.",
                        name=entry.typed_name), code="choose_actor")
    return create_actor(entry.typed_name)


def _settle(entry, actor, user_id):
    entry.status, entry.actor_id = "confirmed", actor.id
    entry.capability_id = capability_for(actor.id, entry.category, entry.direction).id if entry.category else None
    entry.reviewed_by_id, entry.reviewed_at = user_id, utcnow()
    db.session.flush()
    publish_entry(entry)


def capability_for(actor_id, category, direction):
    """The actor's capability in this category and direction, created the first time."""
    capability = db.session.scalars(select(Capability).filter_by(
        actor_id=actor_id, category=category, direction=direction).order_by(Capability.id)).first()
    if capability is None:
        capability = Capability(actor_id=actor_id, category=category, direction=direction)
        db.session.add(capability)
        db.session.flush()
    return capability


def _duplicates_of(entry):
    """Entries of ideas merged into this entry's idea, still waiting: they follow its decision."""
    if entry.idea_id is None:
        return []
    return db.session.scalars(select(Entry).where(Entry.via_idea_id == entry.idea_id, Entry.status == "proposed",
                                                  Entry.idea_hidden.is_(False)).order_by(Entry.id)).all()
