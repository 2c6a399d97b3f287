"""Diagnosis benchmark: how long do computing a diagnosis and reading its sections take on a large
map? A script, not a test.

    .venv/bin/python bench/diagnosis_sections.py [--workshops 20] [--ideas 200] [--actors 500] [--links 1000]

Builds, on a fresh SQLite database in a temporary folder, W closed workshops of I ideas each, every
idea confirmed on the map for one of A actors (random sector, scope and category), L links between
actors, 30 people present per workshop and one vote round per workshop. Then times, with the app's
own functions: computing the diagnosis (evidence gathered and copied, suggested levels), the actors
section (counts, key actors, betweenness, isolated, standing), the voice section and the alliance
suggestions. Prints one line per step (median of --rounds runs, in milliseconds).
"""
import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from lab import create_app  # noqa: E402
from lab.accounts.models import User  # noqa: E402
from lab.attendance.models import Attendance  # noqa: E402
from lab.board.models import Idea, Vote, VoteRound  # noqa: E402
from lab.diagnosis import actors, alliances, service, voice  # noqa: E402
from lab.extensions import db  # noqa: E402
from lab.maps.models import Actor, Capability, Entry, Link  # noqa: E402
from lab.types import utcnow  # noqa: E402
from lab.vocab import CATEGORIES, ORG_TYPES, SECTORS  # noqa: E402
from lab.workshops.models import Activity, Prompt, Workshop  # noqa: E402


def build(workshops, ideas, actor_count, links, rng):
    people = [User(email=f"banco{n}@ejemplo.test", name=f"Persona Ficticia {n}", organisation="Organización",
                   org_type=rng.choice(list(ORG_TYPES)), role="participant", consent_version="bench",
                   consent_at=utcnow()) for n in range(60)]
    lab = User(email="lab@ejemplo.test", name="Equipo Ficticio", organisation="Alcaldía", org_type="entidad_publica",
               role="lab", consent_version="bench", consent_at=utcnow())
    mapped = [Actor(slug=f"actor-{n}", name=f"Organización Ficticia {n}", sector=rng.choice(list(SECTORS)),
                    scope=rng.choice(["internal", "external", "external"]), relation="potential")
              for n in range(actor_count)]
    db.session.add_all([*people, lab, *mapped])
    db.session.flush()
    for actor in mapped:
        for category in rng.sample(list(CATEGORIES), rng.randint(1, 3)):
            db.session.add(Capability(actor_id=actor.id, category=category, direction="offers"))
    for _ in range(links):
        a, b = rng.sample(mapped, 2)
        db.session.add(Link(source_id=a.id, target_id=b.id))
    ids = []
    for w in range(workshops):
        workshop = Workshop(title=f"Taller {w}", status="closed")
        activity = Activity(position=0, title="Mapeo", workshop=workshop)
        prompt = Prompt(position=0, text="¿Quién aporta qué?", workshop=workshop)
        activity.prompts.append(prompt)
        db.session.add(workshop)
        db.session.flush()
        ids.append(workshop.id)
        present = rng.sample(people, 30)
        for person in present:
            db.session.add(Attendance(workshop_id=workshop.id, user_id=person.id, sid=f"s{w}-{person.id}",
                                      name=person.name, org_type=person.org_type))
        rows = []
        for i in range(ideas):
            actor = rng.choice(mapped)
            idea = Idea(workshop_id=workshop.id, prompt_id=prompt.id, client_id=f"b{w}-{i}",
                        author_id=rng.choice(present).id, text=f"Idea {i}", actor_name=actor.name,
                        category=rng.choice(list(CATEGORIES)))
            rows.append((idea, actor))
        db.session.add_all([idea for idea, _actor in rows])
        db.session.flush()
        for idea, actor in rows:
            db.session.add(Entry(workshop_id=workshop.id, idea_id=idea.id, prompt_id=prompt.id,
                                 typed_name=actor.name, category=idea.category, status="confirmed",
                                 match="exact", actor_id=actor.id, direction=rng.choice(["offers", "offers", "needs"])))
        round_ = VoteRound(workshop_id=workshop.id, prompt_id=prompt.id, status="closed")
        db.session.add(round_)
        db.session.flush()
        for person in present:
            db.session.add(Vote(round_id=round_.id, user_id=person.id, target_id=rng.choice(rows)[0].id, count=1))
    db.session.commit()
    return ids, lab


def timed(fn, rounds):
    runs = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - start) * 1000)
        db.session.rollback()
    return statistics.median(runs), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workshops", type=int, default=20)
    parser.add_argument("--ideas", type=int, default=200)
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--links", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="cocrea-bench-diagnosis-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "SECRET_KEY": "bench",
                      "INSTANCE_PATH": folder, "ASYNC_MODE": "threading"})
    with app.app_context():
        upgrade()
        ids, lab = build(args.workshops, args.ideas, args.actors, args.links, random.Random(7))
        start = time.perf_counter()
        diagnosis = service.create_diagnosis("Banco", date(2026, 1, 1), date(2026, 12, 31), ids, "", lab)
        db.session.commit()
        ms = (time.perf_counter() - start) * 1000
        evidence = sum(len(row.evidence) for row in diagnosis.assessments)
        print(f"{args.workshops} workshops x {args.ideas} ideas, {args.actors} actors, {args.links} links; "
              f"{evidence} pieces of evidence")
        print(f"compute diagnosis      {ms:8.1f} ms")
        ms, part = timed(lambda: actors.section(diagnosis), args.rounds)
        print(f"actors section         {ms:8.1f} ms  ({part['total']} actors)")
        ms, _ = timed(lambda: voice.section(diagnosis), args.rounds)
        print(f"voice section          {ms:8.1f} ms")
        ms, _ = timed(lambda: alliances.suggestions(diagnosis, part["betweenness"]), args.rounds)
        print(f"alliance suggestions   {ms:8.1f} ms")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
