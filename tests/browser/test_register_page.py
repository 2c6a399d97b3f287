"""The attendance register after a workshop with 40 people fits a 1,366 px screen: no column cut
off, no sideways scrolling."""
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lab.attendance.models import Attendance
from lab.extensions import db

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots" / "console"


@pytest.fixture(scope="module")
def attended(seed, make_user, seed_app):
    room = seed(participants=())
    began = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
    people = [make_user(name=f"Persona Asistente Ficticia Número {n:02d}",
                        email=f"persona.asistente.{n:02d}@correo.ejemplo.test",
                        organisation="Corporación Universitaria Imaginaria del Territorio", org_type="universidad",
                        position="Coordinadora de proyectos de innovación") for n in range(40)]
    with seed_app.app_context():
        for n, person in enumerate(people):
            joined = began + timedelta(minutes=n % 7)
            db.session.add(Attendance(workshop_id=room.workshop_id, user_id=person.id, sid=f"sid-{n}", name=person.name,
                                      email=person.email, organisation=person.organisation, org_type=person.org_type,
                                      position=person.position, role="participant", joined_at=joined,
                                      left_at=joined + timedelta(minutes=85), last_seen=joined + timedelta(minutes=85)))
        db.session.commit()
    return room


def test_the_register_fits_1366_px(open_context, attended):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_context(attended.people["moderator"], width=1366, height=768).new_page()
    page.goto(f"/taller/{attended.workshop_id}/asistencia")
    expect(page.locator("table tbody tr")).to_have_count(40)
    wrap = page.locator(".table-wrap")
    scroll, client = wrap.evaluate("(node) => [node.scrollWidth, node.clientWidth]")
    assert scroll <= client, f"the table is {scroll} px wide in {client} px: columns are cut off"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.screenshot(path=str(SHOTS / "register-1366x768.png"))
