"""CPU-bound work (writing a 10,000-idea workbook, rendering a PDF) off the event loop.

Under eventlet every socket of the process is served by one thread: a writer running there for
two seconds would freeze every live room for two seconds, and a writer in another thread of the
same process holds the GIL just as long (measured: the fan-out p95 of a 300-client room went up
17-fold). So the writing runs in the export worker, another process (worker.py); the serving
process only waits for its answer, in a real OS thread (eventlet's tpool, gevent's thread pool)
while the loop goes on delivering ideas. `EXPORT_WORKER = False` writes in the calling thread
instead (a one-off command, or a machine where a second process is not wanted)."""
from functools import partial

from flask import current_app
from flask_babel import get_locale

from ..extensions import socketio
from .jobs import JOBS
from .worker import Worker

WORKER = Worker()


def locale_name():
    return str(get_locale() or "es_CO")


def run_job(kind, *args):
    """The result of `jobs.JOBS[kind](*args)`, computed off the event loop."""
    if not current_app.config.get("EXPORT_WORKER", True):
        return JOBS[kind](*args)
    call = partial(WORKER.call, kind, locale_name(), *args)
    mode = getattr(socketio, "async_mode", None)
    if mode == "eventlet":
        from eventlet import tpool  # here: only the eventlet server has (and needs) it
        return tpool.execute(call)
    if mode == "gevent":
        from gevent import get_hub  # here: only the gevent server has (and needs) it
        return get_hub().threadpool.apply(call)
    return call()
