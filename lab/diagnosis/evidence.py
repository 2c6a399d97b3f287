"""What the diagnosis reads from the map and the board: the evidence behind each capability, the
votes ideas received and how many people were in each room. Reads only; one query per figure."""
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from ..attendance.models import Attendance
from ..board.models import Idea, Vote, VoteRound
from ..extensions import db
from ..maps.models import Actor, Entry
from ..maps.normalise import normalise
from ..workshops.models import Prompt
from .levels import Evidence


@dataclass(frozen=True)
class Cited:
    """A piece of evidence with what the page and the stored copy show of it."""

    evidence: Evidence
    text: str
    actor_name: str
    prompt: str = ""


def attendance(workshop_ids):
    """{workshop_id: participants present}, every workshop listed (0 when nobody was)."""
    counts = dict.fromkeys(workshop_ids, 0)
    people = func.count(func.distinct(func.coalesce(func.cast(Attendance.user_id, db.String), Attendance.name)))
    rows = db.session.execute(
        select(Attendance.workshop_id, people)
        .where(Attendance.workshop_id.in_(workshop_ids), Attendance.role == "participant")
        .group_by(Attendance.workshop_id))
    counts.update(dict(rows.all()))
    return counts


def idea_votes(workshop_ids):
    """{idea_id: votes}, from rounds over ideas and, for ideas in a cluster, rounds over clusters."""
    votes = defaultdict(int)
    by_idea = (select(Vote.target_id, func.sum(Vote.count))
               .join(VoteRound, VoteRound.id == Vote.round_id)
               .where(VoteRound.workshop_id.in_(workshop_ids), VoteRound.target == "ideas")
               .group_by(Vote.target_id))
    for idea_id, count in db.session.execute(by_idea):
        votes[idea_id] += count or 0
    by_cluster = (select(Idea.id, func.sum(Vote.count))
                  .join(VoteRound, VoteRound.workshop_id == Idea.workshop_id)
                  .join(Vote, (Vote.round_id == VoteRound.id) & (Vote.target_id == Idea.cluster_id))
                  .where(Idea.workshop_id.in_(workshop_ids), VoteRound.target == "clusters")
                  .group_by(Idea.id))
    for idea_id, count in db.session.execute(by_cluster):
        votes[idea_id] += count or 0
    return votes


def resolved(actor, actors):
    """The actor a merged duplicate now lives in."""
    seen = set()
    while actor is not None and actor.merged_into_id and actor.id not in seen:
        seen.add(actor.id)
        actor = actors.get(actor.merged_into_id)
    return actor


def gather(workshop_ids):
    """Every map entry of the workshops that names a category and was not discarded nor hidden.

    A confirmed entry counts for its actor; a proposed one for the actor it matched exactly, or for
    the name as typed (external, sector unknown) until someone reviews it.
    """
    entries = db.session.execute(
        select(Entry, Idea.text, Prompt.text)
        .outerjoin(Idea, Idea.id == Entry.idea_id)
        .outerjoin(Prompt, Prompt.id == func.coalesce(Idea.prompt_id, Entry.prompt_id))
        .where(Entry.workshop_id.in_(workshop_ids), Entry.category != "", Entry.status != "discarded",
               Entry.idea_hidden.is_(False))
        .order_by(Entry.id)).all()
    actors = {actor.id: actor for actor in db.session.scalars(select(Actor))}
    votes = idea_votes(workshop_ids)
    return [cite(entry, text, prompt, actors, votes) for entry, text, prompt in entries]


def cite(entry, text, prompt, actors, votes):
    actor_id = entry.actor_id or (entry.candidate_id if entry.match == "exact" else None)
    actor = resolved(actors.get(actor_id), actors)
    if actor is None:
        key, name, origin, sector = f"name:{normalise(entry.typed_name)}", entry.typed_name, "external", None
    else:
        key, name, origin, sector = actor.slug, actor.name, actor.scope, actor.sector
    evidence = Evidence(category=entry.category, origin=origin, direction=entry.direction,
                        workshop_id=entry.workshop_id, actor=key, sector=sector, idea_id=entry.idea_id,
                        votes=votes.get(entry.idea_id, 0))
    return Cited(evidence, text or "", name, prompt or "")
