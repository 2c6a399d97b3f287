"""The attendance register: who may see it, what it counts, and the CSV the lab files as evidence."""
import csv
import io
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest

from lab.accounts.models import User
from lab.accounts.privacy import delete_account
from lab.attendance.models import Attendance
from lab.attendance.service import Interval, duration_text, union_seconds
from lab.exports.formats import neutralise
from lab.extensions import db
from lab.live.models import Hand

from .live_helpers import call, connect

UTC = UTC
# 15:00 UTC is 10:00 in Bogotá (UTC-5, no daylight saving).
T0 = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def at(minutes):
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def room(app, make):
    moderator = make.user(role="moderator", name="Mónica Moderadora Ficticia")
    workshop = make.workshop(moderators=[moderator], starts_at=T0, title="Taller de capacidades",
                             entity="Alcaldía Ficticia", objective="Mapear capacidades externas", modality="hibrido")
    alice = make.join(make.user(name="Alicia Ficticia", organisation="Universidad Imaginaria",
                                org_type="universidad", position="Docente", email="alicia@ejemplo.test"), workshop)
    return workshop, moderator, alice


def add_interval(app, workshop, user, joined, left, sid=None, role="participant", **snapshot):
    with app.app_context():
        person = db.session.get(User, user.id)
        db.session.add(Attendance(
            workshop_id=workshop.id, user_id=person.id, sid=sid or f"sid-{person.id}-{joined.timestamp()}",
            name=snapshot.get("name", person.name), email=person.email,
            organisation=snapshot.get("organisation", person.organisation), org_type=person.org_type,
            position=person.position, role=role, joined_at=joined, left_at=left, last_seen=left or joined))
        db.session.commit()


def lab_browser(make, make_browser):
    browser = make_browser()
    browser.login(make.user(role="lab"))
    return browser


def read_csv(response):
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark to read accents"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def table(rows):
    """The rows after the blank line that ends the header, keyed by name."""
    start = rows.index([]) + 1
    titles = rows[start]
    return {row[0]: dict(zip(titles, row, strict=True)) for row in rows[start + 1:]}


# -- who may see it ----------------------------------------------------------------------------

def test_lab_team_and_the_workshops_moderator_see_the_register(app, make, make_browser, room):
    workshop, moderator, alice = room
    add_interval(app, workshop, alice, at(0), at(30))
    url = f"/taller/{workshop.id}/asistencia"
    mod = make_browser()
    mod.login(moderator)
    for browser in (mod, lab_browser(make, make_browser)):
        page = browser.get(url)
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "Alicia Ficticia" in text and "alicia@ejemplo.test" in text
        assert browser.get(f"/talleres/{workshop.id}/exportar/asistencia.csv").status_code == 200


def test_others_are_refused(app, make, make_browser, room):
    workshop, _moderator, alice = room
    url = f"/taller/{workshop.id}/asistencia"
    participant = make_browser()
    participant.login(alice)
    other_moderator = make_browser()
    other_moderator.login(make.user(role="moderator"))
    for browser in (participant, other_moderator):
        assert browser.get(url).status_code == 403
        assert browser.get(f"/talleres/{workshop.id}/exportar/asistencia.csv").status_code == 403
    anonymous = make_browser().get(f"/talleres/{workshop.id}/exportar/asistencia.csv")
    assert anonymous.status_code == 302 and "/entrar" in anonymous.headers["Location"]
    assert lab_browser(make, make_browser).get("/taller/999999/asistencia").status_code == 404


# -- what it counts ----------------------------------------------------------------------------

def test_two_tabs_at_once_count_once_and_gaps_do_not_count():
    spans = [Interval(at(0), at(30)), Interval(at(10), at(20)), Interval(at(25), at(40)), Interval(at(50), at(60))]
    assert union_seconds(spans, now=at(90)) == 50 * 60
    assert union_seconds([Interval(at(0), None), Interval(at(5), at(10))], now=at(20)) == 20 * 60


