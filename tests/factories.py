"""Small factories with obviously fictitious people. Each commits and returns the row.

Use them through the `make` fixture (`make.user(role="lab")`), which runs each in its own app
context; the returned rows keep their loaded attributes."""
import itertools
from functools import cache

from werkzeug.security import generate_password_hash

from lab.accounts.consent import CONSENT_VERSION
from lab.accounts.models import User
from lab.extensions import db
from lab.types import utcnow
from lab.workshops.models import Activity, AgendaItem, Participation, Prompt, Workshop

PASSWORD = "clave-de-prueba-123"
_counter = itertools.count(1)


@cache
def password_hash(password):
    """Hashed once per password: the hash is deliberately slow, and a test makes many people."""
    return generate_password_hash(password)


def make_user(role="participant", password=PASSWORD, **fields):
    n = next(_counter)
    user = User(
        email=fields.pop("email", f"persona{n}@ejemplo.test"),
        name=fields.pop("name", f"Persona Ficticia {n}"),
        organisation=fields.pop("organisation", "Universidad Imaginaria"),
        org_type=fields.pop("org_type", "universidad"),
        position=fields.pop("position", "Docente"),
        role=role,
        consent_version=fields.pop("consent_version", CONSENT_VERSION),
        consent_at=utcnow(),
        **fields,
    )
    if password:
        user.password_hash = password_hash(password)
    db.session.add(user)
    db.session.commit()
    return user


def make_workshop(prompts=("¿Qué actores externos podrían aportar al laboratorio? ¿Con qué?",),
                  moderators=(), status="scheduled", **fields):
    workshop = Workshop(title=fields.pop("title", "Taller de prueba"), entity=fields.pop("entity", "Alcaldía Ficticia"),
                        status=status, objective=fields.pop("objective", "Mapear capacidades externas"), **fields)
    workshop.rules = [{"title": "Cumplir con los tiempos", "text": "1 minuto por pregunta."}]
    workshop.agenda = [
        AgendaItem(position=0, title="Bienvenida", minutes=5, kind="charla"),
        AgendaItem(position=1, title="Actividad en el tablero", minutes=30, kind="actividad"),
        AgendaItem(position=2, title="Socialización de resultados", minutes=15, kind="resultados"),
    ]
    activity = Activity(position=0, title="Mapeo de actores", workshop=workshop)
    for i, text in enumerate(prompts):
        activity.prompts.append(Prompt(position=i, text=text, workshop=workshop, seconds=60,
                                       asks_actor=True, asks_category=True))
    workshop.moderators = [db.session.get(User, m.id) for m in moderators]
    db.session.add(workshop)
    db.session.commit()
    return workshop


def join(user, workshop):
    db.session.add(Participation(workshop_id=workshop.id, user_id=user.id))
    db.session.commit()
    return user


class Factories:
    def __init__(self, app):
        self.app = app

    def _run(self, fn, *args, **kwargs):
        with self.app.app_context():
            return fn(*args, **kwargs)

    def user(self, role="participant", **fields):
        return self._run(make_user, role, **fields)

    def workshop(self, **fields):
        return self._run(make_workshop, **fields)

    def join(self, user, workshop):
        return self._run(join, user, workshop)
