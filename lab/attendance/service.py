"""Attendance intervals: opened on connect, closed on disconnect, and closed by the sweeper when
a process died without saying goodbye (its intervals stop being refreshed)."""
from datetime import timedelta

from sqlalchemy import select, update

from ..extensions import db
from ..types import utcnow
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
    rows = db.session.scalars(select(Attendance).where(Attendance.workshop_id == workshop_id,
                                                       Attendance.left_at.is_(None))
                              .order_by(Attendance.joined_at)).all()
    people = {}
    for row in rows:
        people.setdefault(row.user_id, {
            "user_id": row.user_id, "name": row.name, "organisation": row.organisation,
            "org_type": row.org_type, "role": row.role, "since": row.joined_at.timestamp(),
        })
    return list(people.values())
