"""The Redis message queue between app processes, made to ride out a Redis outage.

python-socketio's RedisManager delivers a broadcast to this process's own sockets, then publishes it
for the others. While Redis is down it tries twice per broadcast, each try waiting on a connection
(with redis-py's own retries, and with no time limit against a host that drops packets), so every
ack waits; its listener doubles its pause up to 60 s between reconnections, and stops for good if
a listen loop ever ends. Here instead:

- publishing gives up within a second and then stays quiet for a second: the process keeps serving
  its own clients at full speed; the others' clients miss those broadcasts and recover them through
  the sequence resync (a gap in `seq` makes a client ask for a snapshot; docs/protocol.md);
- the listener, on its own connection, reconnects within RETRY_MAX seconds of Redis coming back,
  pings an idle connection, and never leaves its loop;
- the log says once that the queue is down and once that it is back, not once per broadcast.

Unsequenced messages lost meanwhile heal themselves: presence lists are re-read and resent, vote
progress is replaced by the next one, and each process's periodic check drops the sockets of a user
whose session ended.
"""
import hashlib
import logging
import time

import socketio
from redis.backoff import NoBackoff
from redis.retry import Retry
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

PUBLISH_TIMEOUT = 1.0  # seconds to connect to Redis or hear back from it when publishing
QUIET_AFTER_FAILURE = 1.0  # seconds without publishing attempts after one failed
RETRY_MIN, RETRY_MAX = 0.2, 2.0  # the listener's pause between reconnections, doubling up to the max
LISTEN_POLL = 1.0  # seconds the listener waits for a message before checking its connection


def client_manager(url, database_url):
    """socketio.init_app's client_manager option for this message queue URL. Always given for Redis
    (or none), so an app built without a queue never inherits the manager of one built before."""
    if not url:
        return {"client_manager": None}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"client_manager": ResilientRedisManager(url, channel_for(database_url))}
    return {"channel": channel_for(database_url)}  # another kind of queue: Flask-SocketIO picks its manager


def channel_for(database_url):
    """The publish/subscribe channel of one installation: named after its database. Channels are
    global to a Redis (its database number does not separate them), so two installations sharing a
    Redis (staging and production, two labs) would otherwise deliver each other's broadcasts, and
    rooms are named by workshop id."""
    url = make_url(database_url)
    where = f"{url.get_backend_name()}://{url.host or ''}:{url.port or ''}/{url.database or ''}"
    return "cocrea:" + hashlib.sha256(where.encode()).hexdigest()[:16]


class ResilientRedisManager(socketio.RedisManager):
    """Socket.IO client manager over Redis publish/subscribe that survives Redis going away."""

    def __init__(self, url, channel):
        super().__init__(url, channel=channel)
        self._publisher = None
        self._quiet_until = 0.0
        self._down = {"publish": False, "listen": False}

    def _client(self, timeout):
        """A Redis client that fails fast: no retries of its own (the callers decide), bounded waits."""
        return self._get_redis_module().Redis.from_url(
            self.redis_url, socket_connect_timeout=timeout, socket_timeout=timeout, socket_keepalive=True,
            health_check_interval=10, retry=Retry(NoBackoff(), 0))

    def _publish(self, data):
        if time.monotonic() < self._quiet_until:
            return
        try:
            if self._publisher is None:
                self._publisher = self._client(PUBLISH_TIMEOUT)
            self._publisher.publish(self.channel, self.json.dumps(data))
        except Exception as error:  # redis-py raises its own errors and OSError alike
            self._quiet_until = time.monotonic() + QUIET_AFTER_FAILURE
            self._publisher = _closed(self._publisher)
            self._went("publish", error)
        else:
            self._came_back("publish")

    def _listen(self):
        channel, pause = self.channel.encode("utf-8"), RETRY_MIN
        while True:
            pubsub = None
            try:
                pubsub = self._client(LISTEN_POLL + 2).pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.channel)
                self._came_back("listen")
                pause = RETRY_MIN
                while True:
                    message = pubsub.get_message(timeout=LISTEN_POLL)
                    if message and message["type"] == "message" and message["channel"] == channel:
                        yield message["data"]
            except Exception as error:
                self._went("listen", error)
                _closed(pubsub)
                time.sleep(pause)  # the server's sleep: patched under eventlet and gevent
                pause = min(2 * pause, RETRY_MAX)

    def _went(self, what, error):
        if not self._down[what]:
            self._down[what] = True
            log.warning("message queue unreachable (%s: %s): this process keeps serving its own clients; "
                        "the others resync when it is back", what, error)

    def _came_back(self, what):
        if self._down[what]:
            self._down[what] = False
            log.warning("message queue reachable again (%s)", what)


def _closed(resource):
    try:
        if resource is not None:
            resource.close()
    except Exception:  # closing a connection to a server that is gone may fail too
        pass
    return None
