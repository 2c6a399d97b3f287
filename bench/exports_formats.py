"""Export writers' micro-benchmark: seconds to write each format at the sizes the lab expects,
and XlsxWriter against openpyxl on the same 10,000-row table (why the XLSX writer uses the
former). A script, not a test: `make bench-exports` (bench/README.md has the figures)."""
import argparse
import io
import json
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lab.exports.formats import (  # noqa: E402
    ArchiveError,
    Column,
    Edge,
    Graph,
    Kind,
    Limits,
    Node,
    Table,
    document_html,
    read_archive,
    render_pdf,
    table_html,
    write_archive,
    write_csv,
    write_gexf,
    write_graphml,
    write_kumu,
    write_xlsx,
)
from lab.exports.formats.cells import excel_days, list_text, local, neutralise  # noqa: E402

ZONE = "America/Bogota"
START = datetime(2026, 3, 14, 14, 0, tzinfo=UTC)
ORGS = ["Universidad Industrial de Santander", "SENA Tecnoparque", "Cámara de Comercio", "Fundación Ñandú",
        "Secretaría TIC", "Parque Tecnológico Guatiguará"]
CATEGORIES = ["físicas", "humanas", "tecnológicas", "económicas", "sociales"]
IDEA_COLUMNS = (
    Column("id", "Id", Kind.INTEGER), Column("text", "Idea"), Column("actor", "Actor"),
    Column("category", "Categoría"), Column("prompt", "Pregunta"), Column("cluster", "Grupo"),
    Column("votes", "Votos", Kind.INTEGER), Column("share", "Votos (%)", Kind.DECIMAL),
    Column("posted_at", "Publicada", Kind.DATETIME), Column("speaking", "Tiempo con la palabra", Kind.DURATION),
    Column("hidden", "Oculta", Kind.BOOLEAN), Column("author", "Autor"),
)


def ideas_table(count):
    rows = [(n, f"Idea {n}: la {ORGS[n % 6]} puede aportar laboratorios, mentores y acompañamiento técnico "
                f"a proyectos de innovación pública en la comuna {n % 17}", ORGS[n % 6], CATEGORIES[n % 5],
             f"Pregunta {n % 5 + 1}: ¿qué actores externos podrían aportar al laboratorio?", f"Grupo {n % 40}",
             n % 23, Decimal(n % 1000) / 10, START + timedelta(seconds=n * 3), timedelta(seconds=n % 600),
             n % 11 == 0, "anónimo" if n % 3 else f"Participante ficticio {n % 300}")
            for n in range(count)]
    return Table(name="ideas", title="Ideas", columns=IDEA_COLUMNS, rows=rows,
                 header=[("Entidad", "Alcaldía de Ejemplo"), ("Taller", "Mapeo de capacidades"),
                         ("Zona horaria", ZONE)])


def report_table(count):
    """Ideas as the workshop report prints them: text, actor, category, group and votes."""
    keep = ("text", "actor", "category", "cluster", "votes")
    full = ideas_table(count)
    index = [c.key for c in full.columns]
    return Table(name="ideas", title="Ideas por pregunta", columns=[full.columns[index.index(k)] for k in keep],
                 rows=[tuple(row[index.index(k)] for k in keep) for row in full.rows])


def actors_graph(nodes, edges):
    node_columns = (Column("sector", "Sector"), Column("evidence", "Evidencias", Kind.INTEGER),
                    Column("influence", "Influencia", Kind.DECIMAL), Column("potential", "Potencial", Kind.BOOLEAN),
                    Column("aliases", "Alias", Kind.LIST))
    edge_columns = (Column("strength", "Fuerza", Kind.INTEGER), Column("note", "Nota"))
    graph_nodes = [Node(f"actor-{n}", f"{ORGS[n % 6]} {n}", "organización",
                        {"sector": ["gobierno", "academia", "industria", "sociedad civil"][n % 4], "evidence": n % 30,
                         "influence": Decimal(n % 50) / 10, "potential": n % 2 == 0, "aliases": (f"A{n}", f"Org {n}")})
                   for n in range(nodes)]
    graph_edges = [Edge(f"link-{n}", f"actor-{n % nodes}", f"actor-{(n * 7 + 1) % nodes}", "colaboración",
                        {"strength": n % 3 + 1, "note": "Convenio en conversación"}) for n in range(edges)]
    return Graph(name="actores", title="Mapa de actores", nodes=graph_nodes, edges=graph_edges,
                 node_columns=node_columns, edge_columns=edge_columns)


