"""What the lab team does with people's accounts: find them, grant roles, set a temporary password."""
import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from .. import vocab
from ..errors import Conflict, Invalid
from ..extensions import db
from .models import User
from .service import LastLabMember, lab_count, set_password

PER_PAGE = 50
# Read aloud or typed from a chat: no 0/O/1/I/L.
TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RANK = {"participant": 0, "moderator": 1, "lab": 2}


def _like(text):
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_people(query="", page=1):
    """People whose name, e-mail or organisation contains `query`, by name, 50 per page."""
    stmt = select(User)
    query = (query or "").strip()
    if query:
        pattern = _like(query)
        stmt = stmt.where(or_(User.name.ilike(pattern, escape="\\"), User.email.ilike(pattern, escape="\\"),
                              User.organisation.ilike(pattern, escape="\\")))
    stmt = stmt.order_by(func.lower(User.name), User.id)
    return db.paginate(stmt, page=page, per_page=PER_PAGE, error_out=False)


def set_role(person, role):
    """Give `person` the role. Returns False when it was already theirs."""
    if role not in vocab.ROLES:
        raise Invalid(_l("Elige un rol de la lista."))
    if role == person.role:
        return False
    if person.role == "lab" and lab_count() <= 1:
        raise LastLabMember(_l("Es la única persona del equipo del laboratorio: da ese rol a otra persona antes "
                               "de cambiar el suyo."))
    if role != "participant" and not person.password_hash:
        # A guest's session is the only proof of who they are: no more than participant without a password.
        raise Conflict(_l("Una persona invitada sin contraseña solo puede ser participante. Asígnale antes "
                              "una contraseña temporal."))
    demoted = RANK[role] < RANK[person.role]
    person.role = role
    if demoted:
        # Open sockets keep the role they connected with: end them so the lost rights go at once.
        person.rotate_session()
    return True


def new_temporary_password():
    groups = ("".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def set_temporary_password(person):
    """Draw a temporary password for `person`, store its hash, end their sessions; return it once."""
    password = new_temporary_password()
    set_password(person, password)
    person.password_must_change = True  # known to the lab team too: the person chooses their own at first login
    return password
