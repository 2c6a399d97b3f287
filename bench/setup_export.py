"""Seed a workshop with many ideas for the exports benchmarks, and print a lab-team session cookie.

    COCREA_DATABASE_URL=... COCREA_SECRET_KEY=... python bench/setup_export.py --ideas 10000

Run on a migrated database (bench/exports_stall.py runs it after bench/setup_app.py). Creates, with
the app's own models, a closed workshop with five prompts, 40 clusters, 300 fictitious participants,
N ideas (every eleventh hidden, every thirteenth merged), a closed vote round per prompt with votes,
hands, attendance and audit entries; and a lab-team member. Prints one JSON object:
{"workshop_id", "cookie_name", "cookie"}.
"""
import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lab import create_app  # noqa: E402
from lab.accounts.models import User  # noqa: E402
from lab.attendance.models import Attendance  # noqa: E402
from lab.board.models import Cluster, Idea, Vote, VoteRound  # noqa: E402
from lab.extensions import db  # noqa: E402
from lab.live.models import Hand  # noqa: E402
from lab.realtime.models import AuditEntry  # noqa: E402
from lab.workshops.models import Activity, AgendaItem, Participation, Prompt, Workshop  # noqa: E402

START = datetime(2026, 3, 14, 14, 0, tzinfo=UTC)
ORGS = ["Universidad Industrial", "SENA Tecnoparque", "Cámara de Comercio", "Fundación Ñandú", "Secretaría TIC"]
ORG_TYPES = ["universidad", "centro", "empresa", "ong", "entidad_publica"]
CATEGORIES = ["fisicas", "humanas", "tecnologicas", "economicas", "sociales"]


def seed(ideas_wanted, participants=300, prefix="export"):
    people = [User(email=f"{prefix}{n}@ejemplo.test", name=f"Persona Exportación {n}", organisation=ORGS[n % 5],
                   org_type=ORG_TYPES[n % 5], role="participant", consent_version="2026-11-v1",
                   consent_at=START) for n in range(participants)]
    lab = User(email=f"lab-{prefix}@ejemplo.test", name="Equipo del laboratorio", organisation="Alcaldía Ficticia",
               org_type="entidad_publica", role="lab", consent_version="2026-11-v1", consent_at=START)
    workshop = Workshop(title="Taller grande", entity="Alcaldía Ficticia", status="closed", starts_at=START,
                        objective="Medir las exportaciones")
    workshop.agenda = [AgendaItem(position=0, title="Actividad", minutes=60, kind="actividad")]
    activity = Activity(position=0, title="Mapeo de actores", workshop=workshop)
    for p in range(5):
        activity.prompts.append(Prompt(position=p, text=f"Pregunta {p + 1}: ¿qué actores podrían aportar?",
                                       workshop=workshop, asks_actor=True, asks_category=True))
    db.session.add_all([workshop, lab, *people])
    db.session.flush()
    prompts = activity.prompts
    db.session.add_all(Participation(workshop_id=workshop.id, user_id=p.id) for p in people)
    clusters = [Cluster(workshop_id=workshop.id, prompt_id=prompts[c % 5].id, name=f"Grupo {c}") for c in range(40)]
    db.session.add_all(clusters)
    db.session.flush()
    rows = [Idea(workshop_id=workshop.id, prompt_id=prompts[n % 5].id, author_id=people[n % participants].id,
                 client_id=f"{prefix}-{n}", text=f"Idea {n}: {ORGS[n % 5]} puede aportar laboratorios, mentores y "
                 f"acompañamiento técnico a proyectos de la comuna {n % 17}", actor_name=ORGS[n % 5],
                 category=CATEGORIES[n % 5], hidden=n % 11 == 0, cluster_id=clusters[n % 40].id,
                 created_at=START + timedelta(seconds=n)) for n in range(ideas_wanted)]
    db.session.add_all(rows)
    db.session.flush()
    for n, row in enumerate(rows):
        if n % 13 == 0 and n >= 5:
            row.merged_into_id = rows[n - 5].id
    rounds = [VoteRound(workshop_id=workshop.id, prompt_id=prompt.id, status="closed", opened_at=START,
                        closed_at=START + timedelta(minutes=5)) for prompt in prompts]
    db.session.add_all(rounds)
    db.session.flush()
    db.session.add_all(Vote(round_id=rounds[n % 5].id, user_id=people[n % participants].id,
                            target_id=rows[(n * 7) % len(rows)].id, count=1) for n in range(min(900, len(rows))))
    db.session.add_all(Hand(workshop_id=workshop.id, user_id=people[n].id, state="done", raised_at=START,
                            floor_at=START, ended_at=START + timedelta(seconds=60)) for n in range(30))
    db.session.add_all(Attendance(workshop_id=workshop.id, user_id=p.id, sid=f"{prefix}-{p.id}", name=p.name,
                                  email=p.email, organisation=p.organisation, org_type=p.org_type, joined_at=START,
                                  left_at=START + timedelta(hours=2), last_seen=START) for p in people)
    db.session.add(AuditEntry(workshop_id=workshop.id, user_id=lab.id, action="workshop:start", at=START))
    db.session.commit()
    return workshop, lab


def main(argv=None):
    parser = argparse.ArgumentParser(description="Seed a large workshop for the exports benchmarks.")
    parser.add_argument("--ideas", type=int, default=10_000)
    args = parser.parse_args(argv)
    app = create_app({"TESTING": True, "ASYNC_MODE": "threading"})
    with app.app_context():
        workshop, lab = seed(args.ideas)
        serializer = app.session_interface.get_signing_serializer(app)
        cookie = serializer.dumps({"_user_id": lab.get_id(), "_fresh": True})
        json.dump({"workshop_id": workshop.id, "cookie_name": app.config["SESSION_COOKIE_NAME"], "cookie": cookie},
                  sys.stdout)


if __name__ == "__main__":
    main()
