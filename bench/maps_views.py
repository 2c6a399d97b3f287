"""The lab-wide map's benchmark: how long the server takes to build the matrix and the network data
of a large lab, and how soon the network page is interactive in Chromium. A script, not a test.

    .venv/bin/python bench/maps_views.py [--workshops 50] [--ideas 200] [--actors 500] [--rounds 5]
                                         [--database-url URL] [--no-browser] [--json PATH]

Seeds a fresh database (SQLite in a temporary folder unless --database-url names another, which
is emptied first) with W closed workshops of the seed template's shape (five capability prompts),
I ideas each naming one of A actors, every idea confirmed as evidence of its actor's capability.
Then builds, R times each, the lab-wide matrix (`matrix_rows`), the network data (`network_data`)
and one workshop's matrix, and prints the median, fastest and slowest server time. With Chromium
(the default), starts the real server on that database and opens the lab-wide network page:
prints the time from navigation to the drawing being ready (interactive), and Cytoscape.js's own
layout and draw time, for the median of R page loads.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from lab import create_app  # noqa: E402
from lab.board.models import Idea  # noqa: E402
from lab.extensions import db  # noqa: E402
from lab.maps.matrix import Scope, matrix_rows  # noqa: E402
from lab.maps.models import Actor, Capability, Entry  # noqa: E402
from lab.maps.network import network_data  # noqa: E402
from lab.vocab import CATEGORIES, ORG_TYPE_SECTORS  # noqa: E402
from lab.workshops.models import Activity, Prompt, Workshop  # noqa: E402
from tests.factories import make_user  # noqa: E402

SECRET = "bench-maps-secret"
PLACES = ["Bucaramanga", "Floridablanca", "Girón", "Piedecuesta", "Barrancabermeja", "San Gil", "Socorro",
          "Málaga", "Vélez", "Barbosa", "Lebrija", "Cúcuta", "Pamplona", "Ocaña", "Tunja", "Duitama", "Bogotá",
          "Medellín", "Cali", "Barranquilla", "Cartagena", "Pereira", "Manizales", "Ibagué", "Neiva", "Pasto"]
FAMILIES = [("Universidad de {place} {n}", "universidad"), ("Alcaldía de {place} {n}", "entidad_publica"),
            ("Cámara de Comercio de {place} {n}", "empresa"), ("Fundación Social de {place} {n}", "ong"),
            ("Centro de Innovación de {place} {n}", "centro"), ("Red Comunitaria de {place} {n}", "ciudadania")]


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workshops", type=int, default=50)
    parser.add_argument("--ideas", type=int, default=200, help="ideas per workshop")
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--json", default="")
    return parser.parse_args()


def seed(args, rng):
    """Workshops, prompts, ideas, actors, capabilities and confirmed entries, written in bulk."""
    start = datetime.now(UTC) - timedelta(days=400)
    actors = []
    for n in range(args.actors):
        family, org_type = FAMILIES[n % len(FAMILIES)]
        name = family.format(place=PLACES[n % len(PLACES)], n=n)
        actors.append({"id": n + 1, "slug": f"actor-{n + 1}", "name": name, "acronym": "", "aliases": [], "tags": [],
                       "kind": "organisation", "sector": ORG_TYPE_SECTORS[org_type], "org_type": org_type,
                       "scope": "internal" if n % 17 == 0 else "external",
                       "relation": "current" if n % 3 == 0 else "potential", "territorial_level": "municipal",
                       "website": "", "description": "", "version": 1, "last_change": {}, "demo": False,
                       "created_at": start, "updated_at": start})
    db.session.execute(insert(Actor), actors)
    categories = list(CATEGORIES)
    capabilities = [{"id": a * len(categories) + c + 1, "actor_id": a + 1, "category": category, "description": "",
                     "direction": "offers", "availability": "potential", "created_at": start}
                    for a in range(args.actors) for c, category in enumerate(categories)]
    db.session.execute(insert(Capability), capabilities)
    idea_id = 0
    for w in range(args.workshops):
        workshop = Workshop(title=f"Taller de medición {w + 1}", status="closed", join_code=f"B{w:05d}",
                            starts_at=start + timedelta(days=7 * w))
        workshop.activities = [Activity(position=0, title="Mapeo de capacidades externas")]
        db.session.add(workshop)
        db.session.flush()
        prompts = [Prompt(activity_id=workshop.activities[0].id, workshop_id=workshop.id, position=p,
                          text=f"Capacidades {CATEGORIES[c]}", asks_actor=True, asks_category=True)
                   for p, c in enumerate(categories)]
        db.session.add_all(prompts)
        db.session.flush()
        ideas, entries = [], []
        for i in range(args.ideas):
            idea_id += 1
            actor = rng.randrange(args.actors)
            c = i % len(categories)
            when = workshop.starts_at + timedelta(minutes=i % 60)
            ideas.append({"id": idea_id, "workshop_id": workshop.id, "prompt_id": prompts[c].id,
                          "client_id": f"b-{idea_id}", "text": f"Idea {idea_id}", "actor_name": actors[actor]["name"],
                          "category": categories[c], "color": "amarillo", "hidden": False,
                          "created_at": when, "updated_at": when})
            entries.append({"workshop_id": workshop.id, "idea_id": idea_id, "prompt_id": prompts[c].id,
                            "typed_name": actors[actor]["name"], "category": categories[c], "direction": "offers",
                            "status": "confirmed", "match": "exact", "match_reason": "name", "match_score": 100.0,
                            "candidate_id": actor + 1, "actor_id": actor + 1,
                            "capability_id": actor * len(categories) + c + 1, "idea_hidden": False,
                            "created_at": when})
        db.session.execute(insert(Idea), ideas)
        db.session.execute(insert(Entry), entries)
    db.session.commit()
    return idea_id


def timed(fn, rounds):
    spent = []
    for _ in range(rounds):
        db.session.expire_all()
        began = time.perf_counter()
        result = fn()
        spent.append((time.perf_counter() - began) * 1000)
        db.session.rollback()
    return spent, result


def summary(values):
    return {"median_ms": round(statistics.median(values), 1), "min_ms": round(min(values), 1),
            "max_ms": round(max(values), 1)}


def server_side(args):
    figures = {}
    spent, rows = timed(lambda: matrix_rows(Scope()), args.rounds)
    figures["matrix_lab_wide"] = {**summary(spent), "actors": len(rows), "evidence": sum(r.total for r in rows)}
    spent, data = timed(lambda: network_data(Scope()), args.rounds)
    figures["network_lab_wide"] = {**summary(spent), "nodes": len(data["nodes"]), "edges": len(data["edges"])}
    spent, rows = timed(lambda: matrix_rows(Scope(workshop_id=1)), args.rounds)
    figures["matrix_one_workshop"] = {**summary(spent), "actors": len(rows)}
    return figures


def browser_side(args, database_url, folder):
    """The network page in headless Chromium, against the real server on the seeded database."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415  (only when measuring the browser)

    with app_context(database_url, folder) as app:
        lab = make_user(role="lab", email="bench@laboratorio.test", password=None)
        cookie = app.session_interface.get_signing_serializer(app).dumps({"_user_id": lab.get_id(), "_fresh": True})
    port = 5300 + os.getpid() % 500
    env = {k: v for k, v in os.environ.items() if not k.startswith("COCREA_")}
    env.update(COCREA_DATABASE_URL=database_url, COCREA_SECRET_KEY=SECRET, PYTHONUNBUFFERED="1")
    server = subprocess.Popen([sys.executable, str(ROOT / "wsgi.py"), "--port", str(port)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(port)
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                                  args=["--no-sandbox", "--disable-gpu"])
            context = chromium.new_context(viewport={"width": 1366, "height": 768})
            context.add_cookies([{"name": "session", "value": cookie, "domain": "127.0.0.1", "path": "/"}])
            page = context.new_page()
            loads = []
            page.goto(f"http://127.0.0.1:{port}/mapa/red")  # warms the server and the browser's cache
            page.wait_for_selector("#network[data-ready=true]", timeout=60_000)
            for _ in range(args.rounds):
                page.goto(f"http://127.0.0.1:{port}/mapa/red")
                page.wait_for_selector("#network[data-ready=true]", timeout=60_000)
                loads.append(page.evaluate("""() => ({
                    interactive: Number(document.getElementById('network').dataset.readyAt),
                    response: performance.getEntriesByType('navigation')[0].responseEnd,
                    draw: Number(document.getElementById('network').dataset.drawMs),
                    nodes: Number(document.getElementById('network').dataset.nodes)})"""))
            chromium.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"network_page_interactive": summary([load["interactive"] for load in loads]),
            "network_page_response": summary([load["response"] for load in loads]),
            "cytoscape_layout_and_draw": summary([load["draw"] for load in loads]),
            "nodes_drawn": loads[-1]["nodes"]}


def wait_healthy(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


class app_context:  # noqa: N801  (used as `with app_context(...)`)
    def __init__(self, database_url, folder):
        self.app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET, "TESTING": True,
                               "ASYNC_MODE": "threading", "INSTANCE_PATH": str(folder)})

    def __enter__(self):
        self.context = self.app.app_context()
        self.context.push()
        return self.app

    def __exit__(self, *_exc):
        db.session.remove()
        self.context.pop()


def main():
    args = arguments()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="bench-maps-"))
    database_url = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    with app_context(database_url, folder):
        if args.database_url:
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        began = time.perf_counter()
        ideas = seed(args, rng)
        print(f"seeded {args.workshops} workshops x {args.ideas} ideas = {ideas} ideas, {args.actors} actors "
              f"in {time.perf_counter() - began:.1f} s ({db.engine.url.get_backend_name()})")
        figures = server_side(args)
    if not args.no_browser:
        figures.update(browser_side(args, database_url, folder))
    for name, values in figures.items():
        print(f"{name:28} {values}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
