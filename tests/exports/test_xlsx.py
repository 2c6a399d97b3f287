"""XLSX workbooks read back with openpyxl, cell by cell: types, zone, neutralising, layout."""
import io
import re
from datetime import date, datetime, timedelta

import openpyxl
import pytest

from lab.exports.formats import Column, Kind, Table, sheet_names, write_xlsx

from .samples import ACCENTS, PAYLOADS, ZONE, ideas_table, neutralised


def workbook(tables, zone=ZONE):
    return openpyxl.load_workbook(io.BytesIO(write_xlsx(tables, zone)))


def values(sheet):
    return [[unescaped(value) for value in row] for row in sheet.iter_rows(values_only=True)]


def unescaped(value):
    """Control characters are stored as _xHHHH_ (ECMA-376 ST_Xstring); Excel reads them back,
    openpyxl leaves them escaped."""
    if not isinstance(value, str):
        return value
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def test_header_lines_then_a_frozen_filtered_title_row():
    sheet = workbook([ideas_table()])["Ideas del taller"]
    rows = values(sheet)
    assert [row[:2] for row in rows[:6]] == [
        ["Entidad", "Alcaldía de Ñuñoa"], ["Fecha", datetime(2026, 3, 14)],
        ["Generado", datetime(2026, 3, 14, 9, 5, 30)],
        ["Ideas", 12], ["Duración", timedelta(hours=2)], [neutralised("=Objetivo"), neutralised(PAYLOADS[0])]]
    assert rows[6] == [None] * 8
    assert rows[7] == ["Idea", "Votos", "Puntaje", "Día", "Publicada", "Tiempo con la palabra", "Oculta", "Etiquetas"]
    assert sheet.freeze_panes == "A9"
    assert sheet.auto_filter.ref == f"A8:H{8 + len(ideas_table().rows)}"
    assert sheet.print_title_rows == "$8:$8"


def test_cells_have_their_real_types_and_the_workshops_local_time():
    rows = values(workbook([ideas_table(header=False)])["Ideas del taller"])
    assert rows[0][0] == "Idea" and sheet_freeze(ideas_table(header=False)) == "A2"
    assert rows[1] == [ACCENTS, 4, 2.5, datetime(2026, 3, 14), datetime(2026, 3, 14, 9, 5, 30),
                       timedelta(minutes=1, seconds=5), False, "físicas | humanas"]
    assert rows[2] == ["Con ; punto y coma, comillas \"dobles\" y\nsalto de línea", 0, 0.1, datetime(2026, 1, 2),
                       datetime(2026, 3, 15, 9, 5, 30), timedelta(days=1, seconds=3603), True, None]
    assert rows[3] == [None] * 8
    assert rows[4] == ["Negativos y grandes", -3, -1234567.125, datetime(2025, 12, 31),
                       datetime(2026, 3, 14, 9, 5, 30), timedelta(0), True, "a"]


def sheet_freeze(table):
    return workbook([table])[sheet_names([table.title])[0]].freeze_panes


def test_dates_times_and_durations_are_excel_dates_with_formats():
    sheet = workbook([ideas_table(header=False)])["Ideas del taller"]
    assert sheet["D2"].is_date and sheet["D2"].number_format == "yyyy-mm-dd"
    assert sheet["E2"].is_date and sheet["E2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert sheet["F2"].number_format == "[h]:mm:ss"
    assert sheet["G2"].data_type == "b" and sheet["B2"].data_type == "n"


def test_formula_payloads_are_neutralised_text_and_no_cell_is_a_formula():
    sheet = workbook([ideas_table()])["Ideas del taller"]
    rows = values(sheet)[8:]
    for payload, row in zip(PAYLOADS, rows[4:], strict=False):
        assert row[0] == neutralised(payload)
        assert row[7] == neutralised(payload)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_col=1, max_col=1) for cell in row
               if cell.value is not None and not isinstance(cell.value, (int, datetime)))


def test_one_sheet_per_table_with_valid_unique_names():
    other = Table(name="votos", title="Votos: ronda 1/2 [final]?", columns=[Column("a", "A")], rows=[("x",)])
    book = workbook([ideas_table(), other, ideas_table()])
    assert book.sheetnames == ["Ideas del taller", "Votos  ronda 1 2  final", "Ideas del taller (2)"]
    assert values(book["Votos  ronda 1 2  final"]) == [["A"], ["x"]]


def test_sheet_names_are_cut_made_unique_regardless_of_case_and_never_reserved():
    long = "Capacidades tecnológicas por categoría y sector"
    names = sheet_names([long, long.upper(), "History", "'Citas'", "*/?", "", "ideas", "IDEAS"])
    assert names[0] == long[:31]
    assert names[1] == long.upper()[:27].rstrip() + " (2)"
    assert names[2] == "History 1" and names[3] == "Citas"
    assert names[4] == "Hoja 5" and names[5] == "Hoja 6"
    assert names[6:] == ["ideas", "IDEAS (2)"]
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len({n.casefold() for n in names}) == len(names)


def test_columns_are_sized_to_their_content_within_bounds():
    long_idea = "Una idea larga: " + "laboratorio de prototipado abierto a la ciudadanía " * 3
    sheet = workbook([ideas_table(header=False, rows=[(long_idea,) + (None,) * 7])])["Ideas del taller"]
    widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
    assert widths["A"] > 60  # the long ideas: the widest allowed, wrapped
    assert sheet["A2"].alignment.wrap_text
    assert 20 <= widths["E"] < 25  # a date and time
    assert all(8 <= w <= 62 for w in widths.values())


def test_text_longer_than_an_excel_cell_is_cut_with_an_ellipsis():
    table = Table(name="t", title="t", columns=[Column("a", "A")], rows=[("x" * 40_000,)])
    cell = workbook([table])["t"]["A2"].value
    assert len(cell) == 32767 and cell.endswith("…")


def test_header_values_of_every_kind_and_empty_ones():
    table = Table(name="t", title="t", columns=[Column("a", "A")], rows=[],
                  header=[("Sí", True), ("Decimal", 1.5), ("Vacío", None), ("Lista", ["a", "b"])])
    rows = values(workbook([table])["t"])
    assert rows[:4] == [["Sí", True], ["Decimal", 1.5], ["Vacío", None], ["Lista", "a | b"]]
    assert rows[5] == ["A", None]


def test_an_unknown_zone_is_refused():
    with pytest.raises(ValueError):
        write_xlsx([ideas_table()], "Mars/Olympus")


def test_integer_and_decimal_columns_stay_numbers_with_dates_as_plain_days():
    table = Table(name="t", title="t", columns=[Column("d", "D", Kind.DATE), Column("n", "N", Kind.DECIMAL)],
                  rows=[(date(2026, 2, 28), 3)])
    rows = values(workbook([table])["t"])
    assert rows[1] == [datetime(2026, 2, 28), 3]
