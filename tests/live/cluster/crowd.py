"""Hundreds of participants at once: python-socketio AsyncClients on one asyncio loop in a thread of
their own, each reconnecting by itself and asking for a snapshot after every connect, as the room
page does. WebSocket transport only (one HTTP request per connection), so no polling session needs
the cookie (aiohttp's default jar keeps no cookies from an IP address such as 127.0.0.1)."""
import asyncio
import gc
import random
import threading
import time
import warnings
from collections import Counter

import socketio

from lab.accounts.models import User
from lab.extensions import db
from lab.types import utcnow
from lab.workshops.models import Participation, Workshop


def seed_people(app, workshop_id, count, session_cookie):
    """`count` fictitious participants who joined the workshop, in one transaction; their cookies."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        people = [User(email=f"multitud{n}@ejemplo.test", name=f"Asistente Ficticia {n:03d}",
                       organisation="ONG Ficticia", org_type="universidad", role="participant",
                       consent_version="2026-11", consent_at=utcnow())
                  for n in range(count)]
        db.session.add_all(people)
        db.session.flush()
        db.session.add_all([Participation(workshop_id=workshop.id, user_id=p.id) for p in people])
        db.session.commit()
        return [session_cookie(app, p) for p in people]


class Member:
    """One participant: connects, counts its connections, keeps the last snapshot's seq and the
    sequence numbers of updates after it. It reconnects as socket.io-client does in the browser:
    after a random pause, longer after each failure (python-socketio's own reconnection is not used:
    on a loop in a thread its pause between attempts never ended)."""

    def __init__(self, crowd, cookie):
        self.crowd, self.cookie = crowd, cookie
        self.sio = socketio.AsyncClient(reconnection=False)
        self.connects, self.synced_seq, self.seen = 0, None, set()
        self.closing = False
        self.sio.on("connect", self._on_connect)
        self.sio.on("disconnect", self._on_disconnect)
        self.sio.on("update", self._on_update)

    async def _on_disconnect(self, *_reason):
        if not self.closing:
            asyncio.get_running_loop().create_task(self._reconnect())

    async def _reconnect(self):
        pause = 0.2
        while not self.closing and not self.sio.connected:
            await asyncio.sleep(pause * (0.5 + random.random()))
            try:
                await self.connect()
            except (socketio.exceptions.ConnectionError, ValueError):
                pause = min(2 * pause, 2.0)

    async def _on_connect(self):
        self.connects += 1
        self.synced_seq = None
        asyncio.get_running_loop().create_task(self._resync())

    async def _resync(self):
        """Ask for a snapshot until one arrives, as the room page does (lab/static/js/live-client.js):
        after a refusal or no answer in time, again after a jittered pause that doubles up to 15 s;
        a new connect asks again."""
        pause = 1.5
        while not self.closing:
            try:
                ack = await self.sio.call("snapshot", timeout=10)
            except socketio.exceptions.TimeoutError:  # a server busy with the whole room
                ack = {}
            except Exception:  # dropped again: the next connect asks
                return
            if ack.get("ok"):
                self.synced_seq = ack["snapshot"]["seq"]
                return
            await asyncio.sleep(pause * (0.5 + random.random()))
            pause = min(2 * pause, 15.0)

    async def _on_update(self, message):
        self.seen.add(message["seq"])

    async def connect(self):
        await self.sio.connect(self.crowd.url, headers={"Cookie": f"session={self.cookie}"},
                               auth={"workshop": self.crowd.workshop_id}, transports=["websocket"], wait_timeout=30)


class Crowd:
    """Many Members on a loop in a background thread; the test thread calls `run(coroutine)`."""

    def __init__(self, url, workshop_id, cookies):
        self.url, self.workshop_id = url, workshop_id
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.members = [Member(self, cookie) for cookie in cookies]

    def run(self, coroutine, timeout):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def connect_all(self, timeout, at_once=50):
        async def connect():
            gate = asyncio.Semaphore(at_once)

            async def one(member):
                async with gate:
                    await member.connect()

            await asyncio.gather(*(one(m) for m in self.members))

        self.run(connect(), timeout)

    def wait(self, predicate, timeout, what):
        """Until predicate(member) holds for every member; fails naming how many it does not hold for."""
        deadline = time.monotonic() + timeout
        while True:
            missing = [m for m in self.members if not predicate(m)]
            if not missing:
                return
            if time.monotonic() > deadline:
                states = Counter((m.connects, m.synced_seq is not None, m.sio.connected) for m in missing)
                raise AssertionError(f"{len(missing)} of {len(self.members)} participants not {what} "
                                     f"within {timeout} s; (connects, synced, connected): {dict(states)}")
            time.sleep(0.1)

    def close(self):
        async def disconnect():
            for member in self.members:
                member.closing = True
            await asyncio.gather(*(m.sio.disconnect() for m in self.members), return_exceptions=True)
            # Reconnects and resyncs still waiting end here; a connect that was under way when the
            # crowd closed may have opened its socket meanwhile: close that one too.
            pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            await asyncio.gather(*(m.sio.disconnect() for m in self.members), return_exceptions=True)

        try:
            self.run(disconnect(), 60)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)
            self.loop.close()
            # A connection cancelled halfway leaves its socket to the collector: collect it now, quietly,
            # rather than in whichever later test the collector happens to run.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ResourceWarning)
                gc.collect()
