"""A real Cocrea server in a subprocess, and real Socket.IO clients that talk to it.

The server is `python wsgi.py --port P` from the repository root, on eventlet, on its own SQLite
database; it can be stopped and started again on the same database and port. Clients are
python-socketio's `socketio.Client` over the websocket transport, carrying a session cookie signed
with the server's secret, exactly what a login leaves in a browser. Every wait is bounded.
"""
import os
import secrets
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import socketio

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
FLASK = ROOT / ".venv" / "bin" / "flask"
SECRET_KEY = "live-tests-fixed-secret-key"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
WAIT = 5.0  # default bound for one ack or one expected update


def wait_until(predicate, timeout=WAIT, what="the condition"):
    """Poll `predicate` until it holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not hold within {timeout} s")
        time.sleep(0.02)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url, **settings):
    """The server's environment: this database, the fixed secret, eventlet, and any COCREA_ `settings`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("COCREA_")}
    env.update(COCREA_DATABASE_URL=database_url, COCREA_SECRET_KEY=SECRET_KEY, COCREA_ASYNC_MODE="eventlet",
               PYTHONUNBUFFERED="1", **settings)
    return env


def migrate(database_url):
    """The schema, by the same command an operator runs."""
    result = subprocess.run([str(FLASK), "--app", "lab:create_app", "db", "upgrade"], cwd=ROOT,
                            env=server_environment(database_url), capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"migrations failed:\n{result.stdout}\n{result.stderr}")


