"""A live room with a moderator and participants, ready for board, vote and hand tests."""
import itertools
from dataclasses import dataclass

import pytest
from sqlalchemy import event

from lab.extensions import db
from lab.workshops.models import Prompt

from .live_helpers import call, connect, updates

_ids = itertools.count(1)


@dataclass
class Room:
    app: object
    workshop: object
    moderator: object
    alice: object
    bob: object
    mod: object  # socket clients
    a: object
    b: object
    prompt_id: int
    other_prompt_id: int

    def drain(self):
        for client in (self.mod, self.a, self.b):
            client.get_received()

    def seq(self):
        return call(self.mod, "snapshot")["snapshot"]["seq"]

    def post(self, client, text="La universidad con laboratorios", prompt_id=None, **fields):
        payload = {"client_id": fields.pop("client_id", new_client_id()), "prompt_id": prompt_id or self.prompt_id,
                   "text": text, "actor": "Universidad Ficticia", "category": "fisicas", **fields}
        return call(client, "idea:post", {k: v for k, v in payload.items() if v is not None})

    def idea_id(self, client, text="Idea de prueba", **fields):
        ack = self.post(client, text, **fields)
        assert ack["ok"], ack
        return ack["idea"]["id"]

    def snapshot(self, client):
        return call(client, "snapshot")["snapshot"]

    def set_prompt(self, prompt_id=None, **fields):
        with self.app.app_context():
            prompt = db.session.get(Prompt, prompt_id or self.prompt_id)
            for name, value in fields.items():
                setattr(prompt, name, value)
            db.session.commit()

    def count(self, model, **filters):
        with self.app.app_context():
            return db.session.query(model).filter_by(**filters).count()


def new_client_id():
    return f"cliente-{next(_ids):06d}"


def of_type(client, kind):
    return [u["data"] for u in updates(client) if u["type"] == kind]


def events(client, name):
    return [m["args"][0] for m in client.get_received() if m["name"] == name]


def without_author_id(view):
    """An idea as participants see it: the author's name, not their id."""
    return {key: value for key, value in view.items() if key != "author_id"}


class Statements:
    """The SQL statements the app sends to the database while the block runs (the commit aside)."""

    def __init__(self, app):
        with app.app_context():
            self.engine = db.engine
        self.sent = []

    def _record(self, _conn, _cursor, statement, *_rest):
        self.sent.append(" ".join(statement.split()))

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self.sent

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._record)


def prompt_ids(app, workshop):
    with app.app_context():
        return [p.id for p in db.session.query(Prompt).filter_by(workshop_id=workshop.id).order_by(Prompt.position)]


@pytest.fixture
def live(app, make):
    """A live workshop with its first prompt open (timer not started) and three sockets connected."""
    moderator = make.user(role="moderator", name="Moderadora Ficticia")
    workshop = make.workshop(moderators=[moderator], prompts=("¿Qué actores podrían aportar?", "¿Con qué recursos?"))
    alice = make.join(make.user(name="Alicia Ficticia"), workshop)
    bob = make.join(make.user(name="Bruno Ficticio"), workshop)
    first, second = prompt_ids(app, workshop)
    room = Room(app, workshop, moderator, alice, bob, connect(app, moderator, workshop),
                connect(app, alice, workshop), connect(app, bob, workshop), first, second)
    assert call(room.mod, "workshop:start")["ok"]
    assert call(room.mod, "prompt:open", {"prompt_id": first, "start_timer": False})["ok"]
    room.drain()
    return room
