"""Row locks that make concurrent events on the same state run one after the other."""
from functools import cache

from sqlalchemy import bindparam, update

from ..extensions import db


def lock(column, *criteria):
    """Lock the rows matching `criteria` until the transaction ends, by writing `column` onto itself.

    A no-op UPDATE locks on both databases we run on: on PostgreSQL it takes the row lock a
    SELECT ... FOR UPDATE would; on SQLite it takes the single writer lock. (SQLite's driver only
    opens a transaction at the first write, so there a SELECT ... FOR UPDATE would lock nothing, and
    a SAVEPOINT taken before any write would commit on its own.) Returns how many rows matched.
    """
    result = db.session.execute(
        update(column.class_).where(*criteria).values({column.key: column})
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


@cache
def _room_lock():
    """The same no-op UPDATE as `lock(LiveState.seq, ...)`, built once as a plain Core statement: every
    event takes it, and building an ORM UPDATE each time cost more than running it."""
    from ..live.models import LiveState

    states = LiveState.__table__
    return (update(states).where(states.c.workshop_id == bindparam("lock_workshop_id"))
            .values(seq=states.c.seq))


def lock_room(workshop_id):
    """The workshop's live row: every broadcast updates it anyway, so taking it first costs nothing
    and orders the event before any other that would change the same room state."""
    session = db.session
    if session.autoflush:
        session.flush()  # as an ORM UPDATE would first; nothing to write, and no statement, as a rule
    session.execute(_room_lock(), {"lock_workshop_id": workshop_id})
