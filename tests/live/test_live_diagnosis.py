"""A large diagnosis computed on the live server does not hold the room: while the lab team's
recompute request is pending, a participant's `time` acks keep coming back. Measured against the
request itself, not the clock: on a held loop one ack would wait for about the whole compute."""
import re
import threading
import time
import urllib.parse
import urllib.request
from datetime import date

from lab.board.models import Idea
from lab.diagnosis import service
from lab.diagnosis.models import Diagnosis
from lab.extensions import db
from lab.maps.models import Actor, Entry
from lab.vocab import CATEGORIES
from tests import factories

from .conftest import session_cookie
from .support import LiveClient

WORKSHOPS, IDEAS, ACTORS = 6, 500, 60
ACKS_WHILE_COMPUTING = 3
PACE = 0.05


def large_diagnosis(app):
    """A draft over WORKSHOPS closed workshops of IDEAS ideas each, every idea confirmed on the map."""
    with app.app_context():
        lab = factories.make_user(role="lab", password=None, name="Equipo Ficticio del Laboratorio")
        actors = [Actor(slug=f"actor-{n}", name=f"Organización Ficticia {n}", sector="academia",
                        scope="external", relation="potential") for n in range(ACTORS)]
        db.session.add_all(actors)
        categories = list(CATEGORIES)
        ids = []
        for w in range(WORKSHOPS):
            workshop = factories.make_workshop(title=f"Taller grande {w}", status="closed")
            prompt = workshop.activities[0].prompts[0]
            ideas = [Idea(workshop_id=workshop.id, prompt_id=prompt.id, client_id=f"g{w}-{i}", text=f"Idea {i}",
                          category=categories[i % len(categories)]) for i in range(IDEAS)]
            db.session.add_all(ideas)
            db.session.flush()
            db.session.add_all([Entry(workshop_id=workshop.id, idea_id=idea.id, prompt_id=prompt.id,
                                      typed_name=actors[i % ACTORS].name, category=idea.category,
                                      direction="offers" if i % 3 else "needs", status="confirmed", match="exact",
                                      actor_id=actors[i % ACTORS].id) for i, idea in enumerate(ideas)])
            ids.append(workshop.id)
        diagnosis = service.create_diagnosis("Diagnóstico grande", date(2026, 1, 1), date(2026, 12, 31), ids, "", lab)
        db.session.commit()
        return diagnosis.id, session_cookie(app, lab)


class LabBrowser:
    """The lab-team member's browser: keeps the session cookie the server sends back (it carries the
    form's CSRF secret)."""

    def __init__(self, server, cookie):
        self.server, self.cookie = server, cookie

    def open(self, path, data=None):
        request = urllib.request.Request(self.server.url + path, data=data,
                                         headers={"Cookie": f"session={self.cookie}"})
        with urllib.request.urlopen(request, timeout=120) as response:
            for header in response.headers.get_all("Set-Cookie") or []:
                found = re.match(r"session=([^;]+)", header)
                if found:
                    self.cookie = found.group(1)
            return response.status, response.read().decode()


def test_the_room_is_answered_while_a_large_diagnosis_is_computed(seed_app, room, server):
    diagnosis_id, cookie = large_diagnosis(seed_app)
    browser = LabBrowser(server, cookie)
    page = browser.open(f"/diagnosticos/{diagnosis_id}")[1]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    alicia = LiveClient(server, room.cookies["alicia"], room.workshop_id).connect()
    answered = []
    finished = threading.Event()
    outcome = {}

    def recompute():
        body = urllib.parse.urlencode({"csrf_token": token}).encode()
        try:
            outcome["status"], outcome["page"] = browser.open(f"/diagnosticos/{diagnosis_id}/recalcular", body)
        finally:
            finished.set()

    worker = threading.Thread(target=recompute)
    waits = []
    try:
        began = time.monotonic()
        worker.start()
        while not finished.is_set():
            sent = time.monotonic()
            ack = alicia.call("time")
            if not finished.is_set():
                answered.append(ack)
                waits.append(time.monotonic() - sent)
            time.sleep(PACE)  # a clock sync's pace, not a flood the rate limit would turn away
        worker.join(120)
        request_took = time.monotonic() - began
    finally:
        alicia.close()
    assert outcome["status"] == 200 and "Diagnóstico grande" in outcome["page"]  # back on the page, recomputed
    assert all("server_time" in ack for ack in answered), [a for a in answered if "server_time" not in a][:2]
    assert len(answered) >= ACKS_WHILE_COMPUTING, f"only {len(answered)} acks while the diagnosis was computed"
    assert max(waits) < request_took / 2, f"an ack waited {max(waits):.2f} s of the request's {request_took:.2f} s"
    with seed_app.app_context():
        assert db.session.get(Diagnosis, diagnosis_id).assessments
