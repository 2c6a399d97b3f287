"""Rooms: the Socket.IO rooms of a workshop, and its room row, which orders the workshop's events
(a lock every writer takes first) and numbers its broadcasts (the sequence clients use to spot a gap).

The row is the domain's (one per workshop, with a `workshop_id` key and an integer `seq`); a slice
hands its model over with `Hooks.use_room_row`. The statements are built once, as plain Core: every
event takes the lock and every broadcast bumps the sequence, on the path of every idea posted
(bench/README.md).
"""
from sqlalchemy import bindparam, update
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db
from ..rows import insert_if_missing


def room(workshop_id, audience):
    """Socket.IO room of a workshop: audience "p" (participants) or "m" (moderators)."""
    return f"ws:{workshop_id}:{audience}"


def user_room(user_id):
    """Socket.IO room of every socket of one person."""
    return f"user:{user_id}"


class RoomRows:
    """The lock and the sequence, on the rows of `model`."""

    def __init__(self, model):
        table = model.__table__
        key, seq = table.c.workshop_id, table.c.seq
        self.model = model
        # The same no-op UPDATE as `rows.lock(model.seq, ...)`: building an ORM UPDATE on every
        # event cost more than running it.
        self.lock_statement = update(table).where(key == bindparam("lock_workshop_id")).values(seq=seq)
        self.next_statement = (update(table).where(key == bindparam("live_workshop_id"))
                               .values(seq=seq + 1).returning(seq))

    def ensure(self, workshop_id):
        """The workshop's row exists from its first connection on (safely when two first arrivals race)."""
        if db.session.get(self.model, workshop_id) is None:
            insert_if_missing(self.model, workshop_id=workshop_id, seq=0)

    def lock(self, workshop_id):
        """Every broadcast updates the row anyway, so taking it first costs nothing and orders the
        event before any other that would change the same room."""
        session = db.session
        if session.autoflush:
            session.flush()  # as an ORM UPDATE would first; nothing to write, and no statement, as a rule
        session.execute(self.lock_statement, {"lock_workshop_id": workshop_id})

    def next_seq(self, workshop_id):
        seq = db.session.execute(self.next_statement, {"live_workshop_id": workshop_id}).scalar_one()
        # The statement bypasses the ORM, so keep a row this session already holds in step.
        row = db.session.identity_map.get(db.session.identity_key(self.model, workshop_id))
        if row is not None:
            set_committed_value(row, "seq", seq)
        return seq

    def row(self, workshop_id):
        """The workshop's row (None before its first connection). While the caller holds it, the
        session's identity map keeps it, so the domain reads the same row again without a query."""
        return db.session.get(self.model, workshop_id)
