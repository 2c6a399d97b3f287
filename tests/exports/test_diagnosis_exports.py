"""A diagnosis out as datasets (levels and gaps, evidence, PHVA plan, lessons, FT-1311 records)
in CSV, XLSX and PDF and one workbook, for the lab team only, each download recorded."""
import csv
import io
from datetime import date

import openpyxl
import pytest
from sqlalchemy import select

from lab.diagnosis.models import (
    AssessmentEvidence,
    CapabilityAssessment,
    Diagnosis,
    GoodPractice,
    ImprovementAction,
    Lesson,
)
from lab.exports.models import ExportDownload
from lab.extensions import db


@pytest.fixture
def diagnosed(app, make):
    lab = make.user(role="lab")
    with app.app_context():
        diagnosis = Diagnosis(title="Diagnóstico 2026", period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
        db.session.add(diagnosis)
        db.session.flush()
        assessment = CapabilityAssessment(diagnosis_id=diagnosis.id, category="tecnologicas", origin="external",
                                          suggested_level=2, validated_level=3, target_level=5, confidence="medium",
                                          narrative="=Faltan laboratorios", mipg_dimension="conocimiento",
                                          mipg_policy="conocimiento")
        db.session.add(assessment)
        db.session.flush()
        db.session.add_all([
            AssessmentEvidence(assessment_id=assessment.id, direction="offers", text="Préstamo de laboratorios",
                               actor_name="Universidad Imaginaria", votes=4),
            ImprovementAction(diagnosis_id=diagnosis.id, phase="hacer", description="Firmar convenio",
                              responsible_unit="Secretaría TIC", due_date=date(2027, 2, 1), status="en_curso",
                              gap_category="tecnologicas"),
            Lesson(diagnosis_id=diagnosis.id, title="Convocar con tiempo", recommendation="Un mes antes"),
            GoodPractice(diagnosis_id=diagnosis.id, name="Mapeo colaborativo", unit="Laboratorio",
                         filled_on=date(2026, 12, 1), criteria=["replicable"]),
        ])
        db.session.commit()
        return lab, diagnosis.id


def download(make_browser, person, path):
    browser = make_browser()
    browser.login(person)
    return browser.get(path)


def records(response):
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=";"))
    start = lines.index([]) + 1
    return [dict(zip(lines[start], row, strict=True)) for row in lines[start + 1:]], dict(lines[:start - 1])


def test_levels_keep_the_suggestion_apart_from_the_validated_level(make_browser, diagnosed):
    lab, diagnosis_id = diagnosed
    rows, header = records(download(make_browser, lab, f"/diagnosticos/{diagnosis_id}/exportar/niveles.csv"))
    assert header["Diagnóstico"] == "Diagnóstico 2026" and header["Desde"] == "2026-01-01"
    level = rows[0]
    assert (level["Categoría"], level["Origen"], level["Nivel sugerido"], level["Nivel validado"],
            level["Nivel meta"], level["Brecha"]) == ("Tecnológicas", "Externa (por actores)", "2", "3", "5", "2")
    assert level["Lectura del equipo"] == "'=Faltan laboratorios"
    assert level["Dimensión MIPG"].startswith("6.") and level["Política MIPG"].startswith("Gestión del conocimiento")


def test_plan_lessons_evidence_and_ft1311(make_browser, diagnosed):
    lab, diagnosis_id = diagnosed
    base = f"/diagnosticos/{diagnosis_id}/exportar"
    plan, _ = records(download(make_browser, lab, f"{base}/plan.csv"))
    assert (plan[0]["Fase PHVA"], plan[0]["Estado"], plan[0]["Fecha límite"]) == ("Hacer", "En curso", "2027-02-01")
    lessons, _ = records(download(make_browser, lab, f"{base}/lecciones.csv"))
    assert lessons[0]["Recomendación"] == "Un mes antes"
    evidence, _ = records(download(make_browser, lab, f"{base}/evidencias.csv"))
    assert evidence[0]["Actor"] == "Universidad Imaginaria" and evidence[0]["Votos"] == "4"
    practices, _ = records(download(make_browser, lab, f"{base}/ft-1311.csv"))
    assert practices[0]["Nombre de la buena práctica"] == "Mapeo colaborativo"
    book = openpyxl.load_workbook(io.BytesIO(download(make_browser, lab, f"{base}/diagnostico.xlsx").get_data()))
    assert book.sheetnames == ["Niveles de capacidad y brechas", "Evidencias de cada nivel", "Plan de mejora PHVA",
                               "Lecciones aprendidas", "Buenas prácticas (FT-1311)"]
    pdf = download(make_browser, lab, f"{base}/plan.pdf")
    assert pdf.status_code == 200 and pdf.get_data().startswith(b"%PDF")
    page = download(make_browser, lab, base).get_data(as_text=True)
    assert f"{base}/ft-1311.xlsx" in page and f"{base}/diagnostico.xlsx" in page


def test_diagnosis_exports_are_for_the_lab_team_and_recorded(app, make, make_browser, diagnosed):
    lab, diagnosis_id = diagnosed
    base = f"/diagnosticos/{diagnosis_id}/exportar"
    assert download(make_browser, make.user(role="moderator"), f"{base}/plan.csv").status_code == 403
    assert download(make_browser, lab, "/diagnosticos/99999/exportar/plan.csv").status_code == 404
    assert download(make_browser, lab, f"{base}/nada.csv").status_code == 404
    assert download(make_browser, lab, f"{base}/plan.csv").status_code == 200
    with app.app_context():
        record = db.session.scalars(select(ExportDownload)).one()
        assert (record.scope, record.subject_id, record.file, record.user_id) == ("diagnosis", diagnosis_id, "plan",
                                                                                 lab.id)
