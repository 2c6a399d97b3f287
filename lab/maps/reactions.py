"""How the map follows the board and the accounts (lab/signals.py).

- posted: nothing here (the hot path stays as it was); proposals.py proposes the entry.
- edited, moderated: an entry not yet confirmed follows the idea's new actor name and category;
  a confirmed one whose name changed goes back to the review queue.
- hidden / shown: a hidden idea feeds nothing; shown again, its entries count again.
- merged / unmerged: a duplicate's entries count as evidence for the idea it was folded into.
- deleted: the entries stay, with their prompt and workshop, and no link to the idea (anonymous).
- an account deleted: the map keeps nobody's name; who rated or reviewed becomes nobody.
"""
from sqlalchemy import select, update

from ..extensions import db
from .models import Assessment, Entry, Rating
from .persons import check_person_name
from .proposals import PERSON_SET_ASIDE, describe, publish_entry


def on_idea_changed(idea, change):
    handler = HANDLERS.get(change)
    if handler is not None:
        handler(idea)


def _entries_of(idea):
    return db.session.scalars(select(Entry).where(Entry.idea_id == idea.id).order_by(Entry.id)).all()


def _follow_text(idea):
    for entry in _entries_of(idea):
        if entry.split_from_id is not None or entry.status == "discarded":
            continue  # a split part or a discarded entry was a reviewer's decision about the text
        if not idea.actor_name or check_person_name(idea.actor_name).flagged:
            entry.status, entry.actor_id, entry.capability_id = "discarded", None, None
            entry.typed_name = entry.typed_name if not idea.actor_name else PERSON_SET_ASIDE
        elif entry.typed_name != idea.actor_name or entry.category != (idea.category or ""):
            renamed = entry.typed_name != idea.actor_name
            describe(entry, idea.actor_name, idea.category)
            if renamed:
                entry.status, entry.actor_id, entry.capability_id = "proposed", None, None
        else:
            continue
        db.session.flush()
        publish_entry(entry)


def _hidden(idea):
    for entry in _entries_of(idea):
        if entry.idea_hidden != idea.hidden:
            entry.idea_hidden = idea.hidden
            publish_entry(entry)
    db.session.flush()


def _merged(idea):
    for entry in _entries_of(idea):
        entry.via_idea_id = idea.merged_into_id
    db.session.flush()


def _unmerged(idea):
    for entry in _entries_of(idea):
        entry.via_idea_id = None
    db.session.flush()


def _deleted(idea):
    # The foreign keys would do it too; done here so the entries never depend on the database.
    db.session.execute(update(Entry).where(Entry.idea_id == idea.id).values(idea_id=None))
    db.session.execute(update(Entry).where(Entry.via_idea_id == idea.id).values(via_idea_id=None))


HANDLERS = {
    "edited": _follow_text, "moderated": _follow_text,
    "hidden": _hidden, "shown": _hidden,
    "merged": _merged, "unmerged": _unmerged,
    "deleted": _deleted,
}


def forget_person(user):
    db.session.execute(update(Rating).where(Rating.user_id == user.id).values(user_id=None))
    db.session.execute(update(Assessment).where(Assessment.set_by_id == user.id).values(set_by_id=None))
    db.session.execute(update(Entry).where(Entry.reviewed_by_id == user.id).values(reviewed_by_id=None))


def personal_data(user):
    """What the map holds about a person: the influence and interest they answered."""
    rows = db.session.execute(select(Rating, Assessment.workshop_id)
                              .join(Assessment, Assessment.id == Rating.assessment_id)
                              .where(Rating.user_id == user.id).order_by(Rating.id))
    return {"map_ratings": [{"workshop_id": workshop_id, "assessment_id": r.assessment_id,
                             "influence": r.influence, "interest": r.interest} for r, workshop_id in rows]}
