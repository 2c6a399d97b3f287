"""The audit log in a person's data download: every moderator action they took, with its payload."""
from sqlalchemy import select

from ..extensions import db
from ..types import iso
from .models import AuditEntry


def personal_data(user):
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.user_id == user.id)
                                 .order_by(AuditEntry.at, AuditEntry.id))
    return {"audit": [{"workshop_id": e.workshop_id, "action": e.action, "detail": e.detail, "at": iso(e.at)}
                      for e in entries]}
