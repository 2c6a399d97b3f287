"""The shape every live event shares: validate, authorise, run, commit, then broadcast, then ack.

    class IdeaPost(Payload):          # in <slice>/events.py: the payload, then a one-line handler
        client_id: ClientId
        ...

    @live_event("idea:post", IdeaPost)
    def on_post(conn, data):          # conn: the caller's Connection; data: the validated payload
        return service.post_idea(conn, data)

A service never commits or emits itself: it flushes, and queues broadcasts with `publish` (sequenced)
or `notify` (unsequenced). The runner commits, then sends what was queued, then acks, so nobody
sees a change that was not stored. Background jobs use the same runner, `run_in_transaction`.
"""
import logging
import time
from functools import wraps
from typing import Annotated

from flask import g, request
from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import Forbidden, Invalid, Refused, Unavailable, database_unreachable
from ..extensions import db, socketio
from ..types import MAX_ID
from . import limits
from .connections import CONNECTIONS, current_connection
from .hooks import current_hooks
from .models import AuditEntry
from .rooms import room

log = logging.getLogger(__name__)

#: every event declared with `live_event`: name -> {"moderator": bool, "schema": its Payload}
#: (docs/protocol.md lists them all)
EVENTS: dict[str, dict] = {}


#: A row's id as a payload field: a positive integer a database column can hold.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class Payload(BaseModel):
    """Base of every event payload: unknown fields and loose types are refused, and no integer anywhere
    in it (a field, a list's item) lies beyond what a column holds, so none reaches a query that
    would overflow."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _within_columns(cls, value):
        if not _fits_columns(value):
            raise ValueError("integer out of range")
        return value


def _fits_columns(value):
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -MAX_ID <= value <= MAX_ID
    if isinstance(value, list | tuple | set):
        return all(_fits_columns(item) for item in value)
    if isinstance(value, dict):
        return all(_fits_columns(item) for item in value.values())
    return True


class Empty(Payload):
    pass


def live_event(name, schema=Empty, moderator=False, lock=True, audience=False):
    """Register a Socket.IO event handler with validation, authorisation, a transaction and an ack.

    With `lock`, the workshop's room row is locked before the handler runs: every writer takes
    that lock first, so two events on the same room never wait on each other in opposite orders.
    Read-only events, and handlers that take the lock themselves later, pass lock=False. Moderator
    events answer `forbidden` to anyone else and are written to the audit log. The projector's
    connection (the audience) may send only the events declared with `audience` (reads).
    """

    def decorate(handler):
        @wraps(handler)
        def on_event(payload=None, *extra):
            try:
                caller = CONNECTIONS.get(request.sid)
                if caller is not None:
                    g.known_locale = caller.locale  # no query to learn the language of an answer
                    limits.check(caller.user_id, name, record=False)  # over the limit: refused before any query
                conn = current_connection(moderator)
                if moderator and not conn.is_moderator:
                    raise Forbidden()
                if conn.is_audience and not audience:
                    raise Forbidden(_("El proyector solo muestra el taller; actúa desde la consola."))
                if extra:
                    raise Invalid(_("Envía un único objeto con los datos del evento."))
                try:
                    data = schema.model_validate({} if payload is None and schema is Empty else payload)
                except ValidationError as error:
                    raise Invalid(describe_validation(error)) from None
                limits.check(conn.user_id, name, record=True)
                work = _with_audit(handler, name if moderator else None)
                result = run_in_transaction(_locked(work) if lock else work, conn, data)
                return {"ok": True, **(result or {})}
            except Refused as refusal:
                return refusal.as_ack()
            except Exception as error:  # the server keeps serving; the person gets a readable answer
                db.session.rollback()
                if database_unreachable(error):  # one line, not a traceback per event while it is down
                    log.warning("live event %s: database unreachable (%s)", name, type(error.orig).__name__)
                    return Unavailable().as_ack()
                log.exception("live event %s failed", name)
                return {"ok": False, "error": {"code": "server_error", "message": _(
                    "Algo salió mal de nuestro lado. Tu información está a salvo; inténtalo de nuevo.")}}
            finally:
                db.session.remove()

        if name in EVENTS:
            raise RuntimeError(f"live event {name!r} declared twice")
        EVENTS[name] = {"moderator": moderator, "schema": schema}
        socketio.on(name)(on_event)
        return handler

    return decorate


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


# -- the transaction and what goes out after it ---------------------------------------------------

def run_in_transaction(fn, *args):
    """Run `fn`, commit, then send what it queued. Returns fn's result; on any error rolls back,
    sends nothing and raises."""
    try:
        result = fn(*args)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        discard_outbox()
        raise
    flush_outbox()
    return result


def publish(workshop_id, kind, data, moderator_data=None):
    """Queue a sequenced broadcast; it is sent after the transaction commits.

    Participants receive `data`, moderators `moderator_data` (or `data`): both carry the same
    sequence number, so neither audience sees a gap.
    """
    seq = current_hooks().rooms.next_seq(workshop_id)
    now = time.time()
    pending = g.setdefault("live_outbox", [])
    pending.append((room(workshop_id, "p"), {"seq": seq, "type": kind, "data": data, "t": now}))
    pending.append((room(workshop_id, "m"), {"seq": seq, "type": kind,
                                             "data": data if moderator_data is None else moderator_data, "t": now}))
    return seq


def notify(target_room, event, data):
    """Queue an unsequenced message (presence, vote progress): state-carrying, last one wins."""
    g.setdefault("live_outbox_plain", []).append((target_room, event, data))


def presence_changed(*workshop_ids):
    """People came or went in these workshops: moderators hear it once the transaction commits."""
    g.setdefault("live_presence", set()).update(workshop_ids)


def lock_room(workshop_id):
    """Take the workshop's room lock now (events declared with lock=False that lock later, jobs)."""
    current_hooks().rooms.lock(workshop_id)


def flush_outbox():
    for target, message in g.pop("live_outbox", []):
        socketio.emit("update", message, to=target)
    for target, event, data in g.pop("live_outbox_plain", []):
        socketio.emit(event, data, to=target)
    changed = g.pop("live_presence", ())
    if changed:
        presence = current_hooks().presence
        for workshop_id in sorted(changed):
            presence.changed(workshop_id)


def discard_outbox():
    g.pop("live_outbox", None)
    g.pop("live_outbox_plain", None)
    g.pop("live_presence", None)


def _locked(handler):
    def locked(conn, data):
        lock_room(conn.workshop_id)
        return handler(conn, data)

    return locked


def _with_audit(handler, action):
    """Moderator actions are written to the audit log in the same transaction as their effect."""
    if action is None:
        return handler

    def audited(conn, data):
        result = handler(conn, data)
        db.session.add(AuditEntry(workshop_id=conn.workshop_id, user_id=conn.user_id, action=action,
                                  detail=data.model_dump(mode="json")))
        return result

    return audited
