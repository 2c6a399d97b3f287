"""How workshops react to other slices (lab/signals.py): a guest who keeps their account keeps their
workshop; a person's workshops are in their data download, and their memberships go with the account."""
from sqlalchemy import delete, select, update

from ..extensions import db
from ..types import iso
from .models import Participation, Workshop, workshop_moderators
from .service import keep_guest_workshop


def on_guest_kept_account(user):
    keep_guest_workshop(user)


def personal_data(user):
    rows = db.session.execute(
        select(Workshop, Participation.joined_at).join(Participation, Participation.workshop_id == Workshop.id)
        .where(Participation.user_id == user.id).order_by(Participation.joined_at)
    )
    moderating = db.session.scalars(select(Workshop).join(workshop_moderators, workshop_moderators.c.workshop_id
                                                          == Workshop.id)
                                    .where(workshop_moderators.c.user_id == user.id).order_by(Workshop.id))
    created = db.session.scalars(select(Workshop).where(Workshop.created_by_id == user.id).order_by(Workshop.id))
    return {"workshops": [{"id": w.id, "title": w.title, "entity": w.entity, "starts_at": iso(w.starts_at),
                           "joined_at": iso(joined_at)} for w, joined_at in rows],
            "workshops_moderated": [{"id": w.id, "title": w.title, "status": w.status} for w in moderating],
            "workshops_created": [{"id": w.id, "title": w.title, "created_at": iso(w.created_at)} for w in created]}


def forget_member(user):
    # The foreign keys would cascade these too; done here so the result never depends on the
    # database enforcing them.
    db.session.execute(delete(Participation).where(Participation.user_id == user.id))
    db.session.execute(delete(workshop_moderators).where(workshop_moderators.c.user_id == user.id))
    db.session.execute(update(Workshop).where(Workshop.created_by_id == user.id).values(created_by_id=None))
