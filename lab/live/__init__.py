"""The live room's domain: the workshop's start and close, the agenda, prompts, the two countdowns
(stored as deadlines, expired once by whichever process sees them first), raised hands, and the live
pages (room, console, projector). Built on the realtime layer (lab/realtime)."""
from .. import realtime, signals
from . import cli, events, reactions, routes  # noqa: F401  (importing events declares the slice's socket events)
from .jobs import expire_due
from .models import LiveState
from .state import room_snapshot


def init_app(app):
    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.retention_command)
    hooks = realtime.hooks_of(app)
    hooks.use_room_row(LiveState)
    hooks.before_snapshot(expire_due)  # a snapshot never shows a countdown past its deadline as running
    hooks.snapshot_part(room_snapshot)
    hooks.every(app.config["TIMER_TICK_SECONDS"], expire_due)
    signals.personal_data.connect(reactions.personal_data)
    signals.account_deleting.connect(reactions.forget_hands)
