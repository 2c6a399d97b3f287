"""The suggested capability level: plain functions from evidence to a level 1-5 and a confidence.

docs/diagnosis.md explains the computation to the lab team; keep the two in step. Nothing here reads
the database: the diagnosis service gathers `Evidence` from the map and the board, then calls
`suggest` once per category and origin.
"""
from collections import defaultdict
from dataclasses import asdict, dataclass

from .vocab import MAX_LEVEL, MIN_LEVEL

SECTOR_COUNT = 4  # the quadruple helix
ENOUGH_ACTORS = 5  # offering actors beyond which breadth counts as full
WEIGHTS = {"balance": 0.30, "actors": 0.25, "sectors": 0.15, "spread": 0.15, "support": 0.15}
LEVEL_STEP = 20  # score points per level above 1
MEDIUM_SOURCES, HIGH_SOURCES = 3, 6


@dataclass(frozen=True)
class Evidence:
    """One idea (or map entry) saying an actor offers or needs something in a category."""

    category: str
    #: "internal" (the lab's own units) or "external"
    origin: str
    #: "offers" or "needs"
    direction: str
    workshop_id: int
    #: stable key of the actor, None when the idea named none
    actor: str | None = None
    #: quadruple-helix sector of the actor, None when unknown
    sector: str | None = None
    idea_id: int | None = None
    #: votes the idea received in its workshop's rounds
    votes: int = 0


@dataclass(frozen=True)
class Suggestion:
    """A suggested level with every input kept, so the lab team sees why."""

    level: int
    #: 0-100 before it is cut into levels
    score: int
    confidence: str
    offers: int
    needs: int
    actors: int
    sectors: int
    workshops: int
    #: votes per attendee, averaged over the diagnosis's workshops
    support: float
    #: distinct (workshop, actor) pairs behind the figure
    sources: int

    def inputs(self):
        """The inputs as a JSON-ready mapping (stored beside the level)."""
        return {key: value for key, value in asdict(self).items() if key not in ("level", "confidence")}


def suggest(evidence, attendance):
    """The suggested level for one category and origin.

    `evidence`: that category and origin's `Evidence`; `attendance`: {workshop_id: people present}
    for every workshop of the diagnosis (a workshop with no evidence still counts in the spread).
    """
    offers = [item for item in evidence if item.direction == "offers"]
    needs = [item for item in evidence if item.direction == "needs"]
    actors = {item.actor for item in offers if item.actor}
    sectors = {item.sector for item in offers if item.sector}
    workshops = {item.workshop_id for item in offers}
    support = votes_per_attendee(offers, attendance)
    parts = {
        "balance": len(offers) / (len(offers) + len(needs)) if offers else 0.0,
        "actors": min(len(actors), ENOUGH_ACTORS) / ENOUGH_ACTORS,
        "sectors": min(len(sectors), SECTOR_COUNT) / SECTOR_COUNT,
        "spread": len(workshops) / len(attendance) if attendance else 0.0,
        "support": min(support, 1.0),
    }
    score = round(100 * sum(WEIGHTS[name] * value for name, value in parts.items())) if offers else 0
    sources = independent_sources(evidence)
    return Suggestion(level=level_of(score), score=score, confidence=confidence_of(sources), offers=len(offers),
                      needs=len(needs), actors=len(actors), sectors=len(sectors), workshops=len(workshops),
                      support=round(support, 3), sources=sources)


def votes_per_attendee(evidence, attendance):
    """Votes on the evidence per person present, averaged over the workshops: a full room voting once
    each for the category gives 1, whatever the room's size."""
    if not attendance:
        return 0.0
    votes = defaultdict(int)
    for item in evidence:
        votes[item.workshop_id] += item.votes
    rates = [votes[workshop] / present for workshop, present in attendance.items() if present]
    return sum(rates) / len(attendance)


def independent_sources(evidence):
    """Distinct (workshop, actor) pairs; an idea naming no actor is a source of its own."""
    return len({(item.workshop_id, item.actor or f"idea:{item.idea_id}") for item in evidence})


def level_of(score):
    return min(MAX_LEVEL, MIN_LEVEL + max(score, 0) // LEVEL_STEP)


def confidence_of(sources):
    if sources >= HIGH_SOURCES:
        return "high"
    return "medium" if sources >= MEDIUM_SOURCES else "low"


def gap(target, current):
    """Levels still to climb from `current` to `target`; None while either is unknown."""
    if target is None or current is None:
        return None
    return max(target - current, 0)


def suggest_all(evidence, attendance, categories, origins):
    """{(category, origin): Suggestion} for every pair, evidence or not."""
    grouped = defaultdict(list)
    for item in evidence:
        grouped[item.category, item.origin].append(item)
    return {(category, origin): suggest(grouped[category, origin], attendance)
            for category in categories for origin in origins}
