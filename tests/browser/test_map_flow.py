"""The seed workshop through the browser yields a map: a participant answers its five capability
prompts in the room, the server proposes an entry per idea, the lab team confirms them on the review
page, and the matrix counts them, opens the evidence of a cell, the network is drawn by Cytoscape.js
in Chromium and the power-interest grid shows the assessed actors."""
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lab.extensions import db
from lab.maps.actors import create_actor
from lab.workshops.models import Workshop
from lab.workshops.service import create_workshop
from lab.workshops.templates_loader import load_file

from .. import factories
from .conftest import ROOT, screenshot
from .helpers import LIVE_WAIT, note, wait_connected, write_idea

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("COCREA_MAP_SHOTS", ROOT / "test-artifacts" / "screenshots" / "maps"))
# The lab's map before the workshop: what the board's names are matched against.
KNOWN = [("Universidad Industrial de Santander", "UIS", "universidad"),
         ("Servicio Nacional de Aprendizaje", "SENA", "entidad_publica"),
         ("Cámara de Comercio de Bucaramanga", "CCB", "empresa"),
         ("Ministerio de Tecnologías de la Información y las Comunicaciones", "MinTIC", "entidad_publica"),
         ("Ministerio de Ciencia, Tecnología e Innovación", "MinCiencias", "entidad_publica"),
         ("Red de Juntas de Acción Comunal", "", "ciudadania")]
PROMPTS = ["Capacidades físicas", "Capacidades humanas", "Capacidades tecnológicas", "Capacidades económicas",
           "Capacidades sociales"]
# One or two ideas per capability prompt, in the prompts' order: text, actor as typed, category.
IDEAS = [
    [("Laboratorios para pilotos abiertos", "UIS", "fisicas"),
     ("Auditorios para encuentros con empresarios", "Cámara de Comercio de Bucaramanga", "fisicas")],
    [("Formación a servidores en innovación", "SENA", "humanas"),
     ("Docentes expertos en analítica de datos", "U.I.S.", "humanas")],
    [("Plataformas de datos abiertos", "MinTIC", "tecnologicas")],
    [("Convocatorias de cofinanciación", "MinCiencias", "economicas")],
    [("Líderes de las comunas que convocan", "Red de Juntas de Acción Comunal", "sociales")],
]


@pytest.fixture
def seed_workshop(seed_app):
    with seed_app.app_context():
        template = load_file(ROOT / "workshops" / "taller-alianzas-laboratorio.yaml")
        moderator = factories.make_user(role="moderator", name="Mónica Moderadora Ficticia")
        lab = factories.make_user(role="lab", name="Laura Laboratorio Ficticia")
        ana = factories.make_user(name="Ana Participante Ficticia")
        workshop = create_workshop("Construyendo colaboraciones (prueba)", lab, "America/Bogota", template)
        workshop.status = "scheduled"
        workshop.moderators = [db.session.get(type(moderator), moderator.id)]
        for name, acronym, org_type in KNOWN:
            create_actor(name, acronym=acronym, org_type=org_type)
        db.session.commit()
        factories.join(ana, db.session.get(Workshop, workshop.id))
        return workshop.id, workshop.join_code, {"moderator": moderator, "lab": lab, "ana": ana}


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def post_idea(page, moderator, text, actor, category):
    """Write and publish, then wait for the ack to empty the form (it would empty the next idea too)."""
    write_idea(page, text, actor, category)
    page.get_by_role("button", name="Publicar idea").click()
    expect(page.locator("#idea-text")).to_have_value("", timeout=LIVE_WAIT)
    expect(note(moderator, text)).to_have_count(1, timeout=LIVE_WAIT)


