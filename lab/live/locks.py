"""Row locks that make concurrent events on the same state run one after the other."""
from sqlalchemy import update

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


def lock_room(workshop_id):
    """The workshop's live row: every broadcast updates it anyway, so taking it first costs nothing
    and orders the event before any other that would change the same room state."""
    from .models import LiveState

    lock(LiveState.seq, LiveState.workshop_id == workshop_id)
