"""Personal data (Ley 1581 de 2012): what we hold about a person, and deleting their account."""
from flask_babel import lazy_gettext as _l

from .. import signals
from ..extensions import db
from ..types import iso, utcnow
from .consent import CONSENT_VERSION, consent_paragraphs
from .service import LastLabMember, lab_count

# The download lists what the person did in this order; parts of slices added later follow, by name.
PARTS_ORDER = ("workshops", "workshops_moderated", "workshops_created", "ideas", "votes", "hands", "attendance",
               "audit")


def personal_data(user):
    """Everything stored about `user`, as plain JSON-ready data: the account here, and what every
    slice holds about them (`signals.personal_data`)."""
    data = {
        "exported_at": iso(utcnow()),
        "profile": {
            "name": user.name, "email": user.email, "organisation": user.organisation,
            "org_type": user.org_type, "position": user.position, "phone": user.phone,
            "role": user.role, "locale": user.locale, "is_guest": user.is_guest,
            "guest_workshop_id": user.guest_workshop_id, "created_at": iso(user.created_at),
        },
        "consent": {
            "version": user.consent_version,
            "given_at": iso(user.consent_at),
            "text": consent_paragraphs() if user.consent_version == CONSENT_VERSION else None,
        },
    }
    parts = {}
    for _receiver, part in signals.personal_data.send(user):
        parts.update(part)
    return {**data, **dict(sorted(parts.items(), key=lambda item: _position(item[0])))}



def _position(key):
    return (PARTS_ORDER.index(key), "") if key in PARTS_ORDER else (len(PARTS_ORDER), key)


def delete_account(user):
    """Delete `user`. Their ideas stay without author; the attendance register keeps the organisation,
    its type and the role of each interval but no longer says who it was; every slice removes or
    anonymises its rows about them (`signals.account_deleting`)."""
    if user.role == "lab" and lab_count() <= 1:
        raise LastLabMember(_l("Eres la única persona del equipo del laboratorio. Antes de eliminar tu cuenta, "
                               "da ese rol a otra persona en «Personas»."))
    signals.account_deleting.send(user)
    db.session.delete(user)
    db.session.flush()
