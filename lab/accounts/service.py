"""Account operations, usable without HTTP: sign-up, authentication, passwords, guests."""
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..types import utcnow
from .consent import CONSENT_VERSION
from .models import User

EMAIL_TAKEN = _l("Ya existe una cuenta con este correo; entra con tu contraseña.")
# A guest has no password to prove who they are, so a second guest form with the same e-mail must
# not log anyone in as that guest (anyone who knows the address could otherwise post and read as
# them). They come back from the browser they joined in, or get a temporary password from the lab
# team and use "Entrar".
GUEST_EMAIL_TAKEN = _l("Este correo ya se usó para unirse como invitado. Vuelve desde el navegador con el "
                       "que te uniste, o pide al equipo del laboratorio una contraseña temporal y usa «Entrar».")


class AccountError(Exception):
    """A rule of the domain refused the operation; `message` is shown to the person as is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message  # lazy: rendered in the language of the request that shows it


class EmailTaken(AccountError):
    pass


class LastLabMember(AccountError):
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


def _commit_new(user, workshop=None):
    """Insert `user` (and their Participation in `workshop`); a concurrent twin e-mail is EmailTaken."""
    db.session.add(user)
    try:
        db.session.flush()
        if workshop is not None:
            ensure_participation(user, workshop.id)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise EmailTaken(EMAIL_TAKEN) from None
    return user


def create_account(data):
    """Create an account from SignupForm data (consent already checked by the form) and commit.

    On an empty installation the first account is lab team: there are no default passwords.
    """
    problem = email_problem(data["email"])
    if problem:
        raise EmailTaken(problem)
    user = User(**_person(data), phone=(data.get("phone") or "").strip(),
                role="lab" if is_empty_installation() else "participant")
    user.set_password(data["password"])
    return _commit_new(user)


def email_problem(email):
    """Why this e-mail cannot be used for a new account or guest, or None."""
    user = find_by_email(email)
    if user is None:
        return None
    return EMAIL_TAKEN if user.password_hash else GUEST_EMAIL_TAKEN


def create_guest(workshop, form_data):
    """Create a guest of `workshop` from GuestForm data (the form or its `.data`) and commit.

    The guest is a participant with no password, bound to this workshop, and gets a Participation
    row so access survives setting a password later. Raises EmailTaken (its `message` is for the
    person) if the e-mail is already someone's. Does not log in: the route calls `login_user`.
    """
    data = getattr(form_data, "data", form_data)
    if not data.get("consent"):
        raise AccountError(_l("Sin tu autorización no podemos registrarte."))
    problem = email_problem(data["email"])
    if problem:
        raise EmailTaken(problem)
    user = User(**_person(data), role="participant", guest_workshop_id=workshop.id)
    return _commit_new(user, workshop)


def ensure_participation(user, workshop_id):
    from ..workshops.models import Participation

    exists = db.session.scalar(select(Participation.id).filter_by(user_id=user.id, workshop_id=workshop_id))
    if exists is None:
        db.session.add(Participation(user_id=user.id, workshop_id=workshop_id))


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
    """Set a new password (rotating every session of the user) and commit.

    A guest who sets a password stops being a guest; their Participation keeps them in the workshop.
    """
    if user.guest_workshop_id is not None:
        ensure_participation(user, user.guest_workshop_id)
    user.set_password(password)
    db.session.commit()
