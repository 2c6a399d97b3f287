"""The lab's diagnosis: versions, capability assessments and their evidence, the PHVA improvement
plan, lessons learned and good-practice records (form FT-1311)."""
from ..extensions import db
from ..types import UTCDateTime, utcnow
from .levels import gap
from .vocab import HOME_DIMENSION, HOME_POLICY

DEFAULT_TARGET = 4  # establecida: where a category starts until the lab team says otherwise

diagnosis_workshops = db.Table(
    "diagnosis_workshops",
    db.Column("diagnosis_id", db.Integer, db.ForeignKey("diagnoses.id", ondelete="CASCADE"), primary_key=True),
    db.Column("workshop_id", db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
)

lesson_workshops = db.Table(
    "lesson_workshops",
    db.Column("lesson_id", db.Integer, db.ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True),
    db.Column("workshop_id", db.Integer, db.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
)


class MipgTagged:
    """Every finding, action, lesson and good practice carries a MIPG dimension and policy."""

    #: key of diagnosis.vocab.MIPG_DIMENSIONS
    mipg_dimension = db.Column(db.String(24), nullable=False, default=HOME_DIMENSION)
    #: key of diagnosis.vocab.MIPG_POLICIES, one of the dimension's
    mipg_policy = db.Column(db.String(24), nullable=False, default=HOME_POLICY)


class Diagnosis(db.Model):
    __tablename__ = "diagnoses"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    #: first and last day the diagnosis covers
    period_start = db.Column(db.Date, nullable=False)
    period_end = db.Column(db.Date, nullable=False)
    #: key of diagnosis.vocab.DIAGNOSIS_STATUSES; published is read-only
    status = db.Column(db.String(16), nullable=False, default="draft")
    #: how the lab team gathered and weighed the evidence, in their words
    method_note = db.Column(db.Text, nullable=False, default="")
    #: 1 for the first version; a new version of a published one adds 1
    version = db.Column(db.Integer, nullable=False, default=1)
    #: the version this one was copied from
    parent_id = db.Column(db.Integer, db.ForeignKey("diagnoses.id", ondelete="SET NULL"))
    #: lab-team members (plain ids: the diagnosis outlives accounts)
    created_by_id = db.Column(db.Integer)
    validated_by_id = db.Column(db.Integer)
    published_by_id = db.Column(db.Integer)
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
    validated_at = db.Column(UTCDateTime)
    published_at = db.Column(UTCDateTime)

    workshops = db.relationship("Workshop", secondary=diagnosis_workshops, order_by="Workshop.starts_at")
    assessments = db.relationship("CapabilityAssessment", cascade="all, delete-orphan", back_populates="diagnosis",
                                  order_by="CapabilityAssessment.id")
    actions = db.relationship("ImprovementAction", cascade="all, delete-orphan", back_populates="diagnosis",
                              order_by="ImprovementAction.due_date")
    lessons = db.relationship("Lesson", cascade="all, delete-orphan", back_populates="diagnosis",
                              order_by="Lesson.id")
    good_practices = db.relationship("GoodPractice", cascade="all, delete-orphan", back_populates="diagnosis",
                                     order_by="GoodPractice.id")

    @property
    def is_published(self):
        return self.status == "published"


class CapabilityAssessment(MipgTagged, db.Model):
    """One capability category from one origin: the suggestion and the lab team's reading, apart."""

    __tablename__ = "capability_assessments"
    __table_args__ = (db.UniqueConstraint("diagnosis_id", "category", "origin"),)

    id = db.Column(db.Integer, primary_key=True)
    diagnosis_id = db.Column(db.Integer, db.ForeignKey("diagnoses.id", ondelete="CASCADE"), nullable=False)
    #: key of vocab.CATEGORIES
    category = db.Column(db.String(16), nullable=False)
    #: key of diagnosis.vocab.ORIGINS
    origin = db.Column(db.String(16), nullable=False)
    #: computed from the evidence (lab/diagnosis/levels.py); only a recomputation changes it
    suggested_level = db.Column(db.Integer, nullable=False)
    #: the figures behind the suggestion (levels.Suggestion.inputs)
    suggestion_inputs = db.Column(db.JSON, nullable=False, default=dict)
    #: key of diagnosis.vocab.CONFIDENCES, from the number of independent sources
    confidence = db.Column(db.String(8), nullable=False, default="low")
    #: the level the lab team validated, NULL until they do
    validated_level = db.Column(db.Integer)
    validated_by_id = db.Column(db.Integer)
    validated_at = db.Column(UTCDateTime)
    #: the level the lab wants to reach
    target_level = db.Column(db.Integer, nullable=False, default=DEFAULT_TARGET)
    #: the lab team's reading of the figures
    narrative = db.Column(db.Text, nullable=False, default="")

    diagnosis = db.relationship("Diagnosis", back_populates="assessments")
    evidence = db.relationship("AssessmentEvidence", cascade="all, delete-orphan", back_populates="assessment",
                               order_by="AssessmentEvidence.id")

    @property
    def current_level(self):
        return self.validated_level if self.validated_level is not None else self.suggested_level

    @property
    def gap(self):
        return gap(self.target_level, self.current_level)


class AssessmentEvidence(db.Model):
    """An idea behind an assessment, copied when the diagnosis was computed so that a published
    version stays readable when the idea, the actor or the workshop later change."""

    __tablename__ = "assessment_evidence"

    id = db.Column(db.Integer, primary_key=True)
    assessment_id = db.Column(db.Integer, db.ForeignKey("capability_assessments.id", ondelete="CASCADE"),
                              nullable=False, index=True)
    #: the idea, NULL once deleted (the copy below remains)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="SET NULL"), index=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="SET NULL"), index=True)
    #: "offers" or "needs"
    direction = db.Column(db.String(8), nullable=False)
    #: the idea's text when the diagnosis was computed
    text = db.Column(db.String(500), nullable=False, default="")
    #: the question the idea answered, copied with it
    prompt = db.Column(db.String(500), nullable=False, default="")
    #: the actor's stable key and name, empty when the idea named none
    actor_key = db.Column(db.String(160), nullable=False, default="")
    actor_name = db.Column(db.String(160), nullable=False, default="")
    #: key of vocab.SECTORS, empty when unknown
    sector = db.Column(db.String(16), nullable=False, default="")
    #: votes the idea had received
    votes = db.Column(db.Integer, nullable=False, default=0)

    assessment = db.relationship("CapabilityAssessment", back_populates="evidence")


class ImprovementAction(MipgTagged, db.Model):
    """An action of the PHVA improvement plan."""

    __tablename__ = "improvement_actions"

    id = db.Column(db.Integer, primary_key=True)
    diagnosis_id = db.Column(db.Integer, db.ForeignKey("diagnoses.id", ondelete="CASCADE"), nullable=False,
                             index=True)
    #: key of diagnosis.vocab.PHVA_PHASES
    phase = db.Column(db.String(16), nullable=False, default="planear")
    description = db.Column(db.Text, nullable=False)
    #: the unit or role that answers for it (never a private person)
    responsible_unit = db.Column(db.String(160), nullable=False)
    due_date = db.Column(db.Date)
    #: how the lab will know it is done
    indicator = db.Column(db.String(300), nullable=False, default="")
    #: key of diagnosis.vocab.ACTION_STATUSES
    status = db.Column(db.String(16), nullable=False, default="pendiente")
    #: the capability gap it serves: a key of vocab.CATEGORIES and of diagnosis.vocab.ORIGINS
    gap_category = db.Column(db.String(16), nullable=False, default="")
    gap_origin = db.Column(db.String(16), nullable=False, default="")
    #: the map's alliance it serves
    alliance_id = db.Column(db.Integer, db.ForeignKey("map_alliances.id", ondelete="SET NULL"))
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)

    diagnosis = db.relationship("Diagnosis", back_populates="actions")


class Lesson(MipgTagged, db.Model):
    """A lesson learned (seed 003): knowledge from experience, kept for future decisions."""

    __tablename__ = "lessons"

    id = db.Column(db.Integer, primary_key=True)
    diagnosis_id = db.Column(db.Integer, db.ForeignKey("diagnoses.id", ondelete="CASCADE"), nullable=False,
                             index=True)
    title = db.Column(db.String(200), nullable=False)
    what_happened = db.Column(db.Text, nullable=False, default="")
    what_worked = db.Column(db.Text, nullable=False, default="")
    what_did_not = db.Column(db.Text, nullable=False, default="")
    recommendation = db.Column(db.Text, nullable=False, default="")
    #: where the evidence is: ideas, votes, documents, in the lab team's words
    evidence = db.Column(db.Text, nullable=False, default="")
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)

    diagnosis = db.relationship("Diagnosis", back_populates="lessons")
    workshops = db.relationship("Workshop", secondary=lesson_workshops, order_by="Workshop.starts_at")
    ideas = db.relationship("LessonIdea", cascade="all, delete-orphan", order_by="LessonIdea.id")


