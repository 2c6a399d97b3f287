"""What the moderator does with the two countdowns: the open prompt's and the speaking turn's.

A countdown that runs out ends something: the prompt stops taking ideas (with auto-close on) or the
speaker's turn ends. A moderator who then gives it more time (`timer:extend`) or starts it again
(`timer:start`) means "carry on", so the countdown comes back to life together with what it ended:
the prompt reopens, or the same person gets the floor back.
"""
from flask_babel import gettext as _

from ..errors import Conflict
from ..extensions import db
from ..realtime import publish
from ..workshops.models import Prompt
from ..workshops.service import require_live, require_open, workshop_status
from . import timers
from .agenda import put_open
from .hands import SPEAKING_SECONDS, resume_turn


def run(conn, kind, operation, *args):
    """Apply `operation(conn, timer, *args)` to the workshop's countdown of this kind, then show it."""
    require_open(conn.workshop_id)
    timer = timers.get_timer(conn.workshop_id, kind, lock=True)
    operation(conn, timer, *args)
    publish(conn.workshop_id, "timer", timers.view(timer))
    return {"timer": timers.view(timer)}


def start(conn, timer):
    if timer.kind == "prompt" and timer.prompt_id is None:
        raise Conflict(_("Abre una pregunta antes de iniciar su cronómetro."), code="no_prompt")
    if timer.state == "expired":
        _undo_expiry(conn.workshop_id, timer)
    timers.start(timer)


def pause(_conn, timer):
    timers.pause(timer)


def resume(_conn, timer):
    timers.resume(timer)


def extend(conn, timer, seconds):
    if timer.state == "expired":
        _undo_expiry(conn.workshop_id, timer)
    timers.extend(timer, seconds)


def reset(_conn, timer):
    """Back to the configured length, idle: extensions and pauses are forgotten."""
    timers.reset(timer, configured_seconds(timer))


def stop(_conn, timer):
    timers.stop(timer)


def configured_seconds(timer):
    if timer.kind == "speaking":
        return SPEAKING_SECONDS
    prompt = db.session.get(Prompt, timer.prompt_id) if timer.prompt_id else None
    return prompt.seconds if prompt is not None else timers.DEFAULT_SECONDS


def _undo_expiry(workshop_id, timer):
    """Reopen what the countdown's expiry ended; only while the workshop is live."""
    require_live(workshop_status(workshop_id))
    if timer.kind == "speaking":
        resume_turn(workshop_id, timer)
        return
    prompt = db.session.get(Prompt, timer.prompt_id) if timer.prompt_id else None
    if prompt is not None:  # a deleted prompt leaves only the clock to run
        put_open(workshop_id, prompt)
