"""Who is behind each socket this process serves, and whether their session still stands.

A connection is fixed at connect time (person, workshop, role). The account's session can end later
(logout, password or role change, deletion: the accounts slice calls `end_user_sockets` once that is
committed), and the lab team can take a moderator off the workshop: every event re-reads the session
token, and every moderator event also the right to moderate, with statements the accounts and
workshops slices hand over (see hooks.py). Sockets that miss both are dropped by the periodic check.
"""
import time
from dataclasses import dataclass, field

from flask import request
from flask_babel import gettext as _

from ..errors import Forbidden, Refused
from ..extensions import db, socketio
from .hooks import current_hooks
from .rooms import user_room

AUDIENCE = "audience"


@dataclass
class Connection:
    """Who is behind one socket, fixed at connect time."""

    sid: str
    user_id: int
    workshop_id: int
    role: str  # "moderator", "participant" or "audience" (a moderator's projector) in this room
    name: str
    session_token: str
    joined: float = field(default_factory=time.time)
    locale: str | None = None  # the person's language at connect: refusals are written in it

    @property
    def is_moderator(self):
        return self.role == "moderator"

    @property
    def is_audience(self):
        """The projector: the screen the whole audience reads. It sees what a participant sees, is
        nobody in the room (no attendance, no presence) and sends nothing but reads."""
        return self.role == AUDIENCE


# sid -> Connection, for the sockets this process serves (sticky sessions keep a sid here).
CONNECTIONS: dict[str, Connection] = {}


def moderator_standing(conn, hooks):
    """(session token, may still moderate this workshop) of a moderator's connection, in one read."""
    params = {"user_id": conn.user_id, "workshop_id": conn.workshop_id}
    row = db.session.execute(hooks.moderator_standing, params).first()
    return tuple(row) if row is not None else (None, False)


def current_connection(moderator_event=False):
    """The caller's connection, if its session still stands. For a moderator event sent by a
    moderator, also whether they still moderate this workshop: the role is fixed at connect, but the
    lab team may take them off the workshop at any time."""
    conn = CONNECTIONS.get(request.sid)
    if conn is None:
        raise Refused(_("No estás conectado a un taller. Vuelve a entrar."), code="not_joined")
    hooks = current_hooks()
    if moderator_event and conn.is_moderator:
        token, may_moderate = moderator_standing(conn, hooks)
    else:
        token = db.session.execute(hooks.session_token, {"user_id": conn.user_id}).scalar()
        may_moderate = conn.is_moderator
    if token != conn.session_token:
        # Logged out (or account deleted) since this socket connected.
        socketio.server.disconnect(request.sid, namespace="/")
        raise Refused(_("Tu sesión terminó. Vuelve a iniciar sesión."), code="session_ended")
    if conn.is_moderator and not may_moderate:
        raise Forbidden(_("Ya no moderas este taller. El equipo del laboratorio te retiró de sus moderadores."))
    return conn


def end_user_sockets(user_id):
    """The person's session ended: every socket of theirs (any process) hears it, this process's close."""
    socketio.emit("session_ended", {"code": "session_ended"}, to=user_room(user_id))
    for sid, conn in list(CONNECTIONS.items()):
        if conn.user_id == user_id:
            socketio.server.disconnect(sid, namespace="/")


def end_moderation(user_id, workshop_id):
    """The lab team took this person off the workshop's moderators (committed): close their moderator
    sockets there now, on this process and, through the message queue, on the others, so they stop
    receiving the moderators' views at once. Reconnecting gives them the role they have now. Their
    sockets in other workshops stay. Harmless if they moderate it again: each socket's standing is
    read again first."""
    hooks = current_hooks()
    standing = db.session.execute(hooks.moderator_standing, {"user_id": user_id, "workshop_id": workshop_id}).first()
    if standing is None or not standing[1]:
        local = {sid for sid, conn in CONNECTIONS.items()
                 if conn.user_id == user_id and conn.workshop_id == workshop_id and conn.is_moderator}
        remote = set(hooks.open_sockets(workshop_id, user_id, "moderator")) if hooks.open_sockets else set()
        for sid in local | remote:
            socketio.server.disconnect(sid, namespace="/")


def drop_stale_connections():
    """Disconnect this process's sockets whose account session ended elsewhere, and moderators' sockets
    whose workshop no longer counts them as moderators: they stop receiving the moderators' views, and
    reconnecting gives them the role they have now (or refuses them)."""
    connections = list(CONNECTIONS.items())
    if not connections:
        return
    hooks = current_hooks()
    participants = list({c.user_id for _, c in connections if not c.is_moderator})
    tokens = dict(db.session.execute(hooks.session_tokens, {"user_ids": participants}).all()) if participants else {}
    for sid, conn in connections:
        # Moderators are few: each one's standing is the same read their moderator events make.
        token, moderates = moderator_standing(conn, hooks) if conn.is_moderator else (tokens.get(conn.user_id), True)
        if token != conn.session_token or not moderates:
            socketio.server.disconnect(sid, namespace="/")