def test_the_seed_workshop_yields_a_map_whose_cells_trace_back_to_their_ideas(open_context, seed_workshop):
    workshop_id, code, people = seed_workshop
    moderator = open_context(people["moderator"]).new_page()
    moderator.goto(f"/taller/{workshop_id}/moderar")
    wait_connected(moderator)
    ana = open_context(people["ana"]).new_page()
    ana.goto(f"/unirse/{code}")
    ana.wait_for_url("**/sala")
    wait_connected(ana)

    moderator.get_by_role("button", name="Iniciar taller", exact=True).click()
    expect(ana.locator("#workshop-state")).to_have_text("En vivo", timeout=LIVE_WAIT)
    for position, ideas in enumerate(IDEAS):  # the five capability prompts, in order
        moderator.locator("#prompt-list li").nth(position).get_by_role(
            "button", name=re.compile("^Abrir a ideas")).click()
        expect(ana.locator("#prompt-card .prompt-text")).to_contain_text(PROMPTS[position], timeout=LIVE_WAIT)
        expect(ana.locator("#prompt-card .prompt-status")).to_have_text("Abierta: recibe ideas", timeout=LIVE_WAIT)
        for text, actor, category in ideas:
            post_idea(ana, moderator, text, actor, category)

    # The server proposed an entry per idea by itself: the moderator confirms three from the console,
    # live; the lab team the other four on the review page.
    panel = moderator.locator("#map-review")
    expect(panel.locator(".map-review-count")).to_have_text("Por revisar: 7", timeout=LIVE_WAIT)
    expect(panel).to_contain_text("coincide con Universidad Industrial de Santander")
    for typed in ("UIS", "SENA", "MinTIC"):
        panel.get_by_role("button", name=f"Confirmar: {typed}", exact=True).click()
        expect(panel.locator("li[data-entry]").filter(has_text=typed)).to_have_count(0, timeout=LIVE_WAIT)
    expect(panel.locator(".map-review-count")).to_have_text("Por revisar: 4")
    shot(moderator, "console-map-review")
    lab_context = open_context(people["lab"])
    review = lab_context.new_page()
    review.goto(f"/mapa/revision?taller={workshop_id}")
    expect(review.get_by_text("4 entradas por revisar")).to_be_visible()
    for _entry in range(4):
        review.get_by_role("button", name="Confirmar").first.click()
        expect(review.get_by_text("Entrada confirmada.")).to_be_visible()
    expect(review.get_by_text("No hay entradas por revisar.")).to_be_visible()
    expect(panel.locator(".map-review-count")).to_have_text("Por revisar: 0", timeout=LIVE_WAIT)  # live there too

    # The matrix counts them, cell by cell; a cell opens its evidence.
    matrix = lab_context.new_page()
    matrix.goto(f"/talleres/{workshop_id}/mapa")
    cell = matrix.get_by_role("link", name="Universidad Industrial de Santander, Físicas: ofrece 1, necesita 0. "
                                            "Ver evidencia")
    expect(cell).to_be_visible()
    expect(matrix.get_by_role("link", name=re.compile(r"^Universidad Industrial de Santander, Humanas: ofrece 1"))) \
        .to_be_visible()
    expect(matrix.get_by_role("link", name=re.compile(r"^Servicio Nacional de Aprendizaje, Humanas: ofrece 1"))) \
        .to_be_visible()
    expect(matrix.locator("#map-matrix tbody tr:not(.sector-row)")).to_have_count(6)
    expect(matrix.locator("#map-matrix tfoot")).to_contain_text("O 2 · N 0")
    shot(matrix, "matrix")
    cell.click()
    drawer = matrix.locator("#evidence-drawer")
    expect(drawer).to_be_visible()
    expect(drawer).to_contain_text("Laboratorios para pilotos abiertos")
    expect(drawer).to_contain_text("Capacidades físicas")
    expect(drawer).not_to_contain_text("Ana Participante Ficticia")
    shot(matrix, "matrix-evidence")
    matrix.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(cell).to_be_focused()

    # The network: the lab at the centre and the six actors, drawn in Chromium.
    network = lab_context.new_page()
    network.goto(f"/talleres/{workshop_id}/mapa/red")
    canvas = network.locator("#network")
    expect(canvas).to_have_attribute("data-ready", "true")
    expect(canvas).to_have_attribute("data-nodes", "7")
    expect(canvas.locator("canvas").first).to_be_visible()
    expect(network.locator("#network-table tbody tr")).to_have_count(6)
    shot(network, "network")
    network.get_by_label("Enfocar un actor").select_option(label="Universidad Industrial de Santander")
    expect(network.locator("#network-status")).to_have_text("Enfocado: Universidad Industrial de Santander")

    # The grid: two actors assessed in this workshop, drawn as SVG with its table.
    grid = lab_context.new_page()
    grid.goto(f"/talleres/{workshop_id}/mapa/poder-interes")
    for name, influence, interest in (("Universidad Industrial de Santander", "4", "5"),
                                      ("Cámara de Comercio de Bucaramanga", "2", "2")):
        grid.get_by_label("Actor", exact=True).select_option(label=name)
        grid.get_by_label("Influencia (1 a 5)").fill(influence)
        grid.get_by_label("Interés (1 a 5)").fill(interest)
        grid.get_by_role("button", name="Guardar valoración").click()
        expect(grid.get_by_text("Valoración guardada.")).to_be_visible()
    expect(grid.locator("figure svg")).to_be_visible()
    rows = grid.locator("#grid-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Gestionar de cerca")
    expect(rows.nth(1)).to_contain_text("Monitorear")
    shot(grid, "grid")

    actor = lab_context.new_page()
    actor.goto("/mapa")
    actor.get_by_role("link", name="Universidad Industrial de Santander", exact=True).click()
    expect(actor.get_by_role("heading", level=1)).to_contain_text("Universidad Industrial de Santander")
    expect(actor.get_by_text("Docentes expertos en analítica de datos")).to_be_visible()
    shot(actor, "actor-page")

    projector = lab_context.new_page()
    projector.set_viewport_size({"width": 1920, "height": 1080})
    projector.goto(f"/talleres/{workshop_id}/mapa/proyector")
    expect(projector.locator(".projector-matrix tbody tr")).to_have_count(6)
    expect(projector.locator("body")).not_to_contain_text("Ana Participante Ficticia")
    shot(projector, "projector-map")
    screenshot(matrix, "maps-matrix")
