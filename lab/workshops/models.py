"""Workshops as designed by the lab team: agenda, rules, activities and their prompts."""
import secrets

from ..extensions import db
from ..types import UTCDateTime, utcnow

# No 0/O/1/I/L: a join code is read aloud on a video call.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

workshop_moderators = db.Table(
    "workshop_moderators",
    db.Column("workshop_id", db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    db.Column("user_id", db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


def new_join_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class Workshop(db.Model):
    __tablename__ = "workshops"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    #: entity that convenes the workshop, printed on the attendance register
    entity = db.Column(db.String(200), nullable=False, default="")
    #: start, in UTC; shown in `timezone`
    starts_at = db.Column(UTCDateTime)
    #: IANA time zone of the workshop
    timezone = db.Column(db.String(64), nullable=False, default="America/Bogota")
    #: key of vocab.MODALITIES
    modality = db.Column(db.String(16), nullable=False, default="virtual")
    #: video-call link for virtual and hybrid workshops
    meeting_link = db.Column(db.String(500), nullable=False, default="")
    objective = db.Column(db.Text, nullable=False, default="")
    purpose = db.Column(db.Text, nullable=False, default="")
    #: list of {"title": str, "text": str} shown to everyone
    rules = db.Column(db.JSON, nullable=False, default=list)
    #: key of vocab.STATUSES
    status = db.Column(db.String(16), nullable=False, default="draft")
    #: short code read aloud to join
    join_code = db.Column(db.String(12), nullable=False, unique=True, default=new_join_code)
    #: template file key it was created from, empty for a blank workshop
    template_key = db.Column(db.String(120), nullable=False, default="")
    #: lab-team member who created it (a plain id: a foreign key here would make users<->workshops a cycle)
    created_by_id = db.Column(db.Integer)
    #: the sample workshop (`flask demo`): fictitious people and ideas, marked as such everywhere
    demo = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = db.Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)

    agenda = db.relationship("AgendaItem", order_by="AgendaItem.position", cascade="all, delete-orphan",
                             back_populates="workshop")
    activities = db.relationship("Activity", order_by="Activity.position", cascade="all, delete-orphan",
                                 back_populates="workshop")
    moderators = db.relationship("User", secondary=workshop_moderators, lazy="selectin")

    def __repr__(self):
        return f"<Workshop {self.id} {self.join_code}>"


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    #: order within the agenda, from 0
    position = db.Column(db.Integer, nullable=False, default=0)
    title = db.Column(db.String(200), nullable=False)
    #: planned duration
    minutes = db.Column(db.Integer, nullable=False, default=10)
    presenter = db.Column(db.String(160), nullable=False, default="")
    #: key of vocab.AGENDA_KINDS
    kind = db.Column(db.String(16), nullable=False, default="charla")

    workshop = db.relationship("Workshop", back_populates="agenda")


class Activity(db.Model):
    __tablename__ = "activities"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    #: agenda item during which the activity runs, if any
    agenda_item_id = db.Column(db.Integer, db.ForeignKey("agenda_items.id", ondelete="SET NULL"))
    position = db.Column(db.Integer, nullable=False, default=0)
    title = db.Column(db.String(200), nullable=False)
    instructions = db.Column(db.Text, nullable=False, default="")

    workshop = db.relationship("Workshop", back_populates="activities")
    prompts = db.relationship("Prompt", order_by="Prompt.position", cascade="all, delete-orphan",
                              back_populates="activity")


class Prompt(db.Model):
    __tablename__ = "prompts"

    id = db.Column(db.Integer, primary_key=True)
    activity_id = db.Column(db.Integer, db.ForeignKey("activities.id", ondelete="CASCADE"), nullable=False, index=True)
    #: copy of the activity's workshop, so live events check scope with one lookup
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    position = db.Column(db.Integer, nullable=False, default=0)
    text = db.Column(db.String(500), nullable=False)
    #: seconds each person has to contribute
    seconds = db.Column(db.Integer, nullable=False, default=60)
    #: key of vocab.REVEAL_MODES
    reveal_mode = db.Column(db.String(8), nullable=False, default="visible")
    #: each idea names the actor that could contribute
    asks_actor = db.Column(db.Boolean, nullable=False, default=False)
    #: each idea names a capability category (vocab.CATEGORIES)
    asks_category = db.Column(db.Boolean, nullable=False, default=False)
    #: live: accepting ideas now
    is_open = db.Column(db.Boolean, nullable=False, default=False)
    #: live: hidden ideas have been revealed to everyone
    revealed = db.Column(db.Boolean, nullable=False, default=False)
    #: authors' names are hidden from participants and the projector (moderators still see them)
    anonymous = db.Column(db.Boolean, nullable=False, default=False)
    #: live: when the prompt first opened to ideas (a prompt already run), NULL before
    opened_at = db.Column(UTCDateTime)

    activity = db.relationship("Activity", back_populates="prompts")
    workshop = db.relationship("Workshop")

    @property
    def ideas_hidden(self):
        return self.reveal_mode == "hidden" and not self.revealed


class Participation(db.Model):
    """Membership of a person in a workshop they joined by code or link."""

    __tablename__ = "participations"
    __table_args__ = (db.UniqueConstraint("workshop_id", "user_id"),)

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    joined_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
