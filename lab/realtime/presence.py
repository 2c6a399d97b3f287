"""Who is in the room. Presence messages are unsequenced and carry the whole list: the last wins.

A connect or disconnect only marks its workshop's presence as changed, after its commit. Each process
then sends moderators at most one list per workshop per interval (PRESENCE_INTERVAL_SECONDS): the first
change after a quiet spell goes out at once; the ones that follow it within the interval go out together
when the interval ends, in a list read after the last of them. A venue's Wi-Fi dropping or a server
restart (hundreds of sockets leaving or coming back at once) then costs a few rebuilds of the list
instead of hundreds, and moderators still end with the right one.

With several processes each one announces the changes it saw, reading the list from the shared
database. A list another process read just before a change can still reach moderators after the list
read just after it; so, with a message queue, every list sent is read again one interval later and sent
again if it no longer holds. The last list anyone sends is therefore read after the last change.

The list itself is the attendance slice's to read (`Hooks.read_presence_with`): who has an open interval.
"""
import logging
import math
import threading
import time
from dataclasses import dataclass

from ..errors import database_unreachable
from ..extensions import db, socketio
from .rooms import room

log = logging.getLogger(__name__)


@dataclass
class _Room:
    dirty: bool = False  # changed since the last list was read
    busy: bool = False  # a send is running or planned; it will see `dirty`
    sent_at: float = -math.inf  # time.monotonic() of the last list sent
    sent: dict | None = None  # that list


class PresenceBoard:
    """One per app and process: when each workshop's presence goes out to its moderators."""

    def __init__(self, app, hooks):
        self.app, self.hooks = app, hooks
        self.interval = float(app.config["PRESENCE_INTERVAL_SECONDS"])
        self.recheck = bool(app.config.get("REDIS_URL"))  # other processes announce too
        self.rooms: dict[int, _Room] = {}
        self.lock = threading.Lock()  # guards `rooms`; never held while the database is read
        self.closed = False

    def view(self, workshop_id):
        """Who is in the room, as moderators see it."""
        people = self.hooks.present_people(workshop_id)
        return {"count": len(people), "people": people}

    def snapshot(self, conn):
        """Presence as this person may see it: participants get the count only."""
        if conn.is_moderator:
            return self.view(conn.workshop_id)
        return {"count": self.hooks.present_count(conn.workshop_id)}

    def changed(self, workshop_id):
        """Moderators hear that people came or went. Called after the commit (see events.presence_changed)."""
        with self.lock:
            state = self.rooms.setdefault(workshop_id, _Room())
            state.dirty = True
            if state.busy or self.closed:
                return
            state.busy = True
            wait = state.sent_at + self.interval - time.monotonic()
        if wait > 0:
            socketio.start_background_task(self._later, workshop_id, wait)
        else:
            self._send(workshop_id)

    def close(self):
        """Send nothing more (the app is going away); planned sends find this and stop."""
        self.closed = True

    def _later(self, workshop_id, wait):
        socketio.sleep(wait)
        with self.app.app_context():
            self._send(workshop_id)

    def _send(self, workshop_id):
        """Read the list and send it: always after a change; after none (a recheck) only if it no
        longer holds. Runs in the one holder of `busy`, and plans what comes next."""
        state = self.rooms[workshop_id]
        with self.lock:
            dirty, state.dirty = state.dirty, False
        view, sent = None, False
        if not self.closed:
            try:
                view = self.view(workshop_id)
                if dirty or view != state.sent:
                    socketio.emit("presence", view, to=room(workshop_id, "m"))
                    sent = True
            except Exception as error:
                if database_unreachable(error):
                    log.warning("presence of workshop %s not sent: database unreachable; trying again", workshop_id)
                else:
                    log.exception("presence of workshop %s not sent; trying again", workshop_id)
                db.session.rollback()
                with self.lock:
                    state.dirty = True
        with self.lock:
            if sent:
                state.sent, state.sent_at = view, time.monotonic()
            if self.closed or not (state.dirty or (sent and self.recheck)):
                state.busy = False
                if state.sent is not None and not state.sent["people"]:
                    del self.rooms[workshop_id]  # everyone left: nothing to remember
                return
        socketio.start_background_task(self._later, workshop_id, self.interval)
