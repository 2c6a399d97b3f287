"""PDF from HTML with print CSS, by WeasyPrint (it needs Pango and a font from the system:
`make` installs libpango-1.0-0, libpangoft2-1.0-0 and fonts-dejavu-core on Debian).

Reports are HTML (the app's own templates, or `document_html` + `table_html` here) rendered
with the base stylesheet `print.css` (A4, margins, the entity and title on every page, "Página
N de M", tables that break across pages with their header row repeated) plus the report's own
rules. Rendering reads nothing from the network or the disk: only data: URLs (inline images)
are fetched. It is CPU-bound (about 3 s for a 300-idea table): run it off the event loop.
"""
import re
from functools import cache
from importlib.resources import files

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup, escape

from .cells import clock, list_text, local, neutralise, yes_no, zone_of
from .shapes import Kind, Table, kind_of

# Cells whose words are never cut: numbers (right-aligned) and dates, times and yes/no.
CELL_CLASSES = {Kind.INTEGER: "number", Kind.DECIMAL: "number", Kind.DURATION: "number",
                Kind.DATE: "value", Kind.DATETIME: "value", Kind.BOOLEAN: "value"}
LONG_WORD = re.compile(r"[^\s\u200b]{31,}")
ZERO_WIDTH_SPACE = "\u200b"


@cache
def base_stylesheet() -> str:
    return files(__package__).joinpath("print.css").read_text(encoding="utf-8")


def page_numbers_css() -> str:
    """The footer rule in the current language: "Página N de M", "Page N of M"."""
    parts = re.split(r"%\((page|pages)\)s", _("Página %(page)s de %(pages)s"))
    content = " ".join(f"counter({part})" if index % 2 else _css_string(part)
                       for index, part in enumerate(parts) if index % 2 or part)
    return f"@page {{ @bottom-right {{ content: {content}; }} }}"


def render_pdf(html: str, *, stylesheets=(), base_url=None) -> bytes:
    """PDF bytes of an HTML document, with the base stylesheet, the page numbers and then
    `stylesheets` (CSS text), which may override them."""
    from weasyprint import CSS, HTML  # here: loading it takes 1-2 s, paid by PDFs only
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    sheets = [CSS(string=css, url_fetcher=fetcher)
              for css in (base_stylesheet(), page_numbers_css(), *stylesheets)]
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=sheets)


def document_html(title, body, *, entity="", lang="es-CO", meta=()) -> str:
    """A whole report page: the entity's name and the title (repeated on every page by the
    base stylesheet), optional (label, text) lines under them, then `body` (trusted HTML)."""
    lines = "".join(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>" for label, value in meta)
    return (f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8">'
            f"<title>{_e(title)}</title></head><body>"
            f'<header class="report-header"><p class="report-entity">{_e(entity)}</p>'
            f'<h1 class="report-title">{_e(title)}</h1>'
            f'{f"<dl class=report-meta>{lines}</dl>" if lines else ""}</header>'
            f"{body}</body></html>")


def table_html(table: Table, zone, locale="es_CO") -> Markup:
    """The table as an HTML table with a caption, every value escaped and shown for people in
    `locale` (dates, decimals), date-times in the workshop's time zone, long words breakable."""
    tz = zone_of(zone)
    head = "".join(f'<th scope="col"{_class(c.kind)}>{_e(neutralise(t))}</th>'
                   for c, t in zip(table.columns, table.titles, strict=True))
    body = "".join(
        "<tr>" + "".join(f"<td{_class(c.kind)}>{_e(breakable(shown(c.kind, v, tz, locale)))}</td>"
                         for c, v in zip(table.columns, row, strict=True)) + "</tr>"
        for row in table.rows)
    return Markup(f"<table><caption>{_e(table.title)}</caption><thead><tr>{head}</tr></thead>"
                  f"<tbody>{body}</tbody></table>")


def header_html(table: Table, zone, locale="es_CO") -> Markup:
    """The table's header lines as a definition list."""
    tz = zone_of(zone)
    lines = "".join(f"<dt>{_e(neutralise(label))}</dt><dd>{_e(shown(kind_of(value), value, tz, locale))}</dd>"
                    for label, value in table.header)
    return Markup(f'<dl class="report-meta">{lines}</dl>' if lines else "")


def shown(kind, value, tz, locale="es_CO") -> str:
    """A value as a person reads it in a report. Text is neutralised here too: people copy
    rows from reports into spreadsheets (templates use the same `neutralise`)."""
    if value is None:
        return ""
    return {
        Kind.TEXT: neutralise,
        Kind.INTEGER: lambda v: format_decimal(v, locale=locale),
        Kind.DECIMAL: lambda v: format_decimal(v, locale=locale, decimal_quantization=False),
        Kind.DATE: lambda v: format_date(v, "medium", locale=locale),
        Kind.DATETIME: lambda v: format_datetime(local(v, tz), "medium", locale=locale),
        Kind.DURATION: clock,
        Kind.BOOLEAN: yes_no,
        Kind.LIST: lambda v: neutralise(list_text(v)),
    }[kind](value)


def breakable(text, every=20):
    """Very long words (addresses, ids) get an invisible break opportunity every `every`
    characters, so a table column never has to be wider than the page."""
    return LONG_WORD.sub(lambda m: ZERO_WIDTH_SPACE.join(
        m.group()[i:i + every] for i in range(0, len(m.group()), every)), text)


def _e(value):
    """Escaped text. Through str() first: a lazy translation's __html__ would skip escaping."""
    return escape(str(value))


def _class(kind):
    return f' class="{CELL_CLASSES[kind]}"' if kind in CELL_CLASSES else ""


def _css_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'
