"""The register after closing and after a restart: closing ends every interval and nobody attends a
closed workshop; the date is the day it ran; intervals a restart left open are closed at once."""
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from lab.attendance import service
from lab.attendance.models import Attendance
from lab.extensions import db
from lab.live.models import LiveState

from .live_helpers import call, connect
from .test_attendance import add_interval, lab_browser, read_csv

PLANNED = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def open_rows(app, workshop_id):
    with app.app_context():
        return db.session.scalars(select(Attendance).where(Attendance.workshop_id == workshop_id,
                                                           Attendance.left_at.is_(None))).all()


def people(make, workshop_id):
    return [make.join(make.user(name=f"Persona Ficticia {n}"), workshop_id) for n in range(2)]


def test_closing_ends_every_interval_and_presence_counts_nobody(app, make):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    alicia = make.join(make.user(name="Alicia Ficticia"), workshop)
    console, room = connect(app, moderator, workshop), connect(app, alicia, workshop)
    assert call(console, "workshop:start")["ok"]
    assert len(open_rows(app, workshop.id)) == 2
    assert call(console, "workshop:close")["ok"]
    assert open_rows(app, workshop.id) == []
    assert call(room, "snapshot")["snapshot"]["presence"] == {"count": 0}
    assert room.is_connected() and console.is_connected()  # the tabs stay; the register stopped


def test_nobody_becomes_an_attendee_of_a_closed_workshop(app, make):
    lab_member = make.user(role="lab", name="Laura Laboratorio Ficticia")
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator], status="closed")
    alicia = make.join(make.user(name="Alicia Ficticia"), workshop)
    for person in (lab_member, moderator, alicia):
        client = connect(app, person, workshop)
        assert client.is_connected()
        assert call(client, "snapshot")["ok"]
    with app.app_context():
        assert db.session.scalars(select(Attendance).filter_by(workshop_id=workshop.id)).all() == []


def test_the_registers_date_is_the_day_it_ran_not_the_planned_one(app, make, make_browser):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator], starts_at=PLANNED)
    ran = datetime(2026, 12, 2, 20, 0, tzinfo=UTC)  # 15:00 in Bogotá, a week later than planned
    with app.app_context():
        db.session.add(LiveState(workshop_id=workshop.id, seq=0, started_at=ran))
        db.session.commit()
    rows = read_csv(lab_browser(make, make_browser).get(f"/talleres/{workshop.id}/exportar/asistencia.csv"))
    assert dict(rows[:rows.index([])])["Fecha"] == "2026-12-02"


def test_intervals_no_process_serves_are_closed_when_they_were_last_seen(app, make):
    workshop = make.workshop()
    alicia, bruno = people(make, workshop)
    long_ago = datetime.now(UTC) - timedelta(minutes=5)
    add_interval(app, workshop, alicia, long_ago, None, sid="served-here")
    add_interval(app, workshop, bruno, long_ago, None, sid="left-by-a-restart")
    add_interval(app, workshop, alicia, datetime.now(UTC), None, sid="registering-now")
    with app.app_context():
        ten_seconds_ago = datetime.now(UTC) - timedelta(seconds=10)
        assert service.close_orphans(["served-here"], ten_seconds_ago) == {workshop.id}
        db.session.commit()
        rows = {row.sid: row for row in db.session.scalars(select(Attendance))}
    assert rows["left-by-a-restart"].left_at == rows["left-by-a-restart"].last_seen == long_ago
    assert rows["served-here"].left_at is None
    assert rows["registering-now"].left_at is None
    with app.app_context():
        assert service.close_orphans(["served-here"], ten_seconds_ago) == set()  # nothing more to close


def test_a_register_after_closing_shows_nobody_in_the_room(app, make, make_browser):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    alicia = make.join(make.user(name="Alicia Ficticia"), workshop)
    console, _room = connect(app, moderator, workshop), connect(app, alicia, workshop)
    assert call(console, "workshop:start")["ok"]
    assert call(console, "workshop:close")["ok"]
    rows = read_csv(lab_browser(make, make_browser).get(f"/talleres/{workshop.id}/exportar/asistencia.csv"))
    body = rows[rows.index([]) + 2:]
    assert len(body) == 2 and all(row[6] not in ("", "En la sala") for row in body)
