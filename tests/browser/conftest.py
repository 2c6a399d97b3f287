"""Browser tests: a real server process (eventlet, its own SQLite database) and headless Chromium.

The server is started once per module with `python wsgi.py --port P`, after the migrations ran on
its database by the operator's command. People and workshops are seeded from this process through
the app's models on the same database; a person arrives either through the real forms or with a
session cookie signed with the server's secret (what a login leaves), which keeps tests fast and
clear of the login rate limit.
"""
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

from lab import create_app
from lab.board.models import Cluster, Idea
from lab.extensions import db
from lab.live.models import LiveState
from lab.vocab import IDEA_COLORS
from lab.workshops.models import Prompt, Workshop

from .. import factories

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
FLASK = ROOT / ".venv" / "bin" / "flask"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SECRET_KEY = "browser-tests-fixed-secret-key"
START_TIMEOUT = 30.0
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
PROMPT_SECONDS = 8  # short, so a countdown runs out during the test


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url):
    env = {key: value for key, value in os.environ.items() if not key.startswith("COCREA_")}
    env.update(COCREA_DATABASE_URL=database_url, COCREA_SECRET_KEY=SECRET_KEY, COCREA_ASYNC_MODE="eventlet",
               PYTHONUNBUFFERED="1")
    return env


class Server:
    def __init__(self, database_url, log_path):
        self.database_url = database_url
        self.log_path = Path(log_path)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def migrate(self):
        result = subprocess.run([str(FLASK), "--app", "lab:create_app", "db", "upgrade"], cwd=ROOT,
                                env=server_environment(self.database_url), capture_output=True, text=True,
                                timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"migrations failed:\n{result.stdout}\n{result.stderr}")

    def start(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen([str(PYTHON), "wsgi.py", "--port", str(self.port)], cwd=ROOT,
                                            env=server_environment(self.database_url), stdin=subprocess.DEVNULL,
                                            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log()}")
            if self.healthy():
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server not healthy after {START_TIMEOUT:.0f} s:\n{self.log()}")

    def healthy(self):
        try:
            with urllib.request.urlopen(self.url + "/health", timeout=2) as response:
                return response.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def log(self):
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-server")
    server = Server(f"sqlite:///{folder / 'cocrea.db'}", folder / "server.log")
    server.migrate()
    server.start()
    yield server
    server.stop()
    assert "Traceback" not in server.log(), server.log()[-4000:]


@pytest.fixture(scope="module")
def seed_app(server, tmp_path_factory):
    """The app in this process, on the server's database: to seed it and to look inside it."""
    app = create_app({"TESTING": True, "ASYNC_MODE": "threading", "SQLALCHEMY_DATABASE_URI": server.database_url,
                      "SECRET_KEY": SECRET_KEY, "INSTANCE_PATH": str(tmp_path_factory.mktemp("seed-instance"))})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@dataclass
class Seeded:
    workshop_id: int
    join_code: str
    prompt_ids: list
    people: dict  # name -> User (detached, attributes loaded)


@pytest.fixture(scope="module")
def seed(seed_app):
    """seed(participants=("ana",), asks=True) -> a scheduled workshop with a moderator and members."""

    def make(participants=("ana",), asks=True, seconds=PROMPT_SECONDS, prompts=2):
        with seed_app.app_context():
            moderator = factories.make_user(role="moderator", name="Mónica Moderadora Ficticia",
                                            organisation="Alcaldía Ficticia", org_type="entidad_publica")
            texts = tuple(f"Pregunta {n}: ¿qué actores externos podrían aportar al laboratorio?"
                          for n in range(1, prompts + 1))
            workshop = factories.make_workshop(prompts=texts, moderators=[moderator])
            people = {"moderator": moderator}
            for name in participants:
                people[name] = factories.make_user(name=f"{name.title()} Participante Ficticia",
                                                   organisation="Universidad Imaginaria")
            prompt_rows = db.session.scalars(db.select(Prompt).filter_by(workshop_id=workshop.id)
                                             .order_by(Prompt.position)).all()
            for prompt in prompt_rows:
                prompt.seconds = seconds if prompt.position == 0 else 600
                prompt.asks_actor = prompt.asks_category = asks and prompt.position == 0
            db.session.commit()
            return Seeded(workshop.id, workshop.join_code, [p.id for p in prompt_rows], people)

    return make


SAMPLE_IDEAS = (
    ("Semilleros de investigación en innovación pública", "Universidad Imaginaria", "humanas"),
    ("Préstamo de laboratorios de prototipado", "Centro de Productividad Imaginario", "tecnologicas"),
    ("Cofinanciación de retos con empresas del territorio", "Cámara de Comercio Ficticia", "economicas"),
    ("Espacios comunitarios para talleres barriales", "Junta de Acción Comunal Ficticia", "fisicas"),
    ("Redes de líderes sociales para convocar", "Fundación Ficticia", "sociales"),
    ("Datos abiertos de movilidad para analizar", "Secretaría Ficticia", "tecnologicas"),
)


@pytest.fixture(scope="module")
def fill_board(seed_app):
    """fill_board(room, count) -> the workshop live on its first prompt, open, with `count` ideas by
    its participants, some of them in clusters. Written straight to the database, as if posted."""

    def fill(room, count=12, clusters=("Academia", "Sector productivo")):
        with seed_app.app_context():
            workshop = db.session.get(Workshop, room.workshop_id)
            workshop.status = "live"
            prompt = db.session.get(Prompt, room.prompt_ids[0])
            prompt.is_open = True
            state = db.session.get(LiveState, workshop.id) or LiveState(workshop_id=workshop.id, seq=0)
            state.prompt_id, state.agenda_item_id = prompt.id, workshop.agenda[1].id
            db.session.add(state)
            groups = [Cluster(workshop_id=workshop.id, prompt_id=prompt.id, name=name) for name in clusters]
            db.session.add_all(groups)
            db.session.flush()
            authors = [user.id for name, user in room.people.items() if name != "moderator"]
            for n in range(count):
                text, actor, category = SAMPLE_IDEAS[n % len(SAMPLE_IDEAS)]
                db.session.add(Idea(workshop_id=workshop.id, prompt_id=prompt.id, author_id=authors[n % len(authors)],
                                    client_id=f"seed-{workshop.id}-{n:05d}", text=f"{text} ({n + 1})",
                                    actor_name=actor, category=category, color=IDEA_COLORS[n % len(IDEA_COLORS)],
                                    cluster_id=groups[n % 4].id if n % 4 < len(groups) else None))
            db.session.commit()
            db.session.remove()

    return fill


@pytest.fixture(scope="module")
def make_user(seed_app):
    def make(role="participant", **fields):
        with seed_app.app_context():
            return factories.make_user(role=role, **fields)

    return make


@pytest.fixture(scope="module")
def join_workshop(seed_app):
    def join(user, workshop_id):
        with seed_app.app_context():
            factories.join(user, db.session.get(factories.Workshop, workshop_id))

    return join


@pytest.fixture(scope="module")
def chromium():
    # Imported here, not at the top: only a browser test pays the third of a second Playwright takes
    # to load, never `make test-fast`, which collects this folder and deselects it.
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_context(chromium, server, seed_app):
    """open_context(user=None, width=1280) -> a fresh browser context (its own cookies), logged in as
    `user` if given. Every page's console errors are collected and must stay empty."""
    contexts, errors = [], []

    def open_(user=None, width=1280, height=900):
        context = chromium.new_context(base_url=server.url, viewport={"width": width, "height": height},
                                       locale="es-CO")
        context.set_default_timeout(10_000)
        if user is not None:
            context.add_cookies([{"name": "session", "value": session_cookie(seed_app, user),
                                  "domain": urlparse(server.url).hostname, "path": "/"}])
        context.on("page", lambda page: watch_errors(page, errors))
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()
    assert not errors, f"errors in the browser console: {errors}"


def watch_errors(page, errors):
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.on("console", lambda message: message.type == "error" and not expected_console_error(message.text)
            and errors.append(f"{page.url}: {message.text}"))
    page.on("response", lambda response: failed_response(response) and errors.append(
        f"{response.status} {response.url}"))


def expected_console_error(text):
    # Failed loads are judged by their response below (the message does not say which URL);
    # a context set offline on purpose makes Chromium log its failed reconnection attempts.
    return text.startswith("Failed to load resource") or "ERR_INTERNET_DISCONNECTED" in text


def failed_response(response):
    """A static file or socket request that failed; pages are checked by each test's own asserts."""
    if response.url.endswith("/favicon.ico"):
        return False  # base.html names no icon; Chromium asks anyway
    return response.status >= 500 or (response.status == 404 and "/static/" in response.url)


def session_cookie(app, user):
    """The cookie a login leaves, signed with the server's secret."""
    return app.session_interface.get_signing_serializer(app).dumps({"_user_id": user.get_id(), "_fresh": True})


def screenshot(page, name, full_page=True):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
