"""The shape every live event shares: validate, authorise, run, commit, then broadcast, then ack.

    @live_event("idea:post", IdeaPost)
    def post_idea(conn, data):       # conn: the caller's Connection; data: the validated payload
        ...
        publish(conn.workshop_id, "idea.added", public_view, moderator_view)
        return {"idea": moderator_view}

A handler never commits or emits itself. Broadcasts queued with `publish` go out only after the
commit succeeds, so nobody sees a change that was not stored.
"""
import logging
import time
from dataclasses import dataclass, field
from functools import cache, wraps

from flask import g, request
from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import and_, bindparam, exists, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value

from ..errors import Forbidden, Invalid, LiveError
from ..extensions import db, socketio

log = logging.getLogger(__name__)


@dataclass
class Connection:
    """Who is behind one socket, fixed at connect time."""

    sid: str
    user_id: int
    workshop_id: int
    role: str  # "moderator" or "participant" in this room
    name: str
    session_token: str
    joined: float = field(default_factory=time.time)

    @property
    def is_moderator(self):
        return self.role == "moderator"


# sid -> Connection, for the sockets this process serves (sticky sessions keep a sid here).
CONNECTIONS: dict[str, Connection] = {}


class Payload(BaseModel):
    """Base of every event payload: unknown fields and loose types are refused."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)


class Empty(Payload):
    pass


def room(workshop_id, audience):
    """Socket.IO room of a workshop: audience "p" (participants) or "m" (moderators)."""
    return f"ws:{workshop_id}:{audience}"


def user_room(user_id):
    return f"user:{user_id}"


def publish(workshop_id, kind, data, moderator_data=None):
    """Queue a sequenced broadcast; it is sent after the handler's transaction commits.

    Participants receive `data`, moderators `moderator_data` (or `data`): both carry the same
    sequence number, so neither audience sees a gap.
    """
    from ..live.models import LiveState

    seq = db.session.execute(_statements().next_seq, {"live_workshop_id": workshop_id}).scalar_one()
    # The statement bypasses the ORM, so keep a LiveState this session already holds in step.
    state = db.session.identity_map.get(db.session.identity_key(LiveState, workshop_id))
    if state is not None:
        set_committed_value(state, "seq", seq)
    now = time.time()
    pending = g.setdefault("live_outbox", [])
    pending.append((room(workshop_id, "p"), {"seq": seq, "type": kind, "data": data, "t": now}))
    pending.append((room(workshop_id, "m"), {"seq": seq, "type": kind,
                                             "data": data if moderator_data is None else moderator_data, "t": now}))
    return seq


def notify(target_room, event, data):
    """Queue an unsequenced message (presence, vote progress): state-carrying, last one wins."""
    g.setdefault("live_outbox_plain", []).append((target_room, event, data))


def flush_outbox():
    for target, message in g.pop("live_outbox", []):
        socketio.emit("update", message, to=target)
    for target, event, data in g.pop("live_outbox_plain", []):
        socketio.emit(event, data, to=target)


def discard_outbox():
    g.pop("live_outbox", None)
    g.pop("live_outbox_plain", None)


def run_in_transaction(fn, *args):
    """Run `fn`, commit, then send what it published. Returns fn's result or raises LiveError."""
    try:
        result = fn(*args)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        discard_outbox()
        raise
    flush_outbox()
    return result


def describe_validation(error: ValidationError):
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or _("datos")
    kind = first["type"]
    if kind == "missing":
        return _("Falta el campo «%(field)s».", field=where)
    if kind == "extra_forbidden":
        return _("El campo «%(field)s» no se esperaba.", field=where)
    if kind in ("string_too_long", "too_long"):
        return _("El campo «%(field)s» es demasiado largo.", field=where)
    if kind in ("string_too_short", "too_short"):
        return _("El campo «%(field)s» no puede estar vacío.", field=where)
    return _("El campo «%(field)s» no es válido.", field=where)


