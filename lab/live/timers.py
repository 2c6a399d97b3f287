"""Countdowns stored as absolute deadlines. Pure operations on a Timer row plus expiry.

A running timer has `deadline` (epoch seconds); a paused or idle one has `remaining`. Clients get
the deadline and the server time, so every screen shows the same seconds and a restarted server
resumes the same countdown.
"""
import time

from flask_babel import gettext as _
from sqlalchemy import select, update

from ..errors import Conflict
from ..extensions import db
from ..rows import insert_if_missing
from .models import Timer

EXTEND_SECONDS = 30
DEFAULT_SECONDS = 60.0  # a timer nobody has armed yet, and the speaking turn


def get_timer(workshop_id, kind, lock=False):
    """The workshop's timer of this kind, created idle on first use (safely when two first readers race)."""
    query = select(Timer).filter_by(workshop_id=workshop_id, kind=kind)
    if lock:
        query = query.with_for_update()
    timer = db.session.scalars(query).first()
    if timer is None:
        insert_if_missing(Timer, workshop_id=workshop_id, kind=kind, state="idle", duration=DEFAULT_SECONDS,
                          remaining=DEFAULT_SECONDS)
        timer = db.session.scalars(query).one()
    return timer


def left(timer, now=None):
    """Seconds left, never negative."""
    if timer.state == "running":
        return max(0.0, timer.deadline - (now or time.time()))
    return 0.0 if timer.state == "expired" else timer.remaining


def view(timer):
    return {
        "kind": timer.kind,
        "state": timer.state,
        "duration": timer.duration,
        "deadline": timer.deadline if timer.state == "running" else None,
        "remaining": round(left(timer), 3),
        "prompt_id": timer.prompt_id,
        "hand_id": timer.hand_id,
    }


def arm(timer, seconds, prompt_id=None, hand_id=None):
    """Set a fresh, idle countdown of `seconds` (a new prompt or speaking turn)."""
    timer.state, timer.deadline = "idle", None
    timer.duration = timer.remaining = float(seconds)
    timer.prompt_id, timer.hand_id = prompt_id, hand_id


def start(timer, now=None):
    if timer.state == "running":
        raise Conflict(_("El cronómetro ya está corriendo."), code="timer_running")
    if timer.state == "expired" or timer.remaining <= 0:
        timer.remaining = timer.duration
    timer.deadline = (now or time.time()) + timer.remaining
    timer.state = "running"


def pause(timer, now=None):
    if timer.state != "running":
        raise Conflict(_("El cronómetro no está corriendo."), code="timer_not_running")
    timer.remaining = left(timer, now)
    timer.state, timer.deadline = "paused", None


def resume(timer, now=None):
    if timer.state != "paused":
        raise Conflict(_("El cronómetro no está en pausa."), code="timer_not_paused")
    start(timer, now)


def extend(timer, seconds=EXTEND_SECONDS, now=None):
    """Add time; an expired countdown runs again at once with the extra seconds."""
    timer.duration += seconds
    if timer.state == "running":
        timer.deadline += seconds
    elif timer.state == "expired":
        timer.remaining = float(seconds)
        timer.deadline, timer.state = (now or time.time()) + seconds, "running"
    else:
        timer.remaining += seconds


def reset(timer, seconds):
    """Idle at `seconds` (the configured length), for the same prompt or turn."""
    arm(timer, seconds, timer.prompt_id, timer.hand_id)


def stop(timer):
    timer.state, timer.deadline, timer.remaining = "idle", None, 0.0


def claim_expired(timer_id, now=None):
    """Mark one due timer expired. True only for the one caller (of any process) that won it."""
    now = now or time.time()
    result = db.session.execute(
        update(Timer)
        .where(Timer.id == timer_id, Timer.state == "running", Timer.deadline <= now)
        .values(state="expired", deadline=None, remaining=0.0)
    )
    return result.rowcount == 1


def due_timer_ids(now=None, workshop_id=None):
    query = select(Timer.id).where(Timer.state == "running", Timer.deadline <= (now or time.time()))
    if workshop_id is not None:
        query = query.where(Timer.workshop_id == workshop_id)
    return list(db.session.scalars(query))
