"""Two closed workshops with known ideas, map entries, votes and registers, for the diagnosis tests.
Organisations are real-looking; every person is fictitious."""
import itertools
from dataclasses import dataclass, field

from lab.attendance.models import Attendance
from lab.board.models import Idea, Vote, VoteRound
from lab.extensions import db
from lab.maps.models import Actor, Entry
from tests.factories import make_user, make_workshop

_ids = itertools.count(1)

ACTORS = {
    "uis": ("Universidad Industrial de Santander", "academia", "external", "universidad"),
    "sena": ("SENA Regional Santander", "government", "external", "entidad_publica"),
    "camara": ("Cámara de Comercio de Bucaramanga", "industry", "external", "empresa"),
    "fundacion": ("Fundación Santander Participa", "civil_society", "external", "ong"),
    "tic": ("Oficina TIC de la Alcaldía", "government", "internal", "entidad_publica"),
}


@dataclass
class Sample:
    workshops: list
    actors: dict
    ideas: dict = field(default_factory=dict)


def actor(slug):
    name, sector, scope, org_type = ACTORS[slug]
    row = Actor(slug=slug, name=name, sector=sector, scope=scope, org_type=org_type, relation="potential")
    db.session.add(row)
    return row


def cite(workshop, label, slug, category, actors, direction="offers", typed=None):
    """An idea naming an actor, and the confirmed map entry it became (or a proposed one for `typed`)."""
    prompt = workshop.activities[0].prompts[0]
    idea = Idea(workshop_id=workshop.id, prompt_id=prompt.id, client_id=f"c{next(_ids)}", category=category,
                text=f"{label}: aporta en {category}", actor_name=typed or actors[slug].name)
    db.session.add(idea)
    db.session.flush()
    if typed:
        entry = Entry(workshop_id=workshop.id, idea_id=idea.id, prompt_id=prompt.id, typed_name=typed,
                      category=category, direction=direction, status="proposed", match="new")
    else:
        entry = Entry(workshop_id=workshop.id, idea_id=idea.id, prompt_id=prompt.id, typed_name=actors[slug].name,
                      category=category, direction=direction, status="confirmed", match="exact",
                      actor_id=actors[slug].id)
    db.session.add(entry)
    return idea


def register(workshop, people):
    for person in people:
        db.session.add(Attendance(workshop_id=workshop.id, user_id=person.id, sid=f"s{next(_ids)}",
                                  name=person.name, email=person.email, organisation=person.organisation,
                                  org_type=person.org_type, role="participant"))


def vote(workshop, idea, voters, each):
    round_ = VoteRound(workshop_id=workshop.id, prompt_id=idea.prompt_id, target="ideas", status="closed")
    db.session.add(round_)
    db.session.flush()
    for person in voters:
        db.session.add(Vote(round_id=round_.id, user_id=person.id, target_id=idea.id, count=each))


def two_workshops():
    """Workshop A (4 people present) and B (5): see tests/diagnosis/test_compute.py for the figures."""
    people = [make_user(org_type=org, organisation=f"Organización Ficticia {i}")
              for i, org in enumerate(["universidad", "universidad", "empresa", "entidad_publica", "ong",
                                       "universidad", "centro", "universidad", "empresa"])]
    first = make_workshop(title="Taller A: capacidades externas", status="closed",
                          purpose="Reunir a las universidades y centros de productividad de la región.")
    second = make_workshop(title="Taller B: alianzas", status="closed")
    actors = {slug: actor(slug) for slug in ACTORS}
    db.session.flush()
    ideas = {
        "a-uis": cite(first, "A1", "uis", "tecnologicas", actors),
        "a-sena": cite(first, "A2", "sena", "tecnologicas", actors),
        "a-camara": cite(first, "A3", "camara", "economicas", actors),
        "a-tic": cite(first, "A4", "tic", "tecnologicas", actors),
        "b-uis": cite(second, "B1", "uis", "tecnologicas", actors),
        "b-fundacion": cite(second, "B2", "fundacion", "sociales", actors),
        "b-needs": cite(second, "B3", None, "economicas", actors, direction="needs", typed="Emprendedores locales"),
    }
    register(first, people[:4])
    register(second, people[4:])
    vote(first, ideas["a-uis"], people[:2], 2)
    db.session.commit()
    return Sample([first, second], actors, ideas)
