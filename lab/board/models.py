"""The digital board: ideas posted to prompts, clusters of ideas, and vote rounds."""
from ..extensions import db
from ..types import UTCDateTime, utcnow


class Idea(db.Model):
    __tablename__ = "ideas"
    # The client's id makes a retried post idempotent within a workshop.
    __table_args__ = (db.UniqueConstraint("workshop_id", "client_id"),)

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False)
    prompt_id = db.Column(db.Integer, db.ForeignKey("prompts.id", ondelete="CASCADE"), nullable=False, index=True)
    #: author; NULL once the author deleted their account ("Participante anónimo")
    author_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: id chosen by the posting client (UUID or similar)
    client_id = db.Column(db.String(64), nullable=False)
    text = db.Column(db.String(500), nullable=False)
    #: actor that could contribute, when the prompt asks for it
    actor_name = db.Column(db.String(160), nullable=False, default="")
    #: key of vocab.CATEGORIES, when the prompt asks for it
    category = db.Column(db.String(16), nullable=False, default="")
    #: note colour, one of vocab.IDEA_COLORS
    color = db.Column(db.String(16), nullable=False, default="amarillo")
    #: hidden by a moderator
    hidden = db.Column(db.Boolean, nullable=False, default=False)
    #: merged as a duplicate into this idea
    merged_into_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="SET NULL"))
    cluster_id = db.Column(db.Integer, db.ForeignKey("clusters.id", ondelete="SET NULL"), index=True)
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = db.Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class Cluster(db.Model):
    __tablename__ = "clusters"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    prompt_id = db.Column(db.Integer, db.ForeignKey("prompts.id", ondelete="CASCADE"), nullable=False)
    name = db.Column(db.String(120), nullable=False)
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)


class VoteRound(db.Model):
    __tablename__ = "vote_rounds"

    id = db.Column(db.Integer, primary_key=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True)
    prompt_id = db.Column(db.Integer, db.ForeignKey("prompts.id", ondelete="CASCADE"), nullable=False)
    #: "ideas" or "clusters"
    target = db.Column(db.String(8), nullable=False, default="ideas")
    #: votes each person may cast in this round
    budget = db.Column(db.Integer, nullable=False, default=3)
    #: votes one person may stack on one target
    max_per_target = db.Column(db.Integer, nullable=False, default=3)
    #: "open" or "closed"
    status = db.Column(db.String(8), nullable=False, default="open")
    opened_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
    closed_at = db.Column(UTCDateTime)


class Vote(db.Model):
    __tablename__ = "votes"
    __table_args__ = (db.UniqueConstraint("round_id", "user_id", "target_id"),)

    id = db.Column(db.Integer, primary_key=True)
    round_id = db.Column(db.Integer, db.ForeignKey("vote_rounds.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    #: idea or cluster id, as the round's target says
    target_id = db.Column(db.Integer, nullable=False)
    #: votes stacked on the target
    count = db.Column(db.Integer, nullable=False, default=0)
