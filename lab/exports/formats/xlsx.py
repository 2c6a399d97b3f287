"""XLSX workbooks: one sheet per table, with XlsxWriter (measured against openpyxl in
bench/exports_formats.py: two to three times faster on 10,000 rows; openpyxl only reads back).

Each sheet: the header lines (label, value) on top when there are any, then a bold header row
that stays frozen and carries an autofilter, columns sized to their content, and cells of their
real type: numbers, booleans, dates and date-times in the workshop's time zone as Excel dates,
durations as Excel durations ([h]:mm:ss). Text is always written as a string cell, never as a
formula, and is still neutralised like the CSV, because people copy cells into other places.
"""
import io
import re

import xlsxwriter

from .cells import excel_days, list_text, local, neutralise, zone_of
from .shapes import Kind, Table, kind_of

SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
EXCEL_TEXT_MAX = 32767
EMPTY = (None, "", ())  # left as blank cells
WIDTH_MIN, WIDTH_MAX, WIDTH_SAMPLE = 8, 60, 500
FORMATS = {
    "title": {"bold": True, "bg_color": "#E7EEF7", "bottom": 1, "text_wrap": True, "valign": "top"},
    "label": {"bold": True},
    Kind.DATE: {"num_format": "yyyy-mm-dd"},
    Kind.DATETIME: {"num_format": "yyyy-mm-dd hh:mm:ss"},
    Kind.DURATION: {"num_format": "[h]:mm:ss"},
    "wrap": {"text_wrap": True, "valign": "top"},
}
# Never turn a string into a formula, a number or a link behind our back.
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                    "strings_to_urls": False}


def write_xlsx(tables, zone, *, title=None) -> bytes:
    """One workbook with a sheet per table, named after the tables' titles (made valid and
    unique). `zone` is the workshop's IANA time zone (or a tzinfo)."""
    tz = zone_of(zone)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, WORKBOOK_OPTIONS)
    if title:
        book.set_properties({"title": neutralise(title)})
    styles = {name: book.add_format(spec) for name, spec in FORMATS.items()}
    for table, name in zip(tables, sheet_names([t.title for t in tables]), strict=True):
        _write_sheet(book.add_worksheet(name), table, tz, styles)
    book.close()
    return out.getvalue()


def sheet_names(titles):
    """Valid Excel sheet names, unique regardless of case: at most 31 characters, none of
    []:*?/\\, not starting or ending with an apostrophe, never the reserved "History"."""
    names, taken = [], set()
    for position, title in enumerate(titles, 1):
        base = SHEET_NAME_FORBIDDEN.sub(" ", str(title)).strip().strip("'").strip() or f"Hoja {position}"
        if base.casefold() == "history":
            base += " 1"
        name, copy = base[:SHEET_NAME_MAX], 1
        while name.casefold() in taken:
            copy += 1
            suffix = f" ({copy})"
            name = base[:SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _write_sheet(sheet, table: Table, tz, styles):
    row = _write_header_lines(sheet, table, tz, styles)
    widths = _widths(table)
    for col, (column, width) in enumerate(zip(table.columns, widths, strict=True)):
        wrap = column.kind in (Kind.TEXT, Kind.LIST) and width >= WIDTH_MAX
        sheet.set_column(col, col, width, styles["wrap"] if wrap else None)
    sheet.write_row(row, 0, [neutralise(t) for t in table.titles], styles["title"])
    writers = [_cell_writer(sheet, column.kind, tz, styles) for column in table.columns]
    for number, values in enumerate(table.rows, row + 1):
        for col, (write, value) in enumerate(zip(writers, values, strict=True)):
            if value not in EMPTY:
                write(number, col, value)
    sheet.freeze_panes(row + 1, 0)
    sheet.autofilter(row, 0, row + len(table.rows), len(table.columns) - 1)
    sheet.repeat_rows(row)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)


def _write_header_lines(sheet, table, tz, styles):
    for row, (label, value) in enumerate(table.header):
        sheet.write_string(row, 0, neutralise(label), styles["label"])
        if value not in EMPTY:
            _cell_writer(sheet, kind_of(value), tz, styles)(row, 1, value)
    return len(table.header) + 1 if table.header else 0


def _cell_writer(sheet, kind, tz, styles):
    style = styles.get(kind)
    return {
        Kind.TEXT: lambda r, c, v: sheet.write_string(r, c, _excel_text(v)),
        Kind.INTEGER: sheet.write_number,
        Kind.DECIMAL: lambda r, c, v: sheet.write_number(r, c, float(v)),
        Kind.DATE: lambda r, c, v: sheet.write_datetime(r, c, v, style),
        Kind.DATETIME: lambda r, c, v: sheet.write_datetime(r, c, local(v, tz), style),
        Kind.DURATION: lambda r, c, v: sheet.write_number(r, c, excel_days(v), style),
        Kind.BOOLEAN: sheet.write_boolean,
        Kind.LIST: lambda r, c, v: sheet.write_string(r, c, _excel_text(list_text(v))),
    }[kind]


def _excel_text(value):
    """Neutralised, and cut to what one Excel cell holds (ideas are far shorter)."""
    text = neutralise(value)
    return text if len(text) <= EXCEL_TEXT_MAX else text[:EXCEL_TEXT_MAX - 1] + "…"


def _widths(table: Table):
    """Characters wide: the title or the longest of the first rows, within sensible bounds."""
    fixed = {Kind.DATE: 11, Kind.DATETIME: 20, Kind.DURATION: 10, Kind.BOOLEAN: 10}
    sample = table.rows[:WIDTH_SAMPLE]
    widths = []
    for col, (column, title) in enumerate(zip(table.columns, table.titles, strict=True)):
        longest = fixed.get(column.kind) or max((_shown_length(row[col]) for row in sample), default=0)
        widths.append(min(WIDTH_MAX, max(WIDTH_MIN, len(title) + 2, longest + 2)))
    return widths


def _shown_length(value):
    if value is None:
        return 0
    if isinstance(value, tuple):
        return len(list_text(value))
    return max((len(line) for line in str(value).splitlines()), default=0)
