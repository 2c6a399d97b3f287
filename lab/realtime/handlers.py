"""The socket's own events: connect (authorised), disconnect, the snapshot, clock sync, and the answer
to event names nobody declared. Every slice's events are in `<slice>/events.py`."""
import logging
import time

from flask import current_app, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room

from .. import signals
from ..errors import Refused, Unavailable, database_unreachable
from ..extensions import db, socketio
from ..types import MAX_ID
from . import limits
from .background import ensure_background_work
from .connections import AUDIENCE, CONNECTIONS, Connection
from .events import Empty, live_event, presence_changed, run_in_transaction
from .hooks import current_hooks
from .rooms import room, user_room

log = logging.getLogger(__name__)

#: sid -> Connection of sockets between their handshake and their registration in CONNECTIONS
ENTERING: dict[str, Connection] = {}


def _workshop_id(auth):
    """The workshop a connection asks for, from `auth.workshop` only (an integer, or its digits);
    None for anything else, a number no workshop can have included."""
    raw = auth.get("workshop") if isinstance(auth, dict) else None
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_ID)):
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= MAX_ID:
        return raw
    return None


def _as_audience(auth, role):
    """A moderator opening the projector asks to see the room as its audience does."""
    wants = isinstance(auth, dict) and auth.get("view") == "projector"
    return AUDIENCE if wants and role == "moderator" else role


def refuse(code, message):
    raise ConnectionRefusedError(str(message), {"code": code})


def unknown_event():
    return Refused(_("Esta acción no existe en el taller. Recarga la página e inténtalo de nuevo."),
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
        if limits.sockets_left(current_user.id, workshop_id, [*CONNECTIONS.values(), *ENTERING.values()]) <= 0:
            refuse("too_many_connections", _("Ya tienes demasiadas pestañas o dispositivos conectados a este taller. "
                                             "Cierra alguno y vuelve a intentarlo."))
        try:
            role = current_hooks().authorise(current_user, workshop_id)
        except Refused as refusal:
            refuse(refusal.code, refusal.message)
        role = _as_audience(auth, role)
        conn = Connection(sid=request.sid, user_id=current_user.id, workshop_id=workshop_id, role=role,
                          name=current_user.name, session_token=current_user.session_token, locale=str(get_locale()))
        ENTERING[request.sid] = conn  # counted while its attendance is written (other connects may run meanwhile)
        run_in_transaction(_enter, conn, current_user._get_current_object())
        CONNECTIONS[request.sid] = conn
        join_room(room(conn.workshop_id, "m" if conn.is_moderator else "p"))
        join_room(user_room(conn.user_id))
        ensure_background_work(current_app._get_current_object())
    except ConnectionRefusedError:
        raise
    except Exception as error:  # every connection gets an answer, never a client left waiting
        db.session.rollback()
        if database_unreachable(error):
            log.warning("connect: database unreachable (%s)", type(error.orig).__name__)
            refuse("unavailable", Unavailable.default)
        log.exception("connect failed")
        refuse("server_error", _("Algo salió mal de nuestro lado. Tu información está a salvo; inténtalo de nuevo."))
    finally:
        ENTERING.pop(request.sid, None)
        db.session.remove()


def _enter(conn, user):
    current_hooks().rooms.ensure(conn.workshop_id)
    signals.socket_connected.send(conn, user=user)
    presence_changed(conn.workshop_id)


@socketio.on("disconnect")
def on_disconnect(*_reason):
    if socketio.server.manager.is_connected(request.sid, "/"):
        return unknown_event()
    conn = CONNECTIONS.pop(request.sid, None)
    if conn is None:
        return
    try:
        run_in_transaction(_leave, conn)
    except Exception:
        log.exception("closing attendance of %s failed; the sweeper will close it", conn.sid)
    finally:
        db.session.remove()


def _leave(conn):
    signals.socket_disconnected.send(conn)
    presence_changed(conn.workshop_id)


@live_event("snapshot", lock=False, audience=True)
def send_snapshot(conn, _data):
    """The whole room state; asked on join, on reconnect and whenever a sequence gap is seen.

    The sequence number is read before any part, so an update the parts already show is at most
    sent again (clients apply updates idempotently), never missed."""
    hooks = current_hooks()
    for prepare in hooks.preparations:
        prepare(conn.workshop_id)
    room_row = hooks.rooms.row(conn.workshop_id)  # held to the end: the parts read it without a query
    snapshot = {"seq": room_row.seq if room_row is not None else 0, "server_time": time.time(),
                "me": {"user_id": conn.user_id, "name": conn.name, "role": conn.role}}
    for part in hooks.snapshot_parts:
        snapshot.update(part(conn))
    snapshot["presence"] = hooks.presence.snapshot(conn)
    return {"snapshot": snapshot}


@live_event("time", Empty, lock=False, audience=True)
def server_time(conn, _data):
    """Clock sync: the client halves the round trip to estimate its offset from the server."""
    return {"server_time": time.time()}


@socketio.on("*")
def on_unknown_event(_event, *_args):
    """Every event name without a handler: an ack, so the client's callback does not wait forever."""
    return unknown_event()
