"""A map as GraphML and GEXF (for Gephi, through networkx) and as a Kumu workbook.

Every format carries the graph's own ids: GraphML and GEXF as node and edge ids, Kumu in the ID
column of both sheets, with From and To naming element ids. Re-importing a newer export into
Kumu therefore updates its elements and connections instead of duplicating them (Kumu matches
on ID when the first column is ID; labels may change freely).

Attributes: a node's label as `label`, a node's or edge's type as `kind`, the rest under their column
titles. Text is formula-neutralised (Gephi and Kumu export to spreadsheets too); decimals are
floats, dates ISO 8601 text, date-times ISO 8601 with the workshop zone's offset, durations
H:MM:SS, lists joined with "|" (Kumu's separator of multiple values).
"""
import io

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from .cells import clock, neutralise, zone_of
from .shapes import Column, Graph, Kind, Node, Table
from .xlsx import write_xlsx

KUMU_LIST_SEPARATOR = "|"


def to_networkx(graph: Graph, zone) -> nx.MultiDiGraph | nx.MultiGraph:
    """A networkx multigraph (two actors may be linked twice, by different kinds of link), keyed
    by edge id, with the attributes as the files carry them."""
    tz = zone_of(zone)
    result = nx.MultiDiGraph(name=str(graph.title)) if graph.directed else nx.MultiGraph(name=str(graph.title))
    for node in graph.nodes:
        result.add_node(node.id, **_attributes(node, graph.node_columns, tz))
    for edge in graph.edges:
        result.add_edge(edge.source, edge.target, key=edge.id, **_attributes(edge, graph.edge_columns, tz))
    return result


def write_graphml(graph: Graph, zone) -> bytes:
    out = io.BytesIO()
    nx.write_graphml_xml(to_networkx(graph, zone), out, encoding="utf-8")
    return out.getvalue()


def write_gexf(graph: Graph, zone) -> bytes:
    result = to_networkx(graph, zone)
    for _source, _target, key, data in result.edges(keys=True, data=True):
        data["id"] = key
    writer = _GexfWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(result)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_kumu(graph: Graph, zone) -> bytes:
    """A Kumu import workbook: sheet "Elements" (ID, Label, Type, attributes) and sheet
    "Connections" (ID, From, To, Type, Direction when undirected, attributes)."""
    return write_xlsx(kumu_tables(graph, zone), zone, title=graph.title)


def kumu_tables(graph: Graph, zone):
    tz = zone_of(zone)
    node_columns, edge_columns = _kumu_columns(graph.node_columns), _kumu_columns(graph.edge_columns)
    elements = Table(
        name="elements", title="Elements",
        columns=(Column("id", "ID"), Column("label", "Label"), Column("type", "Type"), *node_columns),
        rows=[(node.id, node.label, node.type or None,
               *(_kumu_value(c, node.values.get(c.key), tz) for c in graph.node_columns)) for node in graph.nodes])
    direction = () if graph.directed else (Column("direction", "Direction"),)
    connections = Table(
        name="connections", title="Connections",
        columns=(Column("id", "ID"), Column("from", "From"), Column("to", "To"), Column("type", "Type"),
                 *direction, *edge_columns),
        rows=[(edge.id, edge.source, edge.target, edge.type or None, *(("undirected",) if direction else ()),
               *(_kumu_value(c, edge.values.get(c.key), tz) for c in graph.edge_columns)) for edge in graph.edges])
    return [elements, connections]


class _GexfWriter(GEXFWriter):
    """networkx's GEXF writer without the `networkx_key` attribute it adds to every edge of a
    multigraph: our keys are the edge ids, already written as the GEXF edge ids."""

    def add_attributes(self, node_or_edge, xml_obj, data, default):
        if node_or_edge == "edge":
            data = {k: v for k, v in data.items() if k != "key"}
        return super().add_attributes(node_or_edge, xml_obj, data, default)


# -- values -------------------------------------------------------------------------------------

def _attributes(item, columns, tz):
    data = {"label": neutralise(item.label)} if isinstance(item, Node) else {}
    if item.type:
        data["kind"] = neutralise(item.type)
    for column in columns:
        value = item.values.get(column.key)
        if value is not None:
            data[str(column.title)] = _graph_value(column.kind, value, tz)
    return data


def _graph_value(kind, value, tz):
    return {
        Kind.TEXT: neutralise,
        Kind.INTEGER: int,
        Kind.DECIMAL: float,
        Kind.BOOLEAN: bool,
        Kind.DATE: lambda v: v.isoformat(),
        Kind.DATETIME: lambda v: v.astimezone(tz).isoformat(timespec="seconds"),
        Kind.DURATION: clock,
        Kind.LIST: lambda v: neutralise(KUMU_LIST_SEPARATOR.join(v)),
    }[kind](value)


def _kumu_columns(columns):
    """Kumu reads numbers and booleans as they are; everything else goes as text."""
    kept = (Kind.INTEGER, Kind.DECIMAL, Kind.BOOLEAN)
    return tuple(Column(c.key, c.title, c.kind if c.kind in kept else Kind.TEXT) for c in columns)


def _kumu_value(column, value, tz):
    if value is None or column.kind in (Kind.INTEGER, Kind.DECIMAL, Kind.BOOLEAN, Kind.TEXT):
        return value
    if column.kind is Kind.LIST:
        return KUMU_LIST_SEPARATOR.join(value)
    return _graph_value(column.kind, value, tz)

