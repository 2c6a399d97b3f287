"""How attendance reacts to other slices (lab/signals.py): a socket that connects opens an interval and
one that closes ends it; closing the workshop ends them all; a person's intervals are in their data
download, and outlive their account without their name."""
from sqlalchemy import select, update

from ..extensions import db
from ..realtime import presence_changed
from ..types import iso
from ..workshops.service import workshop_status
from . import service
from .models import Attendance

# Stored in the attendance register, which is filed in Spanish: the source text of vocab.ANONYMOUS,
# never the reader's translation of it.
ANONYMOUS_NAME = "Participante anónimo"


def on_connected(conn, user):
    # The projector is a screen, not a person; after closing, whoever opens the room attends nothing.
    if conn.is_audience or workshop_status(conn.workshop_id) == "closed":
        return
    service.open_interval(conn.workshop_id, user, conn.sid, conn.role)


def on_disconnected(conn):
    service.close_interval(conn.sid)


def on_workshop_closing(workshop_id):
    """The register ends with the workshop: tabs left open stop counting time in the room."""
    service.close_workshop_intervals(workshop_id)
    presence_changed(workshop_id)


def personal_data(user):
    rows = db.session.scalars(select(Attendance).where(Attendance.user_id == user.id).order_by(Attendance.joined_at))
    return {"attendance": [{"workshop_id": a.workshop_id, "name": a.name, "email": a.email,
                            "organisation": a.organisation, "org_type": a.org_type, "position": a.position,
                            "role": a.role, "joined_at": iso(a.joined_at), "left_at": iso(a.left_at)} for a in rows]}


def forget_person(user):
    """The register keeps the organisation, its type and the role of each interval, not who it was."""
    db.session.execute(update(Attendance).where(Attendance.user_id == user.id)
                       .values(name=ANONYMOUS_NAME, email="", position="", user_id=None))