class Server:
    """One server process; `stop()` then `start()` again keeps its database and port."""

    def __init__(self, database_url, log_path, port=None, **settings):
        self.database_url, self.settings = database_url, settings
        self.log_path = Path(log_path)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.start_seconds = None  # how long the last start took, until the server answered

    def start(self):
        began = time.monotonic()
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [str(PYTHON), "wsgi.py", "--port", str(self.port)], cwd=ROOT,
                env=server_environment(self.database_url, **self.settings), stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT)
        self.wait_healthy()
        self.start_seconds = time.monotonic() - began
        return self

    def wait_healthy(self, timeout=START_TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log_tail()}")
            if self.healthy():
                return
            time.sleep(0.1)
        raise RuntimeError(f"server not healthy after {timeout:.0f} s:\n{self.log_tail()}")

    def healthy(self):
        try:
            with urllib.request.urlopen(self.url + "/health", timeout=2) as response:
                return response.status == 200 and b'"ok"' in response.read()
        except (OSError, urllib.error.URLError):
            return False

    def stop(self):
        """SIGTERM, as a process manager would, then wait; SIGKILL only if it will not go."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(STOP_TIMEOUT)
        self.process = None

    def restart(self):
        self.stop()
        return self.start()

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class RedisServer:
    """A private Redis for one test: the message queue of several servers, shared with nobody else
    (publish/subscribe channels are global to a Redis, whatever its database number)."""

    def __init__(self, log_path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = Path(log_path)
        self.process = None

    def start(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                    probe.sendall(b"PING\r\n")
                    if probe.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("redis-server did not answer")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(STOP_TIMEOUT)
        self.process = None


class LiveClient:
    """A person's browser tab: one real Socket.IO connection, with what it received."""

    def __init__(self, server, cookie, workshop_id, auth=None, query="", view=None):
        self.server, self.cookie, self.workshop_id = server, cookie, workshop_id
        # What the handshake carries: {"workshop": workshop_id} (and the view asked for, if any)
        # unless a test sends something else.
        self.auth = {"workshop": workshop_id, **({"view": view} if view else {})} if auth is None else auth
        self.query = query
        self.sio = socketio.Client(reconnection=False)
        self.received = []  # (event, data) in arrival order: "update", "presence", "vote.progress", ...
        self.last_arrival = {}  # event -> time.monotonic() of its latest arrival
        self.connect_errors = []
        self._sockets = []  # TCP sockets opened, closed for sure at the end (a server-side drop leaves them)
        self._changed = threading.Condition()
        self.sio.on("connect_error", self._on_connect_error)
        self.sio.on("*", self._on_any)

    def _on_any(self, event, data=None):
        with self._changed:
            self.received.append((event, data))
            self.last_arrival[event] = time.monotonic()
            self._changed.notify_all()

    def _on_connect_error(self, data=None):
        with self._changed:
            self.connect_errors.append(data)
            self._changed.notify_all()

    def connect(self, timeout=WAIT):
        """Open the socket; raises socketio.exceptions.ConnectionError when refused."""
        headers = {"Cookie": f"session={self.cookie}"} if self.cookie else {}
        self.sio.connect(self.server.url + self.query, headers=headers, auth=self.auth,
                         transports=["websocket"], wait_timeout=timeout)
        self._sockets.append(self.sio.eio.ws.sock)
        return self

    @property
    def connected(self):
        return self.sio.connected

    def drop(self, timeout=WAIT):
        """Cut the connection as a lost network does: no goodbye reaches the server."""
        self.sio.eio.ws.sock.shutdown(socket.SHUT_RDWR)
        self.wait_disconnected(timeout)

    def wait_disconnected(self, timeout=WAIT):
        deadline = time.monotonic() + timeout
        while self.sio.connected and time.monotonic() < deadline:
            time.sleep(0.02)
        if self.sio.connected:
            raise AssertionError(f"still connected after {timeout} s")

    def call(self, event, payload=None, timeout=WAIT):
        """Emit and wait for the ack."""
        return self.sio.call(event, payload, timeout=timeout)

    def emit(self, event, *args):
        """Emit without asking for an ack (what a misbehaving client may do)."""
        self.sio.emit(event, args[0] if len(args) == 1 else (tuple(args) if args else None))

    def updates(self):
        with self._changed:
            return [data for event, data in self.received if event == "update"]

    def wait_for(self, predicate, timeout=WAIT, what="an update"):
        """The first received (event, data) matching `predicate`, waiting up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for item in self.received:
                    if predicate(*item):
                        return item[1]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no {what} within {timeout} s; got {self.received[-10:]}")
                self._changed.wait(left)

    def wait_quiet(self, event, quiet, timeout=4 * WAIT):
        """Until no `event` has arrived for `quiet` seconds: what the server had planned went out."""
        began = time.monotonic()
        with self._changed:
            while True:
                now = time.monotonic()
                left = max(began, self.last_arrival.get(event, began)) + quiet - now
                if left <= 0:
                    return
                if now - began > timeout:
                    raise AssertionError(f"{event!r} messages kept coming for {timeout} s")
                self._changed.wait(left)

    def wait_update(self, kind, where=lambda data: True, timeout=WAIT):
        return self.wait_for(lambda event, msg: event == "update" and msg["type"] == kind and where(msg["data"]),
                             timeout, what=f"{kind!r} update")

    def close(self):
        self.sio.shutdown()
        for sock in self._sockets:
            sock.close()


def refusal(server, cookie, workshop_id, timeout=WAIT, **handshake):
    """Try to connect; return the connect_error data the server sent ({message, data: {code}})."""
    client = LiveClient(server, cookie, workshop_id, **handshake)
    try:
        client.connect(timeout)
    except socketio.exceptions.ConnectionError:
        pass
    else:
        client.close()
        raise AssertionError("the connection was accepted")
    if not client.connect_errors:
        raise AssertionError("refused without a connect_error")
    return client.connect_errors[0]


def new_client_id():
    return "t-" + secrets.token_hex(8)


def go_live(moderator, room, prompt="normal"):
    """workshop:start and prompt:open ("short", "long" or "normal"), as the moderator; returns the
    prompt:open ack."""
    assert moderator.call("workshop:start")["ok"]
    ack = moderator.call("prompt:open", {"prompt_id": room.prompts[prompt]})
    assert ack["ok"], ack
    return ack


def post(client, room, text, prompt="normal", client_id=None):
    return client.call("idea:post", {"client_id": client_id or new_client_id(), "prompt_id": room.prompts[prompt],
                                     "text": text})
