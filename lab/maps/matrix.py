"""The matrix of actors by capability category, rows grouped by sector, and the evidence of a cell.

A cell counts the confirmed entries (ideas) that show an actor offering or needing something in a
category; hidden ideas count for nothing. The whole matrix is one grouped query, so a lab-wide map of
thousands of ideas is built in the database, not in Python.
"""
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func, select

from ..board.models import Idea, Vote, VoteRound
from ..extensions import db
from ..vocab import CATEGORIES, SECTORS
from ..workshops.models import Prompt, Workshop
from .models import Actor, Capability, Entry

NO_SECTOR = "none"


@dataclass(frozen=True)
class Scope:
    """Which part of the map to show: one workshop or all, some categories, sectors, a period."""
    workshop_id: int | None = None
    categories: tuple = ()
    sectors: tuple = ()
    since: datetime | None = None
    until: datetime | None = None
    demo: bool = True  # the sample workshop counts, unless the lab-wide map leaves it out


EVERYTHING = Scope()


@dataclass
class Row:
    actor_id: int
    slug: str
    name: str
    acronym: str
    sector: str | None
    scope: str
    relation: str
    cells: dict = field(default_factory=dict)  # category -> {"offers": n, "needs": n}
    total: int = 0


def evidence_filter(scope):
    """The conditions every count of the map shares: confirmed, not hidden, in scope."""
    conditions = [Entry.status == "confirmed", Entry.idea_hidden.is_(False)]
    if scope.workshop_id is not None:
        conditions.append(Entry.workshop_id == scope.workshop_id)
    if scope.since is not None:
        conditions.append(Entry.created_at >= scope.since)
    if scope.until is not None:
        conditions.append(Entry.created_at < scope.until)
    if not scope.demo:
        conditions.append(Entry.workshop_id.in_(select(Workshop.id).where(Workshop.demo.is_(False))))
    return and_(*conditions)


def matrix_rows(scope=EVERYTHING):
    """Rows with at least one piece of evidence in scope, by sector then name."""
    query = (select(Capability.actor_id, Capability.category, Capability.direction, func.count(Entry.id))
             .join(Entry, Entry.capability_id == Capability.id)
             .where(evidence_filter(scope)).group_by(Capability.actor_id, Capability.category, Capability.direction))
    if scope.categories:
        query = query.where(Capability.category.in_(scope.categories))
    counts = db.session.execute(query).all()
    actors = _actors({actor_id for actor_id, *_ in counts}, scope)
    for actor_id, category, direction, count in counts:
        row = actors.get(actor_id)
        if row is None:
            continue
        cell = row.cells.setdefault(category, {"offers": 0, "needs": 0})
        cell[direction] = cell.get(direction, 0) + count
        row.total += count
    return sorted(actors.values(), key=lambda r: (_sector_order(r.sector), r.name.casefold()))


def _actors(ids, scope):
    if not ids:
        return {}
    query = select(Actor.id, Actor.slug, Actor.name, Actor.acronym, Actor.sector, Actor.scope, Actor.relation) \
        .where(Actor.id.in_(ids))
    if scope.sectors:
        wanted = [s for s in scope.sectors if s != NO_SECTOR]
        query = query.where(Actor.sector.in_(wanted) | (Actor.sector.is_(None) if NO_SECTOR in scope.sectors
                                                         else False))
    return {row.id: Row(row.id, row.slug, row.name, row.acronym, row.sector, row.scope, row.relation)
            for row in db.session.execute(query)}


def _sector_order(sector):
    keys = list(SECTORS)
    return keys.index(sector) if sector in keys else len(keys)


def grouped(rows):
    """[(sector key or None, rows)] in the helix's order, for the table's row groups."""
    groups = {}
    for row in rows:
        groups.setdefault(row.sector, []).append(row)
    return sorted(groups.items(), key=lambda item: _sector_order(item[0]))


def column_totals(rows):
    totals = {key: {"offers": 0, "needs": 0} for key in CATEGORIES}
    for row in rows:
        for category, cell in row.cells.items():
            for direction, count in cell.items():
                totals[category][direction] += count
    return totals


# -- evidence ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    """One idea behind a cell: what it said, where, how it was voted. No author."""
    entry_id: int
    idea_id: int | None
    text: str | None  # None once its author deleted the idea
    typed_name: str
    direction: str
    category: str
    prompt: str
    workshop_id: int
    workshop: str
    votes: int
    duplicate_of: int | None


def cell_evidence(actor_id, category=None, scope=EVERYTHING):
    """Every confirmed entry behind an actor's cell (or all its cells), oldest first."""
    votes = (select(func.coalesce(func.sum(Vote.count), 0)).join(VoteRound, VoteRound.id == Vote.round_id)
             .where(VoteRound.target == "ideas", Vote.target_id == Entry.idea_id).scalar_subquery())
    query = (select(Entry, Capability.category, Idea.text, Prompt.text, Workshop.id, Workshop.title, votes)
             .join(Capability, Capability.id == Entry.capability_id)
             .join(Workshop, Workshop.id == Entry.workshop_id)
             .outerjoin(Idea, Idea.id == Entry.idea_id)
             .outerjoin(Prompt, Prompt.id == Entry.prompt_id)
             .where(Capability.actor_id == actor_id, evidence_filter(scope)).order_by(Entry.created_at, Entry.id))
    if category:
        query = query.where(Capability.category == category)
    return [Evidence(entry.id, entry.idea_id, text, entry.typed_name, entry.direction, cat, prompt or "",
                     workshop_id, title, int(count or 0), entry.via_idea_id)
            for entry, cat, text, prompt, workshop_id, title, count in db.session.execute(query)]
