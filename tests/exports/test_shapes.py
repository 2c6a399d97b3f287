"""The table and graph shapes refuse what no writer could write faithfully, naming where."""
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from flask_babel import lazy_gettext

from lab.exports.formats import Column, Edge, Graph, Kind, Node, Table

from .samples import actors_graph


def table(kind, value):
    return Table(name="t", title="t", columns=[Column("a", "A", kind)], rows=[(value,)])


@pytest.mark.parametrize("kind, value", [
    (Kind.TEXT, 3), (Kind.INTEGER, "3"), (Kind.INTEGER, True), (Kind.INTEGER, 1.0),
    (Kind.DECIMAL, float("nan")), (Kind.DECIMAL, Decimal("Infinity")), (Kind.DECIMAL, "1,5"),
    (Kind.DATE, datetime(2026, 3, 14, tzinfo=UTC)), (Kind.DATE, "2026-03-14"),
    (Kind.DATETIME, datetime(2026, 3, 14, 9, 0)), (Kind.DATETIME, date(2026, 3, 14)),
    (Kind.DURATION, timedelta(seconds=-1)), (Kind.DURATION, 60), (Kind.BOOLEAN, 1),
    (Kind.LIST, "a|b"), (Kind.LIST, ["a", 2]),
])
def test_a_value_of_the_wrong_kind_is_refused_with_its_place(kind, value):
    with pytest.raises(TypeError, match=r"table 't', row 1, column 'a'"):
        table(kind, value)


@pytest.mark.parametrize("kind, value", [
    (Kind.TEXT, "x"), (Kind.INTEGER, -3), (Kind.DECIMAL, 2), (Kind.DECIMAL, 2.5), (Kind.DECIMAL, Decimal("2.50")),
    (Kind.DATE, date(2026, 3, 14)), (Kind.DATETIME, datetime(2026, 3, 14, tzinfo=UTC)),
    (Kind.DURATION, timedelta(0)), (Kind.BOOLEAN, False), (Kind.LIST, ["a", "b"]), (Kind.TEXT, None),
])
def test_values_of_the_right_kind_are_kept(kind, value):
    expected = tuple(value) if isinstance(value, list) else value
    assert table(kind, value).rows == ((expected,),)


def test_lazy_translations_become_text_when_the_table_is_built():
    result = Table(name="t", title=lazy_gettext("Ideas"), columns=[Column("a", lazy_gettext("Idea"))],
                   rows=[(lazy_gettext("Sí"),)], header=[(lazy_gettext("Fecha"), lazy_gettext("hoy"))])
    assert type(result.rows[0][0]) is str and result.titles == ["Idea"]
    assert all(type(part) is str for part in result.header[0])


def test_rows_must_have_one_value_per_column_and_keys_must_be_unique():
    with pytest.raises(ValueError, match="row 2: 1 values for 2 columns"):
        Table(name="t", title="t", columns=[Column("a", "A"), Column("b", "B")], rows=[("x", "y"), ("x",)])
    with pytest.raises(ValueError, match="column key 'A' appears twice"):
        Table(name="t", title="t", columns=[Column("a", "A"), Column("A", "B")], rows=[])
    with pytest.raises(ValueError, match="no columns"):
        Table(name="t", title="t", columns=[], rows=[])
    with pytest.raises(TypeError, match="header value"):
        Table(name="t", title="t", columns=[Column("a", "A")], rows=[], header=[("x", object())])


def graph(nodes=None, edges=(), node_columns=(), edge_columns=()):
    return Graph(name="g", title="g", nodes=nodes or [Node("a", "A"), Node("b", "B")], edges=edges,
                 node_columns=node_columns, edge_columns=edge_columns)


@pytest.mark.parametrize("node_id", ["", "con_guion_bajo", "a|b", "=A1", "-x", "con espacio", "ñandú", "x" * 201, 7])
def test_ids_that_would_break_a_format_are_refused(node_id):
    with pytest.raises(ValueError, match="ids must match"):
        graph(nodes=[Node(node_id, "X")])


def test_edges_must_join_existing_nodes_and_ids_are_unique():
    with pytest.raises(ValueError, match="edge 'e1' names a missing node 'c'"):
        graph(edges=[Edge("e1", "a", "c")])
    with pytest.raises(ValueError, match="node id 'A' appears twice"):
        graph(nodes=[Node("a", "A"), Node("A", "B")])
    with pytest.raises(ValueError, match="edge id 'e' appears twice"):
        graph(edges=[Edge("e", "a", "b"), Edge("e", "b", "a")])


@pytest.mark.parametrize("title", ["label", "Type", "ID", "from", "weight", "kind", "Direction", " "])
def test_attribute_titles_the_formats_use_themselves_are_refused(title):
    with pytest.raises(ValueError, match="reserved or empty"):
        graph(node_columns=[Column("x", title)])


def test_attribute_values_are_checked_like_cells():
    with pytest.raises(ValueError, match="unknown columns \\['color'\\]"):
        graph(nodes=[Node("a", "A", values={"color": "rojo"})])
    with pytest.raises(TypeError, match="node 'a', 'n': 'tres' is not of kind 'integer'"):
        graph(nodes=[Node("a", "A", values={"n": "tres"})], node_columns=[Column("n", "N", Kind.INTEGER)])
    with pytest.raises(ValueError, match="attribute title 'n' appears twice"):
        graph(edge_columns=[Column("a", "N"), Column("b", "n")])


def test_the_sample_map_is_a_valid_graph():
    sample = actors_graph()
    assert [n.id for n in sample.nodes][:2] == ["lab", "uis"] and len(sample.edges) == 4
