"""Against the real server: a crash leaves nobody "in the room". The restarted process closes the
intervals it does not serve at the moment they were last seen, and a reconnection opens a new one."""
import pytest
from sqlalchemy import select

from lab.attendance.models import Attendance
from lab.extensions import db

from .support import go_live, wait_until

pytestmark = pytest.mark.live


def intervals(seed_app, room):
    with seed_app.app_context():
        rows = db.session.scalars(select(Attendance).where(Attendance.workshop_id == room.workshop_id)
                                  .order_by(Attendance.id)).all()
        db.session.remove()
        return rows


def test_a_crash_leaves_no_ghost_and_a_reconnection_reopens(room, server, join, seed_app):
    moderator, alicia = join("moderator"), join("alicia")
    go_live(moderator, room)
    assert [row.left_at for row in intervals(seed_app, room)] == [None, None]

    server.process.kill()  # no goodbye from anyone: what a power cut or an out-of-memory kill leaves
    server.process.wait()
    for client in (moderator, alicia):
        client.wait_disconnected()
    server.start()

    wait_until(lambda: all(row.left_at is not None for row in intervals(seed_app, room)),
               what="the intervals the crash left open to close")
    assert all(row.left_at == row.last_seen for row in intervals(seed_app, room))

    alicia.connect()
    rows = intervals(seed_app, room)
    assert len(rows) == 3 and rows[-1].user_id == room.user_ids["alicia"] and rows[-1].left_at is None
    assert alicia.call("snapshot")["snapshot"]["presence"] == {"count": 1}
