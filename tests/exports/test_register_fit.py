"""The attendance register fits the table shape: written by write_csv it gives the same cells
as its own CSV writer today (only the separator changes, to the one Excel es-CO opens)."""
import csv
import io
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from lab.attendance.service import build_people, register_columns, register_csv, register_header
from lab.exports.formats import Column, Kind, Table, write_csv
from lab.exports.formats.cells import local_text

START = datetime(2026, 3, 14, 14, 0, tzinfo=timezone.utc)
NOW = START + timedelta(hours=2)
WORKSHOP = SimpleNamespace(entity="Alcaldía de Ñuñoa", title="Mapeo de capacidades", timezone="America/Bogota",
                           modality="virtual", objective="=Identificar aliados")
KINDS = [Kind.TEXT] * 5 + [Kind.DATETIME, Kind.TEXT, Kind.INTEGER, Kind.DURATION, Kind.DURATION, Kind.TEXT]


def interval(row_id, user_id, name, joined, left):
    return SimpleNamespace(id=row_id, user_id=user_id, name=name, organisation="UIS", org_type="universidad",
                           position="-Docente", email="persona@ejemplo.invalid", role="participant",
                           joined_at=START + timedelta(minutes=joined),
                           left_at=None if left is None else START + timedelta(minutes=left))


def people():
    rows = [interval(1, 7, "Ana Ñáñez", 0, 30), interval(2, 7, "Ana Ñáñez", 20, 50), interval(3, 8, "@Beto", 5, None)]
    return build_people(rows, {7: 95.5}, NOW)


def register_table(people):
    """The register as the exports' table shape: typed header lines and columns; "last left"
    stays text because it reads "En la sala" while the person is still connected."""
    header = dict(register_header(WORKSHOP, START, NOW))
    labels = list(header)
    typed = {labels[2]: date(2026, 3, 14), labels[6]: NOW}
    rows = [(p.name, p.organisation, p.org_type_label, p.position, p.email, p.first_join,
             "En la sala" if p.present_now else local_text(p.last_leave, ZoneInfo(WORKSHOP.timezone)),
             len(p.intervals), timedelta(seconds=p.present_seconds),
             timedelta(seconds=p.speaking_seconds), p.role_label) for p in people]
    return Table(name="register", title="Registro de asistencia",
                 columns=[Column(f"c{i}", title, kind) for i, (title, kind) in enumerate(zip(register_columns(), KINDS))],
                 rows=rows, header=[(label, typed.get(label, value)) for label, value in header.items()])


def cells(data, delimiter):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_the_register_written_by_write_csv_has_the_same_cells():
    today = cells(register_csv(WORKSHOP, people(), START, NOW), ",")
    moved = cells(write_csv(register_table(people()), WORKSHOP.timezone), ";")
    assert moved == today
    assert ["Objetivo", "'=Identificar aliados"] in moved
    assert moved[9][:4] == ["Ana Ñáñez", "UIS", "Universidad", "'-Docente"]
    assert moved[10][0] == "'@Beto" and moved[10][6] == "En la sala"
