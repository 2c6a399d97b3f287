"""Attendance intervals: opened on connect, closed on disconnect, and closed by the sweeper when
a process died without saying goodbye (its intervals stop being refreshed). From them, the
register: one row per person (the exports slice writes it as CSV and XLSX)."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app
from sqlalchemy import bindparam, func, select, update

from ..extensions import db
from ..live.hands import speaking_seconds
from ..live.models import LiveState
from ..types import utcnow
from ..vocab import ORG_TYPES, ROLES
from .models import Attendance


def open_interval(workshop_id, user, sid, role):
    """Start an interval with the person's details as they are now (the register is evidence)."""
    row = Attendance(workshop_id=workshop_id, user_id=user.id, sid=sid, name=user.name, email=user.email,
                     organisation=user.organisation, org_type=user.org_type, position=user.position, role=role)
    db.session.add(row)
    return row


def close_interval(sid):
    now = utcnow()
    db.session.execute(update(Attendance).where(Attendance.sid == sid, Attendance.left_at.is_(None))
                       .values(left_at=now, last_seen=now))


def open_sockets(workshop_id, user_id, role):
    """Socket ids of the person's open intervals in the workshop with this role, on every process."""
    return db.session.scalars(select(Attendance.sid).where(
        Attendance.workshop_id == workshop_id, Attendance.user_id == user_id, Attendance.role == role,
        Attendance.left_at.is_(None))).all()


def close_workshop_intervals(workshop_id):
    now = utcnow()
    db.session.execute(update(Attendance).where(Attendance.workshop_id == workshop_id, Attendance.left_at.is_(None))
                       .values(left_at=now, last_seen=now))


def close_orphans(serving_sids, joined_before):
    """Close, at the moment they were last seen, open intervals joined before `joined_before` whose
    socket no process serves: when one process serves every socket, those are what a restart left."""
    orphan = (Attendance.left_at.is_(None), Attendance.joined_at < joined_before,
              Attendance.sid.not_in(list(serving_sids)))
    workshops = set(db.session.scalars(select(Attendance.workshop_id).where(*orphan).distinct()))
    if workshops:
        db.session.execute(update(Attendance).where(*orphan).values(left_at=Attendance.last_seen))
    return workshops


def heartbeat(sids):
    if sids:
        db.session.execute(update(Attendance).where(Attendance.sid.in_(list(sids)), Attendance.left_at.is_(None))
                           .values(last_seen=utcnow()))


def close_stale(max_silence_seconds):
    """Close intervals nobody refreshed for a while, at the moment they were last seen."""
    limit = utcnow() - timedelta(seconds=max_silence_seconds)
    stale = select(Attendance.workshop_id).where(Attendance.left_at.is_(None), Attendance.last_seen < limit)
    workshops = set(db.session.scalars(stale))
    db.session.execute(update(Attendance).where(Attendance.left_at.is_(None), Attendance.last_seen < limit)
                       .values(left_at=Attendance.last_seen))
    return workshops


def present(workshop_id):
    """People connected now, one entry per person however many tabs they have open."""
    rows = db.session.execute(_present_statements()[0], {"workshop_id": workshop_id})
    people = {}
    for user_id, name, organisation, org_type, role, joined_at in rows:
        if user_id not in people:
            people[user_id] = {"user_id": user_id, "name": name, "organisation": organisation,
                               "org_type": org_type, "role": role, "since": joined_at.timestamp()}
    return list(people.values())


def present_count(workshop_id):
    """How many people `present` would list, without building the list."""
    return db.session.scalar(_present_statements()[1], {"workshop_id": workshop_id})


@cache
def _present_statements():
    """Built once: a reconnect storm reads presence hundreds of times. Columns, not rows as objects."""
    open_here = (Attendance.workshop_id == bindparam("workshop_id"), Attendance.left_at.is_(None))
    people = (select(Attendance.user_id, Attendance.name, Attendance.organisation, Attendance.org_type,
                     Attendance.role, Attendance.joined_at).where(*open_here).order_by(Attendance.joined_at))
    return people, select(func.count(Attendance.user_id.distinct())).where(*open_here)


