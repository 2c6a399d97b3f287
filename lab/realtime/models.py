"""The audit log the realtime layer keeps of every moderator event, in the event's own transaction."""
from ..extensions import db
from ..types import UTCDateTime, utcnow


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    #: the event name, e.g. "timer:start"
    action = db.Column(db.String(40), nullable=False)
    #: the validated payload
    detail = db.Column(db.JSON, nullable=False, default=dict)
    at = db.Column(UTCDateTime, nullable=False, default=utcnow)
