"""A workshop's datasets downloaded as CSV, XLSX and PDF by the lab team and its moderators, read
back by a parser and checked against the database; who may download; the audit log; anonymising."""
import csv
import io
from datetime import UTC, datetime, timedelta

import openpyxl
import pypdf
import pytest
from sqlalchemy import select

from lab.board.models import Idea
from lab.extensions import db
from lab.live.models import LiveState
from lab.maps.models import Actor, Assessment, Entry
from lab.realtime.models import AuditEntry
from lab.workshops.models import AgendaItem, Prompt

from .results_room import FORMULA, build_results

DATASETS = ("asistencia", "agenda", "ideas", "grupos", "votaciones", "turnos", "auditoria")


@pytest.fixture
def results(app, make):
    return build_results(app, make)


def login(make_browser, person):
    browser = make_browser()
    browser.login(person)
    return browser


def url(results, name, fmt, **query):
    tail = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    return f"/talleres/{results.workshop.id}/exportar/{name}.{fmt}{tail}"


def csv_rows(response):
    assert response.status_code == 200, response.status_code
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def records(rows):
    """Rows under the title row (after the header lines and their blank line, when there are any)."""
    start = rows.index([]) + 1 if [] in rows else 0
    titles = rows[start]
    return [dict(zip(titles, row, strict=True)) for row in rows[start + 1:]]


def workbook(response):
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.get_data()))


# -- what each dataset says -----------------------------------------------------------------------

def test_ideas_csv_matches_the_board(make_browser, results):
    ideas = {int(r["N.º de idea"]): r for r in records(csv_rows(login(make_browser, results.lab).get(
        url(results, "ideas", "csv"))))}
    assert set(ideas) == set(results.ideas.values())  # the other workshop's idea never appears
    lab = ideas[results.ideas["lab"]]
    assert lab["Idea"] == "Laboratorios de prototipado" and lab["Grupo"] == "Infraestructura"
    assert lab["Votos"] == "3" and lab["Ideas fusionadas en ella"] == "1" and lab["Oculta"] == "No"
    assert lab["Autor"] == "Alicia Ficticia" and lab["Categoría"] == "Físicas"
    assert lab["Pregunta"] == "¿Qué actores externos podrían aportar?" and lab["Actividad"] == "Mapeo de actores"
    assert lab["Publicada"] == "2026-11-24 10:03:00"  # 15:03 UTC
    assert ideas[results.ideas["dup"]]["Fusionada en la idea"] == str(results.ideas["lab"])
    assert ideas[results.ideas["hidden"]]["Oculta"] == "Sí"
    assert ideas[results.ideas["second"]]["Pregunta"] == "¿Con qué recursos?"


def test_an_anonymous_prompts_ideas_name_no_author_in_any_export(app, make_browser, results):
    with app.app_context():
        second = db.session.get(Idea, results.ideas["second"])
        db.session.get(Prompt, second.prompt_id).anonymous = True
        db.session.commit()
    browser = login(make_browser, results.lab)
    ideas = {int(r["N.º de idea"]): r for r in records(csv_rows(browser.get(url(results, "ideas", "csv"))))}
    assert ideas[results.ideas["second"]]["Autor"] == "Universidad"  # the room was told: no names
    assert ideas[results.ideas["lab"]]["Autor"] == "Alicia Ficticia"  # the other prompt still names her
    page = browser.get(f"/talleres/{results.workshop.id}/resultados").get_data(as_text=True)
    assert "Becas de formación" in page and page.count("Alicia Ficticia") >= 1
    section = page[page.index("¿Con qué recursos?"):]
    assert "Alicia Ficticia" not in section[:section.index("Becas de formación") + 400]


def test_a_person_whose_consent_does_not_cover_naming_appears_as_their_organisation_type(make_browser, results):
    ideas = {int(r["N.º de idea"]): r for r in records(csv_rows(login(make_browser, results.lab).get(
        url(results, "ideas", "csv"))))}
    assert ideas[results.ideas["formula"]]["Autor"] == "Empresa"
    register = records(csv_rows(login(make_browser, results.lab).get(url(results, "asistencia", "csv"))))
    assert "Bruno Ficticio" not in str(register) and "bruno@ejemplo.test" not in str(register)


