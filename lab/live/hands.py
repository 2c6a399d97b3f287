"""Raised hands: the queue, the floor, and the speaking time each person used.

A hand is "raised" (in the queue), "speaking" (has the floor), then "done"; or "lowered" by its owner
before getting the floor. Events that move the floor lock the speaking timer row first, as the
timer events do, so concurrent moderators take turns in the same order everywhere.
"""
from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..errors import Conflict, NotFound
from ..extensions import db
from ..realtime import lock_room, notify, publish, user_room
from ..types import utcnow
from ..vocab import ANONYMOUS
from ..workshops.service import require_live, require_open, workshop_status
from . import timers
from .models import Hand, LiveState

SPEAKING_SECONDS = 60
ACTIVE = ("raised", "speaking")


# -- views -------------------------------------------------------------------------------------

def hands_view(workshop_id):
    """The queue in the order hands went up, and who has the floor."""
    rows = db.session.execute(
        select(Hand, User.name).outerjoin(User, User.id == Hand.user_id)
        .where(Hand.workshop_id == workshop_id, Hand.state.in_(ACTIVE)).order_by(Hand.raised_at, Hand.id)
    ).all()
    queue, speaking = [], None
    for hand, name in rows:
        person = {"hand_id": hand.id, "user_id": hand.user_id, "name": name or str(ANONYMOUS)}
        if hand.state == "speaking":
            speaking = {**person, "floor_at": hand.floor_at.timestamp()}
        else:
            queue.append({**person, "raised_at": hand.raised_at.timestamp()})
    return {"queue": queue, "speaking": speaking}


def participant_hands(view):
    """The hands as participants see them: names, never another person's id. Each client knows its own
    hand by `hand_id` (from its hand:raise ack, `mine` in its snapshot, or a `hand.mine` message)."""
    strip = lambda person: {key: value for key, value in person.items() if key != "user_id"}  # noqa: E731
    return {"queue": [strip(person) for person in view["queue"]],
            "speaking": strip(view["speaking"]) if view["speaking"] else None}


def hands_for(conn, view=None):
    """The hands as this connection may see them, with `mine`: the id of its person's active hand."""
    view = view or hands_view(conn.workshop_id)
    everyone = [*view["queue"], *([view["speaking"]] if view["speaking"] else [])]
    mine = next((person["hand_id"] for person in everyone if person["user_id"] == conn.user_id), None)
    return {**(view if conn.is_moderator else participant_hands(view)), "mine": mine}


def speaking_seconds(workshop_id, now=None):
    """{user_id: seconds with the floor}, the current turn counted up to `now` (or to the close)."""
    closed_at = db.session.scalar(select(LiveState.closed_at).where(LiveState.workshop_id == workshop_id))
    now = closed_at or now or utcnow()
    totals = {}
    turns = db.session.scalars(select(Hand).where(Hand.workshop_id == workshop_id, Hand.floor_at.is_not(None),
                                                  Hand.user_id.is_not(None)))
    for hand in turns:
        end = hand.ended_at or now
        totals[hand.user_id] = totals.get(hand.user_id, 0.0) + max(0.0, (end - hand.floor_at).total_seconds())
    return totals


# -- services ----------------------------------------------------------------------------------

def _active_hand(workshop_id, user_id):
    return db.session.scalars(select(Hand).where(Hand.workshop_id == workshop_id, Hand.user_id == user_id,
                                                 Hand.state.in_(ACTIVE))).first()


def _hand(workshop_id, hand_id):
    hand = db.session.scalars(select(Hand).filter_by(id=hand_id, workshop_id=workshop_id)).first()
    if hand is None:
        raise NotFound(_("Esa mano no está en este taller."))
    return hand


def _speaker(workshop_id):
    return db.session.scalars(select(Hand).filter_by(workshop_id=workshop_id, state="speaking")).first()


def _publish(workshop_id, timer=None):
    view = hands_view(workshop_id)
    publish(workshop_id, "hands", participant_hands(view), moderator_data=view)
    if timer is not None:
        publish(workshop_id, "timer", timers.view(timer))
    return view


def _finish_turn(hand, timer):
    hand.state, hand.ended_at = "done", utcnow()
    if timer.hand_id == hand.id and timer.state != "idle":
        timers.stop(timer)


def raise_hand(conn):
    """One active hand per person: raising it again changes nothing."""
    require_live(workshop_status(conn.workshop_id))
    lock_room(conn.workshop_id)
    hand = _active_hand(conn.workshop_id, conn.user_id)
    if hand is None:
        hand = Hand(workshop_id=conn.workshop_id, user_id=conn.user_id, state="raised", raised_at=utcnow())
        db.session.add(hand)
        db.session.flush()
        return {"hand_id": hand.id, "state": hand.state, "hands": hands_for(conn, _publish(conn.workshop_id))}
    return {"hand_id": hand.id, "state": hand.state, "hands": hands_for(conn)}


