"""Workshops: design (templates, agenda, rules, activities, prompts), management and joining, and who
may enter or moderate each one (access.py)."""
from .. import realtime, signals
from . import access, join_views, reactions, structure_views, templates_views  # noqa: F401  (importing the views adds their routes to bp)
from .cli import templates_cli
from .routes import bp


def init_app(app):
    app.register_blueprint(bp)
    app.cli.add_command(templates_cli)
    hooks = realtime.hooks_of(app)
    hooks.authorise_with(access.connect_role)
    hooks.check_moderators_with(access.standing_statement())
    signals.guest_kept_account.connect(reactions.on_guest_kept_account)
    signals.personal_data.connect(reactions.personal_data)
    signals.account_deleting.connect(reactions.forget_member)
