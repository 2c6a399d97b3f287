"""How the live room reacts to other slices (lab/signals.py): a person's raised hands and speaking
turns are in their data download, and go with their account (they say who spoke)."""
from sqlalchemy import delete, select

from ..extensions import db
from ..types import iso
from .models import Hand


def personal_data(user):
    hands = db.session.scalars(select(Hand).where(Hand.user_id == user.id).order_by(Hand.raised_at))
    return {"hands": [{"workshop_id": h.workshop_id, "state": h.state, "raised_at": iso(h.raised_at),
                       "floor_at": iso(h.floor_at), "ended_at": iso(h.ended_at)} for h in hands]}


def forget_hands(user):
    db.session.execute(delete(Hand).where(Hand.user_id == user.id))
