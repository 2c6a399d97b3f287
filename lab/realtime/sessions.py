"""Ending live sessions when an account's session ends (logout, password or role change, deletion).

The Flask session a socket carries is a snapshot taken at connect, so a logout over HTTP must reach
the sockets too. When a user's session token changes or the user is deleted, once the change is
committed: sockets of that user served by this process are disconnected, and every socket of that
user (any process, through the message queue) is told `session_ended`. Sockets in other processes
are also refused at their next event and dropped by their process's periodic check, which also drops
the sockets of moderators the lab team took off a workshop.
"""
from flask import g, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import NO_VALUE

from ..accounts.models import User
from ..extensions import db, socketio
from .events import CONNECTIONS, moderator_standing, user_room

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


def end_user_sockets(user_id):
    socketio.emit("session_ended", {"code": "session_ended"}, to=user_room(user_id))
    for sid, conn in list(CONNECTIONS.items()):
        if conn.user_id == user_id:
            socketio.server.disconnect(sid, namespace="/")


def drop_stale_connections():
    """Disconnect this process's sockets whose account session ended elsewhere, and moderators' sockets
    whose workshop no longer counts them as moderators: they stop receiving the moderators' views, and
    reconnecting gives them the role they have now (or refuses them)."""
    connections = list(CONNECTIONS.items())
    if not connections:
        return
    tokens = dict(db.session.execute(select(User.id, User.session_token).where(
        User.id.in_({c.user_id for _, c in connections if not c.is_moderator}))).all())
    for sid, conn in connections:
        # Moderators are few: each one's standing is the same read their moderator events make.
        token, moderates = moderator_standing(conn) if conn.is_moderator else (tokens.get(conn.user_id), True)
        if token != conn.session_token or not moderates:
            socketio.server.disconnect(sid, namespace="/")


def watch(app):
    app.teardown_appcontext(_end_after_context)
    if not event.contains(User.session_token, "set", _token_changed):
        event.listen(User.session_token, "set", _token_changed)
        event.listen(Session, "after_flush", _deleted)
        event.listen(Session, "after_commit", _committed)
