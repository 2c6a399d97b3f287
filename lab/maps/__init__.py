"""The lab's map of actors and capabilities: what the board's ideas propose, reviewed live by the
moderators and afterwards by the lab team, traced back to its evidence."""
from .. import realtime, signals
from . import events, manage_views, reactions, routes  # noqa: F401  (events declares the socket events; manage_views adds pages to the blueprint)
from .cli import demo_cli
from .proposals import proposal_job
from .views import map_snapshot


def init_app(app):
    app.config.setdefault("MAP_PROPOSAL_SECONDS", 1.0)
    app.register_blueprint(routes.bp)
    app.cli.add_command(demo_cli)
    hooks = realtime.hooks_of(app)
    hooks.snapshot_part(map_snapshot)
    hooks.every(app.config["MAP_PROPOSAL_SECONDS"], proposal_job)
    signals.idea_changed.connect(reactions.on_idea_changed)
    signals.account_deleting.connect(reactions.forget_person)
    signals.personal_data.connect(reactions.personal_data)
