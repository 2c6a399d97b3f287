"""The two shapes every writer takes: a table of typed columns (with optional header lines above
it) and a graph of nodes and edges with typed attributes. Plain, immutable data, checked once
when built, so a writer never meets a value it cannot write.

A table:

    Table(name="ideas", title=_l("Ideas"),
          columns=(Column("text", _l("Idea")), Column("votes", _l("Votos"), Kind.INTEGER)),
          rows=[("Laboratorio de prototipado", 4), ...],
          header=[(_l("Taller"), "Mapeo de capacidades"), (_l("Fecha"), date(2026, 3, 14))])

A graph (a map): nodes and edges with stable ids, a label, a type and attributes keyed by the
columns' keys. Ids travel into every format (GraphML, GEXF, Kumu) unchanged, so a re-import
updates instead of duplicating; they are therefore checked strictly.
"""
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from flask_babel.speaklater import LazyString


class Kind(StrEnum):
    """What a column holds, and so how each format writes it."""

    TEXT = "text"            # str: always written as text, formulas neutralised
    INTEGER = "integer"      # int
    DECIMAL = "decimal"      # Decimal, int or finite float
    DATE = "date"            # datetime.date (a calendar day, no zone)
    DATETIME = "datetime"    # aware datetime; writers show it in the workshop's time zone
    DURATION = "duration"    # timedelta, never negative
    BOOLEAN = "boolean"      # bool
    LIST = "list"            # a sequence of str (tags, aliases)


@dataclass(frozen=True)
class Column:
    key: str                 # stable machine name (archives, code)
    title: Any               # what people read: a str or a lazy translation
    kind: Kind = Kind.TEXT


Value = str | int | float | Decimal | date | datetime | timedelta | bool | tuple | None


@dataclass(frozen=True)
class Table:
    """Rows of values in column order; None is an empty cell. `header` lines (label, value) open
    the CSV and the sheet, like the attendance register's entity, workshop and date."""

    name: str
    title: Any
    columns: Sequence[Column]
    rows: Sequence[Sequence[Value]]
    header: Sequence[tuple[Any, Value]] = ()

    def __post_init__(self):
        columns = tuple(self.columns)
        if not columns:
            raise ValueError(f"table {self.name!r} has no columns")
        _unique([c.key for c in columns], f"table {self.name!r}: column key")
        object.__setattr__(self, "columns", columns)
        object.__setattr__(self, "rows", _checked_rows(self.name, columns, self.rows))
        object.__setattr__(self, "header", tuple((_text(label), _header_value(self.name, value))
                                                 for label, value in self.header))

    @property
    def titles(self):
        return [_text(c.title) for c in self.columns]


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    type: str = ""
    values: Mapping[str, Value] = field(default_factory=dict)   # by column key


@dataclass(frozen=True)
class Edge:
    id: str
    source: str              # a node id
    target: str              # a node id
    type: str = ""
    values: Mapping[str, Value] = field(default_factory=dict)


# Attribute names the graph formats (or networkx writing them) use for themselves.
RESERVED_TITLES = {"id", "label", "kind", "type", "from", "to", "direction", "source", "target", "weight", "key",
                   "networkx_key", "start", "end", "pid", "viz", "parents", "slices", "spells"}
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.:-]{0,199}")


@dataclass(frozen=True)
class Graph:
    """Ids: letters, digits, '.', ':' and '-', up to 200 characters, starting with a letter or
    digit (never a formula, never Kumu's '|' list separator or '_', which breaks its search)."""

    name: str
    title: Any
    nodes: Sequence[Node]
    edges: Sequence[Edge]
    node_columns: Sequence[Column] = ()
    edge_columns: Sequence[Column] = ()
    directed: bool = True

    def __post_init__(self):
        for attr in ("node_columns", "edge_columns"):
            columns = tuple(getattr(self, attr))
            _check_attribute_titles(self.name, columns)
            object.__setattr__(self, attr, columns)
        nodes = tuple(_checked_item(self.name, node, self.node_columns) for node in self.nodes)
        edges = tuple(_checked_item(self.name, edge, self.edge_columns) for edge in self.edges)
        _unique([n.id for n in nodes], f"graph {self.name!r}: node id")
        _unique([e.id for e in edges], f"graph {self.name!r}: edge id")
        known = {n.id for n in nodes}
        for edge in edges:
            for end in (edge.source, edge.target):
                if end not in known:
                    raise ValueError(f"graph {self.name!r}: edge {edge.id!r} names a missing node {end!r}")
        object.__setattr__(self, "nodes", nodes)
        object.__setattr__(self, "edges", edges)


