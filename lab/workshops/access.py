"""Who may enter a workshop's room and who may moderate it: the rule once, for pages and sockets.

"The lab team, or a moderator assigned to this workshop" is `moderates`, one SQL expression. Pages
evaluate it through `workshop_for`, a socket's connection through `connect_role`, every moderator
event through the statement handed to the realtime layer, and the workshop list filters with it.
"""
from functools import cache

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import and_, bindparam, exists, or_, select

from ..accounts.models import User
from ..errors import Forbidden, NotFound
from ..extensions import db
from .models import Participation, Workshop, workshop_moderators

MODERATOR, PARTICIPANT = "moderator", "participant"


def moderates(role, user_id, workshop_id):
    """SQL: a person (`role`, `user_id`: columns or values) moderates the workshop. The lab team
    moderates every workshop; a moderator only the ones assigned to them."""
    assigned = workshop_moderators.c
    return or_(role == "lab", and_(role == "moderator", exists().where(
        assigned.workshop_id == workshop_id, assigned.user_id == user_id).correlate_except(workshop_moderators)))


def _users():
    return User.__table__


def can_moderate(user, workshop_id):
    users = _users()
    return bool(db.session.scalar(select(moderates(users.c.role, users.c.id, workshop_id))
                                  .where(users.c.id == user.id)))


def moderated_by(user):
    """SQL, for a list of workshops: this row is one `user` moderates."""
    users = _users()
    return (select(moderates(users.c.role, users.c.id, Workshop.id)).where(users.c.id == user.id)
            .correlate(Workshop).scalar_subquery())


def room_role(user, workshop_id):
    """"moderator" or "participant" in this workshop's room; None if the person is not a member.
    Participants are the people who joined it; a guest belongs to their own workshop only."""
    if can_moderate(user, workshop_id):
        return MODERATOR
    if user.is_guest:
        joined = user.guest_workshop_id == workshop_id
    else:
        joined = db.session.query(exists().where(Participation.workshop_id == workshop_id,
                                                 Participation.user_id == user.id)).scalar()
    return PARTICIPANT if joined else None


def is_member(user, workshop):
    return room_role(user, workshop.id) is not None


def workshop_for(workshop_id, need=PARTICIPANT):
    """A page's workshop and the current person's role in it: 404 if it does not exist, 403 unless
    they are a member (`need` = "participant") or moderate it (`need` = "moderator")."""
    workshop = db.get_or_404(Workshop, workshop_id)
    role = room_role(current_user, workshop.id)
    if role is None or (need == MODERATOR and role != MODERATOR):
        abort(403)
    return workshop, role


def connect_role(user, workshop_id):
    """A socket's role in the workshop it asks for; refuses strangers and workshops that do not exist."""
    if workshop_id is None or db.session.scalar(select(Workshop.id).where(Workshop.id == workshop_id)) is None:
        raise NotFound(_l("Ese taller no existe."))
    role = room_role(user, workshop_id)
    if role is None:
        raise Forbidden(_l("No estás inscrito en este taller. Únete con su código o enlace."))
    return role


@cache
def standing_statement():
    """(session token, still moderates) of a moderator's socket, for every moderator event: two
    primary-key lookups in one round trip, built once."""
    users = _users()
    return (select(users.c.session_token, moderates(users.c.role, users.c.id, bindparam("workshop_id")))
            .where(users.c.id == bindparam("user_id")))