def lower_hand(conn):
    """Leave the queue; lowering while speaking ends one's own turn."""
    timer = timers.get_timer(conn.workshop_id, "speaking", lock=True)
    hand = _active_hand(conn.workshop_id, conn.user_id)
    if hand is None:
        raise Conflict(_("No tienes la mano levantada."), code="no_hand")
    if hand.state == "speaking":
        _finish_turn(hand, timer)
        return {"hands": hands_for(conn, _publish(conn.workshop_id, timer))}
    hand.state, hand.ended_at = "lowered", utcnow()
    return {"hands": hands_for(conn, _publish(conn.workshop_id))}


def give_floor(conn, hand_id):
    """The raised hand speaks now, with a fresh one-minute timer; whoever spoke before is done."""
    require_live(workshop_status(conn.workshop_id))
    timer = timers.get_timer(conn.workshop_id, "speaking", lock=True)
    hand = _hand(conn.workshop_id, hand_id)
    if hand.state != "raised":
        raise Conflict(_("Esa persona ya no tiene la mano levantada."), code="hand_not_raised")
    current = _speaker(conn.workshop_id)
    if current is not None:
        _finish_turn(current, timer)
    hand.state, hand.floor_at = "speaking", utcnow()
    timers.arm(timer, SPEAKING_SECONDS, hand_id=hand.id)
    timers.start(timer)
    return {"hands": hands_for(conn, _publish(conn.workshop_id, timer)), "timer": timers.view(timer)}


def end_turn(conn, hand_id):
    timer = timers.get_timer(conn.workshop_id, "speaking", lock=True)
    hand = _hand(conn.workshop_id, hand_id)
    if hand.state != "speaking":
        raise Conflict(_("Esa persona no tiene la palabra."), code="not_speaking")
    _finish_turn(hand, timer)
    return {"hands": hands_for(conn, _publish(conn.workshop_id, timer)), "timer": timers.view(timer)}


def dismiss(conn, hand_id):
    """The moderator lowers someone's raised hand (they left, or already spoke aloud)."""
    require_open(conn.workshop_id)
    hand = _hand(conn.workshop_id, hand_id)
    if hand.state != "raised":
        raise Conflict(_("Esa persona ya no tiene la mano levantada."), code="hand_not_raised")
    hand.state, hand.ended_at = "lowered", utcnow()
    return {"hands": hands_for(conn, _publish(conn.workshop_id))}


def end_turn_on_expiry(timer, deadline):
    """The speaking time ran out: the turn ends at the deadline (its speaking time stops there, even
    when a restarted server notices late) and everyone sees the floor free."""
    hand = db.session.get(Hand, timer.hand_id) if timer.hand_id else None
    if hand is not None and hand.state == "speaking":
        hand.state, hand.ended_at = "done", datetime.fromtimestamp(deadline, UTC)
        _publish(timer.workshop_id)


def resume_turn(workshop_id, timer):
    """The moderator gives more time after the speaking time ran out: the same person speaks again,
    as a new turn so the gap between the two is not counted as speaking time."""
    ended = db.session.get(Hand, timer.hand_id) if timer.hand_id else None
    if ended is None or ended.user_id is None or _speaker(workshop_id) is not None:
        return  # nobody to give the floor back to, or someone else already has it: only the clock runs
    hand = _active_hand(workshop_id, ended.user_id)  # raised again meanwhile: that hand takes the floor
    if hand is None:
        hand = Hand(workshop_id=workshop_id, user_id=ended.user_id, raised_at=ended.raised_at)
        db.session.add(hand)
    hand.state, hand.floor_at, hand.ended_at = "speaking", utcnow(), None
    db.session.flush()
    timer.hand_id = hand.id
    _publish(workshop_id)
    # A new hand the person never raised: their clients learn it is theirs (updates carry no person ids).
    notify(user_room(hand.user_id), "hand.mine", {"workshop_id": workshop_id, "hand_id": hand.id})


def close_hands(workshop_id):
    """When the workshop closes: the speaker's turn ends now and the queue empties."""
    for hand in db.session.scalars(select(Hand).where(Hand.workshop_id == workshop_id, Hand.state.in_(ACTIVE))):
        hand.state, hand.ended_at = ("done" if hand.state == "speaking" else "lowered"), utcnow()
    _publish(workshop_id)
