"""A reconnect storm through the balancer: the whole room loses its connections at once (here nginx
itself restarts) and every participant gets back in by itself and resyncs. 1,000 in the bench."""
import time

import pytest
from sqlalchemy import func, select

from lab.attendance.models import Attendance
from lab.extensions import db

from ..conftest import session_cookie
from .crowd import Crowd, seed_people

pytestmark = [pytest.mark.live, pytest.mark.cluster]

ROOM_SIZE = 300
BACK_IN = 180.0  # bound for the whole room to reconnect and resync, on 2 cores other programs may share


def open_intervals(app, workshop_id):
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Attendance).where(
            Attendance.workshop_id == workshop_id, Attendance.left_at.is_(None)))
        db.session.remove()
        return count


def test_a_300_participant_room_reconnecting_at_once_gets_back_in_and_resyncs(room, tab, cluster, seed_app):
    cookies = seed_people(seed_app, room.workshop_id, ROOM_SIZE, session_cookie)
    moderator = tab("moderator", "a1")
    assert moderator.call("workshop:start")["ok"]
    assert moderator.call("prompt:open", {"prompt_id": room.prompts["normal"]})["ok"]
    crowd = Crowd(cluster.url, room.workshop_id, cookies)
    try:
        crowd.connect_all(BACK_IN)
        crowd.wait(lambda m: m.synced_seq is not None, BACK_IN, "in step")
        moderator.post(room.prompts["normal"], "Antes de la tormenta")

        cluster.nginx.stop()  # every connection of the room drops at the same moment
        crowd.wait(lambda m: not m.sio.connected, 30, "seeing the drop")
        cluster.nginx.start()
        began = time.monotonic()
        crowd.wait(lambda m: m.connects >= 2 and m.synced_seq is not None, BACK_IN, "back in and resynced")
        storm_seconds = time.monotonic() - began

        moderator.wait_synced(BACK_IN)
        moderator.post(room.prompts["normal"], "Después de la tormenta")
        after = max(moderator.acked.values())
        last_seq = moderator.seq
        # A member that lost its connection once more (a busy machine misses pings) resyncs again
        # and gets the idea in that snapshot.
        crowd.wait(lambda m: (m.synced_seq or 0) >= last_seq or last_seq in m.seen, BACK_IN,
                   "given the idea after the storm")
        assert after
        # Attendance: every participant's interval closed at the drop and one open again, on either process.
        deadline = time.monotonic() + 30
        while open_intervals(seed_app, room.workshop_id) != ROOM_SIZE + 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert open_intervals(seed_app, room.workshop_id) == ROOM_SIZE + 1
        print(f"\n{ROOM_SIZE} participants back in and resynced {storm_seconds:.1f} s after nginx came back")
    finally:
        crowd.close()
