"""Two closed workshops with known ideas, map entries, votes and registers, for the diagnosis tests.
Organisations are real-looking; every person is fictitious."""
import itertools
from dataclasses import dataclass, field
from datetime import timedelta

from lab.attendance.models import Attendance
from lab.board.models import Idea, Vote, VoteRound
from lab.extensions import db
from lab.live.models import Hand
from lab.maps.models import Actor, Assessment, Capability, Entry, Link
from lab.types import utcnow
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
    people: list = field(default_factory=list)


def actor(slug):
    name, sector, scope, org_type = ACTORS[slug]
    row = Actor(slug=slug, name=name, sector=sector, scope=scope, org_type=org_type, relation="potential")
    db.session.add(row)
    return row


def cite(workshop, label, slug, category, actors, direction="offers", typed=None, author=None):
    """An idea naming an actor, and the confirmed map entry it became (or a proposed one for `typed`)."""
    prompt = workshop.activities[0].prompts[0]
    idea = Idea(workshop_id=workshop.id, prompt_id=prompt.id, client_id=f"c{next(_ids)}", category=category,
                text=f"{label}: aporta en {category}", actor_name=typed or actors[slug].name,
                author_id=author.id if author else None)
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
    a, b = people[0], people[4]  # a university's delegate posts in A, a foundation's in B
    ideas = {
        "a-uis": cite(first, "A1", "uis", "tecnologicas", actors, author=a),
        "a-sena": cite(first, "A2", "sena", "tecnologicas", actors, author=a),
        "a-camara": cite(first, "A3", "camara", "economicas", actors, author=a),
        "a-tic": cite(first, "A4", "tic", "tecnologicas", actors, author=a),
        "b-uis": cite(second, "B1", "uis", "tecnologicas", actors, author=b),
        "b-fundacion": cite(second, "B2", "fundacion", "sociales", actors, author=b),
        "b-needs": cite(second, "B3", None, "economicas", actors, direction="needs", typed="Emprendedores locales",
                        author=b),
    }
    register(first, people[:4])
    register(second, people[4:])
    vote(first, ideas["a-uis"], people[:2], 2)
    map_details(first, second, actors)
    speak(first, people[2], seconds=120)  # the company's delegate had the floor for two minutes
    db.session.commit()
    return Sample([first, second], actors, ideas, people)


def map_details(first, second, actors):
    """What the map knows beyond the ideas: capabilities, one link, two assessments."""
    for slug, category in [("uis", "tecnologicas"), ("sena", "tecnologicas"), ("camara", "economicas"),
                           ("fundacion", "sociales"), ("fundacion", "economicas"), ("tic", "tecnologicas")]:
        db.session.add(Capability(actor_id=actors[slug].id, category=category, direction="offers",
                                  description=f"{ACTORS[slug][0]} en {category}"))
    db.session.add(Link(source_id=actors["uis"].id, target_id=actors["fundacion"].id, kind="collaboration"))
    db.session.add(Assessment(actor_id=actors["camara"].id, workshop_id=first.id, influence=4, interest=5))
    db.session.add(Assessment(actor_id=actors["fundacion"].id, workshop_id=second.id, influence=2, interest=4))


def speak(workshop, person, seconds):
    start = utcnow() - timedelta(hours=1)
    db.session.add(Hand(workshop_id=workshop.id, user_id=person.id, state="done", floor_at=start,
                        ended_at=start + timedelta(seconds=seconds)))
