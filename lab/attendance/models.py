"""Attendance register: one row per connection interval, with the person's details at join."""
from ..extensions import db
from ..types import UTCDateTime, utcnow


class Attendance(db.Model):
    __tablename__ = "attendance"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    #: NULL once the person deleted their account
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: Socket.IO session of the connection this interval belongs to
    sid = db.Column(db.String(64), nullable=False, index=True)
    #: snapshot of the person's details when they joined (the register is filed as evidence)
    name = db.Column(db.String(120), nullable=False)
    email = db.Column(db.String(254), nullable=False, default="")
    organisation = db.Column(db.String(160), nullable=False, default="")
    org_type = db.Column(db.String(32), nullable=False, default="")
    position = db.Column(db.String(120), nullable=False, default="")
    role = db.Column(db.String(16), nullable=False, default="participant")
    joined_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
    #: NULL while connected
    left_at = db.Column(UTCDateTime)
    #: refreshed by the serving process; an interval not seen for long is closed at this time
    last_seen = db.Column(UTCDateTime, nullable=False, default=utcnow)
