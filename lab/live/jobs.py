"""Timer expiry, once, whichever process sees it first: the prompt's countdown closes the prompt (with
auto-close on); the speaking countdown ends the turn. A background job (every tick) and the step
before every snapshot, so no screen shows a countdown past its deadline as running."""
from ..extensions import db
from ..realtime import lock_room, publish, run_in_transaction
from ..workshops.models import Prompt
from . import timers
from .hands import end_turn_on_expiry
from .models import Timer
from .state import live_state, prompt_view


def expire_due(workshop_id=None):
    """Expire every timer past its deadline, each in its own transaction. Returns how many this
    process expired."""
    expired = 0
    for timer_id in timers.due_timer_ids(workshop_id=workshop_id):
        if run_in_transaction(_expire, timer_id):
            expired += 1
    return expired


def _expire(timer_id):
    workshop_id = db.session.query(Timer.workshop_id).filter_by(id=timer_id).scalar()
    lock_room(workshop_id)  # the room first, as every event does
    deadline = db.session.query(Timer.deadline).filter_by(id=timer_id).scalar()  # claiming clears it
    if not timers.claim_expired(timer_id):
        return False  # another process (or an earlier tick) got there first
    timer = db.session.get(Timer, timer_id)
    db.session.refresh(timer)
    publish(timer.workshop_id, "timer", timers.view(timer))
    if timer.kind == "prompt" and timer.prompt_id and live_state(timer.workshop_id).auto_close:
        close_prompt_on_expiry(timer)
    elif timer.kind == "speaking":
        end_turn_on_expiry(timer, deadline)
    return True


def close_prompt_on_expiry(timer):
    prompt = db.session.get(Prompt, timer.prompt_id)
    if prompt is not None and prompt.is_open:
        prompt.is_open = False
        publish(timer.workshop_id, "prompt", prompt_view(prompt))
