"""Accounts: sign-up with consent, login, profile, personal data, roles, guests."""
from flask_babel import lazy_gettext as _l

from ..extensions import login_manager
from . import account_views, consent, consent_views, routes, sessions, standing, team_views  # noqa: F401  (the views add routes to bp)
from .service import load_user


def init_app(app):
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Inicia sesión para ver esta página.")
    login_manager.login_message_category = "info"
    app.jinja_env.globals.update(consent_title=consent.CONSENT_TITLE, consent_version=consent.CONSENT_VERSION,
                                 consent_paragraphs=consent.consent_paragraphs)
    app.register_blueprint(routes.bp)
    sessions.init_app(app)
    standing.init_app(app)
