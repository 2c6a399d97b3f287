"""Moderator events on the two countdowns: the open prompt's and the speaking turn's.

A countdown that runs out ends something: the prompt stops taking ideas (with auto-close on) or the
speaker's turn ends. A moderator who then gives it more time (`timer:extend`) or starts it again
(`timer:start`) means "carry on", so the countdown comes back to life together with what it ended:
the prompt reopens, or the same person gets the floor back.
"""
from typing import Literal

from flask_babel import gettext as _
from pydantic import Field

from ..errors import Conflict
from ..extensions import db
from ..realtime.events import Payload, live_event, publish
from ..workshops.models import Prompt, Workshop
from . import timers
from .agenda import put_open, require_live
from .hands import SPEAKING_SECONDS, resume_turn


class TimerAction(Payload):
    kind: Literal["prompt", "speaking"] = "prompt"


class TimerExtend(TimerAction):
    seconds: int = Field(default=timers.EXTEND_SECONDS, ge=5, le=600)


def _timer_event(name, operation, schema=TimerAction):
    @live_event(name, schema, moderator=True)
    def handle(conn, data):
        timer = timers.get_timer(conn.workshop_id, data.kind, lock=True)
        operation(conn, timer, data)
        publish(conn.workshop_id, "timer", timers.view(timer))
        return {"timer": timers.view(timer)}

    handle.__name__ = name.replace(":", "_")
    return handle


def start(conn, timer, _data):
    if timer.kind == "prompt" and timer.prompt_id is None:
        raise Conflict(_("Abre una pregunta antes de iniciar su cronómetro."), code="no_prompt")
    if timer.state == "expired":
        _undo_expiry(conn.workshop_id, timer)
    timers.start(timer)


def extend(conn, timer, data):
    if timer.state == "expired":
        _undo_expiry(conn.workshop_id, timer)
    timers.extend(timer, data.seconds)


def reset(_conn, timer, _data):
    """Back to the configured length, idle: extensions and pauses are forgotten."""
    timers.reset(timer, configured_seconds(timer))


def configured_seconds(timer):
    if timer.kind == "speaking":
        return SPEAKING_SECONDS
    prompt = db.session.get(Prompt, timer.prompt_id) if timer.prompt_id else None
    return prompt.seconds if prompt is not None else timers.DEFAULT_SECONDS


def _undo_expiry(workshop_id, timer):
    """Reopen what the countdown's expiry ended; only while the workshop is live."""
    require_live(db.session.get(Workshop, workshop_id))
    if timer.kind == "speaking":
        resume_turn(workshop_id, timer)
        return
    prompt = db.session.get(Prompt, timer.prompt_id) if timer.prompt_id else None
    if prompt is not None:  # a deleted prompt leaves only the clock to run
        put_open(workshop_id, prompt)


_timer_event("timer:start", start)
_timer_event("timer:pause", lambda conn, timer, data: timers.pause(timer))
_timer_event("timer:resume", lambda conn, timer, data: timers.resume(timer))
_timer_event("timer:extend", extend, TimerExtend)
_timer_event("timer:reset", reset)
_timer_event("timer:stop", lambda conn, timer, data: timers.stop(timer))
