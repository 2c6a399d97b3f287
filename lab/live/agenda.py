"""What the moderator does to drive the room: start and close the workshop, walk the agenda, show,
open and close prompts. Services: they flush and publish; the event runner commits (events.py)."""
from flask_babel import gettext as _

from .. import signals
from ..errors import Conflict, NotFound
from ..extensions import db
from ..realtime import publish
from ..types import utcnow
from ..workshops.models import AgendaItem, Prompt, Workshop
from ..workshops.service import find_prompt, require_live, require_open
from . import timers
from .hands import close_hands
from .state import live_state, live_view, prompt_view, workshop_view


def _workshop(conn):
    return db.session.get(Workshop, conn.workshop_id)


def _publish_live(conn, state):
    publish(conn.workshop_id, "live", live_view(state))


# -- workshop lifecycle ------------------------------------------------------------------------

def start_workshop(conn):
    workshop = _workshop(conn)
    if workshop.status == "live":
        return {"workshop": workshop_view(workshop)}  # idempotent
    if workshop.status == "closed":
        raise Conflict(_("El taller ya fue cerrado."), code="closed")
    workshop.status = "live"
    state = live_state(conn.workshop_id)
    state.started_at = state.started_at or utcnow()
    if workshop.agenda:  # the agenda clock starts: on the first item, or where the moderator put it
        enter_item(state, state.agenda_item_id or workshop.agenda[0].id)
        _publish_live(conn, state)
    publish(conn.workshop_id, "workshop", workshop_view(workshop))
    return {"workshop": workshop_view(workshop)}


def close_workshop(conn):
    """Close for good: prompts stop taking ideas, timers stop, whatever else runs ends (the vote round,
    through `signals.workshop_closing`), the speaker's turn ends and the queue empties."""
    workshop = _workshop(conn)
    if workshop.status == "closed":
        return {"workshop": workshop_view(workshop)}
    for prompt in db.session.query(Prompt).filter_by(workshop_id=workshop.id, is_open=True):
        prompt.is_open = False
        publish(conn.workshop_id, "prompt", prompt_view(prompt))
    for kind in ("prompt", "speaking"):
        timer = timers.get_timer(workshop.id, kind, lock=True)
        if timer.state in ("running", "paused"):
            timers.stop(timer)
            publish(conn.workshop_id, "timer", timers.view(timer))
    signals.workshop_closing.send(conn.workshop_id)
    close_hands(conn.workshop_id)
    workshop.status = "closed"
    state = live_state(workshop.id)
    state.closed_at = utcnow()
    enter_item(state, state.agenda_item_id, clock_runs=False)  # the agenda clock stops with the workshop
    _publish_live(conn, state)
    publish(conn.workshop_id, "workshop", workshop_view(workshop))
    return {"workshop": workshop_view(workshop)}


# -- agenda ----------------------------------------------------------------------------------

def goto_item(conn, agenda_item_id):
    require_open(conn.workshop_id)
    item = db.session.query(AgendaItem).filter_by(id=agenda_item_id, workshop_id=conn.workshop_id).first()
    if item is None:
        raise NotFound(_("Ese punto no está en la agenda de este taller."))
    return _move_to(conn, item)


def step(conn, offset):
    """One item forward (+1) or back (-1); with no current item, the first."""
    require_open(conn.workshop_id)
    agenda = _workshop(conn).agenda
    if not agenda:
        raise Conflict(_("Este taller no tiene agenda."), code="no_agenda")
    state = live_state(conn.workshop_id)
    ids = [item.id for item in agenda]
    index = ids.index(state.agenda_item_id) if state.agenda_item_id in ids else -1
    target = index + offset if index >= 0 else 0
    if not 0 <= target < len(agenda):
        raise Conflict(_("Ya estás en el primer punto de la agenda.") if offset < 0
                       else _("Ya estás en el último punto de la agenda."), code="agenda_edge")
    return _move_to(conn, agenda[target])


def _move_to(conn, item):
    state = live_state(conn.workshop_id)
    enter_item(state, item.id, clock_runs=_workshop(conn).status == "live")
    _publish_live(conn, state)
    return {"live": live_view(state)}


def enter_item(state, item_id, clock_runs=True):
    """Make `item_id` the current agenda item. The agenda clock adds the time spent on the item being
    left to its total, and counts the new one from now (while the workshop is live)."""
    now = utcnow()
    if state.agenda_item_id is not None and state.agenda_since is not None:
        spent = dict(state.agenda_spent or {})  # a new dict: the JSON column sees assignments only
        key = str(state.agenda_item_id)
        spent[key] = round(spent.get(key, 0) + (now - state.agenda_since).total_seconds(), 1)
        state.agenda_spent = spent
    state.agenda_item_id = item_id
    state.agenda_since = now if clock_runs and item_id is not None else None


# -- prompts ---------------------------------------------------------------------------------

def show_prompt(conn, prompt_id):
    """Put a prompt on every screen without opening it to ideas."""
    require_open(conn.workshop_id)
    prompt = find_prompt(conn.workshop_id, prompt_id)
    state = live_state(conn.workshop_id)
    state.prompt_id = prompt.id
    _publish_live(conn, state)
    return {"live": live_view(state)}


def open_prompt(conn, prompt_id, start_timer):
    """Open one prompt to ideas (closing any other) and arm its countdown."""
    require_live(_workshop(conn).status)
    prompt = find_prompt(conn.workshop_id, prompt_id)
    put_open(conn.workshop_id, prompt)
    timer = timers.get_timer(conn.workshop_id, "prompt", lock=True)
    timers.arm(timer, prompt.seconds, prompt_id=prompt.id)
    if start_timer:
        timers.start(timer)
    publish(conn.workshop_id, "timer", timers.view(timer))
    return {"prompt": prompt_view(prompt), "timer": timers.view(timer)}


def put_open(workshop_id, prompt):
    """Open a prompt to ideas and put it on every screen; any other open prompt closes (one at a time).
    Only what changes is broadcast."""
    for other in db.session.query(Prompt).filter(Prompt.workshop_id == workshop_id,
                                                 Prompt.is_open.is_(True), Prompt.id != prompt.id):
        other.is_open = False
        publish(workshop_id, "prompt", prompt_view(other))
    if not prompt.is_open:
        prompt.is_open = True
        prompt.opened_at = prompt.opened_at or utcnow()
        publish(workshop_id, "prompt", prompt_view(prompt))
    state = live_state(workshop_id)
    if state.prompt_id != prompt.id:
        state.prompt_id = prompt.id
        publish(workshop_id, "live", live_view(state))


def close_prompt(conn, prompt_id):
    prompt = find_prompt(conn.workshop_id, prompt_id)
    if prompt.is_open:
        prompt.is_open = False
        publish(conn.workshop_id, "prompt", prompt_view(prompt))
        timer = timers.get_timer(conn.workshop_id, "prompt", lock=True)
        if timer.prompt_id == prompt.id and timer.state in ("running", "paused"):
            timers.stop(timer)
            publish(conn.workshop_id, "timer", timers.view(timer))
    return {"prompt": prompt_view(prompt)}


def set_auto_close(conn, enabled):
    require_open(conn.workshop_id)
    state = live_state(conn.workshop_id)
    state.auto_close = enabled
    _publish_live(conn, state)
    return {"live": live_view(state)}
