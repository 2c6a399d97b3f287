"""The sample workshop: a closed workshop from the seed template, with fictitious participants, ideas
naming real-looking organisations, clusters, votes, an attendance register, a reviewed map, links
and alliances, so a newcomer sees a map within a minute. Marked demo everywhere; deleted in one
action (`flask demo delete`, or the button on its map)."""
import os
import secrets
from datetime import timedelta
from types import SimpleNamespace

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, exists, select

from ..accounts.consent import CONSENT_VERSION
from ..accounts.models import User
from ..attendance.models import Attendance
from ..board.models import Cluster, Idea, Vote, VoteRound
from ..errors import Conflict, Invalid
from ..extensions import db
from ..live.models import LiveState
from ..types import utcnow
from ..vocab import CATEGORIES
from ..workshops.models import Prompt, Workshop
from ..workshops.service import create_workshop, delete_workshop
from ..workshops.templates_loader import load_file
from . import demo_data as data
from .actors import actor_index, create_actor, forget_index
from .assessments import rate, set_assessment
from .models import Actor, Alliance, Entry
from .proposals import describe
from .review import confirm_entry
from .ties import create_link, save_alliance

TEMPLATE = "taller-alianzas-laboratorio.yaml"
CATEGORY_ORDER = list(CATEGORIES)


def demo_workshop():
    return db.session.scalars(select(Workshop).where(Workshop.demo.is_(True)).order_by(Workshop.id)).first()


def create_demo():
    """Create the sample workshop (once: a second one is refused). Returns it."""
    if demo_workshop() is not None:
        raise Conflict(_("El taller de ejemplo ya existe."), code="demo_exists")
    template = load_file(os.path.join(current_app.config["TEMPLATES_DIR"], TEMPLATE))
    if template.spec is None:
        raise Invalid(_("No se pudo leer la plantilla del taller semilla."))
    moderator, people = _people()
    started = (utcnow() - timedelta(days=7)).replace(second=0, microsecond=0)
    workshop = create_workshop(_("Taller de ejemplo: %(title)s", title=template.spec.title),
                               SimpleNamespace(id=None), "America/Bogota", SimpleNamespace(spec=template.spec,
                                                                                         key="taller-alianzas-laboratorio"))
    workshop.demo, workshop.status, workshop.starts_at = True, "closed", started
    workshop.entity = workshop.entity or _("Alcaldía de Ejemplo")
    workshop.moderators = [moderator]
    db.session.flush()
    db.session.add(LiveState(workshop_id=workshop.id, seq=0, auto_close=True, started_at=started,
                             closed_at=started + timedelta(hours=2)))
    _register(workshop, [moderator, *people], started)
    actors = {name: create_actor(name, demo=True, acronym=acronym, aliases=list(aliases), kind=kind,
                                 org_type=org_type, scope=scope, relation=relation, territorial_level=level)
              for name, acronym, aliases, kind, org_type, scope, relation, level in data.ACTORS}
    forget_index()
    ideas = _ideas(workshop, people, started)
    _review(workshop, ideas, moderator)
    _assess(workshop, actors, moderator, people)
    for source, target, kind, strength, relation in data.LINKS:
        create_link(actors[source].id, actors[target].id, kind, strength, relation, workshop_id=workshop.id)
    for number, (purpose, first_step, stage, instrument, owner, names) in enumerate(data.ALLIANCES):
        evidence = db.session.scalar(select(Idea.id).filter_by(workshop_id=workshop.id,
                                                               client_id=f"ejemplo-alianza-{number}"))
        save_alliance({"purpose": purpose, "first_step": first_step, "stage": stage, "instrument": instrument,
                       "owner": owner}, [actors[n].id for n in names], workshop_id=workshop.id, demo=True,
                      idea_ids=[evidence])
    db.session.flush()
    return workshop


def _people():
    def person(name, organisation, org_type, position, role):
        email = f"{name.lower().replace(' ', '.').replace('é', 'e')}@{data.EMAIL_DOMAIN}"
        user = User(email=email, name=name, organisation=organisation, org_type=org_type, position=position,
                    role=role, consent_version=CONSENT_VERSION, consent_at=utcnow(), password_hash=None,
                    session_token=secrets.token_hex(16))
        db.session.add(user)
        return user
    moderator = person(*data.MODERATOR, "moderator")
    people = [person(*row, "participant") for row in data.PARTICIPANTS]
    db.session.flush()
    return moderator, people


def _register(workshop, people, started):
    for number, user in enumerate(people):
        joined = started + timedelta(minutes=number % 4)
        db.session.add(Attendance(workshop_id=workshop.id, user_id=user.id, sid=f"ejemplo-{workshop.id}-{number}",
                                  name=user.name, email=user.email, organisation=user.organisation,
                                  org_type=user.org_type, position=user.position,
                                  role="moderator" if number == 0 else "participant", joined_at=joined,
                                  left_at=started + timedelta(minutes=110 + number), last_seen=joined))


