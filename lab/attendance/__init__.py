"""Attendance register: one row per connection interval, with the person's details at join; the
register page and its CSV for the lab team and the workshop's moderators; who is in the room now."""
from .. import realtime, signals
from . import reactions, routes, service
from .jobs import upkeep


def init_app(app):
    app.register_blueprint(routes.bp)
    hooks = realtime.hooks_of(app)
    hooks.read_presence_with(service.present, service.present_count)
    hooks.find_sockets_with(service.open_sockets)
    hooks.every(app.config["PRESENCE_HEARTBEAT_SECONDS"], upkeep)
    signals.socket_connected.connect(reactions.on_connected)
    signals.socket_disconnected.connect(reactions.on_disconnected)
    signals.workshop_closing.connect(reactions.on_workshop_closing)
    signals.personal_data.connect(reactions.personal_data)
    signals.account_deleting.connect(reactions.forget_person)
