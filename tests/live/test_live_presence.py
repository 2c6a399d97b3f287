"""Against the real server: a crowd arriving or dropping at once (a venue's Wi-Fi, a restart) reaches
the moderator as a few presence lists that end right, on one process or on two sharing the database
and a message queue."""
import os
import shutil
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import pytest

from lab.extensions import db
from lab.workshops.models import Workshop

from .. import factories
from .conftest import session_cookie
from .support import LiveClient, RedisServer, Server

pytestmark = pytest.mark.live

CROWD = 40
CONVERGE = 20.0  # bound for the whole crowd to be connected, listed, dropped and listed again
# A change waiting to go out goes out within one presence interval (0.5 s), a recheck one interval after
# the list it checks: no list for two intervals means nothing more is planned.
QUIET = 2 * 0.5 + 0.2


@pytest.fixture
def crowd(seed_app, room):
    """CROWD more participants of the room: (name, cookie) each."""
    with seed_app.app_context():
        workshop = db.session.get(Workshop, room.workshop_id)
        people = [factories.join(factories.make_user(password=None, name=f"Asistente Ficticia {n:02d}"), workshop)
                  for n in range(CROWD)]
        return [(person.name, session_cookie(seed_app, person)) for person in people]


def presence_lists(client, since=0):
    with client._changed:
        return [data for event, data in client.received[since:] if event == "presence"]


def wait_for_list(client, names, since=0, timeout=CONVERGE):
    """Until the last list received lists exactly `names`; returns every list since `since`."""
    expected = sorted(names)
    deadline = time.monotonic() + timeout
    while True:
        lists = presence_lists(client, since)
        if lists and sorted(person["name"] for person in lists[-1]["people"]) == expected:
            return lists
        if time.monotonic() > deadline:
            last = lists[-1]["count"] if lists else None
            raise AssertionError(f"presence never listed the {len(expected)} expected; last count {last}")
        time.sleep(0.05)


def all_at_once(action, clients):
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        list(pool.map(action, clients))


def arrive_and_drop(moderator, moderator_name, clients, names):
    """Everyone connects at once, then everyone's network drops at once; the moderator's list must end
    with all of them, then with the moderator alone, in far fewer lists than sockets."""
    start = len(moderator.received)
    all_at_once(LiveClient.connect, clients)
    arrived = wait_for_list(moderator, [moderator_name, *names], start)
    moderator.wait_quiet("presence", QUIET)  # nothing more is on its way, or the last list is still right
    assert presence_lists(moderator, start)[-1] == arrived[-1] and arrived[-1]["count"] == len(names) + 1
    assert len(presence_lists(moderator, start)) < len(clients) / 4

    start = len(moderator.received)
    all_at_once(LiveClient.drop, clients)
    left = wait_for_list(moderator, [moderator_name], start)
    moderator.wait_quiet("presence", QUIET)
    assert presence_lists(moderator, start)[-1] == left[-1] and left[-1]["count"] == 1
    assert len(presence_lists(moderator, start)) < len(clients) / 4
    assert moderator.call("snapshot")["snapshot"]["presence"] == left[-1]


def test_forty_arrive_and_drop_at_once_and_the_moderator_ends_with_the_right_list(room, server, join, crowd):
    moderator = join("moderator")
    clients = [LiveClient(server, cookie, room.workshop_id) for _name, cookie in crowd]
    try:
        arrive_and_drop(moderator, "Mónica Moderadora Ficticia", clients, [name for name, _cookie in crowd])
    finally:
        for client in clients:
            client.close()


SHARED_REDIS = os.environ.get("COCREA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def answers(url):
    address = urlparse(url)
    try:
        with socket.create_connection((address.hostname, address.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_url(tmp_path):
    """A private redis-server where the machine has one (its channels shared with nobody), else the
    machine's Redis service."""
    if shutil.which("redis-server"):
        redis = RedisServer(tmp_path / "redis.log").start()
        yield redis.url
        redis.stop()
    elif answers(SHARED_REDIS):
        yield SHARED_REDIS
    else:
        pytest.skip(f"needs Redis: no redis-server command and nothing answers at {SHARED_REDIS} "
                    "(set COCREA_TEST_REDIS_URL)")


def test_two_processes_sharing_a_message_queue_agree_on_presence(room, live_db, tmp_path, crowd, redis_url):
    """Half the crowd on each process; the moderator, on one of them, hears of the other half through
    the message queue, and ends with the right list both times."""
    servers = [Server(live_db, tmp_path / f"server-{n}.log", COCREA_REDIS_URL=redis_url) for n in (1, 2)]
    moderator = LiveClient(servers[0], room.cookies["moderator"], room.workshop_id)
    clients = [LiveClient(servers[n % 2], cookie, room.workshop_id) for n, (_name, cookie) in enumerate(crowd)]
    try:
        for server in servers:
            server.start()
        moderator.connect()
        arrive_and_drop(moderator, "Mónica Moderadora Ficticia", clients, [name for name, _cookie in crowd])
    finally:
        for client in [moderator, *clients]:
            client.close()
        for server in servers:
            server.stop()
    for server in servers:
        assert "Traceback" not in server.log_path.read_text(errors="replace"), server.log_tail()
