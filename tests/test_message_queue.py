"""The Redis message queue between processes, against a real redis-server that stops and starts."""
import json
import queue
import shutil
import threading
import time

import pytest
import redis

from lab.message_queue import QUIET_AFTER_FAILURE, RETRY_MAX, ResilientRedisManager, channel_for, client_manager

from .live.support import RedisServer, free_port

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs the redis-server command")


def test_publishing_while_redis_is_down_gives_up_at_once_then_stays_quiet_for_a_moment():
    manager = ResilientRedisManager(f"redis://127.0.0.1:{free_port()}/0", "prueba")  # nothing listens there
    began = time.monotonic()
    manager._publish({"method": "emit", "event": "update"})
    assert time.monotonic() - began < 1.0
    began = time.monotonic()
    for _ in range(1000):  # meanwhile every broadcast skips the queue without trying
        manager._publish({"method": "emit", "event": "update"})
    assert time.monotonic() - began < QUIET_AFTER_FAILURE / 2


def test_the_listener_gets_messages_again_by_itself_after_redis_restarts(tmp_path):
    server = RedisServer(tmp_path / "redis.log").start()
    manager = ResilientRedisManager(server.url, channel="prueba")
    received = queue.Queue()

    def listen():
        for message in manager._listen():
            received.put(json.loads(message))

    threading.Thread(target=listen, daemon=True).start()
    sender = redis.Redis.from_url(server.url)
    try:
        assert_delivered(sender, received, "antes")
        server.stop()
        time.sleep(1.0)  # the listener notices and starts retrying
        server.start()
        assert_delivered(sender, received, "después", within=RETRY_MAX + 3)
    finally:
        sender.close()
        server.stop()


def assert_delivered(sender, received, text, within=5.0):
    """Publish `text` until the listener hands it over (a message published before it subscribed is lost)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            sender.publish("prueba", json.dumps({"text": text}))
        except redis.exceptions.ConnectionError:
            pass
        try:
            if received.get(timeout=0.2) == {"text": text}:
                return
        except queue.Empty:
            pass
    raise AssertionError(f"{text!r} not received within {within} s")


def test_each_queue_url_gets_its_manager_and_no_queue_none():
    database = "postgresql://cocrea@db:5432/cocrea"
    assert client_manager(None, database) == {"client_manager": None}
    assert isinstance(client_manager("redis://127.0.0.1:6379/0", database)["client_manager"], ResilientRedisManager)
    assert client_manager("amqp://guest@127.0.0.1//", database) == {"channel": channel_for(database)}


def test_installations_sharing_a_redis_publish_on_channels_of_their_own():
    production, staging = "postgresql://cocrea:s3creta@db:5432/cocrea", "postgresql://cocrea@db:5432/cocrea_pruebas"
    assert channel_for(production) != channel_for(staging)
    assert channel_for(production) == channel_for("postgresql://cocrea:otra@db:5432/cocrea")  # not the password
    assert "s3creta" not in channel_for(production)
