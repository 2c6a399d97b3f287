"""Maps as GraphML and GEXF (read back with networkx) and as a Kumu workbook (openpyxl)."""
import io
from dataclasses import replace

import networkx as nx
import openpyxl

from lab.exports.formats import write_gexf, write_graphml, write_kumu

from .samples import ACCENTS, PAYLOADS, ZONE, actors_graph, neutralised

NODE_IDS = ["lab", "uis", "sena-tecnoparque", "camara"]
EDGES = [("uis", "lab", "link-1"), ("uis", "lab", "link-2"), ("sena-tecnoparque", "uis", "link-3"),
         ("camara", "lab", "link-4")]


def graphml(graph=None):
    return nx.read_graphml(io.BytesIO(write_graphml(graph or actors_graph(), ZONE)), force_multigraph=True)


def gexf(graph=None):
    return nx.read_gexf(io.BytesIO(write_gexf(graph or actors_graph(), ZONE)))


def kumu(graph=None):
    book = openpyxl.load_workbook(io.BytesIO(write_kumu(graph or actors_graph(), ZONE)))
    return {name: [list(row) for row in book[name].iter_rows(values_only=True)] for name in book.sheetnames}


def check_nodes(result):
    assert list(result.nodes) == NODE_IDS
    uis = result.nodes["uis"]
    assert uis["label"] == "Universidad Industrial de Santander" and uis["kind"] == "universidad"
    assert uis["Sector"] == "academia" and uis["Evidencias"] == 7 and uis["Influencia"] == 4.5
    assert uis["Potencial"] is False and uis["Alias"] == "UIS|U. Industrial" and uis["Desde"] == "2026-03-14"
    assert uis["Visto"] == "2026-03-14T09:05:30-05:00"
    assert result.nodes["sena-tecnoparque"]["Potencial"] is True
    assert result.nodes["sena-tecnoparque"]["Influencia"] == 3.25
    assert "Influencia" not in result.nodes["lab"] and "kind" in result.nodes["lab"]


def check_payloads(result):
    camara = result.nodes["camara"]
    assert camara["label"] == neutralised(PAYLOADS[0]) and camara["kind"] == neutralised(PAYLOADS[3])
    assert camara["Sector"] == neutralised(PAYLOADS[1]) and camara["Alias"] == neutralised(PAYLOADS[2])


def test_graphml_keeps_ids_labels_types_and_typed_attributes():
    result = graphml()
    assert result.is_directed() and result.is_multigraph()
    check_nodes(result)
    assert sorted(result.edges(keys=True)) == sorted(EDGES)
    first = result.edges["uis", "lab", "link-1"]
    assert first["kind"] == "colaboración" and first["Fuerza"] == 3 and first["Nota"] == ACCENTS
    assert result.edges["uis", "lab", "link-2"]["kind"] == "financiación"  # a second link between the two
    assert result.edges["sena-tecnoparque", "uis", "link-3"]["Nota"] == neutralised(PAYLOADS[4])
    check_payloads(result)


def test_gexf_keeps_ids_labels_types_and_typed_attributes():
    data = write_gexf(actors_graph(), ZONE)
    assert b"networkx_key" not in data
    result = gexf()
    check_nodes(result)
    assert sorted(result.edges(keys=True)) == sorted(EDGES)
    first = result.edges["uis", "lab", "link-1"]
    assert first["id"] == "link-1" and first["kind"] == "colaboración" and first["Fuerza"] == 3
    assert first["Nota"] == ACCENTS
    check_payloads(result)


def test_undirected_maps_stay_undirected():
    graph = actors_graph(directed=False)
    assert not graphml(graph).is_directed()
    assert not gexf(graph).is_directed()
    connections = kumu(graph)["Connections"]
    assert connections[0][:5] == ["ID", "From", "To", "Type", "Direction"]
    assert {row[4] for row in connections[1:]} == {"undirected"}


def test_kumu_workbook_has_elements_and_connections_by_id():
    sheets = kumu()
    assert list(sheets) == ["Elements", "Connections"]
    elements, connections = sheets["Elements"], sheets["Connections"]
    assert elements[0] == ["ID", "Label", "Type", "Sector", "Evidencias", "Influencia", "Potencial", "Alias",
                           "Desde", "Visto"]
    assert elements[1] == ["lab", "Laboratorio de Innovación Pública", "interno", "gobierno", 0, None, None, None,
                           None, None]
    assert elements[2] == ["uis", "Universidad Industrial de Santander", "universidad", "academia", 7, 4.5, False,
                           "UIS|U. Industrial", "2026-03-14", "2026-03-14T09:05:30-05:00"]
    assert elements[4][:4] == ["camara", neutralised(PAYLOADS[0]), neutralised(PAYLOADS[3]),
                               neutralised(PAYLOADS[1])]
    assert elements[4][7] == neutralised(PAYLOADS[2])
    assert connections[0] == ["ID", "From", "To", "Type", "Fuerza", "Nota"]
    assert connections[1] == ["link-1", "uis", "lab", "colaboración", 3, ACCENTS]
    assert connections[3] == ["link-3", "sena-tecnoparque", "uis", "conocimiento", None, neutralised(PAYLOADS[4])]
    assert connections[4] == ["link-4", "camara", "lab", None, None, None]
    element_ids = {row[0] for row in elements[1:]}
    assert {end for row in connections[1:] for end in row[1:3]} <= element_ids


def test_kumu_ids_are_the_maps_own_so_a_later_export_updates_instead_of_duplicating():
    before = kumu()
    graph = actors_graph()
    renamed = [replace(node, label=node.label + " (renombrado)") for node in reversed(graph.nodes)]
    after = kumu(actors_graph(nodes=renamed))
    ids = lambda sheet: {row[0]: row[1:] for row in sheet[1:]}  # noqa: E731
    assert ids(after["Elements"]).keys() == ids(before["Elements"]).keys()
    assert ids(after["Elements"])["uis"][0] == "Universidad Industrial de Santander (renombrado)"
    assert ids(after["Connections"]) == ids(before["Connections"])
    assert kumu() == before  # the same map gives the same workbook


def test_the_first_cells_are_what_kumu_requires():
    sheets = kumu()
    # Kumu reads an element sheet by "Label" in A1, or "ID" first; connections by From/To in A1/B1, or ID first.
    assert sheets["Elements"][0][0] == "ID" and sheets["Elements"][0][1] == "Label"
    assert sheets["Connections"][0][:3] == ["ID", "From", "To"]