def live_event(name, schema=Empty, moderator=False, lock=True):
    """Register a Socket.IO event handler with validation, authorisation, a transaction and an ack.

    With `lock`, the workshop's live row is locked before the handler runs: every writer takes
    that lock first, so two events on the same room never wait on each other in opposite orders.
    Read-only events, and handlers that take the lock themselves later, pass lock=False.
    """

    def decorate(handler):
        @wraps(handler)
        def on_event(payload=None, *extra):
            try:
                conn = current_connection(moderator)
                if moderator and not conn.is_moderator:
                    raise Forbidden()
                if extra:
                    raise Invalid(_("Envía un único objeto con los datos del evento."))
                try:
                    data = schema.model_validate({} if payload is None and schema is Empty else payload)
                except ValidationError as error:
                    raise Invalid(describe_validation(error)) from None
                work = _with_audit(handler, name if moderator else None)
                result = run_in_transaction(_locked(work) if lock else work, conn, data)
                return {"ok": True, **(result or {})}
            except LiveError as error:
                return error.as_ack()
            except Exception:  # the server keeps serving; the person gets a readable answer
                log.exception("live event %s failed", name)
                db.session.rollback()
                return {"ok": False, "error": {"code": "server_error", "message": _(
                    "Algo salió mal de nuestro lado. Tu información está a salvo; inténtalo de nuevo.")}}
            finally:
                db.session.remove()

        socketio.on(name)(on_event)
        return handler

    return decorate


class _Statements:
    """The session check (every event) and the sequence bump (every broadcast), built once as plain
    Core statements: no per-call query building, no ORM synchronisation. Both are on the path of
    every idea posted (bench/README.md)."""

    def __init__(self):
        from ..accounts.models import User
        from ..live.models import LiveState
        from ..workshops.models import workshop_moderators as assigned

        users, states = User.__table__, LiveState.__table__
        self.session_token = select(users.c.session_token).where(users.c.id == bindparam("user_id"))
        # The session check of a moderator event also re-reads the right to moderate, as
        # security.can_moderate decides it: the lab team, or a moderator assigned to this workshop.
        # Two primary-key lookups in one round trip.
        may_moderate = or_(users.c.role == "lab", and_(users.c.role == "moderator", exists().where(
            assigned.c.workshop_id == bindparam("workshop_id"), assigned.c.user_id == users.c.id)))
        self.moderator_check = select(users.c.session_token, may_moderate).where(users.c.id == bindparam("user_id"))
        self.next_seq = (update(states).where(states.c.workshop_id == bindparam("live_workshop_id"))
                         .values(seq=states.c.seq + 1).returning(states.c.seq))


@cache
def _statements():
    return _Statements()


def moderator_standing(conn):
    """(session token, may still moderate this workshop) of a moderator's connection, in one read."""
    row = db.session.execute(_statements().moderator_check,
                             {"user_id": conn.user_id, "workshop_id": conn.workshop_id}).first()
    return tuple(row) if row is not None else (None, False)


def current_connection(moderator_event=False):
    """The caller's connection, if its session still stands. For a moderator event sent by a
    moderator, also whether they still moderate this workshop: the role is fixed at connect, but the
    lab team may take them off the workshop at any time."""
    conn = CONNECTIONS.get(request.sid)
    if conn is None:
        raise LiveError(_("No estás conectado a un taller. Vuelve a entrar."), code="not_joined")
    if moderator_event and conn.is_moderator:
        token, may_moderate = moderator_standing(conn)
    else:
        token = db.session.execute(_statements().session_token, {"user_id": conn.user_id}).scalar()
        may_moderate = conn.is_moderator
    if token != conn.session_token:
        # Logged out (or account deleted) since this socket connected.
        socketio.server.disconnect(request.sid, namespace="/")
        raise LiveError(_("Tu sesión terminó. Vuelve a iniciar sesión."), code="session_ended")
    if conn.is_moderator and not may_moderate:
        raise Forbidden(_("Ya no moderas este taller. El equipo del laboratorio te retiró de sus moderadores."))
    return conn


def _locked(handler):
    def locked(conn, data):
        from .rooms import lock_room

        lock_room(conn.workshop_id)
        return handler(conn, data)

    return locked


def _with_audit(handler, action):
    """Moderator actions are written to the audit log in the same transaction as their effect."""
    if action is None:
        return handler

    def audited(conn, data):
        from ..live.models import AuditEntry

        result = handler(conn, data)
        db.session.add(AuditEntry(workshop_id=conn.workshop_id, user_id=conn.user_id, action=action,
                                  detail=data.model_dump(mode="json")))
        return result

    return audited
