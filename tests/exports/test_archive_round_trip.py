"""JSON archives of a workshop and of the whole lab from the command line: export, import, export
again gives the same content with new ids; hostile or broken archives are refused with a message
that says what is wrong, and nothing is written."""
import json

import pytest
from sqlalchemy import func, select

from lab.board.models import Idea
from lab.extensions import db
from lab.workshops.models import Workshop

from .results_room import build_results


@pytest.fixture
def results(app, make):
    return build_results(app, make)


def export(runner, tmp_path, *args):
    path = tmp_path / f"archive-{len(list(tmp_path.iterdir()))}.json"
    result = runner.invoke(args=["export", *args, "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def content(path):
    document = json.loads(path.read_bytes())
    assert document["format"] == "cocrea-archive" and document["schema_version"] == 1
    return document["content"]


def counts(app):
    with app.app_context():
        return {table.name: db.session.scalar(select(func.count()).select_from(table))
                for table in db.metadata.sorted_tables}


def empty_the_instance(app):
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()


def test_a_workshop_round_trip_gives_the_same_content_under_new_ids(app, runner, tmp_path, results):
    first = export(runner, tmp_path, "workshop", str(results.workshop.id))
    imported = runner.invoke(args=["import", str(first)])
    assert imported.exit_code == 0, imported.output
    assert "Importados 1 talleres y 5 ideas; 0 personas nuevas, 3 ya existían." in imported.output
    with app.app_context():
        copy = db.session.scalar(select(func.max(Workshop.id)))
        assert copy not in (results.workshop.id, results.other.id)
        assert db.session.scalar(select(func.count()).select_from(Idea).where(Idea.workshop_id == copy)) == 5
    again = export(runner, tmp_path, "workshop", str(copy))
    assert content(again) == content(first)
    ideas = content(first)["workshops"][0]["ideas"]
    assert ideas[3]["merged_into"] == 1 and ideas[0]["cluster"] == 1  # references, not database ids


def test_the_lab_archive_recreates_an_empty_instance(app, runner, tmp_path, results):
    first = export(runner, tmp_path, "lab")
    before = counts(app)
    empty_the_instance(app)
    imported = runner.invoke(args=["import", str(first)])
    assert imported.exit_code == 0, imported.output
    after = counts(app)
    assert {name: after[name] for name in before} == before
    assert content(export(runner, tmp_path, "lab")) == content(first)


def test_the_agenda_replay_survives_the_round_trip(app, runner, tmp_path, results, make_browser):
    first = export(runner, tmp_path, "workshop", str(results.workshop.id))
    assert runner.invoke(args=["import", str(first)]).exit_code == 0
    with app.app_context():
        copy = db.session.scalar(select(func.max(Workshop.id)))
    browser = make_browser()
    browser.login(results.lab)
    original = browser.get(f"/talleres/{results.workshop.id}/exportar/agenda.csv").get_data()
    copied = browser.get(f"/talleres/{copy}/exportar/agenda.csv").get_data()
    assert original.splitlines()[9:] == copied.splitlines()[9:]  # same rows; only the header's date differs


# -- refused, with nothing written ----------------------------------------------------------------

def hostile(document_or_bytes, tmp_path):
    path = tmp_path / "hostile.json"
    data = document_or_bytes if isinstance(document_or_bytes, bytes) else json.dumps(document_or_bytes).encode()
    path.write_bytes(data)
    return path


def valid_document(runner, tmp_path, results):
    return json.loads(export(runner, tmp_path, "workshop", str(results.workshop.id)).read_bytes())


def breakers():
    def newer(d):
        d["schema_version"] = 2

    def wrong_type(d):
        d["content"]["workshops"][0]["ideas"][0]["hidden"] = "no"

    def number_as_text(d):
        d["content"]["workshops"][0]["vote_rounds"][0]["votes"][0]["count"] = "3"

    def missing_prompt(d):
        d["content"]["workshops"][0]["ideas"][0]["prompt"] = 99

    def missing_person(d):
        d["content"]["workshops"][0]["vote_rounds"][0]["votes"][0]["person"] = 40

    def unknown_field(d):
        d["content"]["workshops"][0]["ideas"][0]["admin"] = True

    def missing_field(d):
        del d["content"]["people"][0]["email"]

    def same_email(d):
        d["content"]["people"][1]["email"] = d["content"]["people"][0]["email"].upper()

    def too_long(d):
        d["content"]["workshops"][0]["ideas"][0]["text"] = "x" * 501

    def naive_date(d):
        d["content"]["workshops"][0]["ideas"][0]["created_at"] = "2026-11-24T15:00:00"

    def wrong_kind(d):
        d["kind"] = "usuarios"

    return [(newer, "versión 2 del formato"), (wrong_type, "tipo equivocado"), (number_as_text, "tipo equivocado"),
            (missing_prompt, "nombra el elemento 99 de «prompts»"), (missing_person, "elemento 40 de «people»"),
            (unknown_field, "campo desconocido"), (missing_field, "falta este campo"),
            (same_email, "aparece en dos personas"), (too_long, "demasiado largo"), (naive_date, "valor no válido"),
            (wrong_kind, "contiene «usuarios»")]


@pytest.mark.parametrize(("breaker", "message"), breakers(), ids=[b.__name__ for b, _m in breakers()])
def test_a_broken_archive_is_refused_with_a_message_and_nothing_written(app, runner, tmp_path, results, breaker,
                                                                         message):
    document = valid_document(runner, tmp_path, results)
    breaker(document)
    before = counts(app)
    result = runner.invoke(args=["import", str(hostile(document, tmp_path))])
    assert result.exit_code == 1
    assert "No se importó nada" in result.output and message in result.output, result.output
    assert counts(app) == before


@pytest.mark.parametrize(("data", "message"), [
    (b"{" * 10_000, "más de 32 niveles"),
    (b'{"format": "cocrea-archive", "schema_version": 1, "kind": "lab", "content": {"people": [', "JSON válido"),
    (b"\xff\xfe not utf-8", "no está en UTF-8"),
    (b"", "está vacío"),
    (b'{"format": "cocrea-archive", "schema_version": 1e400}', "fuera de rango"),
    (b'{"format": "otro"}', "No es un archivo de Cocrea"),
])
def test_hostile_bytes_are_refused_before_parsing(app, runner, tmp_path, data, message):
    before = counts(app)
    result = runner.invoke(args=["import", str(hostile(data, tmp_path))])
    assert result.exit_code == 1 and message in result.output, result.output
    assert counts(app) == before


def test_an_oversized_archive_is_refused_by_its_size(app, runner, tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (1024 * 1024 + 10))
    result = runner.invoke(args=["import", str(path), "--max-mb", "1"])
    assert result.exit_code == 1 and "el máximo es 1 MB" in result.output, result.output


def test_export_commands_refuse_unknown_workshops_and_datasets(runner, tmp_path, results):
    assert "No existe el taller 999999" in runner.invoke(args=["export", "workshop", "999999"]).output
    bad = runner.invoke(args=["export", "dataset", str(results.workshop.id), "nada", "csv"])
    assert bad.exit_code == 1 and "No hay una exportación «nada»" in bad.output
    out = tmp_path / "ideas.csv"
    good = runner.invoke(args=["export", "dataset", str(results.workshop.id), "ideas", "csv", "-o", str(out)])
    assert good.exit_code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")



def test_the_lab_team_downloads_the_archive_from_the_results_page_and_moderators_may_not(make_browser, results):
    lab = make_browser()
    lab.login(results.lab)
    page = lab.get(f"/talleres/{results.workshop.id}/resultados").get_data(as_text=True)
    assert f"/talleres/{results.workshop.id}/exportar/archivo.json" in page
    response = lab.get(f"/talleres/{results.workshop.id}/exportar/archivo.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert len(json.loads(response.get_data())["content"]["workshops"][0]["ideas"]) == 5
    moderator = make_browser()
    moderator.login(results.moderator)
    assert "archivo.json" not in moderator.get(f"/talleres/{results.workshop.id}/resultados").get_data(as_text=True)
    assert moderator.get(f"/talleres/{results.workshop.id}/exportar/archivo.json").status_code == 403
