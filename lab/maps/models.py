"""The lab's map: actors, what they offer or need, how they were assessed, linked and allied, and the
entries the board proposes for it, each traced back to the ideas behind it.

No table here names a person: an actor is an organisation, network, programme or role, and the only
people's ids kept (who set an assessment, who rated, who reviewed an entry) become NULL when their
account goes.
"""
from ..extensions import db
from ..types import UTCDateTime, utcnow

NAME_LENGTH = 160  # as an idea's actor name


class Actor(db.Model):
    __tablename__ = "map_actors"

    id = db.Column(db.Integer, primary_key=True)
    #: stable id that exports carry, so a re-import finds the same actor ("universidad-industrial-de-santander")
    slug = db.Column(db.String(180), nullable=False, unique=True)
    name = db.Column(db.String(NAME_LENGTH), nullable=False)
    acronym = db.Column(db.String(40), nullable=False, default="")
    #: other names it is known by (list of str); a merged actor's names land here
    aliases = db.Column(db.JSON, nullable=False, default=list)
    #: key of vocab.ACTOR_KINDS
    kind = db.Column(db.String(16), nullable=False, default="organisation")
    #: key of vocab.SECTORS (the quadruple helix), NULL while unknown
    sector = db.Column(db.String(16))
    #: key of vocab.ORG_TYPES, the finer type behind the sector, empty while unknown
    org_type = db.Column(db.String(16), nullable=False, default="")
    #: key of vocab.ACTOR_SCOPES: inside the lab's own organisation or outside it
    scope = db.Column(db.String(16), nullable=False, default="external")
    #: key of vocab.ACTOR_RELATIONS: the lab works with it now, or could
    relation = db.Column(db.String(16), nullable=False, default="potential")
    #: key of vocab.TERRITORIAL_LEVELS, NULL while unknown
    territorial_level = db.Column(db.String(16))
    website = db.Column(db.String(300), nullable=False, default="")
    description = db.Column(db.Text, nullable=False, default="")
    #: free labels (list of str)
    tags = db.Column(db.JSON, nullable=False, default=list)
    #: the actor this one was merged into as a duplicate; its evidence now counts there
    merged_into_id = db.Column(db.Integer, db.ForeignKey("map_actors.id", ondelete="SET NULL"), index=True)
    #: raised by every saved edit: a save made from an older version is refused as a conflict
    version = db.Column(db.Integer, nullable=False, default=1)
    #: what the last edit changed ({field: [before, after]}), shown to whoever's save it refused
    last_change = db.Column(db.JSON, nullable=False, default=dict)
    #: created by the sample workshop (`flask demo`), deleted with it
    demo = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = db.Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)
    #: when its relation last turned from potential to current ("what changed since")
    became_current_at = db.Column(UTCDateTime)

    def __repr__(self):
        return f"<Actor {self.id} {self.slug}>"


class Capability(db.Model):
    __tablename__ = "map_capabilities"

    id = db.Column(db.Integer, primary_key=True)
    actor_id = db.Column(db.Integer, db.ForeignKey("map_actors.id", ondelete="CASCADE"), nullable=False, index=True)
    #: key of vocab.CATEGORIES
    category = db.Column(db.String(16), nullable=False)
    description = db.Column(db.String(500), nullable=False, default="")
    #: key of vocab.CAPABILITY_DIRECTIONS: the actor offers it, or needs it
    direction = db.Column(db.String(8), nullable=False, default="offers")
    #: key of vocab.AVAILABILITY
    availability = db.Column(db.String(16), nullable=False, default="potential")
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)


class Entry(db.Model):
    """What one idea says for the map: an actor named, in a category. The board proposes it when
    the idea is posted; a person confirms it (then it is evidence of a capability), reassigns,
    splits or discards it. It outlives its idea: deleted, the idea leaves its prompt and workshop."""

    __tablename__ = "map_entries"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    #: the idea it comes from; NULL once that idea was deleted (the entry stays, anonymous)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="SET NULL"), index=True)
    prompt_id = db.Column(db.Integer, db.ForeignKey("prompts.id", ondelete="SET NULL"), index=True)
    #: the idea this one's was merged into as a duplicate: the entry's evidence counts for it too
    via_idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="SET NULL"))
    #: the actor's name as written on the board (an organisation's, never a person's)
    typed_name = db.Column(db.String(NAME_LENGTH), nullable=False)
    #: key of vocab.CATEGORIES, empty when the prompt asked for none
    category = db.Column(db.String(16), nullable=False, default="")
    #: key of vocab.CAPABILITY_DIRECTIONS
    direction = db.Column(db.String(8), nullable=False, default="offers")
    #: "proposed", "confirmed" or "discarded"
    status = db.Column(db.String(12), nullable=False, default="proposed", index=True)
    #: "exact", "near" (for review, never merged silently) or "new"
    match = db.Column(db.String(8), nullable=False, default="new")
    #: key of vocab.MATCH_REASONS for the candidate, empty when new
    match_reason = db.Column(db.String(16), nullable=False, default="")
    #: 0-100, how sure the matching was
    match_score = db.Column(db.Float, nullable=False, default=0.0)
    #: the actor matching proposes (exact or the best near one)
    candidate_id = db.Column(db.Integer, db.ForeignKey("map_actors.id", ondelete="SET NULL"), index=True)
    #: the actor a person confirmed
    actor_id = db.Column(db.Integer, db.ForeignKey("map_actors.id", ondelete="SET NULL"), index=True)
    #: the capability it is evidence of, once confirmed
    capability_id = db.Column(db.Integer, db.ForeignKey("map_capabilities.id", ondelete="SET NULL"), index=True)
    #: its idea is hidden by a moderator: it feeds nothing until shown again
    idea_hidden = db.Column(db.Boolean, nullable=False, default=False)
    #: the entry this one was split from
    split_from_id = db.Column(db.Integer, db.ForeignKey("map_entries.id", ondelete="SET NULL"))
    reviewed_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at = db.Column(UTCDateTime)
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)