class LessonIdea(db.Model):
    """An idea a lesson cites as evidence, copied when cited (text, question, workshop) so that the
    lesson stays readable when the idea or its workshop is later deleted."""

    __tablename__ = "lesson_ideas"

    id = db.Column(db.Integer, primary_key=True)
    lesson_id = db.Column(db.Integer, db.ForeignKey("lessons.id", ondelete="CASCADE"), nullable=False, index=True)
    #: the idea, NULL once deleted (the copy below remains)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="SET NULL"), index=True)
    workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="SET NULL"), index=True)
    text = db.Column(db.String(500), nullable=False, default="")
    prompt = db.Column(db.String(500), nullable=False, default="")
    workshop_title = db.Column(db.String(200), nullable=False, default="")

    @property
    def removed(self):
        return self.idea_id is None


class GoodPractice(MipgTagged, db.Model):
    """A good-practice record following form FT-1311 (seed 004), sections 1 to 6."""

    __tablename__ = "good_practices"

    id = db.Column(db.Integer, primary_key=True)
    diagnosis_id = db.Column(db.Integer, db.ForeignKey("diagnoses.id", ondelete="CASCADE"), nullable=False,
                             index=True)
    filled_on = db.Column(db.Date)
    # 1. General information. The contact fields are typed by the lab team, never copied from
    # participants' data.
    name = db.Column(db.String(200), nullable=False)
    unit = db.Column(db.String(200), nullable=False, default="")
    unit_head = db.Column(db.String(160), nullable=False, default="")
    process = db.Column(db.String(200), nullable=False, default="")
    team = db.Column(db.String(200), nullable=False, default="")
    responsible_name = db.Column(db.String(160), nullable=False, default="")
    #: tipo de vinculación (planta, contratista...)
    responsible_link = db.Column(db.String(80), nullable=False, default="")
    contact_phone = db.Column(db.String(40), nullable=False, default="")
    contact_email = db.Column(db.String(254), nullable=False, default="")
    started_on = db.Column(db.Date)
    # 2. Identification
    adapted_from = db.Column(db.String(200), nullable=False, default="")
    description = db.Column(db.Text, nullable=False, default="")
    baseline = db.Column(db.Text, nullable=False, default="")
    target_population = db.Column(db.Text, nullable=False, default="")
    scope = db.Column(db.Text, nullable=False, default="")
    # 3. Contribution
    contribution = db.Column(db.Text, nullable=False, default="")
    results = db.Column(db.Text, nullable=False, default="")
    benefits = db.Column(db.Text, nullable=False, default="")
    dissemination = db.Column(db.Text, nullable=False, default="")
    other_aspects = db.Column(db.Text, nullable=False, default="")
    # 4. Sustainability
    challenges = db.Column(db.Text, nullable=False, default="")
    stability = db.Column(db.Text, nullable=False, default="")
    # 5. Conclusions, 6. Annexes
    conclusions = db.Column(db.Text, nullable=False, default="")
    annexes = db.Column(db.Text, nullable=False, default="")
    #: keys of diagnosis.vocab.GOOD_PRACTICE_CRITERIA the practice meets
    criteria = db.Column(db.JSON, nullable=False, default=list)
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)

    diagnosis = db.relationship("Diagnosis", back_populates="good_practices")
