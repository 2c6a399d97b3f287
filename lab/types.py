"""Column types and time helpers shared by every slice."""
from datetime import UTC, datetime

from sqlalchemy.types import DateTime, TypeDecorator

#: The largest id (or count) any column holds: PostgreSQL's `integer`, well inside SQLite's 64 bits.
#: Anything a client sends beyond it is refused at the edge, before it reaches a query.
MAX_ID = 2**31 - 1


class UTCDateTime(TypeDecorator):
    """Stores naive UTC, returns aware UTC: SQLite keeps no offset, PostgreSQL would shift it."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow():
    return datetime.now(UTC)


def iso(value):
    """An aware datetime as ISO 8601 text, for JSON; None stays None."""
    return value.isoformat() if value is not None else None
