"""A participant's browser tab against the balanced cluster: a real python-socketio client that
reconnects by itself, keeps the room in step by sequence numbers (a gap or a reconnect fetches a
snapshot) and keeps unacknowledged ideas in an outbox, as lab/static/js/live-client.js and outbox.js do.

Cookies live in the client's HTTP session, as in a browser: the session cookie the login left, and
the `cocrea_node` cookie the process that served it set; both travel with every long-polling request
and with the WebSocket upgrade. (A `Cookie` header passed to python-socketio would hide the jar from
the polling requests: requests adds jar cookies only when no Cookie header is set.)
"""
import threading
import time
from urllib.parse import urlparse

import requests
import socketio

from ..support import WAIT, new_client_id

RECONNECT = {"reconnection": True, "reconnection_delay": 0.2, "reconnection_delay_max": 1.0,
             "randomization_factor": 0.5}


class RoomClient:
    """One person's tab. `node` pins the first request to a process, as a cookie from an earlier
    visit would; without it the balancer picks one."""

    def __init__(self, url, cookie, workshop_id, node=None, transports=None, name=""):
        self.url, self.workshop_id, self.name = url, workshop_id, name
        self.transports = transports or ["polling", "websocket"]
        self.http = requests.Session()
        # Host-only cookies, as the server's own Set-Cookie makes them: its answer replaces ours.
        host = urlparse(url).hostname
        self.http.cookies.set("session", cookie, domain=host, path="/")
        if node:
            self.http.cookies.set("cocrea_node", node, domain=host, path="/")
        self.sio = socketio.Client(http_session=self.http, **RECONNECT)
        self.lock = threading.Condition()
        self.seq, self.ideas, self.updates, self.snapshots = None, {}, [], []
        self.connects = 0
        self.outbox = {}  # client_id -> text, until acknowledged
        self.acked = {}  # client_id -> idea id
        self._resync_wanted = threading.Event()
        self._closing = False
        self.sio.on("connect", self._on_connect)
        self.sio.on("update", self._on_update)
        threading.Thread(target=self._resyncer, daemon=True).start()

    # -- connection -------------------------------------------------------------------------

    def connect(self, timeout=WAIT * 2):
        self.sio.connect(self.url, auth={"workshop": self.workshop_id}, transports=self.transports,
                         wait_timeout=timeout)
        self.wait_synced(timeout)
        return self

    @property
    def node(self):
        """The process this tab's cookie points to now."""
        return self.http.cookies.get("cocrea_node")

    def _on_connect(self):
        with self.lock:
            self.connects += 1
            self.seq = None  # not in step until the snapshot arrives
        self._resync_wanted.set()

    def _on_update(self, message):
        with self.lock:
            self.updates.append(message)
            if self.seq is None or message["seq"] <= self.seq:
                return  # a snapshot on its way has it (or already had it)
            if message["seq"] > self.seq + 1:
                self.seq = None  # a gap: something was missed; the snapshot has it
                self._resync_wanted.set()
                return
            self.seq = message["seq"]
            self._apply(message)
            self.lock.notify_all()

    def _apply(self, message):
        if message["type"] == "idea":
            self.ideas[message["data"]["id"]] = message["data"]

    def _resyncer(self):
        """Snapshots are asked from a thread of their own: an event handler cannot wait for an ack."""
        while not self._closing:
            if not self._resync_wanted.wait(0.2):
                continue
            self._resync_wanted.clear()
            try:
                ack = self.sio.call("snapshot", timeout=WAIT)
            except Exception:  # no answer in time: ask again; disconnected: the next connect asks
                if self.sio.connected:
                    self._resync_wanted.set()
                continue
            if not ack.get("ok"):
                self._resync_wanted.set()
                time.sleep(0.2)
                continue
            self.load(ack["snapshot"])
            self.flush()

    def load(self, snapshot):
        with self.lock:
            self.snapshots.append(snapshot)
            self.ideas = {idea["id"]: idea for idea in snapshot["ideas"]}
            self.seq = snapshot["seq"]
            # Updates that arrived while the snapshot was on its way, and come after it.
            for message in sorted(self.updates, key=lambda m: m["seq"]):
                if message["seq"] == self.seq + 1:
                    self.seq = message["seq"]
                    self._apply(message)
            self.lock.notify_all()

    def wait_synced(self, timeout=WAIT * 2):
        self.wait(lambda: self.seq is not None and self.sio.connected, timeout, "in step with the room")

    def wait(self, predicate, timeout=WAIT, what="the condition"):
        deadline = time.monotonic() + timeout
        with self.lock:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{self.name or 'client'}: not {what} within {timeout} s "
                                         f"(seq {self.seq}, connected {self.sio.connected})")
                self.lock.wait(min(left, 0.1))

    def call(self, event, payload=None, timeout=WAIT):
        return self.sio.call(event, payload, timeout=timeout)

    # -- the outbox -------------------------------------------------------------------------

    def post(self, prompt_id, text):
        """Queue an idea and try to send it; it stays queued until the server acknowledges it."""
        client_id = new_client_id()
        with self.lock:
            self.outbox[client_id] = (prompt_id, text)
        self.flush()
        return client_id

    def flush(self, timeout=WAIT):
        with self.lock:
            pending = list(self.outbox.items())
        for client_id, (prompt_id, text) in pending:
            try:
                ack = self.call("idea:post", {"client_id": client_id, "prompt_id": prompt_id, "text": text},
                                timeout)
            except Exception:  # not connected, or no ack in time: kept for the next try
                return False
            if not ack.get("ok"):
                if ack["error"]["code"] in ("unavailable", "server_error", "not_joined", "rate_limited"):
                    return False
                raise AssertionError(f"idea refused: {ack}")
            with self.lock:
                self.outbox.pop(client_id, None)
                self.acked[client_id] = ack["idea"]["id"]
        return True

    def wait_outbox_empty(self, timeout):
        deadline = time.monotonic() + timeout
        while self.outbox and time.monotonic() < deadline:
            if self.sio.connected:
                self.flush()
            time.sleep(0.1)
        assert not self.outbox, f"{self.name}: {len(self.outbox)} ideas never acknowledged"

    def close(self):
        self._closing = True
        self.sio.shutdown()  # stops reconnecting too
        self.http.close()


def texts(client):
    with client.lock:
        return sorted(idea["text"] for idea in client.ideas.values())
