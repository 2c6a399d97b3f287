"""CSV of one table, made to open right with a double click in Excel set to Spanish (Colombia).

Why a semicolon. Excel opening a .csv by double click takes no options: it splits the fields on
the Windows "list separator" and reads numbers with the Windows "decimal symbol" of the regional
settings. For Spanish (Colombia) those are "," as the decimal symbol, "." as the digit grouping
and therefore ";" as the list separator (Windows uses ";" wherever the comma is the decimal
mark). A comma-separated file would land in one column there, and "3.5" would be read as text
or as a date. So fields are separated by ";" and decimals are written "3,5", without grouping.

Why no "sep=;" first line: it does force the separator whatever the regional settings, but Excel
then ignores the byte-order mark and reads the file in the ANSI code page (accents and ñ turn
into mojibake), and every other program shows it as a stray first row.

The rest:
- UTF-8 with a byte-order mark, which is how Excel recognises UTF-8; CRLF line ends; fields with
  the separator, quotes or line breaks quoted.
- Dates YYYY-MM-DD and times YYYY-MM-DD HH:MM:SS in the workshop's time zone: Excel reads these
  ISO forms as dates in every language. Durations H:MM:SS, read as durations. Integers plain.
  Booleans "Sí"/"No" (translated), lists joined with " | ".
- Every text cell (header lines and column titles included) is formula-neutralised: a leading
  =, +, -, @, tab or carriage return gets an apostrophe, so Excel shows it and never runs it.
- Known limit of CSV in Excel: text that looks like a number or a date (a code with leading zeros,
  "1-2") is converted on opening; the XLSX export keeps such text exact.

`EXCEL_EN` (comma, decimal point) is the style for Excel set to English (United States).
"""
import csv
import io
from dataclasses import dataclass

from .cells import clock, decimal_text, list_text, local_text, neutralise, yes_no, zone_of
from .shapes import Kind, Table, kind_of


@dataclass(frozen=True)
class CsvStyle:
    separator: str = ";"
    decimal_point: str = ","


EXCEL_ES_CO = CsvStyle(separator=";", decimal_point=",")
EXCEL_EN = CsvStyle(separator=",", decimal_point=".")


def write_csv(table: Table, zone, style: CsvStyle = EXCEL_ES_CO) -> bytes:
    """The table as CSV bytes: header lines and a blank line (when there are any), the column
    titles, then one line per row. `zone` is the workshop's IANA time zone (or a tzinfo)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=style.separator, lineterminator="\r\n")
    writer.writerows(csv_lines(table, zone, style))
    return out.getvalue().encode("utf-8-sig")


def csv_lines(table: Table, zone, style: CsvStyle = EXCEL_ES_CO):
    """The lines of `write_csv`, as lists of strings (for writers that stream)."""
    tz = zone_of(zone)
    for label, value in table.header:
        yield [neutralise(label), cell_text(kind_of(value), value, tz, style)]
    if table.header:
        yield []
    yield [neutralise(title) for title in table.titles]
    formatters = [_formatter(column.kind, tz, style) for column in table.columns]
    for row in table.rows:
        yield [fmt(value) if value is not None else "" for fmt, value in zip(formatters, row, strict=True)]


def cell_text(kind, value, tz, style: CsvStyle = EXCEL_ES_CO) -> str:
    return "" if value is None else _formatter(kind, tz, style)(value)


def _formatter(kind, tz, style):
    return {
        Kind.TEXT: neutralise,
        Kind.INTEGER: str,
        Kind.DECIMAL: lambda value: decimal_text(value, style.decimal_point),
        Kind.DATE: lambda value: value.isoformat(),
        Kind.DATETIME: lambda value: local_text(value, tz),
        Kind.DURATION: clock,
        Kind.BOOLEAN: yes_no,
        Kind.LIST: lambda value: neutralise(list_text(value)),
    }[kind]
