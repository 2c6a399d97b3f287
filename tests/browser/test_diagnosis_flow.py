"""From two closed workshops to a validated, published diagnosis with a PHVA action, a lesson learned
and an FT-1311 record, in Chromium as the lab team does it. A screenshot of every page."""
import re

import pytest
from playwright.sync_api import expect

from lab.diagnosis.models import Diagnosis, GoodPractice
from lab.extensions import db
from tests import factories
from tests.diagnosis.sample import two_workshops

from .conftest import screenshot

pytestmark = pytest.mark.browser

PHONE = 360


@pytest.fixture
def closed_workshops(seed_app):
    with seed_app.app_context():
        sample = two_workshops()
        lab = factories.make_user(role="lab", name="Laura Laboratorio Ficticia")
        return sample, lab


def validate_every_level(page, diagnosis_url):
    rows = page.locator("table.capabilities tbody th a")
    for index in range(rows.count()):
        page.goto(diagnosis_url)
        page.locator("table.capabilities tbody th a").nth(index).click()
        suggested = int(re.search(r"Nivel sugerido\s*(\d)", page.inner_text("dl.details")).group(1))
        page.select_option("#validated_level", str(suggested))
        page.fill("#target_level", str(max(suggested, 4)))
        if index == 0:
            page.fill("#narrative", "La oferta existe, pero depende de pocos actores.")
            screenshot(page, "diagnosis-validate-level")
        page.get_by_role("button", name="Guardar").click()
        expect(page.locator(".flash-success")).to_contain_text("Nivel guardado")


def test_two_closed_workshops_become_a_published_diagnosis(open_context, closed_workshops, seed_app):
    sample, lab = closed_workshops
    page = open_context(lab).new_page()

    page.goto("/diagnosticos")
    screenshot(page, "diagnosis-list-empty")
    page.get_by_role("link", name="Nuevo diagnóstico").click()
    page.fill("#title", "Diagnóstico del laboratorio 2026")
    page.fill("#period_start", "2026-01-01")
    page.fill("#period_end", "2026-12-31")
    for workshop in sample.workshops:
        page.get_by_label(workshop.title).check()
    page.fill("#method_note", "Ideas de dos talleres, confirmadas en el mapa por el equipo.")
    screenshot(page, "diagnosis-new")
    page.get_by_role("button", name="Crear y calcular").click()
    expect(page.locator("h1")).to_contain_text("Diagnóstico del laboratorio 2026")
    diagnosis_url = page.url

    economic = page.locator("table.capabilities tr").filter(has_text="Económicas").filter(has_text="Externa")
    expect(economic).to_contain_text("2. Incipiente")
    page.locator("details summary").first.click()
    expect(page.get_by_text("Voz: quién fue escuchado")).to_be_visible()
    expect(page.locator(".under-heard").first).to_be_visible()
    screenshot(page, "diagnosis-page-draft")

    validate_every_level(page, diagnosis_url)
    page.goto(diagnosis_url)
    page.get_by_role("button", name="Marcar como validado").click()
    expect(page.locator(".flash-success")).to_contain_text("Diagnóstico validado")

    gap = page.locator("#gaps .card").filter(has_text="Económicas · Externa")
    gap.get_by_label("Cámara de Comercio de Bucaramanga").check()
    gap.get_by_label("Unidad o rol responsable").fill("Secretaría de Desarrollo Económico")
    gap.get_by_label("Fecha límite").fill("2020-06-30")
    gap.get_by_role("button", name="Crear alianza y acción de mejora").click()
    expect(page.locator(".flash-success")).to_contain_text("Alianza creada en el mapa")

    page.get_by_role("link", name="Plan de mejora (PHVA)").click()
    page.select_option("#phase", "verificar")
    page.fill("#description", "Medir cuántas ideas de cada sector llegan al mapa en el próximo taller")
    page.fill("#responsible_unit", "Oficina de Planeación")
    page.fill("#due_date", "2027-03-31")
    page.fill("#indicator", "Ideas por sector en el mapa")
    page.get_by_role("button", name="Añadir acción").click()
    expect(page.locator("table.plan tbody tr")).to_have_count(2)
    expect(page.locator("tr.overdue")).to_contain_text("Cámara de Comercio de Bucaramanga")
    screenshot(page, "diagnosis-plan")

    page.get_by_role("link", name="Lecciones aprendidas").click()
    page.fill("#idea-search", "A1")
    page.get_by_role("button", name="Buscar", exact=True).click()
    page.get_by_label("A1: aporta en tecnologicas", exact=False).check()
    page.fill("#title", "El cronómetro de un minuto ordena la conversación")
    page.fill("#what_worked", "Todas las organizaciones alcanzaron a aportar.")
    page.fill("#what_did_not", "Faltó tiempo para votar las ideas agrupadas.")
    page.fill("#recommendation", "Reservar diez minutos para la votación al final.")
    page.get_by_label(sample.workshops[0].title, exact=True).check()
    page.get_by_role("button", name="Guardar lección").click()
    expect(page.locator("article.lesson")).to_contain_text("Reservar diez minutos")
    expect(page.locator("article.lesson")).to_contain_text("A1: aporta en tecnologicas")
    screenshot(page, "diagnosis-lessons")

    page.get_by_role("link", name="Buena práctica (FT-1311)").click()
    expect(page.locator("#target_population")).to_have_value(re.compile(r"Universidad \(4\)"))
    expect(page.locator("#contact_email")).to_have_value("")
    page.fill("#responsible_name", "Equipo del laboratorio")
    page.fill("#contact_email", "laboratorio@alcaldia.example")
    page.get_by_label("Replicable").check()
    page.get_by_label("Pertinente").check()
    page.get_by_role("button", name="Guardar registro").click()
    expect(page.locator(".flash-success")).to_contain_text("Registro FT-1311 guardado")
    screenshot(page, "diagnosis-ft1311")

    page.goto(diagnosis_url)
    page.get_by_role("button", name="Publicar").click()
    expect(page.locator(".flashes .flash-success")).to_contain_text("publicado")
    expect(page.get_by_role("button", name="Crear nueva versión")).to_be_visible()
    screenshot(page, "diagnosis-page-published")

    page.get_by_role("button", name="Crear nueva versión").click()
    page.get_by_role("link", name="Comparar versiones").click()
    expect(page.locator("caption", has_text="Niveles de la versión 1 a la versión 2")).to_be_visible()
    screenshot(page, "diagnosis-compare")

    page.goto("/diagnosticos")
    screenshot(page, "diagnosis-list")

    phone = open_context(lab, width=PHONE, height=740).new_page()
    phone.goto(diagnosis_url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE
    screenshot(phone, "diagnosis-page-phone")

    with seed_app.app_context():
        first = db.session.scalars(db.select(Diagnosis).order_by(Diagnosis.id)).first()
        assert first.status == "published" and len(first.actions) == 2 and len(first.lessons) == 1
        assert all(row.validated_level is not None for row in first.assessments)
        assert db.session.scalars(db.select(GoodPractice)).first().criteria == ["pertinent", "replicable"]
