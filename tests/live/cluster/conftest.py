"""Fixtures of the cluster tests: two app processes on PostgreSQL and a private Redis, behind nginx
from the repository's configuration (deploy/cluster.py, what `make cluster` runs).

PostgreSQL is always needed (several processes share one database): COCREA_TEST_CLUSTER_DATABASE_URL,
by default a database of its own on this machine's server, created when missing. Its schema is
dropped and migrated again once per session, and emptied after every test.
"""
import os
import sys

import pytest
from sqlalchemy import create_engine, text

from ...conftest import truncate_all
from ..support import ROOT, RedisServer, migrate, server_environment
from .support import RoomClient

sys.path.insert(0, str(ROOT / "deploy"))
from cluster import Cluster, ensure_database  # noqa: E402

CLUSTER_DATABASE = os.environ.get("COCREA_TEST_CLUSTER_DATABASE_URL",
                                  "postgresql://postgres@127.0.0.1:5432/test_cluster")


@pytest.fixture(scope="session")
def cluster_database():
    try:
        ensure_database(CLUSTER_DATABASE)
    except Exception as error:  # noqa: BLE001  (no server there: say what is missing)
        pytest.skip(f"the cluster tests need PostgreSQL at {CLUSTER_DATABASE} "
                    f"(set COCREA_TEST_CLUSTER_DATABASE_URL): {error}")
    engine = create_engine(CLUSTER_DATABASE)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    migrate(CLUSTER_DATABASE)
    return CLUSTER_DATABASE


@pytest.fixture
def live_db(cluster_database):
    """The seed and the servers share the cluster's database; emptied after each test."""
    yield cluster_database
    truncate_all(cluster_database)


@pytest.fixture
def redis(tmp_path):
    """A private Redis: the tests stop and start it."""
    server = RedisServer(tmp_path / "redis.log").start()
    yield server
    server.stop()


@pytest.fixture
def cluster(live_db, room, redis, tmp_path):
    # Tests post faster than a person may: the limit is not what they are about.
    env = server_environment(live_db, COCREA_REDIS_URL=redis.url, COCREA_TRUSTED_PROXIES="1", COCREA_POST_RATE="1000/1")
    running = Cluster(tmp_path / "cluster", env, processes=2).start()
    yield running
    running.stop()
    for node, log in running.logs().items():
        assert "Traceback" not in log, f"app process {node}:\n{log[-3000:]}"


@pytest.fixture
def tab(cluster, room):  # noqa: F811
    """tab("alicia", node="a2") -> a connected RoomClient through nginx; all are closed after the test."""
    tabs = []

    def open_tab(who, node=None, cookie=None, **options):
        client = RoomClient(cluster.url, cookie or room.cookies[who], room.workshop_id, node=node, name=who,
                            **options)
        tabs.append(client)
        return client.connect()

    yield open_tab
    for client in tabs:
        client.close()
