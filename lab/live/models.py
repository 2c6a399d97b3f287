"""Live state of a running workshop, kept in the database so a restart resumes it: the room row (also
the realtime layer's lock and broadcast sequence), the two countdowns, and raised hands."""
from ..extensions import db
from ..types import UTCDateTime, utcnow


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
    #: when the current agenda item began (the agenda clock counts from here)
    agenda_since = db.Column(UTCDateTime)
    #: seconds spent on each agenda item before the current stretch: {"<item id>": seconds}
    agenda_spent = db.Column(db.JSON, nullable=False, default=dict)
    #: what the projector shows: a key of live.projector.MODES
    projector_mode = db.Column(db.String(16), nullable=False, default="question")


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
