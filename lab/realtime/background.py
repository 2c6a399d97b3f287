"""Per-process background work: timer expiry and presence upkeep.

Started once per process, by the server entry point or by the first socket connection. Uses
`socketio.sleep` so it runs under eventlet, gevent or threads alike.
"""
import logging
import threading
import time

from ..extensions import db, socketio

log = logging.getLogger(__name__)
_started = threading.Lock()
_running = False


def ensure_background_work(app):
    global _running
    if _running or app.config.get("TESTING") and not app.config.get("BACKGROUND_IN_TESTS"):
        return
    with _started:
        if not _running:
            _running = True
            socketio.start_background_task(_loop, app)


start_background_work = ensure_background_work


def _loop(app):
    tick = app.config["TIMER_TICK_SECONDS"]
    heartbeat_every = app.config["PRESENCE_HEARTBEAT_SECONDS"]
    next_heartbeat = 0.0
    while True:
        with app.app_context():
            try:
                _tick(heartbeat_every, time.time() >= next_heartbeat)
            except Exception:
                log.exception("background tick failed; retrying")
                db.session.rollback()
            finally:
                db.session.remove()
        if time.time() >= next_heartbeat:
            next_heartbeat = time.time() + heartbeat_every
        socketio.sleep(tick)


def _tick(heartbeat_every, heartbeat_due):
    from ..attendance import service as attendance
    from ..live.ticker import expire_due
    from . import presence
    from .events import CONNECTIONS, run_in_transaction
    from .sessions import drop_stale_connections

    expire_due()
    if heartbeat_due:
        # Before the upkeep transaction, not in it: each disconnect runs its handler's own transaction.
        drop_stale_connections()

        def upkeep():
            attendance.heartbeat(list(CONNECTIONS))
            return attendance.close_stale(3 * heartbeat_every)

        presence.changed(*run_in_transaction(upkeep))
