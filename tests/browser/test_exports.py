"""The results page in Chromium: every format downloaded from its buttons (with the progress the
page announces) and read back by a parser; the page at phone width; the participants' summary
after the close. Screenshots of both pages go to test-artifacts/screenshots/."""
import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pypdf
import pytest
from playwright.sync_api import expect

from lab.board.models import Idea, Vote, VoteRound
from lab.extensions import db
from lab.live.models import Hand
from lab.workshops.models import Workshop

from .. import factories
from .conftest import screenshot

pytestmark = pytest.mark.browser

PHONE = 360


@pytest.fixture(scope="module")
def finished(seed, fill_board, seed_app):
    """A workshop with 12 ideas in two clusters, a closed vote round and a turn at the floor."""
    room = seed(participants=("ana", "beto"))
    fill_board(room, count=12)
    with seed_app.app_context():
        ideas = db.session.scalars(db.select(Idea).filter_by(workshop_id=room.workshop_id).order_by(Idea.id)).all()
        start = datetime.now(UTC) - timedelta(minutes=30)
        vote_round = VoteRound(workshop_id=room.workshop_id, prompt_id=room.prompt_ids[0], status="closed",
                               opened_at=start, closed_at=start + timedelta(minutes=5))
        db.session.add(vote_round)
        db.session.flush()
        db.session.add_all([Vote(round_id=vote_round.id, user_id=room.people["ana"].id, target_id=ideas[0].id, count=3),
                            Vote(round_id=vote_round.id, user_id=room.people["beto"].id, target_id=ideas[1].id,
                                 count=1),
                            Hand(workshop_id=room.workshop_id, user_id=room.people["ana"].id, state="done",
                                 raised_at=start, floor_at=start, ended_at=start + timedelta(seconds=50))])
        db.session.commit()
        lab = factories.make_user(role="lab", name="Laura Laboratorio Ficticia")
    return room, lab


def fetch(page, link_name):
    """Click a download button; the file as bytes, once the page says it arrived."""
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name, exact=True).first.click()
    expect(page.locator("#download-status")).to_contain_text("descargado")
    return download.value.suggested_filename, Path(download.value.path()).read_bytes()


def test_every_format_downloads_from_the_results_page(open_context, finished):
    room, lab = finished
    page = open_context(lab).new_page()
    page.goto(f"/talleres/{room.workshop_id}/resultados")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resultados")
    screenshot(page, "exports-results")

    name, body = fetch(page, "Ideas en CSV")
    assert name.startswith("ideas-taller-") and name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 13 and rows[0][0] == "N.º de idea"

    name, body = fetch(page, "Ideas en XLSX")
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert sheet.max_row == 13

    name, body = fetch(page, "Ideas en PDF")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages)
    assert "Semillerosdeinvestigación" in "".join(text.split())  # table cells wrap their words

    name, body = fetch(page, "Todo el taller (XLSX, una hoja por tabla)")
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert "Votaciones y resultados" in book.sheetnames and book["Ideas"].max_row == 13

    name, body = fetch(page, "Informe del taller (PDF)")
    report = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages)
    assert "Informe del taller" in report and "Ronda 1" in report

    name, body = fetch(page, "Archivo JSON reimportable")
    assert len(json.loads(body)["content"]["workshops"][0]["ideas"]) == 12


def test_the_results_page_fits_a_phone(open_context, finished):
    room, lab = finished
    page = open_context(lab, width=PHONE, height=780).new_page()
    page.goto(f"/talleres/{room.workshop_id}/resultados")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE, f"{width} px wide at {PHONE} px"
    screenshot(page, "exports-results-phone")


def test_participants_read_the_summary_after_the_close(open_context, finished, seed_app, join_workshop):
    room, _lab = finished
    join_workshop(room.people["ana"], room.workshop_id)
    with seed_app.app_context():
        db.session.get(Workshop, room.workshop_id).status = "closed"
        db.session.commit()
    page = open_context(room.people["ana"]).new_page()
    page.goto(f"/talleres/{room.workshop_id}/resumen")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lo que produjo el grupo")
    main = page.locator("main").inner_text()
    assert "Semilleros de investigación" in main and "Academia" in main
    assert "Participante Ficticia" not in main and "Mónica" not in main
    screenshot(page, "exports-summary")
