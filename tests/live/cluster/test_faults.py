"""Faults across the balanced cluster, each with nothing lost: a process killed, Redis stopped and
started again, the database's connections cut. Real processes, real clients, nothing mocked."""
import threading
import time

import pytest
import requests
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from lab.board.models import Idea
from lab.extensions import db

from ...conftest import CSRF
from ..support import WAIT
from .support import texts

pytestmark = [pytest.mark.live, pytest.mark.cluster]

REDIS_OUTAGE = 10.0  # seconds; bench/README.md has longer ones
RECOVERY = 15.0  # bound for clients to be back and in step after a fault


def go_live(moderator, room):
    assert moderator.call("workshop:start")["ok"]
    assert moderator.call("prompt:open", {"prompt_id": room.prompts["normal"]})["ok"]
    return room.prompts["normal"]


def stored_ideas(seed_app, room):
    """client_id -> text of every idea in the database."""
    with seed_app.app_context():
        rows = db.session.execute(select(Idea.client_id, Idea.text).where(Idea.workshop_id == room.workshop_id))
        ideas = dict(rows.all())
        db.session.remove()
        return ideas


def all_converge(clients, expected, timeout=RECOVERY):
    expected = sorted(expected)
    for client in clients:
        try:
            client.wait(lambda c=client: texts(c) == expected, timeout, f"showing the {len(expected)} ideas")
        except AssertionError as error:
            shown = texts(client)
            missing = [t for t in expected if t not in shown]
            extra = [t for t in shown if t not in expected]
            raise AssertionError(f"{error}; missing {missing[:5]}, unexpected {extra[:5]}") from None


def test_a_killed_process_clients_move_to_the_other_and_their_outbox_delivers_every_idea_once(
        room, tab, cluster, seed_app):
    moderator = tab("moderator", "a2")
    prompt = go_live(moderator, room)
    on_a1, carla = [tab("alicia", "a1"), tab("bruno", "a1")], tab("carla", "a2")
    stop, posted = threading.Event(), {}

    def keep_posting(client):
        n = 0
        while not stop.is_set():
            posted[client.post(prompt, f"{client.name}: idea {n}")] = f"{client.name}: idea {n}"
            n += 1
            time.sleep(0.05)

    posters = [threading.Thread(target=keep_posting, args=(c,)) for c in on_a1]
    for poster in posters:
        poster.start()
    try:
        for client in on_a1:
            client.wait(lambda c=client: len(c.acked) >= 5, WAIT, "posting")
        cluster.app("a1").kill()  # SIGKILL, mid-posting: some ideas are on their way
        for client in on_a1:  # back in through nginx, on the process that is left
            client.wait(lambda c=client: c.connects >= 2 and c.seq is not None, RECOVERY, "reconnected")
            assert client.node == "a2"
            client.wait(lambda c=client: len(c.acked) >= 5 + 5, RECOVERY, "posting again")
    finally:
        stop.set()
        for poster in posters:
            poster.join(WAIT)
    for client in on_a1:
        client.wait_outbox_empty(RECOVERY)

    stored = stored_ideas(seed_app, room)
    assert stored == posted  # every idea, once (the unique key would refuse a second; none is missing)
    for client in on_a1:
        assert set(client.acked.values()) == {i["id"] for i in client.ideas.values() if i["client_id"] in client.acked}
    all_converge([moderator, carla, *on_a1], posted.values())