# -- checks -------------------------------------------------------------------------------------

def _text(value):
    return str(value) if isinstance(value, LazyString) else value


def _unique(names, what):
    seen = set()
    for name in names:
        folded = name.casefold() if isinstance(name, str) else name
        if folded in seen:
            raise ValueError(f"{what} {name!r} appears twice")
        seen.add(folded)


def _is_text(value):
    return isinstance(value, str)


def _is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _is_decimal(value):
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, Decimal) and value.is_finite() or _is_integer(value)


def _is_date(value):
    return isinstance(value, date) and not isinstance(value, datetime)


def _is_datetime(value):
    return isinstance(value, datetime) and value.utcoffset() is not None


def _is_duration(value):
    return isinstance(value, timedelta) and value >= timedelta(0)


def _is_boolean(value):
    return isinstance(value, bool)


def _is_list(value):
    return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)


CHECKS = {Kind.TEXT: _is_text, Kind.INTEGER: _is_integer, Kind.DECIMAL: _is_decimal, Kind.DATE: _is_date,
          Kind.DATETIME: _is_datetime, Kind.DURATION: _is_duration, Kind.BOOLEAN: _is_boolean,
          Kind.LIST: _is_list}


def _checked_value(kind, value, where):
    value = _text(value)
    if kind is Kind.LIST and isinstance(value, (list, tuple)):
        value = tuple(_text(item) for item in value)
    if value is None or CHECKS[kind](value):
        return value
    raise TypeError(f"{where}: {value!r} is not of kind {kind.value!r}")


def _checked_rows(name, columns, rows):
    kinds = [c.kind for c in columns]
    checked = []
    for number, row in enumerate(rows, 1):
        if len(row) != len(kinds):
            raise ValueError(f"table {name!r}, row {number}: {len(row)} values for {len(kinds)} columns")
        checked.append(tuple(
            value if value is None or type(value) is str and kind is Kind.TEXT
            else _checked_value(kind, value, f"table {name!r}, row {number}, column {column.key!r}")
            for kind, column, value in zip(kinds, columns, row, strict=True)))
    return tuple(checked)


def kind_of(value):
    """The kind a header value is written as, from its Python type."""
    for kind in (Kind.BOOLEAN, Kind.INTEGER, Kind.DECIMAL, Kind.DATETIME, Kind.DATE, Kind.DURATION,
                 Kind.TEXT, Kind.LIST):
        if CHECKS[kind](value):
            return kind
    return None


def _header_value(name, value):
    value = _text(value)
    if value is not None and kind_of(value) is None:
        raise TypeError(f"table {name!r}: header value {value!r} has no kind")
    return tuple(value) if isinstance(value, list) else value


def _check_attribute_titles(name, columns):
    titles = [str(_text(c.title)) for c in columns]
    _unique([c.key for c in columns], f"graph {name!r}: attribute key")
    _unique(titles, f"graph {name!r}: attribute title")
    for title in titles:
        if title.casefold() in RESERVED_TITLES or not title.strip():
            raise ValueError(f"graph {name!r}: attribute title {title!r} is reserved or empty")


def _checked_item(name, item, columns):
    where = f"graph {name!r}, {type(item).__name__.lower()} {item.id!r}"
    ids = [item.id] + ([item.source, item.target] if isinstance(item, Edge) else [])
    if not all(isinstance(i, str) and ID_PATTERN.fullmatch(i) for i in ids):
        raise ValueError(f"{where}: ids must match {ID_PATTERN.pattern}")
    by_key = {c.key: c for c in columns}
    unknown = set(item.values) - set(by_key)
    if unknown:
        raise ValueError(f"{where}: values for unknown columns {sorted(unknown)}")
    values = {key: _checked_value(by_key[key].kind, value, f"{where}, {key!r}") for key, value in item.values.items()}
    changes = {"values": values, "type": str(_text(item.type) or "")}
    if isinstance(item, Node):
        changes["label"] = str(_text(item.label))
    return type(item)(**{**item.__dict__, **changes})
