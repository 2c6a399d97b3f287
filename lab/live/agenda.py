"""Moderator events that drive the room: workshop status, agenda position and prompts (the timer
events are in countdowns)."""
from flask_babel import gettext as _

from ..errors import Conflict, NotFound
from ..extensions import db
from ..realtime.events import Empty, Payload, live_event, publish
from ..types import utcnow
from ..workshops.models import AgendaItem, Prompt, Workshop
from . import timers
from .state import live_state, live_view, prompt_view, workshop_prompt, workshop_view


class AgendaGoto(Payload):
    agenda_item_id: int


class PromptRef(Payload):
    prompt_id: int


class PromptOpen(Payload):
    prompt_id: int
    start_timer: bool = True


class AutoClose(Payload):
    enabled: bool


def _workshop(conn):
    return db.session.get(Workshop, conn.workshop_id)


def require_live(workshop):
    if workshop.status != "live":
        raise Conflict(_("El taller no está en vivo."), code="not_live")


def _publish_live(conn, state):
    publish(conn.workshop_id, "live", live_view(state))


# -- workshop lifecycle ------------------------------------------------------------------------

@live_event("workshop:start", Empty, moderator=True)
def start_workshop(conn, _data):
    workshop = _workshop(conn)
    if workshop.status == "live":
        return {"workshop": workshop_view(workshop)}  # idempotent
    if workshop.status == "closed":
        raise Conflict(_("El taller ya fue cerrado."), code="closed")
    workshop.status = "live"
    state = live_state(conn.workshop_id)
    state.started_at = state.started_at or utcnow()
    if state.agenda_item_id is None and workshop.agenda:
        state.agenda_item_id = workshop.agenda[0].id
        _publish_live(conn, state)
    publish(conn.workshop_id, "workshop", workshop_view(workshop))
    return {"workshop": workshop_view(workshop)}


@live_event("workshop:close", Empty, moderator=True)
def close_workshop(conn, _data):
    """Close for good: prompts stop taking ideas, timers stop, any vote round closes."""
    from ..board.votes import close_open_round
    from .hands import close_hands

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
    close_open_round(conn.workshop_id)
    close_hands(conn.workshop_id)
    workshop.status = "closed"
    live_state(workshop.id).closed_at = utcnow()
    publish(conn.workshop_id, "workshop", workshop_view(workshop))
    return {"workshop": workshop_view(workshop)}


# -- agenda ----------------------------------------------------------------------------------

@live_event("agenda:goto", AgendaGoto, moderator=True)
def goto_item(conn, data):
    item = db.session.query(AgendaItem).filter_by(id=data.agenda_item_id, workshop_id=conn.workshop_id).first()
    if item is None:
        raise NotFound(_("Ese punto no está en la agenda de este taller."))
    return _move_to(conn, item)


@live_event("agenda:next", Empty, moderator=True)
def next_item(conn, _data):
    return _step(conn, +1)


@live_event("agenda:prev", Empty, moderator=True)
def previous_item(conn, _data):
    return _step(conn, -1)


def _step(conn, offset):
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
    state.agenda_item_id = item.id
    _publish_live(conn, state)
    return {"live": live_view(state)}


# -- prompts ---------------------------------------------------------------------------------

def _prompt(conn, prompt_id):
    prompt = workshop_prompt(conn.workshop_id, prompt_id)
    if prompt is None:
        raise NotFound(_("Esa pregunta no es de este taller."))
    return prompt


@live_event("prompt:show", PromptRef, moderator=True)
def show_prompt(conn, data):
    """Put a prompt on every screen without opening it to ideas."""
    prompt = _prompt(conn, data.prompt_id)
    state = live_state(conn.workshop_id)
    state.prompt_id = prompt.id
    _publish_live(conn, state)
    return {"live": live_view(state)}


@live_event("prompt:open", PromptOpen, moderator=True)
def open_prompt(conn, data):
    """Open one prompt to ideas (closing any other) and arm its countdown."""
    require_live(_workshop(conn))
    prompt = _prompt(conn, data.prompt_id)
    put_open(conn.workshop_id, prompt)
    timer = timers.get_timer(conn.workshop_id, "prompt", lock=True)
    timers.arm(timer, prompt.seconds, prompt_id=prompt.id)
    if data.start_timer:
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
        publish(workshop_id, "prompt", prompt_view(prompt))
    state = live_state(workshop_id)
    if state.prompt_id != prompt.id:
        state.prompt_id = prompt.id
        publish(workshop_id, "live", live_view(state))


@live_event("prompt:close", PromptRef, moderator=True)
def close_prompt(conn, data):
    prompt = _prompt(conn, data.prompt_id)
    if prompt.is_open:
        prompt.is_open = False
        publish(conn.workshop_id, "prompt", prompt_view(prompt))
        timer = timers.get_timer(conn.workshop_id, "prompt", lock=True)
        if timer.prompt_id == prompt.id and timer.state in ("running", "paused"):
            timers.stop(timer)
            publish(conn.workshop_id, "timer", timers.view(timer))
    return {"prompt": prompt_view(prompt)}


@live_event("live:auto_close", AutoClose, moderator=True)
def set_auto_close(conn, data):
    state = live_state(conn.workshop_id)
    state.auto_close = data.enabled
    _publish_live(conn, state)
    return {"live": live_view(state)}
