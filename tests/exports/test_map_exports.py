"""The lab's map out as datasets (CSV, XLSX, PDF), one workbook, GraphML and GEXF (read back with
networkx) and a Kumu workbook (read back with openpyxl), for the lab team only; every download
recorded; ids stable between exports."""
import csv
import io
from datetime import date

import networkx as nx
import openpyxl
import pypdf
import pytest
from sqlalchemy import select

from lab.exports.models import ExportDownload
from lab.extensions import db
from lab.maps.models import Actor, Alliance, Assessment, Capability, Link, alliance_actors

FORMULA = "=1+1"


@pytest.fixture
def mapped(app, make):
    lab = make.user(role="lab")
    workshop = make.workshop(title="Taller del mapa")
    with app.app_context():
        uni = Actor(slug="universidad-imaginaria", name="Universidad Imaginaria", acronym="UI",
                    aliases=["La Imaginaria"], kind="organisation", sector="academia", scope="external",
                    relation="current")
        firm = Actor(slug="empresa-ficticia", name=FORMULA, kind="organisation", sector="industry")
        old = Actor(slug="vieja", name="Universidad Imaginaria (duplicada)")
        db.session.add_all([uni, firm, old])
        db.session.flush()
        old.merged_into_id = uni.id
        db.session.add_all([
            Capability(actor_id=uni.id, category="tecnologicas", description="Laboratorios de prototipado"),
            link := Link(source_id=uni.id, target_id=firm.id, kind="knowledge", strength=3, note="Proyectos conjuntos",
                     workshop_id=workshop.id),
            Assessment(actor_id=uni.id, workshop_id=workshop.id, influence=4.5, interest=3.0, ratings=4),
        ])
        alliance = Alliance(purpose="Laboratorio abierto de datos", stage="prioritised", instrument="convenio",
                            due_on=date(2027, 3, 1), workshop_id=workshop.id)
        db.session.add(alliance)
        db.session.flush()
        db.session.execute(alliance_actors.insert(), [{"alliance_id": alliance.id, "actor_id": uni.id},
                                                       {"alliance_id": alliance.id, "actor_id": firm.id}])
        db.session.commit()
        return lab, uni.id, firm.id, old.id, link.id


def get(make_browser, person, path):
    browser = make_browser()
    browser.login(person)
    response = browser.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response


def rows(response):
    return list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=";"))


def test_map_datasets_as_csv_match_the_map(make_browser, mapped):
    lab, uni, firm, old, _link = mapped
    actors = {r["ID"]: r for r in rows(get(make_browser, lab, "/mapa/exportar/actores.csv"))}
    assert set(actors) == {f"actor-{uni}", f"actor-{firm}", f"actor-{old}"}
    assert actors[f"actor-{uni}"]["Otros nombres"] == "La Imaginaria" and actors[f"actor-{uni}"]["Sector"] == "Academia"
    assert actors[f"actor-{firm}"]["Nombre"] == "'" + FORMULA  # neutralised
    assert actors[f"actor-{old}"]["Fusionado en"] == "Universidad Imaginaria"
    links = rows(get(make_browser, lab, "/mapa/exportar/vinculos.csv"))
    assert [(r["ID de origen"], r["ID de destino"], r["Tipo de vínculo"], r["Fuerza"], r["Taller"]) for r in links] == [
        (f"actor-{uni}", f"actor-{firm}", "Conocimiento", "3", "Taller del mapa")]
    alliances = rows(get(make_browser, lab, "/mapa/exportar/alianzas.csv"))
    assert alliances[0]["Etapa"] == "Priorizada" and alliances[0]["Instrumento"] == "Convenio"
    assert alliances[0]["Fecha límite"] == "2027-03-01"
    assessments = rows(get(make_browser, lab, "/mapa/exportar/valoraciones.csv"))
    assert (assessments[0]["Influencia"], assessments[0]["Interés"]) == ("4,5", "3,0")
    capabilities = rows(get(make_browser, lab, "/mapa/exportar/capacidades.csv"))
    assert capabilities[0]["Categoría"] == "Tecnológicas"


def test_the_map_as_graphml_gexf_and_kumu_keeps_its_ids(make_browser, mapped):
    lab, uni, firm, old, _link = mapped
    graphml = nx.read_graphml(io.BytesIO(get(make_browser, lab, "/mapa/exportar/mapa.graphml").get_data()))
    assert set(graphml.nodes) == {f"actor-{uni}", f"actor-{firm}"}  # the merged actor is no node
    assert graphml.nodes[f"actor-{uni}"]["label"] == "Universidad Imaginaria"
    assert graphml.nodes[f"actor-{firm}"]["label"] == "'" + FORMULA
    assert graphml.nodes[f"actor-{uni}"]["Sector"] == "Academia"
    gexf = nx.read_gexf(io.BytesIO(get(make_browser, lab, "/mapa/exportar/mapa.gexf").get_data()))
    assert gexf.number_of_edges() == 1 and set(gexf.nodes) == set(graphml.nodes)
    book = openpyxl.load_workbook(io.BytesIO(get(make_browser, lab, "/mapa/exportar/mapa-kumu.xlsx").get_data()))
    elements = list(book["Elements"].iter_rows(values_only=True))
    connections = list(book["Connections"].iter_rows(values_only=True))
    assert elements[0][:3] == ("ID", "Label", "Type") and {row[0] for row in elements[1:]} == set(graphml.nodes)
    assert connections[0][:4] == ("ID", "From", "To", "Type")
    assert connections[1][:4] == (f"link-{mapped[4]}", f"actor-{uni}", f"actor-{firm}", "Conocimiento")
    again = nx.read_graphml(io.BytesIO(get(make_browser, lab, "/mapa/exportar/mapa.graphml").get_data()))
    assert set(again.nodes) == set(graphml.nodes)  # the same ids every time


def test_the_map_workbook_and_a_pdf(make_browser, mapped):
    lab = mapped[0]
    book = openpyxl.load_workbook(io.BytesIO(get(make_browser, lab, "/mapa/exportar/mapa.xlsx").get_data()))
    assert book.sheetnames == ["Actores", "Capacidades", "Vínculos", "Alianzas", "Influencia e interés por taller"]
    pdf = get(make_browser, lab, "/mapa/exportar/actores.pdf").get_data()
    text = "".join("".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "UniversidadImaginaria" in text  # cells wrap their words
    page = get(make_browser, lab, "/mapa/exportar").get_data(as_text=True)
    assert "/mapa/exportar/mapa-kumu.xlsx" in page and "/mapa/exportar/vinculos.csv" in page


def test_map_exports_are_for_the_lab_team_and_recorded(app, make, make_browser, mapped):
    lab = mapped[0]
    moderator = make_browser()
    moderator.login(make.user(role="moderator"))
    assert moderator.get("/mapa/exportar/actores.csv").status_code == 403
    assert moderator.get("/mapa/exportar").status_code == 403
    browser = make_browser()
    browser.login(lab)
    assert browser.get("/mapa/exportar/nada.csv").status_code == 404
    assert browser.get("/mapa/exportar/actores.graphml").status_code == 404
    get(make_browser, lab, "/mapa/exportar/mapa.gexf")
    with app.app_context():
        record = db.session.scalars(select(ExportDownload)).one()
        assert (record.user_id, record.scope, record.file, record.format) == (lab.id, "lab", "mapa", "gexf")
