"""Reading the live state: views of workshop, agenda and prompts, and the room's part of the snapshot."""
from sqlalchemy import select

from ..extensions import db
from ..rows import insert_if_missing
from ..workshops.models import Activity, Workshop
from . import timers
from .hands import hands_for
from .models import LiveState


def live_state(workshop_id):
    """The workshop's live row, created on first use (safely when two first arrivals race)."""
    state = db.session.get(LiveState, workshop_id)
    if state is None:
        insert_if_missing(LiveState, workshop_id=workshop_id, seq=0, auto_close=True)
        state = db.session.get(LiveState, workshop_id)
    return state


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
        "anonymous": prompt.anonymous,
        "run": prompt.opened_at is not None,  # opened to ideas at least once
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
    return {"agenda_item_id": state.agenda_item_id, "prompt_id": state.prompt_id, "auto_close": state.auto_close,
            "agenda_since": state.agenda_since.timestamp() if state.agenda_since else None,
            "agenda_spent": state.agenda_spent or {}, "projector_mode": state.projector_mode or "question"}


def timers_view(workshop_id):
    return {kind: timers.view(timers.get_timer(workshop_id, kind)) for kind in ("prompt", "speaking")}


def room_snapshot(conn):
    """The room's part of the snapshot: the workshop, its agenda and prompts, where the room is, the
    countdowns and the hands (the realtime layer adds the sequence, the person and presence)."""
    workshop = db.session.get(Workshop, conn.workshop_id)
    return {
        "workshop": workshop_view(workshop),
        "agenda": agenda_view(workshop),
        "activities": activities_view(workshop.id),
        "live": live_view(live_state(conn.workshop_id)),
        "timers": timers_view(workshop.id),
        "hands": hands_for(conn),
    }
