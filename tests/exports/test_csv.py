"""CSV for Excel in Spanish (Colombia): read back with the csv module, cell by cell."""
import csv
import io
from datetime import date, timedelta

import pytest
from flask_babel import force_locale

from lab.exports.formats import EXCEL_EN, Column, Kind, Table, write_csv

from .samples import ACCENTS, PAYLOADS, ZONE, ideas_table, neutralised


def read(data, delimiter=";"):
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_header_lines_a_blank_line_then_titles_and_rows_cell_by_cell():
    lines = read(write_csv(ideas_table(), ZONE))
    assert lines[:7] == [
        ["Entidad", "Alcaldía de Ñuñoa"], ["Fecha", "2026-03-14"], ["Generado", "2026-03-14 09:05:30"],
        ["Ideas", "12"], ["Duración", "2:00:00"], [neutralised("=Objetivo"), neutralised(PAYLOADS[0])], []]
    assert lines[7] == ["Idea", "Votos", "Puntaje", "Día", "Publicada", "Tiempo con la palabra", "Oculta", "Etiquetas"]
    assert lines[8] == [ACCENTS, "4", "2,50", "2026-03-14", "2026-03-14 09:05:30", "0:01:05", "No", "físicas | humanas"]
    assert lines[9] == ["Con ; punto y coma, comillas \"dobles\" y\nsalto de línea", "0", "0,1", "2026-01-02",
                        "2026-03-15 09:05:30", "25:00:03", "Sí", ""]
    assert lines[10] == [""] * 8
    assert lines[11] == ["Negativos y grandes", "-3", "-1234567,125", "2025-12-31", "2026-03-14 09:05:30",
                         "0:00:00", "Sí", "a"]
    assert len(lines) == 12 + len(PAYLOADS)


def test_every_formula_payload_is_neutralised_in_text_and_list_cells():
    rows = read(write_csv(ideas_table(header=False), ZONE))[1:]
    for payload, row in zip(PAYLOADS, rows[4:], strict=False):
        assert row[0] == neutralised(payload)
        assert row[-1] == neutralised(payload)
    assert all(not cell.startswith(("=", "+", "@", "\t", "\r")) for row in rows for cell in row)


def test_titles_are_neutralised_too():
    table = Table(name="t", title="t", columns=[Column("a", "=A1"), Column("b", "-B")], rows=[("x", "y")])
    assert read(write_csv(table, ZONE))[0] == ["'=A1", "'-B"]


def test_semicolons_crlf_and_no_sep_line():
    data = write_csv(ideas_table(header=False), ZONE)
    text = data.decode("utf-8-sig")
    assert text.startswith("Idea;Votos;Puntaje;")
    assert not text.lower().startswith("sep=")
    assert text.endswith("\r\n")
    # Every line ends in CRLF; the one bare LF is inside a quoted idea.
    assert text.count("\n") - text.count("\r\n") == 1
    assert '"Con ; punto y coma, comillas ""dobles"" y\nsalto de línea"' in text


def test_without_header_lines_the_titles_come_first():
    lines = read(write_csv(ideas_table(header=False), ZONE))
    assert lines[0][0] == "Idea"


def test_the_english_style_uses_commas_and_decimal_points():
    lines = read(write_csv(ideas_table(header=False), ZONE, EXCEL_EN), delimiter=",")
    assert lines[1][:3] == [ACCENTS, "4", "2.50"]
    assert lines[4][2] == "-1234567.125"


def test_date_times_follow_the_workshop_zone():
    table = ideas_table(header=False)
    madrid = read(write_csv(table, "Europe/Madrid"))  # UTC+1 in March
    assert madrid[1][4] == "2026-03-14 15:05:30"
    with pytest.raises(ValueError, match="unknown time zone"):
        write_csv(table, "America/Atlantida")


def test_booleans_follow_the_language(app):
    table = Table(name="t", title="t", columns=[Column("b", "B", Kind.BOOLEAN)], rows=[(True,), (False,)])
    with app.app_context(), force_locale("en"):
        assert read(write_csv(table, ZONE))[1:] == [["Yes"], ["No"]]
    with app.app_context():
        assert read(write_csv(table, ZONE))[1:] == [["Sí"], ["No"]]


def test_long_durations_and_whole_seconds():
    table = Table(name="t", title="t", columns=[Column("d", "D", Kind.DURATION)],
                  rows=[(timedelta(days=3, seconds=59.9),), (timedelta(microseconds=1),)])
    assert read(write_csv(table, ZONE))[1:] == [["72:00:59"], ["0:00:00"]]


def test_dates_are_iso_so_excel_reads_them_in_any_language():
    table = Table(name="t", title="t", columns=[Column("d", "D", Kind.DATE)], rows=[(date(2026, 12, 1),)])
    assert read(write_csv(table, ZONE))[1] == ["2026-12-01"]
