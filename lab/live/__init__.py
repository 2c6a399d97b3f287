"""The live room: Socket.IO events, server-authoritative state, timers and presence.

Event handlers live in small modules by concern (room, agenda, timers, board, hands, votes);
each registers itself with `protocol.live_event`. They must be imported before
`socketio.init_app`, which `register_events` does.
"""


def register_events():
    from . import connection  # noqa: F401  (connect, disconnect, snapshot)
    from . import handlers  # noqa: F401


def init_app(app):
    from . import presence, routes, sessions

    presence.init_app(app)
    sessions.watch(app)
    app.register_blueprint(routes.bp)
