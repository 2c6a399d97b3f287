"""How attendance reacts to other slices (lab/signals.py): a socket that connects opens an interval and
one that closes ends it; a person's intervals are in their data download, and outlive their account
without their name."""
from sqlalchemy import select, update

from ..extensions import db
from ..types import iso
from . import service
from .models import Attendance

# Stored in the attendance register, which is filed in Spanish: the source text of vocab.ANONYMOUS,
# never the reader's translation of it.
ANONYMOUS_NAME = "Participante anónimo"


def on_connected(conn, user):
    if conn.is_audience:  # the projector is a screen, not a person in the room
        return
    service.open_interval(conn.workshop_id, user, conn.sid, conn.role)


def on_disconnected(conn):
    service.close_interval(conn.sid)


def personal_data(user):
    rows = db.session.scalars(select(Attendance).where(Attendance.user_id == user.id).order_by(Attendance.joined_at))
    return {"attendance": [{"workshop_id": a.workshop_id, "name": a.name, "email": a.email,
                            "organisation": a.organisation, "org_type": a.org_type, "position": a.position,
                            "role": a.role, "joined_at": iso(a.joined_at), "left_at": iso(a.left_at)} for a in rows]}


def forget_person(user):
    """The register keeps the organisation, its type and the role of each interval, not who it was."""
    db.session.execute(update(Attendance).where(Attendance.user_id == user.id)
                       .values(name=ANONYMOUS_NAME, email="", position="", user_id=None))
