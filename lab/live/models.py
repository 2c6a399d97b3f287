"""Live state of a running workshop, kept in the database so a restart resumes it."""
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..types import UTCDateTime, utcnow


def insert_if_missing(model, **values):
    """Insert a row unless one with the same key exists, without failing the transaction.

    The live rows are created by whoever needs them first; two people entering a new room at the
    same moment both find none and both insert. ON CONFLICT DO NOTHING lets the second wait for the
    first and then keep its row, where a plain INSERT would abort that person's connection.
    """
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(insert(model).values(**values).on_conflict_do_nothing())


class LiveState(db.Model):
    __tablename__ = "live_states"

    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    #: sequence number of the last broadcast; clients detect gaps with it
    seq = db.Column(db.Integer, nullable=False, default=0)
    #: agenda item on screen, NULL before the agenda starts
    agenda_item_id = db.Column(db.Integer, db.ForeignKey("agenda_items.id", ondelete="SET NULL"))
    #: prompt on screen, NULL when none
    prompt_id = db.Column(db.Integer, db.ForeignKey("prompts.id", ondelete="SET NULL"))
    #: close the prompt to new ideas when its timer runs out
    auto_close = db.Column(db.Boolean, nullable=False, default=True)
    started_at = db.Column(UTCDateTime)
    closed_at = db.Column(UTCDateTime)


class Timer(db.Model):
    """A countdown stored as an absolute deadline, so every screen and a restarted server agree."""

    __tablename__ = "timers"
    __table_args__ = (db.UniqueConstraint("workshop_id", "kind"),)

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False)
    #: "prompt" (the open prompt's countdown) or "speaking" (a speaking turn)
    kind = db.Column(db.String(8), nullable=False)
    #: "idle", "running", "paused" or "expired"
    state = db.Column(db.String(8), nullable=False, default="idle")
    #: full length of the countdown in seconds, extensions included
    duration = db.Column(db.Float, nullable=False, default=60.0)
    #: epoch seconds when it runs out, while running
    deadline = db.Column(db.Float)
    #: seconds left, while paused or idle
    remaining = db.Column(db.Float, nullable=False, default=60.0)
    #: prompt the countdown belongs to
    prompt_id = db.Column(db.Integer, db.ForeignKey("prompts.id", ondelete="SET NULL"))
    #: raised hand whose turn it times
    hand_id = db.Column(db.Integer, db.ForeignKey("hands.id", ondelete="SET NULL"))


class Hand(db.Model):
    __tablename__ = "hands"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    #: "raised", "speaking", "done" or "lowered"
    state = db.Column(db.String(8), nullable=False, default="raised")
    raised_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
    floor_at = db.Column(UTCDateTime)
    ended_at = db.Column(UTCDateTime)


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    #: the event name, e.g. "timer.start"
    action = db.Column(db.String(40), nullable=False)
    #: the validated payload
    detail = db.Column(db.JSON, nullable=False, default=dict)
    at = db.Column(UTCDateTime, nullable=False, default=utcnow)
