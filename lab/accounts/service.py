"""Account operations, usable without HTTP."""
from ..extensions import db
from .models import User


def load_user(user_id):
    """Flask-Login loader: the id carries the session token, so a rotated token logs out."""
    ident, _, token = (user_id or "").partition(":")
    if not ident.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or user.session_token != token:
        return None
    return user
