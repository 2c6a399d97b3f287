"""Row helpers every slice shares: a row lock that works on SQLite and PostgreSQL alike, and an
insert that tolerates a twin inserted at the same moment."""
from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite

from .extensions import db


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


def insert_if_missing(model, **values):
    """Insert a row unless one with the same key exists, without failing the transaction.

    Some rows are created by whoever needs them first; two people entering a new room at the same
    moment both find none and both insert. ON CONFLICT DO NOTHING lets the second wait for the
    first and then keep its row, where a plain INSERT would abort that person's connection.
    """
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(insert(model).values(**values).on_conflict_do_nothing())
