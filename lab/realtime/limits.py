"""How much one person may ask of a room: events per family in a sliding window, sockets per workshop.

Every live event belongs to a family, the part of its name before ":" (`hand:raise` and
`hand:lower` are `hand`; `snapshot` and `time` are families of their own). `EVENT_RATES` (lab/config.py,
COCREA_EVENT_RATES) gives each family a count per seconds, per person, and "*" covers any family it
does not name: one table, listed in docs/protocol.md §13. SOCKETS_PER_PERSON caps the sockets one
person holds open in one workshop (handlers.py refuses the next one). Counts live in this process's memory: sticky
sessions keep a person's sockets on one process, so it is a per-person count, kept on the app so two
apps in one process (tests) never share it.

Only events that passed validation count: a refused payload costs no query and changes nothing.
Once a person is over a family's limit, their events of that family are refused before any query.
"""
import threading
import time
from collections import defaultdict, deque

from flask import current_app
from flask_babel import lazy_gettext as _l

from ..errors import RateLimited

TOO_FAST = _l("Vas muy rápido. Espera unos segundos y vuelve a intentarlo.")


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
            elif not times:
                del self._times[key]  # a look at an idle key leaves nothing behind
            return 0


def family(event):
    return event.partition(":")[0]


def rate_of(event):
    """(count, seconds) for the event's family, or None: not limited."""
    rates = current_app.config["EVENT_RATES"]
    return rates.get(family(event), rates.get("*"))


def _window():
    return current_app.extensions.setdefault("cocrea_event_rates", SlidingWindow())


def check(user_id, event, record):
    """Refuse with `rate_limited` when the person is over the limit of the event's family; with
    `record`, count this event."""
    rate = rate_of(event)
    if rate is None:
        return
    limit, seconds = rate
    wait = _window().take((user_id, family(event)), limit, seconds, record)
    if wait:
        raise RateLimited(TOO_FAST, retry_after=round(wait, 2))


def sockets_left(user_id, workshop_id, connections):
    """How many more sockets the person may open in the workshop, given `connections` (Connection-like
    objects of this process, those still connecting included)."""
    held = sum(1 for c in connections if c.user_id == user_id and c.workshop_id == workshop_id)
    return current_app.config["SOCKETS_PER_PERSON"] - held
