"""People: accounts (lab team, moderators, participants) and guests of one workshop."""
import secrets

from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..types import UTCDateTime, utcnow


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    #: login and contact address, stored lower-case
    email = db.Column(db.String(254), nullable=False, unique=True)
    #: full name as it appears in the attendance register
    name = db.Column(db.String(120), nullable=False)
    #: organisation the person represents
    organisation = db.Column(db.String(160), nullable=False)
    #: key of vocab.ORG_TYPES
    org_type = db.Column(db.String(32), nullable=False)
    #: position (cargo) within the organisation
    position = db.Column(db.String(120), nullable=False, default="")
    #: optional phone number
    phone = db.Column(db.String(40), nullable=False, default="")
    #: werkzeug hash (scrypt); empty for a guest who has not set a password
    password_hash = db.Column(db.String(255), nullable=True)
    #: key of vocab.ROLES
    role = db.Column(db.String(16), nullable=False, default="participant")
    #: set for a guest: the only workshop this person may enter until they set a password
    guest_workshop_id = db.Column(db.Integer, db.ForeignKey("workshops.id", ondelete="SET NULL"))
    #: version of the personal-data consent text the person accepted (Ley 1581 de 2012)
    consent_version = db.Column(db.String(20), nullable=False)
    #: when the consent was given
    consent_at = db.Column(UTCDateTime, nullable=False)
    #: preferred interface language, empty for the default
    locale = db.Column(db.String(8), nullable=False, default="")
    #: set when the lab team gave a temporary password: the person chooses their own before anything else
    password_must_change = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    #: changes on logout and password change, invalidating live sockets opened before
    session_token = db.Column(db.String(32), nullable=False, default=lambda: secrets.token_hex(16))
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)

    @property
    def is_guest(self):
        return self.guest_workshop_id is not None and not self.password_hash

    @property
    def is_lab(self):
        return self.role == "lab"

    def get_id(self):
        # Embedding the token logs out every session of this user when it rotates.
        return f"{self.id}:{self.session_token}"

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)
        self.rotate_session()

    def check_password(self, password):
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def rotate_session(self):
        self.session_token = secrets.token_hex(16)

    def __repr__(self):
        return f"<User {self.id} {self.role}>"
