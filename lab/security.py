"""Who may do what: roles and workshop membership, shared by routes and socket events."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from .extensions import db


def role_required(*roles):
    """Route decorator: logged in, and one of `roles` (403 otherwise)."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def can_moderate(user, workshop):
    """The lab team moderates every workshop; a moderator only the ones assigned to them."""
    if user.role == "lab":
        return True
    return user.role == "moderator" and any(m.id == user.id for m in workshop.moderators)


def is_member(user, workshop):
    """May enter the workshop's room: moderators, and participants who joined it."""
    from .workshops.models import Participation

    if can_moderate(user, workshop):
        return True
    if user.guest_workshop_id is not None and user.is_guest:
        return user.guest_workshop_id == workshop.id
    return db.session.query(
        Participation.query.filter_by(workshop_id=workshop.id, user_id=user.id).exists()
    ).scalar()


def room_role(user, workshop):
    """"moderator" or "participant" in this workshop's room, None if not a member."""
    if can_moderate(user, workshop):
        return "moderator"
    return "participant" if is_member(user, workshop) else None