def test_clusters_votes_and_hands(make_browser, results):
    browser = login(make_browser, results.moderator)
    clusters = records(csv_rows(browser.get(url(results, "grupos", "csv"))))
    assert [(c["Grupo"], c["Ideas"], c["Votos"]) for c in clusters] == [("Infraestructura", "2", "3")]
    votes = records(csv_rows(browser.get(url(results, "votaciones", "csv"))))
    first = [v for v in votes if v["Ronda"] == "1"]
    assert [(v["Puesto"], v["N.º de opción"], v["Votos"], v["Personas que votaron"]) for v in first] == [
        ("1", str(results.ideas["lab"]), "3", "2"), ("2", str(results.ideas["formula"]), "2", "1")]
    assert first[1]["Opción"] == "'" + FORMULA  # neutralised
    second = [v for v in votes if v["Ronda"] == "2"]
    assert [(v["Se vota por"], v["Opción"], v["Votos"]) for v in second] == [("Grupos", "Infraestructura", "3")]
    assert {v["Estado"] for v in votes} == {"Cerrada"} and first[0]["Cerrada"] == "2026-11-24 10:35:00"
    hands = records(csv_rows(browser.get(url(results, "turnos", "csv"))))
    assert [(h["Persona"], h["Estado"], h["Tiempo con la palabra"]) for h in hands] == [
        ("Alicia Ficticia", "Terminó", "0:01:15"), ("Empresa", "Bajó la mano", "")]


def test_attendance_register_keeps_emails_and_no_other_dataset_has_one(make_browser, results):
    browser = login(make_browser, results.lab)
    register = records(csv_rows(browser.get(url(results, "asistencia", "csv"))))
    assert {r["Nombre"]: r["Correo electrónico"] for r in register}["Alicia Ficticia"] == "alicia@ejemplo.test"
    book = workbook(browser.get(url(results, "taller", "xlsx")))
    for sheet in book.worksheets[1:]:
        assert "@ejemplo.test" not in str([list(row) for row in sheet.iter_rows(values_only=True)])


def test_the_audit_log_dataset_lists_this_workshops_entries_only(make_browser, results):
    entries = records(csv_rows(login(make_browser, results.lab).get(url(results, "auditoria", "csv"))))
    assert [e["Acción"] for e in entries] == ["workshop:start", "agenda:next", "idea:hide", "agenda:next",
                                              "agenda:goto", "workshop:close"]  # not the other workshop's start
    assert {e["Persona"] for e in entries} == {"Mónica Moderadora Ficticia"}


def test_the_agenda_as_it_ran_is_replayed_from_the_moderators_moves(make_browser, results):
    agenda = records(csv_rows(login(make_browser, results.lab).get(url(results, "agenda", "csv"))))
    assert [(a["Título"], a["Tiempo previsto"], a["Comenzó"], a["Tiempo real"]) for a in agenda] == [
        ("Bienvenida", "0:05:00", "2026-11-24 10:00:00", "0:20:00"),  # shown again from 10:50 to the close
        ("Actividad en el tablero", "0:30:00", "2026-11-24 10:10:00", "0:20:00"),
        ("Socialización de resultados", "0:15:00", "2026-11-24 10:30:00", "0:20:00")]


def test_the_rooms_agenda_clock_gives_the_time_each_item_took(app, make_browser, results):
    with app.app_context():
        items = db.session.scalars(select(AgendaItem.id).where(AgendaItem.workshop_id == results.workshop.id)
                                   .order_by(AgendaItem.position)).all()
        db.session.add(LiveState(workshop_id=results.workshop.id, agenda_spent={str(items[1]): 1234.5},
                                 closed_at=datetime(2026, 11, 24, 16, 0, tzinfo=UTC)))
        db.session.commit()
    agenda = records(csv_rows(login(make_browser, results.lab).get(url(results, "agenda", "csv"))))
    assert [a["Tiempo real"] for a in agenda] == ["0:20:00", "0:20:34", "0:20:00"]  # the clock, else the replay


# -- every format ---------------------------------------------------------------------------------

def test_the_workshop_workbook_has_a_sheet_per_dataset_with_real_dates(make_browser, results):
    book = workbook(login(make_browser, results.lab).get(url(results, "taller", "xlsx")))
    assert book.sheetnames == ["Registro de asistencia", "Agenda como se desarrolló", "Ideas", "Grupos de ideas",
                               "Votaciones y resultados", "Manos y tiempos de palabra", "Registro de auditoría"]
    ideas = list(book["Ideas"].iter_rows(values_only=True))
    assert ideas[0][0] == "N.º de idea" and len(ideas) == 1 + len(results.ideas)
    by_id = {row[0]: row for row in ideas[1:]}
    assert by_id[results.ideas["formula"]][3] == "'" + FORMULA
    assert by_id[results.ideas["lab"]][13] == datetime(2026, 11, 24, 10, 3)  # a date, in Bogotá
    assert book["Ideas"].freeze_panes == "A2"
    hands = list(book["Manos y tiempos de palabra"].iter_rows(values_only=True))
    assert hands[1][6] == timedelta(seconds=75)


