"""Joining and leaving the room: connect (authorised), snapshot, clock sync, disconnect, and the
answer to event names the server does not know."""
import logging
import time

from flask import current_app, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room

from ..attendance import service as attendance
from ..errors import LiveError
from ..extensions import db, socketio
from ..live.state import live_state, snapshot
from ..security import room_role
from ..workshops.models import Workshop
from . import presence
from .background import ensure_background_work
from .events import (
    CONNECTIONS,
    Connection,
    Empty,
    live_event,
    room,
    run_in_transaction,
    user_room,
)

log = logging.getLogger(__name__)


def _workshop_id(auth):
    raw = auth.get("workshop") if isinstance(auth, dict) else request.args.get("workshop")
    if isinstance(raw, str) and raw.isdigit():
        raw = int(raw)
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else None


def refuse(code, message):
    raise ConnectionRefusedError(str(message), {"code": code})


def unknown_event():
    return LiveError(_("Esta acción no existe en el taller. Recarga la página e inténtalo de nuevo."),
                     code="unknown_event").as_ack()


# python-socketio hands an event a client names "connect" or "disconnect" to the same handlers as
# the real connection and disconnection. A real connect runs before the socket is registered, and a
# real disconnect after python-socketio marked the socket as leaving; anything else is a client
# pretending, answered like any unknown event so it cannot touch presence or attendance.

@socketio.on("connect")
def on_connect(auth=None):
    if request.sid in CONNECTIONS:
        return unknown_event()
    try:
        if not current_user.is_authenticated:
            refuse("unauthenticated", _("Inicia sesión o únete con el código del taller para entrar."))
        workshop_id = _workshop_id(auth)
        workshop = db.session.get(Workshop, workshop_id) if workshop_id else None
        if workshop is None:
            refuse("not_found", _("Ese taller no existe."))
        role = room_role(current_user, workshop)
        if role is None:
            refuse("forbidden", _("No estás inscrito en este taller. Únete con su código o enlace."))
        conn = Connection(sid=request.sid, user_id=current_user.id, workshop_id=workshop.id, role=role,
                          name=current_user.name, session_token=current_user.session_token)
        run_in_transaction(_enter, conn, current_user._get_current_object())
        presence.changed(conn.workshop_id)
        CONNECTIONS[request.sid] = conn
        join_room(room(workshop.id, "m" if role == "moderator" else "p"))
        join_room(user_room(conn.user_id))
        ensure_background_work(current_app._get_current_object())
    finally:
        db.session.remove()


def _enter(conn, user):
    live_state(conn.workshop_id)
    attendance.open_interval(conn.workshop_id, user, conn.sid, conn.role)


@socketio.on("disconnect")
def on_disconnect(*_reason):
    if socketio.server.manager.is_connected(request.sid, "/"):
        return unknown_event()
    conn = CONNECTIONS.pop(request.sid, None)
    if conn is None:
        return
    try:
        run_in_transaction(attendance.close_interval, conn.sid)
        presence.changed(conn.workshop_id)
    except Exception:
        log.exception("closing attendance of %s failed; the sweeper will close it", conn.sid)
    finally:
        db.session.remove()


@live_event("snapshot", lock=False)
def send_snapshot(conn, _data):
    """The whole room state; asked on join, on reconnect and whenever a sequence gap is seen."""
    from ..live.ticker import expire_due

    expire_due(conn.workshop_id)  # a snapshot never shows a countdown past its deadline as running
    return {"snapshot": snapshot(conn)}


@live_event("time", Empty, lock=False)
def server_time(conn, _data):
    """Clock sync: the client halves the round trip to estimate its offset from the server."""
    return {"server_time": time.time()}


@socketio.on("*")
def on_unknown_event(_event, *_args):
    """Every event name without a handler: an ack, so the client's callback does not wait forever."""
    return unknown_event()
