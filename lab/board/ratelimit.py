"""How fast one person may post ideas: a sliding window kept in this process's memory.

Sticky sessions keep each person's sockets on one process, so a per-process count is a per-person
count. The state lives on the app, so two apps in one process (tests) never share it.
"""
import threading
import time
from collections import defaultdict, deque

from flask import current_app


class SlidingWindow:
    """At most `limit` events per `window` seconds per key."""

    def __init__(self):
        self._times = defaultdict(deque)
        self._lock = threading.Lock()

    def take(self, key, limit, window, record=True, now=None):
        """Record one event (unless `record` is false: only look). Returns 0 when allowed, else the
        seconds to wait, and then nothing is recorded."""
        now = time.monotonic() if now is None else now
        with self._lock:
            times = self._times[key]
            while times and times[0] <= now - window:
                times.popleft()
            if len(times) >= limit:
                return times[0] + window - now
            if record:
                times.append(now)
            return 0


def post_window():
    return current_app.extensions.setdefault("cocrea_post_rate", SlidingWindow())


def take_post(user_id, record=True):
    """Count one new idea by this person: 0 if within POST_RATE, else the seconds to wait."""
    limit, window = current_app.config["POST_RATE"]
    return post_window().take(user_id, limit, window, record)