def openpyxl_xlsx(table, zone):
    """The same sheet with openpyxl's write-only mode (the fastest it has): the baseline."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    tz = ZoneInfo(zone)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.title)
    sheet.freeze_panes = f"A{len(table.header) + 3}"
    formats = {Kind.DATETIME: "yyyy-mm-dd hh:mm:ss", Kind.DURATION: "[h]:mm:ss", Kind.DATE: "yyyy-mm-dd"}
    for label, value in table.header:
        sheet.append([neutralise(label), neutralise(value)])
    sheet.append([])
    sheet.append([neutralise(t) for t in table.titles])
    for row in table.rows:
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            if column.kind is Kind.TEXT or column.kind is Kind.LIST:
                value = neutralise(value if column.kind is Kind.TEXT else list_text(value))
            elif column.kind is Kind.DATETIME:
                value = local(value, tz)
            elif column.kind is Kind.DURATION:
                value = excel_days(value)
            elif column.kind is Kind.DECIMAL:
                value = float(value)
            cell = WriteOnlyCell(sheet, value=value)
            if column.kind in formats:
                cell.number_format = formats[column.kind]
            cells.append(cell)
        sheet.append(cells)
    sheet.auto_filter.ref = f"A{len(table.header) + 2}:L{len(table.header) + 2 + len(table.rows)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def archive_content(table):
    """The ideas as an archive holds them: one object per idea, durations in seconds."""
    keys = [c.key for c in table.columns]
    return {"ideas": [{key: value.total_seconds() if isinstance(value, timedelta) else value
                       for key, value in zip(keys, row, strict=True)} for row in table.rows]}


def archive_round_trip(content):
    data = write_archive("workshop", content, generated_at=START)
    return read_archive(data), len(data)


def hostile_refusal(data):
    try:
        read_archive(data, limits=Limits())
    except ArchiveError as error:
        return error.code
    raise AssertionError("a hostile archive was read")


def measure(rounds, work):
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times)


def cases(args):
    ideas = ideas_table(args.rows)
    small = report_table(args.pdf_rows)
    graph = actors_graph(args.nodes, args.edges)
    archive = archive_content(ideas)
    pdf_html = document_html("Informe del taller", table_html(small, ZONE), entity="Alcaldía de Ejemplo")
    deep = b"[" * (60 * 1024 * 1024)
    yield f"table of {args.rows} ideas: build and check", lambda: ideas_table(args.rows), None
    yield f"CSV, {args.rows} rows", lambda: write_csv(ideas, ZONE), None
    yield f"XLSX, {args.rows} rows (XlsxWriter)", lambda: write_xlsx([ideas], ZONE), 3.0
    yield f"XLSX, {args.rows} rows (openpyxl write-only)", lambda: openpyxl_xlsx(ideas, ZONE), None
    yield f"PDF, {args.pdf_rows} ideas x 5 columns", lambda: render_pdf(pdf_html), 5.0
    yield f"GraphML, {args.nodes} nodes / {args.edges} edges", lambda: write_graphml(graph, ZONE), None
    yield f"GEXF, {args.nodes} nodes / {args.edges} edges", lambda: write_gexf(graph, ZONE), None
    yield f"Kumu XLSX, {args.nodes} nodes / {args.edges} edges", lambda: write_kumu(graph, ZONE), None
    yield f"archive round trip, {args.rows} ideas", lambda: archive_round_trip(archive), 10.0
    yield "hostile archive refused: 60 MiB of '['", lambda: hostile_refusal(deep), None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each case; the median is shown")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--pdf-rows", type=int, default=300)
    parser.add_argument("--nodes", type=int, default=500)
    parser.add_argument("--edges", type=int, default=2_000)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    figures = []
    print(f"{'case':<52} {'median s':>9} {'best s':>8} {'target s':>9}")
    for name, work, target in cases(args):
        median, best = measure(args.rounds, work)
        figures.append({"case": name, "median": round(median, 3), "best": round(best, 3), "target": target})
        print(f"{name:<52} {median:>9.2f} {best:>8.2f} {target or '':>9}", flush=True)
    xlsx = {f["case"].split("(")[-1]: f["median"] for f in figures if f["case"].startswith("XLSX,")}
    print(f"\nopenpyxl / XlsxWriter: {xlsx['openpyxl write-only)'] / xlsx['XlsxWriter)']:.1f}x")
    archive_size = archive_round_trip(archive_content(ideas_table(args.rows)))[1]
    print(f"archive of {args.rows} ideas: {archive_size / 1024 / 1024:.1f} MiB")
    if args.json:
        Path(args.json).write_text(json.dumps({"settings": vars(args), "figures": figures}, indent=2))


if __name__ == "__main__":
    main()
