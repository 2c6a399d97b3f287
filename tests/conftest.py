"""Fixtures: a fresh migrated database per test (SQLite by default, PostgreSQL when
COCREA_TEST_DATABASE_URL is set), the app, its test clients and small factories."""
import os
import re
import shutil

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from lab import create_app
from lab.extensions import db
from lab.realtime import CONNECTIONS

from . import factories

# The live room every board, vote and hand test starts from (the `live` fixture).
pytest_plugins = ["tests.board_helpers"]

PG_URL = os.environ.get("COCREA_TEST_DATABASE_URL", "")


def base_config(database_url, instance_path):
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "ASYNC_MODE": "threading",
        # Every presence change sent at once, in the connect or disconnect itself: no background send
        # lands in a later statement count. tests/test_presence.py sets an interval.
        "PRESENCE_INTERVAL_SECONDS": 0,
        "TEMPLATES_DIR": os.path.join(os.path.dirname(__file__), "..", "workshops"),
        "INSTANCE_PATH": instance_path,
    }


def migrate(database_url, instance_path):
    app = create_app(base_config(database_url, instance_path))
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """Run the migrations once per session; each test gets a copy (SQLite) or a truncation (PostgreSQL)."""
    folder = tmp_path_factory.mktemp("template-db")
    if PG_URL:
        engine = create_engine(PG_URL)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        migrate(PG_URL, str(folder))
        return PG_URL
    path = folder / "template.db"
    migrate(f"sqlite:///{path}", str(folder))
    return path


@pytest.fixture
def database_url(migrated_database, tmp_path):
    if PG_URL:
        yield PG_URL
        truncate_all(PG_URL)
        return
    path = tmp_path / "cocrea.db"
    shutil.copy(migrated_database, path)
    yield f"sqlite:///{path}"


def truncate_all(url):
    engine = create_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app on this test's database; extra config overrides the defaults."""
    apps = []

    def build(**config):
        app = create_app({**base_config(database_url, str(tmp_path)), **config})
        apps.append(app)
        return app

    yield build
    # The test clients never disconnect: their connections must not count in the next test's rooms
    # (same ids, a fresh database), as the sockets a person already holds there.
    CONNECTIONS.clear()
    for app in apps:
        # A presence list still planned must not reach the next test's sockets (same workshop ids).
        app.extensions["realtime"].presence.close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    """The app, with no context held open: each request gets its own, as in production.
    Touch the database inside `with app.app_context():` or through the `make` factories."""
    return make_app()


@pytest.fixture
def make(app):
    return factories.Factories(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


def csrf_token(client, page="/"):
    """The CSRF token of the client's session, as a browser would read it from any page."""
    response = client.get(page)
    match = CSRF.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {page}"
    return match.group(1)


class Browser:
    """A test client that submits forms the way the browser does: with the page's CSRF token."""

    def __init__(self, client):
        self.client = client

    def post(self, url, data=None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", csrf_token(self.client))
        return self.client.post(url, data=data, **kwargs)

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def login(self, email, password=factories.PASSWORD):
        email = getattr(email, "email", email)
        return self.post("/entrar", {"email": email, "password": password})

    def logout(self):
        return self.post("/salir")


@pytest.fixture
def browser(client):
    return Browser(client)


@pytest.fixture
def make_browser(app):
    """More than one person at a time: each call is a separate cookie jar."""
    return lambda: Browser(app.test_client())