class Assessment(db.Model):
    """One actor's standing in one workshop: never overwritten by another workshop's."""

    __tablename__ = "map_assessments"
    __table_args__ = (db.UniqueConstraint("actor_id", "workshop_id"),)

    id = db.Column(db.Integer, primary_key=True)
    actor_id = db.Column(db.Integer, db.ForeignKey("map_actors.id", ondelete="CASCADE"), nullable=False, index=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    #: 1-5: median of the ratings, or the moderators' value
    influence = db.Column(db.Float)
    interest = db.Column(db.Float)
    #: how far the ratings spread (interquartile range), 0 for a moderator's value
    influence_spread = db.Column(db.Float, nullable=False, default=0.0)
    interest_spread = db.Column(db.Float, nullable=False, default=0.0)
    #: how many ratings the medians come from
    ratings = db.Column(db.Integer, nullable=False, default=0)
    #: "moderators" (set by them) or "participants" (asked of them)
    source = db.Column(db.String(16), nullable=False, default="moderators")
    #: who set it last
    set_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at = db.Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class Rating(db.Model):
    """One participant's answer when an assessment is asked of the room."""

    __tablename__ = "map_ratings"
    __table_args__ = (db.UniqueConstraint("assessment_id", "user_id"),)

    id = db.Column(db.Integer, primary_key=True)
    assessment_id = db.Column(db.Integer, db.ForeignKey("map_assessments.id", ondelete="CASCADE"), nullable=False)
    #: who answered; NULL once their account is deleted (the answer still counts)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    influence = db.Column(db.Integer, nullable=False)
    interest = db.Column(db.Integer, nullable=False)
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)


class RatingQuestion(db.Model):
    """The room is asked to rate the workshop's actors while this row exists (one per workshop)."""

    __tablename__ = "map_rating_questions"

    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    asked_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    asked_at = db.Column(UTCDateTime, nullable=False, default=utcnow)


link_ideas = db.Table(
    "map_link_ideas",
    db.Column("link_id", db.Integer, db.ForeignKey("map_links.id", ondelete="CASCADE"), primary_key=True),
    db.Column("idea_id", db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True),
)


class Link(db.Model):
    """A tie between two actors."""

    __tablename__ = "map_links"

    id = db.Column(db.Integer, primary_key=True)
    source_id = db.Column(db.Integer, db.ForeignKey("map_actors.id", ondelete="CASCADE"), nullable=False, index=True)
    target_id = db.Column(db.Integer, db.ForeignKey("map_actors.id", ondelete="CASCADE"), nullable=False, index=True)
    #: key of vocab.LINK_KINDS
    kind = db.Column(db.String(16), nullable=False, default="collaboration")
    #: True when it runs from source to target only (funding, regulation); False both ways
    directed = db.Column(db.Boolean, nullable=False, default=False)
    #: key of vocab.LINK_STRENGTHS, 1-3
    strength = db.Column(db.Integer, nullable=False, default=1)
    #: key of vocab.ACTOR_RELATIONS
    relation = db.Column(db.String(16), nullable=False, default="potential")
    #: what the tie is, in the lab team's words
    note = db.Column(db.String(500), nullable=False, default="")
    #: the workshop it came up in, if any
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="SET NULL"))
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)

    ideas = db.relationship("Idea", secondary=link_ideas, lazy="selectin")


alliance_actors = db.Table(
    "map_alliance_actors",
    db.Column("alliance_id", db.Integer, db.ForeignKey("map_alliances.id", ondelete="CASCADE"), primary_key=True),
    db.Column("actor_id", db.Integer, db.ForeignKey("map_actors.id", ondelete="CASCADE"), primary_key=True),
)

alliance_capabilities = db.Table(
    "map_alliance_capabilities",
    db.Column("alliance_id", db.Integer, db.ForeignKey("map_alliances.id", ondelete="CASCADE"), primary_key=True),
    db.Column("capability_id", db.Integer, db.ForeignKey("map_capabilities.id", ondelete="CASCADE"),
              primary_key=True),
)

alliance_ideas = db.Table(
    "map_alliance_ideas",
    db.Column("alliance_id", db.Integer, db.ForeignKey("map_alliances.id", ondelete="CASCADE"), primary_key=True),
    db.Column("idea_id", db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True),
)


class Alliance(db.Model):
    """A possible strategic alliance, from identified to active (or closed)."""

    __tablename__ = "map_alliances"

    id = db.Column(db.Integer, primary_key=True)
    purpose = db.Column(db.String(500), nullable=False)
    first_step = db.Column(db.String(500), nullable=False, default="")
    #: key of vocab.ALLIANCE_STAGES
    stage = db.Column(db.String(16), nullable=False, default="identified")
    #: key of vocab.ALLIANCE_INSTRUMENTS, empty while undecided
    instrument = db.Column(db.String(16), nullable=False, default="")
    #: the unit or role that carries it (never a person's name)
    owner = db.Column(db.String(NAME_LENGTH), nullable=False, default="")
    due_on = db.Column(db.Date)
    #: the workshop it came from, if any
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="SET NULL"), index=True)
    #: created by the sample workshop, deleted with it
    demo = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = db.Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)

    actors = db.relationship("Actor", secondary=alliance_actors, lazy="selectin", order_by="Actor.name")
    capabilities = db.relationship("Capability", secondary=alliance_capabilities, lazy="selectin")
    ideas = db.relationship("Idea", secondary=alliance_ideas, lazy="selectin")
