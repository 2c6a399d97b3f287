"""What the results page and the participants' summary show, from one consistent read: every
prompt with its ideas and clusters, every vote round with its ranked results, hands and speaking
times, the agenda as it ran, and the attendance summary. The summary keeps nobody's personal data:
no names, no organisations, only what the group produced and how many took part."""
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from ..attendance.service import register as attendance_register
from ..board.models import Idea
from ..board.votes import progress as round_progress
from ..board.votes import results as round_results
from ..extensions import db
from ..vocab import CATEGORIES, ORG_TYPES, ROLES
from .agenda_run import agenda_runs
from .formats.cells import clock
from .reading import consistent_read
from .workshop_datasets import TARGETS, hand_rows, vote_rounds
from .workshop_read import read_workshop


@dataclass
class PromptResults:
    prompt: object
    activity: str
    ideas: list = field(default_factory=list)      # dicts, oldest first
    clusters: list = field(default_factory=list)   # dicts
    rounds: list = field(default_factory=list)     # dicts, each with its ranked options


@dataclass
class WorkshopResults:
    workshop: object
    zone: str
    prompts: list
    rounds: list
    hands: list
    agenda: list
    attendance: dict

    @property
    def idea_count(self):
        return sum(len(p.ideas) for p in self.prompts)


def workshop_results(workshop_id, now):
    with consistent_read():
        read = read_workshop(workshop_id, now)
        prompts = {prompt_id: PromptResults(prompt, read.activity_title(prompt_id))
                   for prompt_id, prompt in read.prompts.items()}
        ideas = db.session.scalars(select(Idea).where(Idea.workshop_id == workshop_id).order_by(Idea.id)).all()
        texts = {idea.id: idea.text for idea in ideas}
        merged = Counter(idea.merged_into_id for idea in ideas if idea.merged_into_id is not None)
        cluster_sizes = Counter(idea.cluster_id for idea in ideas if idea.cluster_id is not None)
        for idea in ideas:
            cluster = read.clusters.get(idea.cluster_id)
            prompts[idea.prompt_id].ideas.append({
                "id": idea.id, "text": idea.text, "actor": idea.actor_name,
                "category": str(CATEGORIES.get(idea.category, idea.category)) if idea.category else "",
                "cluster": cluster.name if cluster else "", "votes": read.idea_votes.get(idea.id, 0),
                "hidden": idea.hidden, "merged_into": idea.merged_into_id, "merged": merged.get(idea.id, 0),
                "author": read.author(idea.author_id, idea.prompt_id), "created_at": idea.created_at})
        for cluster in read.clusters.values():
            prompts[cluster.prompt_id].clusters.append({"id": cluster.id, "name": cluster.name,
                                                        "ideas": cluster_sizes.get(cluster.id, 0),
                                                        "votes": read.cluster_votes.get(cluster.id, 0)})
        rounds = []
        for number, round_ in enumerate(vote_rounds(read), 1):
            options = [{**option, "text": _option_text(read, round_, option["target_id"], texts)}
                       for option in round_results(round_)]
            view = {"number": number, "round": round_, "target": str(TARGETS.get(round_.target, round_.target)),
                    "prompt": read.prompt_text(round_.prompt_id), "options": options,
                    "voters": round_progress(round_.id)["voters"]}
            rounds.append(view)
            prompts[round_.prompt_id].rounds.append(view)
        result = WorkshopResults(
            workshop=read.workshop, zone=read.zone, prompts=list(prompts.values()), rounds=rounds,
            hands=hand_rows(read), agenda=agenda_runs(read), attendance=_attendance(workshop_id, now))
        for prompt in prompts.values():
            db.session.expunge(prompt.prompt)
        for run in result.agenda:
            db.session.expunge(run.item)
        for view in rounds:
            db.session.expunge(view["round"])
        db.session.expunge(read.workshop)
    return result


def _option_text(read, round_, target_id, texts):
    if round_.target == "clusters":
        cluster = read.clusters.get(target_id)
        return cluster.name if cluster else ""
    return texts.get(target_id, "")


def _attendance(workshop_id, now):
    people = attendance_register(workshop_id, now)
    return {
        "people": len(people),
        "present_now": sum(person.present_now for person in people),
        "by_org_type": sorted(Counter(str(ORG_TYPES.get(p.org_type, p.org_type)) for p in people).items()),
        "by_role": sorted(Counter(str(ROLES.get(p.role, p.role)) for p in people).items()),
    }


def participants_summary(results: WorkshopResults):
    """The part of the results a participant may see after the close: visible ideas without their
    authors, clusters, and the ranked results of every closed round; counts of who took part."""
    prompts = []
    for prompt in results.prompts:
        ideas = [{"text": i["text"], "actor": i["actor"], "category": i["category"], "cluster": i["cluster"],
                  "votes": i["votes"]} for i in prompt.ideas if not i["hidden"] and i["merged_into"] is None]
        rounds = [r for r in prompt.rounds if r["round"].status == "closed"]
        prompts.append({"prompt": prompt.prompt, "activity": prompt.activity, "ideas": ideas,
                        "clusters": prompt.clusters, "rounds": rounds})
    return {"prompts": prompts, "people": results.attendance["people"],
            "by_org_type": results.attendance["by_org_type"]}


def clock_of(value):
    """H:MM:SS of a timedelta or of seconds, for pages and reports; empty for None."""
    if value is None:
        return ""
    return clock(value if isinstance(value, timedelta) else timedelta(seconds=value))
