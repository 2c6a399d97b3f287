"""The live room: Socket.IO events, server-authoritative state, timers and presence.

Event handlers live in small modules by concern (room, agenda, timers, board, hands, votes);
each registers itself with `realtime.events.live_event`. They must be imported before
`socketio.init_app`, which `register_events` does.
"""


def register_events():
    from ..realtime import connections  # noqa: F401  (connect, disconnect, snapshot)
    from . import events  # noqa: F401


def init_app(app):
    from ..realtime import presence, sessions
    from . import routes

    presence.init_app(app)
    sessions.watch(app)
    app.register_blueprint(routes.bp)
