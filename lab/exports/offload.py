"""CPU-bound work (writing a 10,000-idea workbook, rendering a PDF) off the event loop.

Under eventlet every socket of the process is served by one thread: a writer running there for
two seconds would freeze every live room for two seconds. `off_the_loop` runs the function in a
real OS thread (eventlet's tpool, gevent's thread pool) while the loop keeps delivering ideas, and
returns its result. Under the threading server the request already has its own thread.

The function runs with a copy of the request's context, so translations resolve in the language
of the person who asked."""
from flask import copy_current_request_context, has_request_context

from ..extensions import socketio


def off_the_loop(function, *args, **kwargs):
    work = copy_current_request_context(function) if has_request_context() else function
    mode = getattr(socketio, "async_mode", None)
    if mode == "eventlet":
        from eventlet import tpool  # here: only the eventlet server has (and needs) it
        return tpool.execute(work, *args, **kwargs)
    if mode == "gevent":
        from gevent import get_hub  # here: only the gevent server has (and needs) it
        return get_hub().threadpool.apply(work, args, kwargs)
    return work(*args, **kwargs)
