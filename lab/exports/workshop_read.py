"""What every dataset of one workshop reads first, once per export: the workshop, its time zone,
its prompts, clusters and vote totals, and how each person is named. Built inside the export's
consistent read, so every table agrees with every other."""
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from ..attendance.models import Attendance
from ..attendance.service import zone_of
from ..board.models import Cluster, Idea, Vote, VoteRound
from ..extensions import db
from ..live.models import Hand
from ..realtime.models import AuditEntry
from ..workshops.models import Activity, Prompt, Workshop
from .people import Naming, people_of


@dataclass
class WorkshopRead:
    workshop: Workshop
    now: datetime
    naming: Naming
    prompts: dict = field(default_factory=dict)         # id -> Prompt
    activities: dict = field(default_factory=dict)      # id -> Activity
    clusters: dict = field(default_factory=dict)        # id -> Cluster
    idea_votes: dict = field(default_factory=dict)      # idea id -> votes over every round
    cluster_votes: dict = field(default_factory=dict)   # cluster id -> votes over every round

    @property
    def zone(self):
        return zone_of(self.workshop).key

    @property
    def anonymised(self):
        return self.naming.anonymised

    def prompt_text(self, prompt_id):
        prompt = self.prompts.get(prompt_id)
        return prompt.text if prompt is not None else ""

    def author(self, user_id, prompt_id):
        """How an idea's author appears: by organisation type on a prompt the room was told is
        anonymous (the promise holds in every export), otherwise as `naming` says."""
        prompt = self.prompts.get(prompt_id)
        if prompt is not None and prompt.anonymous:
            return self.naming.org_type(user_id) or self.naming.anonymous
        return self.naming.name(user_id)

    def activity_title(self, prompt_id):
        prompt = self.prompts.get(prompt_id)
        activity = self.activities.get(prompt.activity_id) if prompt is not None else None
        return activity.title if activity is not None else ""


def read_workshop(workshop_id, now, anonymised=False):
    """The shared part of a workshop's export. Call inside `consistent_read()`."""
    workshop = db.session.get(Workshop, workshop_id)
    naming = Naming(people_of(_people_ids(workshop_id)), anonymised)
    read = WorkshopRead(workshop=workshop, now=now, naming=naming)
    read.activities = {a.id: a for a in db.session.scalars(select(Activity).where(Activity.workshop_id == workshop_id))}
    read.prompts = {p.id: p for p in db.session.scalars(
        select(Prompt).where(Prompt.workshop_id == workshop_id).order_by(Prompt.activity_id, Prompt.position))}
    read.clusters = {c.id: c for c in db.session.scalars(
        select(Cluster).where(Cluster.workshop_id == workshop_id).order_by(Cluster.id))}
    read.idea_votes = _totals(workshop_id, "ideas")
    read.cluster_votes = _totals(workshop_id, "clusters")
    return read


def _totals(workshop_id, target):
    rows = db.session.execute(
        select(Vote.target_id, func.sum(Vote.count)).join(VoteRound, VoteRound.id == Vote.round_id)
        .where(VoteRound.workshop_id == workshop_id, VoteRound.target == target).group_by(Vote.target_id))
    return {target_id: int(total or 0) for target_id, total in rows}


def _people_ids(workshop_id):
    """Everyone an export of the workshop may name: authors, speakers, moderators, attendees."""
    ids = set()
    for column, model in ((Idea.author_id, Idea), (Hand.user_id, Hand), (AuditEntry.user_id, AuditEntry),
                          (Attendance.user_id, Attendance)):
        ids.update(db.session.scalars(select(column).where(model.workshop_id == workshop_id).distinct()))
    ids.discard(None)
    return ids
