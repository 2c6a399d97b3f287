"""The idea board: ideas, clusters and votes, with their socket events (events.py)."""
from .. import realtime, signals
from . import events, reactions  # noqa: F401  (importing events declares the slice's socket events)
from .service import board_snapshot


def init_app(app):
    realtime.hooks_of(app).snapshot_part(board_snapshot)
    signals.workshop_closing.connect(reactions.on_workshop_closing)
    signals.prompts_in_use.connect(reactions.count_ideas)
    signals.personal_data.connect(reactions.personal_data)
    signals.account_deleting.connect(reactions.forget_author)
