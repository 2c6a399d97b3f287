"""The map's graphics in a real headless Chromium: the vendored Cytoscape.js draws a network with the
lab at the centre, and the grid's labels fit the patches drawn behind them."""
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from lab.maps.grid import GridActor, render_grid
from lab.vocab import SECTORS

pytestmark = pytest.mark.browser

CYTOSCAPE = Path(__file__).resolve().parents[2] / "lab" / "static" / "vendor" / "cytoscape" / "cytoscape.min.js"


@pytest.fixture(scope="module")
def page():
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        yield page
        browser.close()


def test_the_vendored_cytoscape_puts_the_lab_at_the_centre_of_concentric_rings(page):
    page.set_content("<div id='network' style='width:1200px;height:700px'></div>")
    page.add_script_tag(path=str(CYTOSCAPE))
    rings = page.evaluate("""() => {
        const elements = [{data: {id: 'lab', ring: 3}}];
        for (let i = 0; i < 60; i++) {
            elements.push({data: {id: 'a' + i, ring: i < 12 ? 2 : 1}});
            elements.push({data: {id: 'e' + i, source: 'lab', target: 'a' + i}});
        }
        const cy = cytoscape({container: document.getElementById('network'), elements,
            layout: {name: 'concentric', concentric: node => node.data('ring'), levelWidth: () => 1}});
        const centre = cy.$id('lab').position();
        const distance = node => Math.hypot(node.position().x - centre.x, node.position().y - centre.y);
        const ring = value => cy.nodes().filter(node => node.data('ring') === value).map(distance);
        return {version: cytoscape.version, inner: ring(2), outer: ring(1),
                middle: [cy.width() / 2, cy.height() / 2], centre: [centre.x, centre.y]};
    }""")
    assert rings["version"] == "3.35.0"
    assert rings["centre"] == pytest.approx(rings["middle"], abs=1)
    assert max(rings["inner"]) - min(rings["inner"]) < 1  # one ring each
    assert max(rings["outer"]) - min(rings["outer"]) < 1
    assert 0 < rings["inner"][0] < rings["outer"][0]


def test_grid_labels_fit_their_patches_as_chromium_draws_them(page, app):
    actors = [GridActor(n, name, [*SECTORS][n % 4], 1 + n % 5, 5 - n % 4, assessments=n) for n, name in enumerate([
        "Universidad Industrial de Santander", "WWWWWWWWWWWWWWWWWWWWWW", "Cámara de Comercio de Bucaramanga",
        "iNNpulsa Colombia", "MinCiencias", "Fundación Mario Santo Domingo", "Red de Bibliotecas", "Ondas"])]
    with app.test_request_context():
        svg = str(render_grid(actors))
    page.set_content(f"<div style='width:1188px'>{svg}</div>")
    overflow = page.evaluate("""() => Array.from(document.querySelectorAll('g.labels text')).map(text => {
        const patch = text.previousElementSibling.getBBox();
        const box = text.getBBox();
        return [text.textContent, box.x + box.width - (patch.x + patch.width), box.height - patch.height];
    })""")
    assert len(overflow) == len(actors)
    assert {"WWWWWWWWWWWWWWWWW…", "MinCiencias", "Ondas"} <= {text for text, _, _ in overflow}
    for text, wider, taller in overflow:
        assert wider <= 1 and taller <= 1, text
