"""Language and time-zone choices, and the template helpers that use them."""
from zoneinfo import ZoneInfo

from flask import current_app, g, has_request_context, session
from flask_babel import format_datetime, get_locale
from flask_login import current_user
from sqlalchemy.exc import DBAPIError

from .extensions import db


def available():
    return current_app.config["LANGUAGES"]


def select_locale():
    if not has_request_context():  # command line, background work: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if g.get("known_locale"):  # a socket's events: the language read once, when it connected
        return g.known_locale
    chosen = session.get("lang")
    if chosen in available():
        return chosen
    if _user_locale() in available():
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _user_locale():
    """The signed-in person's language, or None. Loading the person reads the database: when it is
    unreachable, the message that says so is still shown, in the default language."""
    try:
        return current_user.locale if getattr(current_user, "is_authenticated", False) else None
    except DBAPIError:
        db.session.rollback()
        return None


def select_timezone():
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def in_zone(value, zone=None, fmt="medium"):
    """Format an aware UTC datetime in the given IANA zone (the workshop's), else the default."""
    if value is None:
        return ""
    tz = ZoneInfo(zone or select_timezone())
    return format_datetime(value.astimezone(tz).replace(tzinfo=None), fmt, rebase=False)


def init_app(app):
    app.jinja_env.filters["in_zone"] = in_zone
    app.jinja_env.globals["languages"] = available
    app.jinja_env.globals["get_locale"] = get_locale
