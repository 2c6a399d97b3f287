"""From the board to the map: every idea that names an actor becomes a proposed entry, matched
against the lab's actors (exact, near for review, or new).

Posting an idea stays as cheap as it was: nothing runs in `idea:post`. A background job finds the
ideas that name an actor and have no entry yet, matches them and proposes their entries, a room at
a time under the room's lock (so two processes never propose one idea twice), and tells the room's
moderators. It looks at the newest ideas every run and at all of them now and then, so an idea
whose transaction committed late, or that was posted while no server ran, is never left out.
"""
import threading
import time

from sqlalchemy import exists, select

from ..board.models import Idea
from ..extensions import db
from ..realtime import lock_room, publish, run_in_transaction
from .actors import actor_index
from .models import Entry
from .persons import check_person_name
from .views import entry_view

BATCH = 200
# Ideas are numbered as they are flushed, but commit in any order: this many ids below the highest
# seen are looked at again, for transactions still open when the last run read.
LOOKBACK = 500
FULL_SWEEP_SECONDS = 300
#: what an entry records instead of a name that looks like a private person's (or a contact detail)
PERSON_SET_ASIDE = "—"

_state_lock = threading.Lock()
_state = {"highest": 0, "full_at": 0.0}


def proposal_job():
    """The periodic job: propose entries for the ideas that name an actor and have none yet."""
    with _state_lock:
        full = time.monotonic() >= _state["full_at"]
        floor = 0 if full else max(_state["highest"] - LOOKBACK, 0)
        if full:
            _state["full_at"] = time.monotonic() + FULL_SWEEP_SECONDS
    propose_pending(floor)


def propose_pending(floor=0):
    """Propose entries for waiting ideas with ids above `floor`, each room in its own transaction.
    Returns how many entries were proposed."""
    proposed = 0
    while True:
        waiting = db.session.execute(_waiting(floor)).all()
        db.session.rollback()  # ends the read; each room's work opens its own transaction
        if not waiting:
            return proposed
        by_room = {}
        for idea_id, workshop_id in waiting:
            by_room.setdefault(workshop_id, []).append(idea_id)
        for workshop_id, idea_ids in by_room.items():
            proposed += run_in_transaction(_propose_in_room, workshop_id, idea_ids)
        floor = max(idea_id for idea_id, _ in waiting)
        with _state_lock:
            _state["highest"] = max(_state["highest"], floor)
        if len(waiting) < BATCH:
            return proposed


def _waiting(floor):
    has_entry = exists().where(Entry.idea_id == Idea.id)
    return (select(Idea.id, Idea.workshop_id)
            .where(Idea.id > floor, Idea.actor_name != "", ~has_entry)
            .order_by(Idea.id).limit(BATCH))


def _propose_in_room(workshop_id, idea_ids):
    lock_room(workshop_id)  # the room first, as every event does; under it the check below is final
    ideas = db.session.scalars(select(Idea).where(Idea.id.in_(idea_ids), ~exists().where(Entry.idea_id == Idea.id))
                               .order_by(Idea.id)).all()
    index = actor_index()
    for idea in ideas:
        entry = Entry(workshop_id=idea.workshop_id, idea_id=idea.id, prompt_id=idea.prompt_id,
                      via_idea_id=idea.merged_into_id, idea_hidden=idea.hidden)
        if check_person_name(idea.actor_name).flagged:
            # A person's name or contact never enters the map: the entry says only that it was set aside.
            entry.typed_name, entry.category, entry.status = PERSON_SET_ASIDE, idea.category or "", "discarded"
        else:
            describe(entry, idea.actor_name, idea.category, index)
        db.session.add(entry)
        db.session.flush()
        publish_entry(entry)
    return len(ideas)


def describe(entry, typed_name, category, index=None):
    """Set what the entry says (name, category) and what matching makes of the name."""
    match = (index or actor_index()).match(typed_name)
    entry.typed_name, entry.category, entry.match = typed_name, category or "", match.outcome
    best = match.actor if match.outcome == "exact" else (match.near[0] if match.near else None)
    entry.candidate_id = best.actor_id if best else None
    entry.match_reason = best.reason if best else ""
    entry.match_score = best.score if best else 0.0
    return match


def publish_entry(entry):
    """Moderators get the entry; participants only that something of the map changed (the map
    is theirs to see once revealed, not while it is being reviewed)."""
    publish(entry.workshop_id, "map.entry", {"id": entry.id}, entry_view(entry))

