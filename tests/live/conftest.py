"""Fixtures of the live-server tests: a migrated database, a seeded room, the server, its clients."""
from dataclasses import dataclass, field

import pytest

from lab import create_app
from lab.extensions import db
from lab.workshops.models import Prompt

from .. import factories
from .support import SECRET_KEY, LiveClient, Server, migrate

# "long" must outlast a server restart; the restart test sets it to what this machine needs.
PROMPT_SECONDS = {"short": 3, "long": 30, "normal": 600}


@dataclass
class Room:
    """What the seed created: ids, and one signed session cookie per person."""

    workshop_id: int
    other_workshop_id: int
    prompts: dict  # "short" | "long" | "normal" -> prompt id
    cookies: dict  # "moderator" | "alicia" | "bruno" | "carla" | "stranger" -> cookie
    user_ids: dict = field(default_factory=dict)


@pytest.fixture
def live_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    migrate(url)
    return url


@pytest.fixture
def seed_app(live_db, tmp_path):
    """The app in this process, on the server's database: to seed it and to look inside it."""
    app = create_app({"TESTING": True, "ASYNC_MODE": "threading", "SQLALCHEMY_DATABASE_URI": live_db,
                      "SECRET_KEY": SECRET_KEY, "INSTANCE_PATH": str(tmp_path / "instance")})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def session_cookie(app, user):
    """The cookie a login leaves, signed with the server's secret."""
    return app.session_interface.get_signing_serializer(app).dumps({"_user_id": user.get_id(), "_fresh": True})


@pytest.fixture
def room(seed_app):
    with seed_app.app_context():
        # No passwords: these people arrive with a signed session cookie, never through the login form.
        moderator = factories.make_user(role="moderator", password=None, name="Mónica Moderadora Ficticia")
        texts = {key: f"Pregunta {key}: ¿qué actores podrían aportar?" for key in PROMPT_SECONDS}
        workshop = factories.make_workshop(prompts=tuple(texts.values()), moderators=[moderator])
        other = factories.make_workshop(title="Otro taller")
        people = {name: factories.join(factories.make_user(password=None, name=f"{name.title()} Ficticia"), workshop)
                  for name in ("alicia", "bruno", "carla")}
        people["stranger"] = factories.join(factories.make_user(password=None, name="Persona Ajena Ficticia"), other)
        people["moderator"] = moderator
        prompts = {}
        for prompt in db.session.scalars(db.select(Prompt).filter_by(workshop_id=workshop.id)):
            key = next(k for k, text in texts.items() if text == prompt.text)
            prompt.seconds, prompt.asks_actor, prompt.asks_category = PROMPT_SECONDS[key], False, False
            prompts[key] = prompt.id
        db.session.commit()
        return Room(workshop_id=workshop.id, other_workshop_id=other.id, prompts=prompts,
                    cookies={name: session_cookie(seed_app, user) for name, user in people.items()},
                    user_ids={name: user.id for name, user in people.items()})


@pytest.fixture
def server(live_db, room, tmp_path):
    server = Server(live_db, tmp_path / "server.log").start()
    yield server
    server.stop()
    assert "Traceback" not in server.log_path.read_text(errors="replace"), server.log_tail()


@pytest.fixture
def join(server, room):
    """join("alicia") -> a connected LiveClient in the room (view="projector" for a projector); all are
    closed after the test."""
    clients = []

    def open_client(who, workshop_id=None, view=None):
        client = LiveClient(server, room.cookies[who], workshop_id or room.workshop_id, view=view)
        clients.append(client)
        return client.connect()

    yield open_client
    for client in clients:
        client.close()

