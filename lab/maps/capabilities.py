"""Editing what an actor brings: a capability's description and availability. The actor's version
guards these edits too, so two people editing the same actor page never overwrite each other."""
from flask_babel import gettext as _

from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..types import utcnow
from ..vocab import AVAILABILITY, CATEGORIES
from .actors import describe_change, find_actor
from .models import Capability

DESCRIPTION_LENGTH = 500


def edit_capability(capability_id, actor_id, version, description, availability):
    """Save a capability's description and availability made from the actor's `version`; an older
    version is refused with the other person's change, like an actor edit."""
    actor = find_actor(actor_id)
    capability = db.session.get(Capability, capability_id)
    if capability is None or capability.actor_id != actor.id:
        raise NotFound(_("Esa capacidad no es de este actor."))
    if version != actor.version:
        raise Conflict(_("Otra persona guardó cambios en este actor mientras lo editabas: %(change)s. "
                         "Revisa sus cambios y guarda de nuevo.", change=describe_change(actor.last_change)),
                       code="edit_conflict", version=actor.version, change=actor.last_change)
    description = str(description or "").strip()
    if len(description) > DESCRIPTION_LENGTH:
        raise Invalid(_("La descripción de la capacidad admite hasta %(n)d caracteres.", n=DESCRIPTION_LENGTH))
    if availability not in AVAILABILITY:
        raise Invalid(_("Elige la disponibilidad: potencial, comprometida o disponible."))
    label = str(CATEGORIES.get(capability.category, capability.category))
    changed = {f"{label}: {what}": [before, after] for what, before, after in (
        (_("descripción"), capability.description, description),
        (_("disponibilidad"), capability.availability, availability)) if before != after}
    if not changed:
        return capability
    capability.description, capability.availability = description, availability
    actor.version += 1
    actor.last_change = changed
    actor.updated_at = utcnow()
    db.session.flush()
    return capability