# -- the register: one row per person, built from the intervals ----------------------------------

@dataclass
class Interval:
    joined_at: datetime
    left_at: datetime | None  # None while connected

    def seconds(self, now):
        return max(0.0, ((self.left_at or now) - self.joined_at).total_seconds())


@dataclass
class Person:
    """One person in the register, with the details of their latest join (what they declared last)."""

    user_id: int | None
    name: str
    organisation: str
    org_type: str
    position: str
    email: str
    role: str
    intervals: list = field(default_factory=list)
    present_seconds: float = 0.0
    speaking_seconds: float = 0.0

    @property
    def first_join(self):
        return min(i.joined_at for i in self.intervals)

    @property
    def last_leave(self):
        """When they last left; None while any of their connections is still open."""
        if any(i.left_at is None for i in self.intervals):
            return None
        return max(i.left_at for i in self.intervals)

    @property
    def present_now(self):
        return self.last_leave is None

    @property
    def org_type_label(self):
        return str(ORG_TYPES.get(self.org_type, self.org_type))

    @property
    def role_label(self):
        return str(ROLES.get(self.role, self.role))


def union_seconds(intervals, now):
    """Seconds covered by at least one interval: two tabs open at once count once."""
    spans = sorted((i.joined_at, i.left_at or now) for i in intervals)
    total, covered_until = 0.0, None
    for start, end in spans:
        if covered_until is not None and start < covered_until:
            start = covered_until
        if end > start:
            total += (end - start).total_seconds()
        covered_until = end if covered_until is None else max(covered_until, end)
    return total


def build_people(rows, speaking, now):
    """Group attendance rows (oldest first) into people. A deleted account's intervals no longer
    say whose they were, so each one stands alone."""
    people = {}
    for row in rows:
        key = ("user", row.user_id) if row.user_id is not None else ("interval", row.id)
        person = people.get(key)
        if person is None:
            person = people[key] = Person(user_id=row.user_id, name=row.name, organisation=row.organisation,
                                          org_type=row.org_type, position=row.position, email=row.email,
                                          role=row.role)
        else:  # the latest join carries what the person declared last
            person.name, person.organisation, person.org_type = row.name, row.organisation, row.org_type
            person.position, person.email, person.role = row.position, row.email, row.role
        person.intervals.append(Interval(row.joined_at, row.left_at))
    for person in people.values():
        person.present_seconds = union_seconds(person.intervals, now)
        person.speaking_seconds = float(speaking.get(person.user_id, 0.0)) if person.user_id is not None else 0.0
    return sorted(people.values(), key=lambda p: (p.first_join, p.name.casefold()))


def register(workshop_id, now=None):
    """The workshop's register as it stands now (open intervals count until `now`)."""
    rows = db.session.scalars(select(Attendance).where(Attendance.workshop_id == workshop_id)
                              .order_by(Attendance.joined_at, Attendance.id)).all()
    return build_people(rows, speaking_seconds(workshop_id), now or utcnow())


def workshop_date(workshop):
    """The day the workshop took place: when it went live, else as scheduled; None if neither."""
    started = db.session.scalar(select(LiveState.started_at).where(LiveState.workshop_id == workshop.id))
    return started or workshop.starts_at


# -- shown in the workshop's time zone -----------------------------------------------------------

def zone_of(workshop):
    try:
        return ZoneInfo(workshop.timezone)
    except (ZoneInfoNotFoundError, ValueError):  # a stored zone the system no longer knows
        return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def local_text(moment, zone, fmt="%Y-%m-%d %H:%M:%S"):
    return moment.astimezone(zone).strftime(fmt) if moment is not None else ""


def duration_text(seconds):
    """H:MM:SS, whole seconds: what a spreadsheet reads as a duration."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