@pytest.mark.parametrize("name", DATASETS)
def test_every_dataset_downloads_in_every_format(make_browser, results, name):
    browser = login(make_browser, results.lab)
    rows = records(csv_rows(browser.get(url(results, name, "csv"))))
    sheet = workbook(browser.get(url(results, name, "xlsx"))).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(values) if list(row) == list(rows[0]))
    logged = 1 if name == "auditoria" else 0  # by then the log holds the CSV download too
    assert len(values) - start - 1 == len(rows) + logged
    pdf = browser.get(url(results, name, "pdf"))
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.get_data())).pages)
    assert "Taller de capacidades" in text
    first_value = next((v for v in rows[0].values() if v and not v[0].isdigit()), None)
    if first_value:
        assert first_value.replace(" ", "")[:12] in text.replace(" ", "").replace("\n", "")


# -- who may download, and the record of it --------------------------------------------------------

def test_downloads_are_for_the_lab_team_and_this_workshops_moderators(make, make_browser, results):
    assert login(make_browser, results.alice).get(url(results, "ideas", "csv")).status_code == 403
    assert login(make_browser, make.user(role="moderator")).get(url(results, "ideas", "csv")).status_code == 403
    anonymous = make_browser().get(url(results, "ideas", "csv"))
    assert anonymous.status_code == 302 and "/entrar" in anonymous.headers["Location"]
    lab = login(make_browser, results.lab)
    assert lab.get(url(results, "nada", "csv")).status_code == 404
    assert lab.get(url(results, "ideas", "exe")).status_code == 404
    assert lab.get(url(results, "taller", "csv")).status_code == 404
    assert lab.get("/talleres/999999/exportar/ideas.csv").status_code == 404


def test_each_download_is_written_to_the_audit_log(app, make_browser, results):
    browser = login(make_browser, results.moderator)
    response = browser.get(url(results, "ideas", "xlsx", anonimo=1))
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"] and "anonimo" in response.headers[
        "Content-Disposition"]
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "export:download")).one()
        assert (entry.workshop_id, entry.user_id) == (results.workshop.id, results.moderator.id)
        assert entry.detail == {"file": "ideas", "format": "xlsx", "anonymised": True}


def test_anonymised_exports_name_nobody(make_browser, results):
    book = workbook(login(make_browser, results.lab).get(url(results, "taller", "xlsx", anonimo=1)))
    text = str([[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets])
    for secret in ("Alicia", "Bruno", "Mónica", "@ejemplo.test"):
        assert secret not in text
    ideas = {row[0]: row for row in book["Ideas"].iter_rows(values_only=True)}
    assert ideas[results.ideas["lab"]][11] == "Universidad"


def test_the_workshop_report_pdf_has_the_objective_agenda_attendance_and_ideas_per_prompt(make_browser, results):
    response = login(make_browser, results.moderator).get(url(results, "informe", "pdf"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.get_data()))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = text.replace("\n", " ")
    for expected in ("Alcaldía Ficticia", "Informe del taller", "Mapear capacidades externas",
                     "3 personas registradas", "Bienvenida", "0:20:00", "¿Qué actores externos podrían aportar?",
                     "Laboratorios de prototipado", "Infraestructura", "Ronda 1", "Becas de formación"):
        assert expected in flat, expected
    assert "'" + FORMULA in flat.replace("\u200b", "")  # neutralised in the report too
    for private in ("Alicia", "Bruno", "@ejemplo.test"):
        assert private not in flat
    assert "Página 1 de" in flat


def test_the_report_prints_the_workshops_map_grid_and_matrix(app, make_browser, results):
    with app.app_context():
        actor = Actor(slug="camara-ficticia", name="Cámara Ficticia", sector="industry")
        db.session.add(actor)
        db.session.flush()
        db.session.add_all([
            Assessment(actor_id=actor.id, workshop_id=results.workshop.id, influence=4.0, interest=2.0, ratings=3),
            Entry(workshop_id=results.workshop.id, typed_name="Cámara Ficticia", category="economicas",
                  status="accepted", actor_id=actor.id)])
        db.session.commit()
    response = login(make_browser, results.lab).get(url(results, "informe", "pdf"))
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.get_data())).pages)
    flat = "".join(text.split())
    assert "Actoresporcategoríadecapacidad" in flat and "Podereinterésdelosactoresvalorados" in flat
    assert "CámaraFicticia" in flat and "Mantenersatisfecho" in flat  # influence 4, interest 2