def test_register_groups_intervals_per_person_in_the_workshops_time_zone(app, make, make_browser, room):
    workshop, moderator, alice = room
    add_interval(app, workshop, alice, at(0), at(30))
    add_interval(app, workshop, alice, at(10), at(20))  # a second tab
    add_interval(app, workshop, alice, at(45), at(60), organisation="Universidad Imaginaria Sede Norte")
    add_interval(app, workshop, moderator, at(-5), at(70), role="moderator")
    rows = read_csv(lab_browser(make, make_browser).get(f"/talleres/{workshop.id}/exportar/asistencia.csv"))
    people = table(rows)
    alicia = people["Alicia Ficticia"]
    assert alicia["Primera entrada"] == "2026-11-24 10:00:00"
    assert alicia["Última salida"] == "2026-11-24 11:00:00"
    assert alicia["Intervalos"] == "3"
    assert alicia["Tiempo presente"] == "0:45:00"
    assert alicia["Organización"] == "Universidad Imaginaria Sede Norte"  # as declared at the latest join
    assert alicia["Tipo de organización"] == "Universidad"
    assert alicia["Cargo"] == "Docente" and alicia["Correo electrónico"] == "alicia@ejemplo.test"
    assert alicia["Rol"] == "Participante"
    assert people["Mónica Moderadora Ficticia"]["Rol"] == "Moderador"
    assert list(people) == ["Mónica Moderadora Ficticia", "Alicia Ficticia"]  # by first join


def test_the_registers_first_address_leads_to_its_export(make, make_browser, room):
    workshop, _moderator, _alice = room
    response = lab_browser(make, make_browser).get(f"/taller/{workshop.id}/asistencia.csv?anonimo=1")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/talleres/{workshop.id}/exportar/asistencia.csv?anonimo=1")


def test_header_names_the_workshop_then_a_blank_line(app, make, make_browser, room):
    workshop, _moderator, alice = room
    add_interval(app, workshop, alice, at(0), at(30))
    response = lab_browser(make, make_browser).get(f"/talleres/{workshop.id}/exportar/asistencia.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    rows = read_csv(response)
    header = dict(rows[:rows.index([])])
    assert header["Entidad"] == "Alcaldía Ficticia"
    assert header["Taller"] == "Taller de capacidades"
    assert header["Fecha"] == "2026-11-24"
    assert header["Zona horaria"] == "America/Bogota"
    assert header["Modalidad"] == "Híbrido"
    assert header["Objetivo"] == "Mapear capacidades externas"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", header["Generado"])


def test_someone_still_connected_counts_until_now(app, make, make_browser, room):
    workshop, _moderator, alice = room
    now = datetime.now(UTC)
    add_interval(app, workshop, alice, now - timedelta(minutes=10), None)
    browser = lab_browser(make, make_browser)
    alicia = table(read_csv(browser.get(f"/talleres/{workshop.id}/exportar/asistencia.csv")))["Alicia Ficticia"]
    assert alicia["Última salida"] == "En la sala"
    assert "0:10:00" <= alicia["Tiempo presente"] < "0:11:00"
    page = browser.get(f"/taller/{workshop.id}/asistencia").get_data(as_text=True)
    assert "1 en la sala ahora" in page


def test_speaking_time_comes_from_the_turns_given(app, make, make_browser, room):
    workshop, _moderator, alice = room
    add_interval(app, workshop, alice, at(0), at(30))
    with app.app_context():
        db.session.add_all([
            Hand(workshop_id=workshop.id, user_id=alice.id, state="done", raised_at=at(1), floor_at=at(2),
                 ended_at=at(2) + timedelta(seconds=75)),
            Hand(workshop_id=workshop.id, user_id=alice.id, state="done", raised_at=at(5), floor_at=at(6),
                 ended_at=at(6) + timedelta(seconds=30)),
        ])
        db.session.commit()
    rows = read_csv(lab_browser(make, make_browser).get(f"/talleres/{workshop.id}/exportar/asistencia.csv"))
    assert table(rows)["Alicia Ficticia"]["Tiempo con la palabra"] == "0:01:45"


def test_a_deleted_account_stays_in_the_register_without_saying_who(app, make, make_browser, room):
    workshop, _moderator, alice = room
    add_interval(app, workshop, alice, at(0), at(10))
    add_interval(app, workshop, alice, at(20), at(30))
    with app.app_context():
        delete_account(db.session.get(User, alice.id))
        db.session.commit()
    rows = read_csv(lab_browser(make, make_browser).get(f"/talleres/{workshop.id}/exportar/asistencia.csv"))
    start = rows.index([]) + 1
    anonymous = [row for row in rows[start + 1:] if row[0] == "Participante anónimo"]
    assert len(anonymous) == 2  # one row per interval: nothing links them any more
    assert {row[1] for row in anonymous} == {"Universidad Imaginaria"}
    assert all(row[4] == "" for row in anonymous)  # no e-mail


# -- safe to open ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x.test\")", "+57 300", "-2+3", "@SUM(A1)", "\tTab", "\rCR"])
def test_every_cell_is_neutralised_against_formulas(text):
    assert neutralise(text) == "'" + text
    assert neutralise("Persona Ficticia") == "Persona Ficticia"


def test_formulas_typed_by_people_reach_the_csv_as_text(app, make, make_browser):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator], entity="=cmd|' /C calc'!A0", title="@Taller")
    person = make.join(make.user(name="=1+1", organisation="+Empresa", position="-Gerente"), workshop)
    add_interval(app, workshop, person, at(0), at(5))
    browser = make_browser()
    browser.login(moderator)
    rows = read_csv(browser.get(f"/talleres/{workshop.id}/exportar/asistencia.csv"))
    header = dict(rows[:rows.index([])])
    assert header["Entidad"] == "'=cmd|' /C calc'!A0" and header["Taller"] == "'@Taller"
    row = table(rows)["'=1+1"]
    assert row["Organización"] == "'+Empresa" and row["Cargo"] == "'-Gerente"
    assert not any(cell.startswith(("=", "+", "-", "@")) for line in rows for cell in line)


