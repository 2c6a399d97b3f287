"""Role checks for pages. Workshop membership (who may enter or moderate a workshop) is the
workshops slice's: lab/workshops/access.py."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def role_required(*roles):
    """Route decorator: logged in, and one of `roles` (403 otherwise)."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate
