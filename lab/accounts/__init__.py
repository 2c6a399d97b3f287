"""Accounts: sign-up with consent, login, profile, personal data, roles, guests."""


def init_app(app):
    from . import routes
    from .service import load_user

    from ..extensions import login_manager

    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    app.register_blueprint(routes.bp)
