"""Attendance upkeep, a background job of every serving process: the intervals of this process's
sockets are refreshed, and intervals nobody refreshed for a while (their process died without saying
goodbye) are closed at the moment they were last seen."""
from flask import current_app

from ..realtime import CONNECTIONS, presence_changed, run_in_transaction
from . import service


def upkeep():
    run_in_transaction(_refresh_and_sweep, 3 * current_app.config["PRESENCE_HEARTBEAT_SECONDS"])


def _refresh_and_sweep(max_silence_seconds):
    service.heartbeat(list(CONNECTIONS))
    presence_changed(*service.close_stale(max_silence_seconds))
