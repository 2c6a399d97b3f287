"""Personal data (Ley 1581 de 2012): what we hold about a person, and deleting their account."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from ..extensions import db
from ..types import utcnow
from .consent import CONSENT_VERSION, consent_paragraphs
from .service import LastLabMember, lab_count

# Stored in the attendance register, which is filed in Spanish: the source text of vocab.ANONYMOUS,
# never the reader's translation of it.
ANONYMOUS_NAME = "Participante anónimo"


def _iso(value):
    return value.isoformat() if value is not None else None


def personal_data(user):
    """Everything stored about `user`, as plain JSON-ready data."""
    return {
        "exported_at": _iso(utcnow()),
        "profile": {
            "name": user.name, "email": user.email, "organisation": user.organisation,
            "org_type": user.org_type, "position": user.position, "phone": user.phone,
            "role": user.role, "locale": user.locale, "is_guest": user.is_guest,
            "guest_workshop_id": user.guest_workshop_id, "created_at": _iso(user.created_at),
        },
        "consent": {
            "version": user.consent_version,
            "given_at": _iso(user.consent_at),
            "text": consent_paragraphs() if user.consent_version == CONSENT_VERSION else None,
        },
        "workshops": _workshops(user),
        "ideas": _ideas(user),
        "votes": _votes(user),
        "hands": _hands(user),
        "attendance": _attendance(user),
    }


def _workshops(user):
    from ..workshops.models import Participation, Workshop

    rows = db.session.execute(
        select(Workshop, Participation.joined_at).join(Participation, Participation.workshop_id == Workshop.id)
        .where(Participation.user_id == user.id).order_by(Participation.joined_at)
    )
    return [{"id": w.id, "title": w.title, "entity": w.entity, "starts_at": _iso(w.starts_at),
             "joined_at": _iso(joined_at)} for w, joined_at in rows]


def _ideas(user):
    from ..board.models import Idea
    from ..workshops.models import Prompt

    rows = db.session.execute(
        select(Idea, Prompt.text).join(Prompt, Prompt.id == Idea.prompt_id)
        .where(Idea.author_id == user.id).order_by(Idea.created_at, Idea.id)
    )
    return [{"id": i.id, "workshop_id": i.workshop_id, "prompt_id": i.prompt_id, "prompt": prompt,
             "text": i.text, "actor": i.actor_name, "category": i.category, "color": i.color,
             "hidden": i.hidden, "created_at": _iso(i.created_at), "updated_at": _iso(i.updated_at)}
            for i, prompt in rows]


def _votes(user):
    from ..board.models import Vote, VoteRound

    rows = db.session.execute(
        select(Vote, VoteRound.workshop_id).join(VoteRound, VoteRound.id == Vote.round_id)
        .where(Vote.user_id == user.id).order_by(Vote.id)
    )
    return [{"workshop_id": workshop_id, "round_id": v.round_id, "target_id": v.target_id, "count": v.count}
            for v, workshop_id in rows]


def _hands(user):
    from ..live.models import Hand

    hands = db.session.scalars(select(Hand).where(Hand.user_id == user.id).order_by(Hand.raised_at))
    return [{"workshop_id": h.workshop_id, "state": h.state, "raised_at": _iso(h.raised_at),
             "floor_at": _iso(h.floor_at), "ended_at": _iso(h.ended_at)} for h in hands]


def _attendance(user):
    from ..attendance.models import Attendance

    rows = db.session.scalars(select(Attendance).where(Attendance.user_id == user.id)
                              .order_by(Attendance.joined_at))
    return [{"workshop_id": a.workshop_id, "name": a.name, "email": a.email, "organisation": a.organisation,
             "org_type": a.org_type, "position": a.position, "role": a.role,
             "joined_at": _iso(a.joined_at), "left_at": _iso(a.left_at)} for a in rows]


def delete_account(user):
    """Delete `user` and commit. Their ideas stay without author; the attendance register keeps the
    organisation, its type and the role of each interval but no longer says who it was."""
    from ..attendance.models import Attendance
    from ..board.models import Idea, Vote
    from ..live.models import Hand
    from ..workshops.models import Participation, workshop_moderators

    if user.role == "lab" and lab_count() <= 1:
        raise LastLabMember(_l("Eres la única persona del equipo del laboratorio. Antes de eliminar tu cuenta, "
                               "da ese rol a otra persona en «Personas»."))
    uid = user.id
    db.session.execute(update(Attendance).where(Attendance.user_id == uid)
                       .values(name=ANONYMOUS_NAME, email="", position="", user_id=None))
    db.session.execute(update(Idea).where(Idea.author_id == uid).values(author_id=None))
    # Raised hands and speaking turns say who spoke: they go with the person.
    db.session.execute(delete(Hand).where(Hand.user_id == uid))
    # The foreign keys would cascade these too; done here so the result never depends on the
    # database enforcing them.
    db.session.execute(delete(Vote).where(Vote.user_id == uid))
    db.session.execute(delete(Participation).where(Participation.user_id == uid))
    db.session.execute(delete(workshop_moderators).where(workshop_moderators.c.user_id == uid))
    db.session.delete(user)
    db.session.commit()
