"""The export worker: a separate Python process that writes files (workbooks, PDFs, CSVs) from
plain data, so the CPU they take is never taken from the event loop of the process serving the
live rooms. Threads would not do: the writers are Python code, and a thread holding the GIL for
seconds delays every socket of the process (bench/exports_stall.py measured it).

One worker per serving process, started on first use and kept; jobs go one at a time over its
stdin and come back over its stdout as length-prefixed pickles (the pipe joins two processes of
the same installation, nothing else writes to it). If it dies, the job fails with an error and
the next job starts a new worker.

    python -m lab.exports.worker_process        (started by `Worker`, never by hand)
"""
import os
import pickle
import struct
import subprocess
import sys
import threading
from pathlib import Path

from flask import Flask
from flask_babel import Babel, force_locale

from .jobs import JOBS

SIZE = struct.Struct(">Q")


# -- the worker's side ----------------------------------------------------------------------------

def _app():
    """A bare Flask app with the lab's translations: the writers need gettext and a locale."""
    app = Flask("lab", root_path=str(Path(__file__).resolve().parent.parent))
    Babel(app, default_locale="es_CO", default_timezone="America/Bogota")
    return app


def _run(app, job):
    kind, locale, args = job
    with app.test_request_context(), force_locale(locale):
        return JOBS[kind](*args)


# Exports can wait a second; the live rooms cannot. On a machine whose cores are all busy, the
# scheduler gives the serving process (and the database) the CPU first.
NICENESS = 10


def serve():
    os.nice(NICENESS)
    stdin = sys.stdin.buffer
    # Answers leave on a private copy of stdout; anything a library prints goes to stderr instead
    # of into the middle of an answer.
    stdout = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    app = _app()
    while True:
        header = stdin.read(SIZE.size)
        if len(header) < SIZE.size:
            return
        job = pickle.loads(stdin.read(SIZE.unpack(header)[0]))
        try:
            answer = (True, _run(app, job))
        except Exception as error:  # the job fails, the worker stays
            answer = (False, f"{type(error).__name__}: {error}")
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.write(SIZE.pack(len(data)) + data)
        stdout.flush()


# -- the serving process's side -------------------------------------------------------------------

class WorkerFailed(RuntimeError):
    pass


class Worker:
    """The serving process's handle on its worker. `call` blocks the calling thread (run it in a
    thread the event loop does not need: eventlet's tpool, gevent's pool, or the request's own).

    The pipes are plain blocking file descriptors read and written with os.read/os.write: under
    eventlet, subprocess's own pipes are green (non-blocking, served by the hub), which a thread
    outside the hub must not use."""

    def __init__(self):
        self._lock = threading.Lock()
        self._proc = None
        self._to_worker = self._from_worker = None

    def _started(self):
        if self._proc is None or self._proc.poll() is not None:
            self.stop()
            root = str(Path(__file__).resolve().parent.parent.parent)
            env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
            job_read, job_write = os.pipe()
            answer_read, answer_write = os.pipe()
            try:
                self._proc = subprocess.Popen([sys.executable, "-m", "lab.exports.worker_process"], stdin=job_read,
                                              stdout=answer_write, env=env, cwd=root)
            finally:
                os.close(job_read)
                os.close(answer_write)
            self._to_worker, self._from_worker = job_write, answer_read
        return self._proc

    def call(self, kind, locale, *args):
        data = pickle.dumps((kind, locale, args), protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._started()
            try:
                _write_all(self._to_worker, SIZE.pack(len(data)) + data)
                size = SIZE.unpack(_read_exactly(self._from_worker, SIZE.size))[0]
                ok, value = pickle.loads(_read_exactly(self._from_worker, size))
            except (OSError, EOFError, pickle.UnpicklingError) as error:
                self.stop()
                raise WorkerFailed(f"the export worker failed: {error}") from None
        if not ok:
            raise WorkerFailed(value)
        return value

    def stop(self):
        for fd in (self._to_worker, self._from_worker):
            if fd is not None:
                os.close(fd)
        self._to_worker = self._from_worker = None
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd, size):
    chunks, missing = [], size
    while missing:
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            raise EOFError("the export worker stopped")
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)
