"""Who is in the room. Presence messages are unsequenced and carry the whole list: the last wins."""
from ..attendance import service as attendance
from .protocol import notify, room


def presence_snapshot(conn):
    people = attendance.present(conn.workshop_id)
    if conn.is_moderator:
        return {"count": len(people), "people": people}
    return {"count": len(people)}


def announce(workshop_id):
    """Send moderators the current list (after the caller's commit)."""
    people = attendance.present(workshop_id)
    notify(room(workshop_id, "m"), "presence", {"count": len(people), "people": people})
