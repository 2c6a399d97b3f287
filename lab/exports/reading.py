"""One consistent read: every table of an export sees the database as it was at one moment, even
while the workshop goes on live and ideas keep arriving.

PostgreSQL: a REPEATABLE READ transaction (a snapshot taken at its first query). SQLite in WAL
mode: one explicit read transaction, which sees the database as of its first read; the Python
driver would otherwise run each SELECT on its own."""
from contextlib import contextmanager

from ..extensions import db


@contextmanager
def consistent_read():
    """Run the block's queries in one snapshot; nothing is written, and the snapshot ends after."""
    db.session.rollback()
    if db.engine.dialect.name == "postgresql":
        db.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    elif db.engine.dialect.name == "sqlite":
        db.session.connection().exec_driver_sql("BEGIN")
    try:
        yield
    finally:
        db.session.rollback()
