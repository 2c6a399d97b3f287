"""The realtime layer: declaring socket events, running them in a transaction, publishing after commit,
connections, room locks, session checks, presence and background work.

It imports no domain slice: the slices declare their events with `live_event` in `<slice>/events.py`
and hand the layer what it needs to know about accounts, workshops and rooms in their `init_app`
(see hooks.py). docs/architecture.md shows how a slice plugs in.
"""
from . import handlers  # noqa: F401  (connect, disconnect, snapshot, time, unknown names)
from .connections import CONNECTIONS, Connection, end_moderation, end_user_sockets
from .events import (
    EVENTS,
    Empty,
    Id,
    Payload,
    live_event,
    lock_room,
    notify,
    presence_changed,
    publish,
    run_in_transaction,
)
from .hooks import current_hooks, hooks_of
from .hooks import init_app as init_app
from .rooms import room, user_room

__all__ = ["CONNECTIONS", "EVENTS", "Connection", "Empty", "Id", "Payload", "current_hooks", "end_moderation",
           "end_user_sockets", "hooks_of", "init_app", "live_event", "lock_room", "notify", "presence_changed",
           "publish", "room", "run_in_transaction", "user_room"]