def test_page_escapes_what_people_typed(app, make, make_browser, room):
    workshop, _moderator, _alice = room
    intruder = make.join(make.user(name="<script>alert(1)</script>"), workshop)
    add_interval(app, workshop, intruder, at(0), at(5))
    page = lab_browser(make, make_browser).get(f"/taller/{workshop.id}/asistencia").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_durations_read_as_hours_minutes_seconds():
    assert duration_text(0) == "0:00:00"
    assert duration_text(3725.9) == "1:02:05"


# -- from the live room ------------------------------------------------------------------------

def test_joining_the_room_opens_an_interval_and_leaving_closes_it(app, make, make_browser, room):
    workshop, moderator, alice = room
    browser = make_browser()
    browser.login(moderator)
    empty = browser.get(f"/taller/{workshop.id}/asistencia").get_data(as_text=True)
    assert "Nadie ha entrado todavía" in empty
    socket = connect(app, alice, workshop)
    assert socket.is_connected()
    during = table(read_csv(browser.get(f"/talleres/{workshop.id}/exportar/asistencia.csv")))["Alicia Ficticia"]
    assert during["Última salida"] == "En la sala" and during["Intervalos"] == "1"
    socket.disconnect()
    after = table(read_csv(browser.get(f"/talleres/{workshop.id}/exportar/asistencia.csv")))["Alicia Ficticia"]
    assert after["Última salida"] not in ("", "En la sala")


def test_an_unscheduled_workshop_is_dated_by_when_it_went_live(app, make, make_browser):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    console = connect(app, moderator, workshop)
    assert call(console, "workshop:start")["ok"]
    browser = make_browser()
    browser.login(moderator)
    header = dict((rows := read_csv(browser.get(f"/talleres/{workshop.id}/exportar/asistencia.csv")))[:rows.index([])])
    today = datetime.now(UTC).astimezone(timezone(timedelta(hours=-5))).strftime("%Y-%m-%d")
    assert header["Fecha"] == today
    assert table(rows)[moderator.name]["Última salida"] == "En la sala"  # during the workshop
