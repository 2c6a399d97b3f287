"""Account operations, usable without HTTP: sign-up, authentication, passwords, guests.

Each function flushes at most; whoever called it (a page, a command) commits."""
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from .. import signals
from ..errors import Conflict, Invalid
from ..extensions import db
from ..types import utcnow
from .consent import CONSENT_VERSION
from .models import User

# The same words whether the e-mail belongs to an account or to a guest, and no word saying which: the
# form must not tell a stranger more than that this address cannot be registered here (and how
# many times it may ask is limited, lab/accounts/throttle.py). A guest has no password to prove who
# they are, so a second guest form with the same e-mail never logs anyone in as that guest.
EMAIL_TAKEN = _l("No podemos registrar este correo. Si ya te registraste, entra con tu contraseña; si te "
                 "uniste como invitado, vuelve desde el navegador con el que te uniste, o pide al equipo del "
                 "laboratorio una contraseña temporal y usa «Entrar».")


class EmailTaken(Conflict):
    pass


class LastLabMember(Conflict):
    """The lab team must never end up empty: nobody could then grant roles."""


def load_user(user_id):
    """Flask-Login loader: the id carries the session token, so a rotated token logs out."""
    ident, _, token = (user_id or "").partition(":")
    if not ident.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or user.session_token != token:
        return None
    return user


def normalise_email(email):
    return (email or "").strip().lower()


def find_by_email(email):
    email = normalise_email(email)
    if not email:
        return None
    # Stored lower-case; lower() on the column as well covers rows written by other tools.
    return db.session.scalar(select(User).where(func.lower(User.email) == email))


def lab_count():
    return db.session.scalar(select(func.count()).select_from(User).where(User.role == "lab"))


def is_empty_installation():
    return db.session.scalar(select(User.id).limit(1)) is None


def _person(data):
    """The attendance fields of a sign-up or guest form, as User columns."""
    return dict(
        name=data["name"].strip(),
        email=normalise_email(data["email"]),
        organisation=data["organisation"].strip(),
        org_type=data["org_type"],
        position=(data.get("position") or "").strip(),
        consent_version=CONSENT_VERSION,
        consent_at=utcnow(),
    )


def _insert_new(user):
    """Insert `user`, the first write of its transaction; a concurrent twin e-mail is EmailTaken."""
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()  # a failed flush leaves the session unusable until rolled back
        raise EmailTaken(EMAIL_TAKEN) from None
    return user


def create_account(data):
    """Create an account from SignupForm data (consent already checked by the form).

    On an empty installation the first account is lab team: there are no default passwords.
    """
    problem = email_problem(data["email"])
    if problem:
        raise EmailTaken(problem)
    user = User(**_person(data), phone=(data.get("phone") or "").strip(),
                role="lab" if is_empty_installation() else "participant")
    user.set_password(data["password"])
    return _insert_new(user)


def email_problem(email):
    """Why this e-mail cannot be used for a new account or guest, or None."""
    user = find_by_email(email)
    if user is None:
        return None
    return EMAIL_TAKEN


def create_guest(workshop, form_data):
    """Create a guest of `workshop` from GuestForm data (the form or its `.data`).

    The guest is a participant with no password, bound to this workshop (the join page then makes
    them a participant of it). Raises EmailTaken (its `message` is for the person) if the e-mail is
    already someone's. Does not log in: the page calls `login_user`.
    """
    data = getattr(form_data, "data", form_data)
    if not data.get("consent"):
        raise Invalid(_l("Sin tu autorización no podemos registrarte."))
    problem = email_problem(data["email"])
    if problem:
        raise EmailTaken(problem)
    return _insert_new(User(**_person(data), role="participant", guest_workshop_id=workshop.id))


@cache
def _dummy_hash():
    return generate_password_hash("not-a-real-password")


def authenticate(email, password):
    """The user with this e-mail and password, or None. Guests have no password, so never match."""
    user = find_by_email(email)
    if user is None or not user.password_hash:
        # Same work as a real check, so the answer time does not tell whether the e-mail exists.
        check_password_hash(_dummy_hash(), password or "")
        return None
    return user if user.check_password(password) else None


def set_password(user, password):
    """Set a new password the person chose, rotating every session of the user.

    A guest who sets a password stops being a guest; the workshops slice keeps their workshop theirs
    (`signals.guest_kept_account`).
    """
    user.password_must_change = False
    if user.guest_workshop_id is not None:
        signals.guest_kept_account.send(user)
    user.set_password(password)
