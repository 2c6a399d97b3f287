"""One cell's value as the formats write it: formula neutralising, the workshop's local time,
durations as H:MM:SS, decimals with the reader's decimal mark, yes/no and lists."""
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import gettext as _

# A spreadsheet runs a cell starting with one of these as a formula (or, for tab and carriage
# return, may drop them and then run what follows). An apostrophe first makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = " | "


def neutralise(text):
    """Text a spreadsheet will never run as a formula: risky first characters get an apostrophe."""
    text = "" if text is None else str(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def zone_of(zone):
    """A tzinfo from an IANA name (the workshop's `timezone`) or a tzinfo given as is."""
    if isinstance(zone, tzinfo):
        return zone
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as error:
        raise ValueError(f"unknown time zone {zone!r}") from error


def local(moment: datetime, zone) -> datetime:
    """The wall-clock time in the zone, without offset: what a spreadsheet cell can hold."""
    return moment.astimezone(zone).replace(tzinfo=None)


def local_text(moment: datetime, zone) -> str:
    """YYYY-MM-DD HH:MM:SS, which Excel reads as a date and time in every language."""
    return local(moment, zone).strftime("%Y-%m-%d %H:%M:%S")


def clock(duration: timedelta) -> str:
    """H:MM:SS in whole seconds, hours beyond 24 kept (Excel reads it as a duration)."""
    whole = int(duration.total_seconds())
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def decimal_text(value, point=".") -> str:
    """Plain digits, no grouping and no exponent, with the given decimal mark."""
    number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    return format(number, "f").replace(".", point)


def yes_no(value: bool) -> str:
    return _("Sí") if value else _("No")


def list_text(values, separator=LIST_SEPARATOR) -> str:
    return separator.join(values)


def excel_days(duration: timedelta) -> float:
    """A duration as Excel stores it: a fraction of days."""
    return duration.total_seconds() / 86400
