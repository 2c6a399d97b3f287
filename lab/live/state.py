"""Reading the live state: views of workshop, agenda and prompts, and the full snapshot."""
import time

from sqlalchemy import select

from ..extensions import db
from ..workshops.models import Activity, Prompt, Workshop
from . import timers
from .models import LiveState, insert_if_missing


def live_state(workshop_id):
    """The workshop's live row, created on first use (safely when two first arrivals race)."""
    state = db.session.get(LiveState, workshop_id)
    if state is None:
        insert_if_missing(LiveState, workshop_id=workshop_id, seq=0, auto_close=True)
        state = db.session.get(LiveState, workshop_id)
    return state


def workshop_prompt(workshop_id, prompt_id):
    """A prompt of this workshop, or None: ids of another workshop are not found."""
    if not isinstance(prompt_id, int):
        return None
    return db.session.scalars(select(Prompt).filter_by(id=prompt_id, workshop_id=workshop_id)).first()


def prompt_view(prompt):
    return {
        "id": prompt.id,
        "activity_id": prompt.activity_id,
        "position": prompt.position,
        "text": prompt.text,
        "seconds": prompt.seconds,
        "reveal_mode": prompt.reveal_mode,
        "revealed": prompt.revealed,
        "asks_actor": prompt.asks_actor,
        "asks_category": prompt.asks_category,
        "is_open": prompt.is_open,
    }


def workshop_view(workshop):
    return {
        "id": workshop.id,
        "title": workshop.title,
        "entity": workshop.entity,
        "status": workshop.status,
        "join_code": workshop.join_code,
        "timezone": workshop.timezone,
        "modality": workshop.modality,
        "objective": workshop.objective,
        "purpose": workshop.purpose,
        "rules": workshop.rules or [],
    }


def agenda_view(workshop):
    return [{"id": item.id, "position": item.position, "title": item.title, "minutes": item.minutes,
             "presenter": item.presenter, "kind": item.kind} for item in workshop.agenda]


def activities_view(workshop_id):
    activities = db.session.scalars(
        select(Activity).filter_by(workshop_id=workshop_id).order_by(Activity.position)).all()
    return [{"id": a.id, "title": a.title, "instructions": a.instructions, "agenda_item_id": a.agenda_item_id,
             "prompts": [prompt_view(p) for p in a.prompts]} for a in activities]


def live_view(state):
    return {"agenda_item_id": state.agenda_item_id, "prompt_id": state.prompt_id, "auto_close": state.auto_close}


def timers_view(workshop_id):
    return {kind: timers.view(timers.get_timer(workshop_id, kind)) for kind in ("prompt", "speaking")}


def snapshot(conn):
    """Everything a client needs to draw the room, as this person may see it."""
    from ..board.service import board_snapshot
    from ..realtime.presence import presence_snapshot
    from .hands import hands_view

    workshop = db.session.get(Workshop, conn.workshop_id)
    state = live_state(conn.workshop_id)
    return {
        "seq": state.seq,
        "server_time": time.time(),
        "me": {"user_id": conn.user_id, "name": conn.name, "role": conn.role},
        "workshop": workshop_view(workshop),
        "agenda": agenda_view(workshop),
        "activities": activities_view(workshop.id),
        "live": live_view(state),
        "timers": timers_view(workshop.id),
        "hands": hands_view(workshop.id),
        "presence": presence_snapshot(conn),
        **board_snapshot(conn),
    }
