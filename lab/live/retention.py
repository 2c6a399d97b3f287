"""Keeping guests' personal data no longer than their workshop needs it.

A guest joins one workshop with a form, no password. Once that workshop has been closed for
GUEST_RETENTION_DAYS (config, COCREA_GUEST_RETENTION_DAYS; 365 by default), `flask --app wsgi
retention` deletes each such guest's account exactly as the person could (lab/accounts/privacy.py):
their ideas stay as «Participante anónimo», the attendance register keeps organisation, type and
role only. Guests who set a password are accounts, and stay. Run it daily from cron
(docs/deploying.md).
"""
from datetime import timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.privacy import delete_account
from ..extensions import db
from ..types import utcnow
from ..workshops.models import Workshop
from .models import LiveState


def expired_guests(days, now=None):
    """Guests (no password) of workshops closed more than `days` days before `now`."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    closed = select(Workshop.id).join(LiveState, LiveState.workshop_id == Workshop.id).where(
        Workshop.status == "closed", LiveState.closed_at.is_not(None), LiveState.closed_at < cutoff)
    return db.session.scalars(select(User).where(User.guest_workshop_id.in_(closed), User.password_hash.is_(None))
                              .order_by(User.id)).all()


def forget_expired_guests(days, now=None):
    """Delete those guests' accounts (flushes; the command commits). Returns how many."""
    guests = expired_guests(days, now)
    for guest in guests:
        delete_account(guest)
    return len(guests)
