"""What the export worker (worker.py) runs: the CPU-heavy half of an export, from plain data.
The same functions run in the serving process when no worker is used (the tests' threading
server), so both paths write the same bytes."""
from markupsafe import Markup

from .formats import (
    Column,
    Table,
    document_html,
    header_html,
    render_pdf,
    table_html,
    write_csv,
    write_gexf,
    write_graphml,
    write_kumu,
    write_xlsx,
)


def tables_of(parts):
    """Tables from (name, title, columns, rows, header) parts: checked here, off the serving process."""
    return [Table(name=name, title=title, columns=[Column(*column) for column in columns], rows=rows, header=header)
            for name, title, columns, rows, header in parts]


def write_file(fmt, parts, zone, entity, title, locale):
    tables = tables_of(parts)
    if fmt == "csv":
        return write_csv(tables[0], zone)
    if fmt == "xlsx":
        return write_xlsx(tables, zone, title=title)
    return table_pdf(tables[0], zone, entity, title, locale)


def table_pdf(table, zone, entity, workshop_title, locale):
    body = (Markup("<h2>%s</h2>") % workshop_title) + header_html(table, zone, locale) + table_html(table, zone, locale)
    return render_pdf(document_html(str(table.title), body, entity=entity, lang=locale.replace("_", "-")))


def pdf(html, stylesheets):
    return render_pdf(html, stylesheets=stylesheets)


def graph(kind, graph_, zone):
    return {"graphml": write_graphml, "gexf": write_gexf, "kumu": write_kumu}[kind](graph_, zone)


JOBS = {"file": write_file, "pdf": pdf, "graph": graph}
