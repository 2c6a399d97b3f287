"""Attendance upkeep, a background job of every serving process: the intervals of this process's
sockets are refreshed, and intervals nobody refreshed for a while (their process died without saying
goodbye) are closed at the moment they were last seen.

With no message queue one process serves every socket, so an open interval whose socket it does not
serve was left by a restart: it is closed at once (the job's first run is at start), and the person's
reconnection opens a new one. Nobody shows as "in the room" with a growing time meanwhile. With a
message queue other processes serve sockets too, and the silence rule is what applies."""
from datetime import timedelta

from flask import current_app

from ..realtime import CONNECTIONS, presence_changed, run_in_transaction
from ..types import utcnow
from . import service


def upkeep():
    run_in_transaction(_refresh_and_sweep, 3 * current_app.config["PRESENCE_HEARTBEAT_SECONDS"])


# A connection's interval is committed a moment before the process lists its socket: younger
# intervals are spared, unless they are older than the process itself.
REGISTERING = timedelta(seconds=10)
STARTED = utcnow()


def _refresh_and_sweep(max_silence_seconds):
    serving = list(CONNECTIONS)
    service.heartbeat(serving)
    presence_changed(*service.close_stale(max_silence_seconds))
    if not current_app.config.get("REDIS_URL"):
        joined_before = max(STARTED, utcnow() - REGISTERING)
        presence_changed(*service.close_orphans(serving, joined_before))