def test_redis_stopped_ten_seconds_each_process_serves_its_own_and_the_others_resync_after(
        room, tab, cluster, redis, seed_app):
    moderator, alicia = tab("moderator", "a1"), tab("alicia", "a1")
    bruno, carla = tab("bruno", "a2"), tab("carla", "a2")
    prompt = go_live(moderator, room)
    alicia.post(prompt, "antes del corte")
    all_converge([moderator, alicia, bruno, carla], ["antes del corte"], WAIT)

    redis.stop()
    assert failed_login_answer(cluster.url) == 422  # the login limit counts in memory meanwhile, no error page
    began, n = time.monotonic(), 0
    while time.monotonic() - began < REDIS_OUTAGE:  # the outage: both sides keep posting
        for client in (alicia, bruno):
            sent = time.monotonic()
            client.post(prompt, f"{client.name}: durante el corte {n}")
            assert not client.outbox and time.monotonic() - sent < 1.5, "a post waited on the message queue"
        n += 1
        time.sleep(0.5)
    # Each process kept serving its own clients, live.
    moderator.wait(lambda: f"alicia: durante el corte {n - 1}" in texts(moderator), WAIT, "served by a1")
    carla.wait(lambda: f"bruno: durante el corte {n - 1}" in texts(carla), WAIT, "served by a2")
    # (The other process's ideas reach them too, late: each of their own broadcasts shows a gap in
    # the shared sequence, and the snapshot it makes them fetch has everything stored.)
    redis.start()

    # Delivery across processes resumes by itself, both ways (no listener left dead): a post that
    # crosses shows the others a gap in the sequence, and they fetch what they missed.
    deadline = time.monotonic() + RECOVERY
    while time.monotonic() < deadline and not (_sees(carla, "alicia: después") and _sees(moderator, "bruno: después")):
        alicia.post(prompt, "alicia: después")
        bruno.post(prompt, "bruno: después")
        time.sleep(0.5)
    # A broadcast lost just before the listener came back shows as a gap only when the next one
    # arrives: these are the next ones, on both sides.
    alicia.post(prompt, "alicia: al final")
    bruno.post(prompt, "bruno: al final")
    stored = stored_ideas(seed_app, room)
    all_converge([moderator, alicia, bruno, carla], stored.values())
    for client in (moderator, carla):
        assert len(client.snapshots) >= 2, f"{client.name} caught up without a resync?"


def failed_login_answer(url):
    """The status of a login with a wrong password, through the balancer, as a browser sends it."""
    with requests.Session() as browser:
        token = CSRF.search(browser.get(url + "/entrar", timeout=WAIT).text).group(1)
        return browser.post(url + "/entrar", data={"csrf_token": token, "email": "nadie@ejemplo.test",
                                                   "password": "no-es-la-clave"}, timeout=WAIT).status_code


def _sees(client, prefix):
    return any(t.startswith(prefix) for t in texts(client))


@pytest.fixture
def database_admin(live_db):
    """Runs statements on the server's maintenance database, to refuse and cut this test database's
    connections (its own only: the server itself keeps running)."""
    url = make_url(live_db)
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = url.database

    def run(statement):
        with engine.connect() as conn:
            conn.execute(text(statement.format(db=name)))

    yield run
    run('ALTER DATABASE "{db}" ALLOW_CONNECTIONS true')
    engine.dispose()


def test_database_connections_cut_events_fail_clearly_then_work_again_without_a_restart(
        room, tab, cluster, seed_app, database_admin):
    moderator, alicia, bruno = tab("moderator", "a1"), tab("alicia", "a1"), tab("bruno", "a2")
    prompt = go_live(moderator, room)
    pids = [app.pid for app in cluster.apps]

    database_admin('ALTER DATABASE "{db}" ALLOW_CONNECTIONS false')
    database_admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                   "WHERE datname = '{db}' AND pid <> pg_backend_pid()")
    for client in (alicia, bruno):
        ack = client.call("idea:post", {"client_id": f"corte-{client.name}", "prompt_id": prompt,
                                        "text": f"{client.name}: durante el corte"})
        assert ack["ok"] is False and ack["error"]["code"] == "unavailable", ack
        assert "base de datos" in ack["error"]["message"]
        client.post(prompt, f"{client.name}: en la bandeja")  # kept in the outbox
        assert client.outbox

    database_admin('ALTER DATABASE "{db}" ALLOW_CONNECTIONS true')
    for client in (alicia, bruno):
        client.wait_outbox_empty(RECOVERY)
    alicia.post(prompt, "alicia: después")
    expected = ["alicia: después", "alicia: en la bandeja", "bruno: en la bandeja"]
    all_converge([moderator, alicia, bruno], expected)
    assert sorted(stored_ideas(seed_app, room).values()) == expected  # nothing from the refused attempts
    assert [app.pid for app in cluster.apps] == pids  # recovered without a restart
