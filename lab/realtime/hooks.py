"""What the realtime layer needs from the domain, handed over by the slices in their `init_app`.

The layer imports no slice. What it must know about accounts, workshops and rooms, the slices give it
once, when the app is built (one `Hooks` per app, in `app.extensions["realtime"]`):

| hook | handed by | the layer uses it to |
|---|---|---|
| `use_room_row(model)` | live | lock a room, number its broadcasts |
| `check_sessions_with(token, tokens)` | accounts | refuse a socket whose account session ended |
| `check_moderators_with(standing)` | workshops | refuse a moderator event from someone no longer moderating |
| `authorise_with(fn)` | workshops | accept or refuse a connection, and fix its role |
| `read_presence_with(people, count)` | attendance | tell moderators (and participants, as a count) who is in |
| `find_sockets_with(fn)` | attendance | close a removed moderator's sockets on every process |
| `before_snapshot(fn)`, `snapshot_part(fn)` | live, board | build the snapshot a client draws the room from |
| `every(seconds, job)` | live, attendance | run periodic work (timer expiry, attendance upkeep) |

Statements are built by the slice that owns the tables, once, and only executed here.
"""
from flask import current_app

from .. import signals
from . import audit
from .presence import PresenceBoard
from .rooms import RoomRows


class Hooks:
    def __init__(self, app):
        self.rooms = None
        self.authorise = None  # (user, workshop_id) -> "moderator" | "participant"; raises Refused
        self.session_token = None  # :user_id -> the account's session token
        self.session_tokens = None  # :user_ids (expanding) -> (user id, session token)
        self.moderator_standing = None  # :user_id, :workshop_id -> (session token, may still moderate)
        self.present_people = None  # workshop_id -> [{user_id, name, ...}] of who is connected now
        self.present_count = None  # workshop_id -> how many people `present_people` would list
        self.open_sockets = None  # (workshop_id, user_id, role) -> sids of their open connections, any process
        self.preparations = []  # fn(workshop_id), before a snapshot is read
        self.snapshot_parts = []  # fn(conn) -> {key: value} merged into the snapshot
        self.jobs = []  # (seconds, fn()): periodic work of the background loop
        self.presence = PresenceBoard(app, self)

    def use_room_row(self, model):
        """`model` has one row per workshop: `workshop_id` (key) and an integer `seq`."""
        self.rooms = RoomRows(model)

    def check_sessions_with(self, token, tokens):
        self.session_token, self.session_tokens = token, tokens

    def check_moderators_with(self, standing):
        self.moderator_standing = standing

    def authorise_with(self, fn):
        self.authorise = fn

    def read_presence_with(self, people, count):
        self.present_people, self.present_count = people, count

    def find_sockets_with(self, fn):
        self.open_sockets = fn

    def before_snapshot(self, fn):
        _add(self.preparations, fn)

    def snapshot_part(self, fn):
        _add(self.snapshot_parts, fn)

    def every(self, seconds, job):
        """Run `job()` in an app context every `seconds` at most, in every serving process. The job is
        a boundary: it commits its own work (with `run_in_transaction`)."""
        _add(self.jobs, (seconds, job))


def _add(registry, entry):
    if entry not in registry:
        registry.append(entry)


def hooks_of(app):
    return app.extensions["realtime"]


def current_hooks():
    return current_app.extensions["realtime"]


def init_app(app):
    app.extensions["realtime"] = Hooks(app)
    signals.personal_data.connect(audit.personal_data)
