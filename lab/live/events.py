"""Socket events of the live room: the workshop's start and close, the agenda, prompts, the two
countdowns and raised hands. Each one validates its payload and hands it to a service."""
from typing import Literal

from pydantic import Field

from ..realtime import Empty, Id, Payload, live_event
from . import agenda, countdowns, hands, projector, timers


class AgendaGoto(Payload):
    agenda_item_id: Id


class PromptRef(Payload):
    prompt_id: Id


class PromptOpen(Payload):
    prompt_id: Id
    start_timer: bool = True


class AutoClose(Payload):
    enabled: bool


class TimerAction(Payload):
    kind: Literal["prompt", "speaking"] = "prompt"


class TimerExtend(TimerAction):
    seconds: int = Field(default=timers.EXTEND_SECONDS, ge=5, le=600)


class HandRef(Payload):
    hand_id: Id


class ProjectorMode(Payload):
    mode: Literal[tuple(projector.MODES)]


# -- workshop and agenda (moderators) -----------------------------------------------------------

@live_event("workshop:start", Empty, moderator=True)
def on_workshop_start(conn, _data):
    return agenda.start_workshop(conn)


@live_event("workshop:close", Empty, moderator=True)
def on_workshop_close(conn, _data):
    return agenda.close_workshop(conn)


@live_event("agenda:goto", AgendaGoto, moderator=True)
def on_agenda_goto(conn, data):
    return agenda.goto_item(conn, data.agenda_item_id)


@live_event("agenda:next", Empty, moderator=True)
def on_agenda_next(conn, _data):
    return agenda.step(conn, +1)


@live_event("agenda:prev", Empty, moderator=True)
def on_agenda_prev(conn, _data):
    return agenda.step(conn, -1)


# -- prompts (moderators) -----------------------------------------------------------------------

@live_event("prompt:show", PromptRef, moderator=True)
def on_prompt_show(conn, data):
    return agenda.show_prompt(conn, data.prompt_id)


@live_event("prompt:open", PromptOpen, moderator=True)
def on_prompt_open(conn, data):
    return agenda.open_prompt(conn, data.prompt_id, data.start_timer)


@live_event("prompt:close", PromptRef, moderator=True)
def on_prompt_close(conn, data):
    return agenda.close_prompt(conn, data.prompt_id)


@live_event("live:auto_close", AutoClose, moderator=True)
def on_auto_close(conn, data):
    return agenda.set_auto_close(conn, data.enabled)


@live_event("projector:mode", ProjectorMode, moderator=True)
def on_projector_mode(conn, data):
    return projector.set_mode(conn, data.mode)


# -- countdowns (moderators) --------------------------------------------------------------------

@live_event("timer:start", TimerAction, moderator=True)
def on_timer_start(conn, data):
    return countdowns.run(conn, data.kind, countdowns.start)


@live_event("timer:pause", TimerAction, moderator=True)
def on_timer_pause(conn, data):
    return countdowns.run(conn, data.kind, countdowns.pause)


@live_event("timer:resume", TimerAction, moderator=True)
def on_timer_resume(conn, data):
    return countdowns.run(conn, data.kind, countdowns.resume)


@live_event("timer:extend", TimerExtend, moderator=True)
def on_timer_extend(conn, data):
    return countdowns.run(conn, data.kind, countdowns.extend, data.seconds)


@live_event("timer:reset", TimerAction, moderator=True)
def on_timer_reset(conn, data):
    return countdowns.run(conn, data.kind, countdowns.reset)


@live_event("timer:stop", TimerAction, moderator=True)
def on_timer_stop(conn, data):
    return countdowns.run(conn, data.kind, countdowns.stop)


# -- hands --------------------------------------------------------------------------------------

@live_event("hand:raise", Empty)
def on_hand_raise(conn, _data):
    return hands.raise_hand(conn)


@live_event("hand:lower", Empty)
def on_hand_lower(conn, _data):
    return hands.lower_hand(conn)


@live_event("hand:give_floor", HandRef, moderator=True)
def on_give_floor(conn, data):
    return hands.give_floor(conn, data.hand_id)


@live_event("hand:end_turn", HandRef, moderator=True)
def on_end_turn(conn, data):
    return hands.end_turn(conn, data.hand_id)


@live_event("hand:dismiss", HandRef, moderator=True)
def on_dismiss(conn, data):
    return hands.dismiss(conn, data.hand_id)
