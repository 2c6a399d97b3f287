"""Ending live sessions when an account's session ends (logout, password or role change, deletion).

The Flask session a socket carries is a snapshot taken at connect, so a logout over HTTP must reach
the sockets too. When a user's session token changes or the user is deleted, once the change is
committed: sockets of that user served by this process are disconnected, and every socket of that
user (any process, through the message queue) is told `session_ended` (`realtime.end_user_sockets`).
Sockets in other processes are also refused at their next event, which re-reads the token with the
statement handed to the realtime layer here, and dropped by their process's periodic check.
"""
from functools import cache

from flask import g, has_app_context, session
from flask_login import current_user
from sqlalchemy import bindparam, event, select
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import NO_VALUE

from ..realtime import end_user_sockets, hooks_of
from .models import User

_KEY = "cocrea_ended_users"


def _token_changed(user, value, old, _initiator):
    session = object_session(user)
    if session is not None and user.id is not None and old not in (NO_VALUE, None) and value != old:
        session.info.setdefault(_KEY, set()).add(user.id)


def _deleted(session, _context):
    for obj in session.deleted:
        if isinstance(obj, User):
            session.info.setdefault(_KEY, set()).add(obj.id)


def _committed(session):
    # Not here: a disconnect runs handlers that use the session being committed.
    ended = session.info.pop(_KEY, set())
    if ended and has_app_context():
        g.setdefault(_KEY, set()).update(ended)


def _end_after_context(_exc):
    for user_id in g.pop(_KEY, ()):
        end_user_sockets(user_id)


@cache
def token_statements():
    """The session check of every live event, and of the periodic sweep, built once as plain Core."""
    users = User.__table__
    one = select(users.c.session_token).where(users.c.id == bindparam("user_id"))
    many = select(users.c.id, users.c.session_token).where(users.c.id.in_(bindparam("user_ids", expanding=True)))
    return one, many


def _expiring_session():
    """A signed-in person's session lasts SESSION_HOURS from their last request (the signed cookie
    carries its time; an older one is refused), not until the browser closes, which may be never."""
    if not session.permanent and current_user.is_authenticated:
        session.permanent = True


def init_app(app):
    hooks_of(app).check_sessions_with(*token_statements())
    app.before_request(_expiring_session)
    app.teardown_appcontext(_end_after_context)
    if not event.contains(User.session_token, "set", _token_changed):
        event.listen(User.session_token, "set", _token_changed)
        event.listen(Session, "after_flush", _deleted)
        event.listen(Session, "after_commit", _committed)