def _prompts(workshop):
    return db.session.scalars(select(Prompt).where(Prompt.workshop_id == workshop.id)
                              .order_by(Prompt.activity_id, Prompt.position)).all()


def _ideas(workshop, people, started):
    """The ideas, votes on them in a closed round per prompt, and a cluster per prompt."""
    prompts = _prompts(workshop)
    capability, alliance = prompts[:5], prompts[5]
    posted = []
    for number, (position, actor, text, votes) in enumerate(data.IDEAS):
        prompt = capability[position]
        idea = Idea(workshop_id=workshop.id, prompt_id=prompt.id, author_id=people[number % len(people)].id,
                    client_id=f"ejemplo-{number:04d}", text=text, actor_name=actor,
                    category=CATEGORY_ORDER[position], created_at=started + timedelta(minutes=40 + number))
        db.session.add(idea)
        posted.append((idea, votes))
    for number, (actor, text) in enumerate(data.ALLIANCE_IDEAS):
        db.session.add(Idea(workshop_id=workshop.id, prompt_id=alliance.id, author_id=people[number].id,
                            client_id=f"ejemplo-alianza-{number}", text=text, actor_name=actor,
                            created_at=started + timedelta(minutes=95 + number)))
    db.session.flush()
    for prompt in capability:
        ideas = [(idea, votes) for idea, votes in posted if idea.prompt_id == prompt.id]
        _vote(workshop, prompt, ideas, people, started)
        cluster = Cluster(workshop_id=workshop.id, prompt_id=prompt.id, name=_("Lo más votado"))
        db.session.add(cluster)
        db.session.flush()
        for idea, votes in ideas:
            if votes >= 4:
                idea.cluster_id = cluster.id
    return [idea for idea, _votes in posted]


def _vote(workshop, prompt, ideas, people, started):
    round_ = VoteRound(workshop_id=workshop.id, prompt_id=prompt.id, target="ideas", budget=6, max_per_target=6,
                       status="closed", opened_at=started + timedelta(minutes=80),
                       closed_at=started + timedelta(minutes=85))
    db.session.add(round_)
    db.session.flush()
    for idea, votes in ideas:
        for voter in people[:votes]:
            db.session.add(Vote(round_id=round_.id, user_id=voter.id, target_id=idea.id, count=1))


def _review(workshop, ideas, moderator):
    """Every idea proposes its entry; exact and new names are confirmed, near ones wait for review
    (so the queue shows what it is for), as a moderator would leave them."""
    index = actor_index()
    for idea in db.session.scalars(select(Idea).where(Idea.workshop_id == workshop.id).order_by(Idea.id)):
        entry = Entry(workshop_id=workshop.id, idea_id=idea.id, prompt_id=idea.prompt_id, created_at=idea.created_at)
        describe(entry, idea.actor_name, idea.category, index)
        db.session.add(entry)
    db.session.flush()
    for entry in db.session.scalars(select(Entry).where(Entry.workshop_id == workshop.id, Entry.match == "exact")):
        confirm_entry(entry.id, moderator.id, workshop.id)


def _assess(workshop, actors, moderator, people):
    for number, (name, influence, interest) in enumerate(data.ASSESSMENTS):
        if number % 2:
            set_assessment(actors[name].id, workshop.id, influence, interest, moderator.id)
            continue
        for offset, person in enumerate(people[:5]):  # the room answered: spread around the value
            wobble = (offset % 3) - 1
            rate(actors[name].id, workshop.id, person.id, _clamp(influence + wobble), _clamp(interest - wobble))


def _clamp(value):
    return max(1, min(5, value))


def delete_demo():
    """Delete the sample workshop and everything it made: its people, ideas, map entries, the demo
    actors no real workshop's evidence names (those are kept, unmarked), links and alliances.
    Returns how many workshops were deleted."""
    workshops = db.session.scalars(select(Workshop).where(Workshop.demo.is_(True))).all()
    ids = [w.id for w in workshops]
    db.session.execute(delete(Alliance).where(Alliance.demo.is_(True)))
    for workshop in workshops:
        delete_workshop(workshop)  # refused while a published diagnosis cites it
    named_elsewhere = exists().where((Entry.actor_id == Actor.id) | (Entry.candidate_id == Actor.id))
    db.session.execute(delete(Actor).where(Actor.demo.is_(True), ~named_elsewhere))
    for actor in db.session.scalars(select(Actor).where(Actor.demo.is_(True))):
        actor.demo = False  # a real workshop's evidence names it now: it stays
    db.session.execute(delete(User).where(User.email.like(f"%@{data.EMAIL_DOMAIN}")))
    db.session.flush()
    forget_index()
    return len(ids)
