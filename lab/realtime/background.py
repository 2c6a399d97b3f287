"""Per-process background work: the periodic jobs the slices registered (`Hooks.every`), and the
sweep of sockets whose session ended elsewhere.

Started once per process, by the server entry point or by the first socket connection. Uses
`socketio.sleep` so it runs under eventlet, gevent or threads alike. Each job runs in an app context
and commits its own work; a failing job is logged and tried again at its next turn.
"""
import logging
import threading
import time

from ..errors import database_unreachable
from ..extensions import db, socketio
from .connections import drop_stale_connections
from .hooks import hooks_of

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
    # Sockets whose session ended elsewhere are swept as often as attendance is refreshed.
    jobs = [(app.config["PRESENCE_HEARTBEAT_SECONDS"], drop_stale_connections), *hooks_of(app).jobs]
    due = [0.0] * len(jobs)
    while True:
        for index, (every, job) in enumerate(jobs):
            if time.time() >= due[index]:
                due[index] = time.time() + every
                _run(app, job)
        socketio.sleep(tick)


def _run(app, job):
    with app.app_context():
        try:
            job()
        except Exception as error:
            db.session.rollback()
            name = getattr(job, "__name__", job)
            if database_unreachable(error):  # a warning per tick, without the traceback
                log.warning("background job %s: database unreachable (%s); retrying", name, type(error.orig).__name__)
            else:
                log.exception("background job %s failed; retrying", name)
        finally:
            db.session.remove()
