"""Computing a diagnosis and building its page's sections off the event loop.

Under eventlet one thread serves every socket of the process: a large diagnosis (seconds of ORM
reads, evidence copies and betweenness) run there would freeze every live room for as long. The
exports' worker process does not fit this work, because it reads and writes the database through
the request's session, so it runs in a real OS thread (eventlet's tpool, gevent's thread pool),
the same wait the exports use for their worker, while the loop goes on serving the rooms.

The thread runs in a copy of the request's context: the same app, request and session, used by
one thread at a time because the request waits for it."""
import contextvars

from ..extensions import db, socketio


def off_loop(fn, *args):
    """`fn(*args)`, run where the event loop keeps serving the rooms meanwhile."""
    # The session's connection is taken here, on the loop, where the pool's green locks belong.
    db.session.connection()
    call = contextvars.copy_context().run
    mode = getattr(socketio, "async_mode", None)
    if mode == "eventlet":
        from eventlet import tpool  # here: only the eventlet server has (and needs) it
        return tpool.execute(call, fn, *args)
    if mode == "gevent":
        from gevent import get_hub  # here: only the gevent server has (and needs) it
        return get_hub().threadpool.apply(call, (fn, *args))
    return call(fn, *args)
