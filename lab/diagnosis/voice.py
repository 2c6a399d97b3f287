"""Whose voice was heard: ideas, speaking time and votes per organisation type (from the board,
the raised hands and the registers) against who appears on the map. Reads only; people are counted,
never named."""
from collections import Counter, defaultdict

from sqlalchemy import func, select

from ..accounts.models import User
from ..attendance.models import Attendance
from ..board.models import Idea, Vote, VoteRound
from ..extensions import db
from ..live.hands import speaking_seconds
from ..vocab import ORG_TYPE_SECTORS, ORG_TYPES, SECTORS
from .actors import cited_actors

UNDER_HEARD = 0.5  # a voice share below half the share of the room is under-heard


def org_types_in_room(workshop_ids):
    """{(workshop_id, user_id): org type} from the registers (the type the person had that day)."""
    rows = db.session.execute(select(Attendance.workshop_id, Attendance.user_id, Attendance.org_type)
                              .where(Attendance.workshop_id.in_(workshop_ids), Attendance.user_id.is_not(None),
                                     Attendance.role == "participant"))
    return {(w, u): org_type for w, u, org_type in rows}


def org_type_of(types, workshop_id, user_id, fallback):
    return types.get((workshop_id, user_id)) or fallback.get(user_id) or ""


def tallies(workshop_ids):
    """{org type: {"present", "ideas", "speaking_seconds", "votes"}}."""
    types = org_types_in_room(workshop_ids)
    fallback = dict(db.session.execute(select(User.id, User.org_type)).all())
    table = defaultdict(Counter)
    for (_workshop, _user), org_type in types.items():
        table[org_type]["present"] += 1
    ideas = db.session.execute(select(Idea.workshop_id, Idea.author_id, func.count())
                               .where(Idea.workshop_id.in_(workshop_ids), Idea.author_id.is_not(None),
                                      Idea.merged_into_id.is_(None))
                               .group_by(Idea.workshop_id, Idea.author_id))
    for workshop_id, user_id, n in ideas:
        table[org_type_of(types, workshop_id, user_id, fallback)]["ideas"] += n
    for workshop_id in workshop_ids:
        for user_id, seconds in speaking_seconds(workshop_id).items():
            table[org_type_of(types, workshop_id, user_id, fallback)]["speaking_seconds"] += round(seconds)
    votes = db.session.execute(select(VoteRound.workshop_id, Vote.user_id, func.sum(Vote.count))
                               .join(VoteRound, VoteRound.id == Vote.round_id)
                               .where(VoteRound.workshop_id.in_(workshop_ids))
                               .group_by(VoteRound.workshop_id, Vote.user_id))
    for workshop_id, user_id, n in votes:
        table[org_type_of(types, workshop_id, user_id, fallback)]["votes"] += n or 0
    return table


def share(part, whole):
    return part / whole if whole else 0.0


def voice_share(row, totals):
    """Ideas and speaking time weigh alike in how much a group was heard."""
    return (share(row["ideas"], totals["ideas"]) + share(row["speaking_seconds"], totals["speaking_seconds"])) / 2


def section(diagnosis):
    """Rows per organisation type and per sector, under-heard ones flagged."""
    table = tallies([w.id for w in diagnosis.workshops])
    totals = Counter()
    for row in table.values():
        totals.update(row)
    rows = []
    for org_type in [*ORG_TYPES, *sorted(set(table) - set(ORG_TYPES))]:
        row = table.get(org_type, Counter())
        present_share = share(row["present"], totals["present"])
        heard = voice_share(row, totals)
        rows.append({"org_type": org_type, "sector": ORG_TYPE_SECTORS.get(org_type), "present": row["present"],
                     "ideas": row["ideas"], "speaking_seconds": row["speaking_seconds"], "votes": row["votes"],
                     "present_share": round(present_share, 3), "voice_share": round(heard, 3),
                     "under_heard": row["present"] > 0 and heard < UNDER_HEARD * present_share})
    return {"org_types": rows, "sectors": sector_rows(diagnosis, rows), "totals": dict(totals)}


def sector_rows(diagnosis, org_rows):
    mapped = Counter(item.actor.sector for item in cited_actors(diagnosis).values())
    rows = []
    for sector in SECTORS:
        mine = [r for r in org_rows if r["sector"] == sector]
        present = sum(r["present"] for r in mine)
        voice = sum(r["ideas"] + r["speaking_seconds"] for r in mine)
        rows.append({"sector": sector, "actors_on_map": mapped[sector], "present": present,
                     "ideas": sum(r["ideas"] for r in mine), "votes": sum(r["votes"] for r in mine),
                     "under_heard": any(r["under_heard"] for r in mine) or (mapped[sector] > 0 and voice == 0)})
    return rows
