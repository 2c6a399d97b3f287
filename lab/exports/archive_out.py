"""A workshop, or the whole lab, as the content of a JSON archive (formats/archive.py writes it).

Rows are not written with their database ids but with references local to the archive: each
collection numbered 1, 2, 3... in the order of its rows' ids. Importing inserts in that order, so
exporting the imported copy gives the same content: the round trip is exact, ids remapped.
Moderator events in the audit log keep their details, with the ids they name turned into the same
references (an id whose row is gone becomes null)."""
from sqlalchemy import select

from ..accounts.models import User
from ..attendance.models import Attendance
from ..board.models import Cluster, Idea, Vote, VoteRound
from ..extensions import db
from ..live.models import Hand, LiveState
from ..realtime.models import AuditEntry
from ..workshops.models import Activity, AgendaItem, Participation, Prompt, Workshop, workshop_moderators
from .formats import write_archive

PERSON_FIELDS = ("email", "name", "organisation", "org_type", "position", "phone", "role", "consent_version",
                 "consent_at", "locale", "created_at")
WORKSHOP_FIELDS = ("title", "entity", "starts_at", "timezone", "modality", "meeting_link", "objective", "purpose",
                   "rules", "status", "template_key", "created_at")
# Ids in the details of audited events, and the collection each one names.
DETAIL_REFERENCES = {"agenda_item_id": "agenda", "prompt_id": "prompts", "idea_id": "ideas", "idea_ids": "ideas",
                     "target_id": "ideas", "cluster_id": "clusters", "round_id": "vote_rounds", "hand_id": "hands"}


class Refs:
    """Archive references of one collection: database id -> 1, 2, 3..."""

    def __init__(self, ids):
        self.by_id = {row_id: number for number, row_id in enumerate(sorted(ids), 1)}

    def __call__(self, row_id):
        return self.by_id.get(row_id) if row_id is not None else None


def _fields(row, names):
    return {name: getattr(row, name) for name in names}


def _rows(model, *where, order=None):
    return db.session.scalars(select(model).where(*where).order_by(order if order is not None else model.id)).all()


def workshop_content(workshop, person):
    """One workshop as archive content; `person` gives a person's reference."""
    wid = workshop.id
    agenda = _rows(AgendaItem, AgendaItem.workshop_id == wid)
    activities = _rows(Activity, Activity.workshop_id == wid)
    prompts = _rows(Prompt, Prompt.workshop_id == wid)
    clusters = _rows(Cluster, Cluster.workshop_id == wid)
    ideas = _rows(Idea, Idea.workshop_id == wid)
    rounds = _rows(VoteRound, VoteRound.workshop_id == wid)
    hands = _rows(Hand, Hand.workshop_id == wid)
    refs = {"agenda": Refs(r.id for r in agenda), "activities": Refs(r.id for r in activities),
            "prompts": Refs(r.id for r in prompts), "clusters": Refs(r.id for r in clusters),
            "ideas": Refs(r.id for r in ideas), "vote_rounds": Refs(r.id for r in rounds),
            "hands": Refs(r.id for r in hands)}
    votes = {}
    for vote in _rows(Vote, Vote.round_id.in_([r.id for r in rounds]), order=Vote.id):
        votes.setdefault(vote.round_id, []).append(vote)
    live = db.session.get(LiveState, wid)
    moderators = db.session.scalars(select(workshop_moderators.c.user_id)
                                    .where(workshop_moderators.c.workshop_id == wid)).all()
    return {
        **_fields(workshop, WORKSHOP_FIELDS),
        "moderators": sorted(person(m) for m in moderators),
        "participants": [{"person": person(p.user_id), "joined_at": p.joined_at}
                         for p in _rows(Participation, Participation.workshop_id == wid)],
        "live": None if live is None else {
            "started_at": live.started_at, "closed_at": live.closed_at, "agenda_since": live.agenda_since,
            "projector_mode": live.projector_mode,
            "agenda_spent": {str(refs["agenda"](int(key))): spent for key, spent in (live.agenda_spent or {}).items()
                             if key.isdigit() and refs["agenda"](int(key)) is not None}},
        "agenda": [{"position": a.position, "title": a.title, "minutes": a.minutes, "presenter": a.presenter,
                    "kind": a.kind} for a in agenda],
        "activities": [{"agenda_item": refs["agenda"](a.agenda_item_id), "position": a.position, "title": a.title,
                        "instructions": a.instructions} for a in activities],
        "prompts": [{"activity": refs["activities"](p.activity_id), "position": p.position, "text": p.text,
                     "seconds": p.seconds, "reveal_mode": p.reveal_mode, "asks_actor": p.asks_actor,
                     "asks_category": p.asks_category, "is_open": p.is_open, "revealed": p.revealed,
                     "anonymous": p.anonymous, "opened_at": p.opened_at}
                    for p in prompts],
        "clusters": [{"prompt": refs["prompts"](c.prompt_id), "name": c.name, "created_at": c.created_at}
                     for c in clusters],
        "ideas": [{"prompt": refs["prompts"](i.prompt_id), "author": person(i.author_id), "client_id": i.client_id,
                   "text": i.text, "actor_name": i.actor_name, "category": i.category, "color": i.color,
                   "hidden": i.hidden, "merged_into": refs["ideas"](i.merged_into_id),
                   "cluster": refs["clusters"](i.cluster_id), "created_at": i.created_at,
                   "updated_at": i.updated_at} for i in ideas],
        "vote_rounds": [{"prompt": refs["prompts"](r.prompt_id), "target": r.target, "budget": r.budget,
                         "max_per_target": r.max_per_target, "status": r.status, "opened_at": r.opened_at,
                         "closed_at": r.closed_at,
                         "votes": _votes(r, votes.get(r.id, []), person, refs)} for r in rounds],
        "hands": [{"person": person(h.user_id), "state": h.state, "raised_at": h.raised_at, "floor_at": h.floor_at,
                   "ended_at": h.ended_at} for h in hands],
        "attendance": [{"person": person(a.user_id), "name": a.name, "email": a.email,
                        "organisation": a.organisation, "org_type": a.org_type, "position": a.position,
                        "role": a.role, "joined_at": a.joined_at, "left_at": a.left_at}
                       for a in _rows(Attendance, Attendance.workshop_id == wid)],
        "audit": [{"person": person(e.user_id), "action": e.action, "detail": _detail_refs(e.detail, refs),
                   "at": e.at} for e in _rows(AuditEntry, AuditEntry.workshop_id == wid)],
    }


def _votes(round_, votes, person, refs):
    """A round's votes on options that still exist (votes on a deleted option were given back)."""
    option = refs["clusters" if round_.target == "clusters" else "ideas"]
    return [{"person": person(v.user_id), "option": option(v.target_id), "count": v.count}
            for v in votes if option(v.target_id) is not None and person(v.user_id) is not None]


def _detail_refs(detail, refs):
    if not isinstance(detail, dict):
        return {}
    out = {}
    for key, value in detail.items():
        collection = DETAIL_REFERENCES.get(key)
        if collection is None:
            out[key] = value
        elif isinstance(value, list):
            out[key] = [refs[collection](v) for v in value]
        else:
            out[key] = refs[collection](value) if isinstance(value, int) else None
    return out


def _people_ids(workshop_ids):
    """Every person a set of workshops names, in any of their rows."""
    ids = set()
    for column, model in ((Idea.author_id, Idea), (Hand.user_id, Hand), (AuditEntry.user_id, AuditEntry),
                          (Attendance.user_id, Attendance), (Participation.user_id, Participation)):
        ids.update(db.session.scalars(select(column).where(model.workshop_id.in_(workshop_ids)).distinct()))
    ids.update(db.session.scalars(select(workshop_moderators.c.user_id)
                                  .where(workshop_moderators.c.workshop_id.in_(workshop_ids))))
    ids.update(db.session.scalars(select(Vote.user_id).join(VoteRound, VoteRound.id == Vote.round_id)
                                  .where(VoteRound.workshop_id.in_(workshop_ids)).distinct()))
    ids.discard(None)
    return ids


def archive_content(workshop_ids=None):
    """The content of a workshop archive (the given ids) or of the lab's (None: every workshop and
    every person). People carry no password: an imported person sets one again."""
    workshops = _rows(Workshop, *(() if workshop_ids is None else (Workshop.id.in_(workshop_ids),)))
    ids = [w.id for w in workshops]
    people_ids = (db.session.scalars(select(User.id)).all() if workshop_ids is None else _people_ids(ids))
    person = Refs(people_ids)
    people = _rows(User, User.id.in_(list(people_ids))) if people_ids else []
    return {"people": [_fields(p, PERSON_FIELDS) for p in people],
            "workshops": [workshop_content(w, person) for w in workshops]}


def archive_bytes(kind, workshop_ids, generated_at):
    return write_archive(kind, archive_content(workshop_ids), generated_at=generated_at)
