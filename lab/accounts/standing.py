"""What a signed-in person settles before any other page: a temporary password replaced by their own,
and the current personal-data authorisation accepted (when its text changed since they accepted it).

Their own account pages, the language switch and logging out stay open; every other page sends them
here first and brings them back afterwards. The live room is a page, so its socket waits too.
"""
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .consent import CONSENT_VERSION

OPEN = {"static", "accounts.password", "accounts.logout", "accounts.consent", "accounts.my_data",
        "accounts.delete_account", "accounts.profile", "main.set_language", "main.health"}


def needs_consent(user):
    return user.consent_version != CONSENT_VERSION


def _settle_first():
    if request.endpoint in OPEN or request.endpoint is None or not current_user.is_authenticated:
        return None
    if current_user.password_must_change:
        flash(_("Entraste con una contraseña temporal: elige ahora tu propia contraseña."), "info")
        return redirect(url_for("accounts.password"))
    if needs_consent(current_user):
        return redirect(url_for("accounts.consent", next=request.full_path if request.method == "GET" else None))
    return None


def init_app(app):
    app.before_request(_settle_first)
