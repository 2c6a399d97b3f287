"""Workshop templates: the bundled files, the schema's errors (file, line, field), the CLI, uploads."""
import io
import re
import shutil
from pathlib import Path

import pytest

from lab.extensions import db
from lab.workshops.models import Workshop
from lab.workshops.templates_loader import parse

from .conftest import Browser
from .factories import Factories

BUNDLED = Path(__file__).resolve().parent.parent / "workshops"

BROKEN = """\
title: Taller roto
modality: virtual
agenda:
  - title: Bienvenida
    minutes: 0
  - title: Actividad
    minutes: 30
    kind: conferencia
    color: rojo
activities:
  - title: Mapeo
    prompts:
      - text: ¿Quién aporta?
        seconds: 5
        reveal: a veces
"""


def signed_in(app, user):
    """A browser on `app` holding `user`'s session, as after logging in."""
    browser = Browser(app.test_client())
    with browser.client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return browser


def errors_of(text, app, name="t.yaml"):
    with app.test_request_context():
        spec, errors = parse(text.encode("utf-8") if isinstance(text, str) else text, name)
    return spec, [str(e) for e in errors]


# --- the bundled templates --------------------------------------------------------------------

def test_bundled_templates_pass_the_check(runner):
    result = runner.invoke(args=["templates", "check"])
    assert result.exit_code == 0, result.output
    assert "2 plantillas válidas, 0 con errores." in result.output
    result = runner.invoke(args=["templates", "check", str(BUNDLED / "lluvia-de-ideas.yaml")])
    assert result.exit_code == 0, result.output


def test_bundled_templates_carry_no_names_from_the_seed_documents():
    for path in BUNDLED.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").lower()
        for word in ("bucaramanga", "juan", "tatiana", "jeyson", "laura", "guzmán", "uis", "extituto"):
            assert not re.search(rf"\b{word}\b", text), (path.name, word)


# --- errors name the file, the line and the field ---------------------------------------------

def test_every_schema_error_names_line_and_field(app):
    spec, errors = errors_of(BROKEN, app)
    assert spec is None
    assert errors == [
        "t.yaml:5: agenda[0].minutes: Debe ser al menos 1.",
        "t.yaml:8: agenda[1].kind: Valor no permitido. Usa uno de: charla, actividad, resultados, pausa, otro.",
        "t.yaml:9: agenda[1].color: Campo desconocido: revisa cómo está escrito.",
        "t.yaml:14: activities[0].prompts[0].seconds: Debe ser al menos 10.",
        "t.yaml:15: activities[0].prompts[0].reveal: Valor no permitido. Usa uno de: visible, hidden.",
    ]


@pytest.mark.parametrize("text, expected", [
    ("modality: virtual\n", "t.yaml:1: title: Falta este campo."),
    ("title: ''\n", "t.yaml:1: title: No puede estar vacío."),
    ("title: T\nagenda:\n  - title: A\n    minutes: 'diez'\n",
     "t.yaml:4: agenda[0].minutes: Debe ser un número entero."),
    ("title: T\nactivities:\n  - title: A\n    prompts:\n      - text: " + "x" * 501 + "\n",
     "t.yaml:5: activities[0].prompts[0].text: Admite como máximo 500 caracteres."),
    ("title: T\nactivities:\n  - title: A\n    prompts:\n      - text: P\n        asks_actor: quizás\n",
     "t.yaml:6: activities[0].prompts[0].asks_actor: Debe ser true o false."),
    ("title: T\nactivities:\n  - title: A\n    agenda: Cierre\n",
     "t.yaml:4: activities[0].agenda: No hay un punto de la agenda con el título «Cierre»."),
    ("title: T\nrules: Encender cámara\n", "t.yaml:2: rules: Debe ser una lista (cada elemento empieza con «-»)."),
    ("title: T\ntitle: U\n", "t.yaml:2: title: Campo repetido."),
    ("title: T\nagenda: [\n", "t.yaml:3: archivo: El YAML no es válido"),
    ("title: !!python/object/apply:os.system ['echo hola']\n",
     "t.yaml:1: archivo: El YAML no es válido: no se permiten etiquetas"),
    ("a: &x T\ntitle: *x\n", "t.yaml:2: archivo: El YAML no es válido: no se permiten alias"),
    ("- title: T\n", "t.yaml:1: archivo: El archivo debe ser un grupo de campos"),
    ("", "t.yaml:1: archivo: El archivo está vacío."),
    ("title: T\n# " + "x" * 256 * 1024 + "\n", "t.yaml:1: archivo: El archivo supera el máximo de 256 KB."),
    ("title: Señal\n".encode("latin-1"), "t.yaml:1: archivo: El archivo no está codificado en UTF-8."),
])
def test_broken_templates_are_explained(app, text, expected):
    spec, errors = errors_of(text, app)
    assert spec is None
    assert any(e.startswith(expected) for e in errors), errors


def test_agenda_reference_by_position_counts_from_zero(app):
    text = ("title: T\nagenda:\n  - {title: A, minutes: 5}\n  - {title: B, minutes: 5}\n"
            "activities:\n  - {title: X, agenda: 1}\n")
    spec, errors = errors_of(text, app)
    assert errors == [] and spec.activities[0].agenda == 1
    _, errors = errors_of(text.replace("agenda: 1}", "agenda: 2}"), app)
    assert errors == [
        "t.yaml:6: activities[0].agenda: No hay un punto de la agenda en la posición 2 (se cuenta desde 0)."]


# --- the command line -------------------------------------------------------------------------

def test_check_exits_1_and_prints_file_line_field_for_a_broken_file(runner, tmp_path):
    broken = tmp_path / "roto.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(args=["templates", "check", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:5: agenda[0].minutes: Debe ser al menos 1." in result.output
    assert f"{broken}:9: agenda[1].color: Campo desconocido" in result.output
    assert "0 plantillas válidas, 1 con errores." in result.output


def test_check_a_folder_reports_only_the_broken_files(runner, tmp_path):
    shutil.copy(BUNDLED / "lluvia-de-ideas.yaml", tmp_path)
    (tmp_path / "mal.yml").write_text("title: T\nagenda:\n  - title: A\n    minutes: abc\n", encoding="utf-8")
    (tmp_path / "notas.txt").write_text("no es una plantilla", encoding="utf-8")
    result = runner.invoke(args=["templates", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"{tmp_path / 'mal.yml'}:4: agenda[0].minutes: Debe ser un número entero."
    assert "lluvia-de-ideas" not in result.output
    assert "1 plantillas válidas, 1 con errores." in result.output


def test_check_a_missing_path_fails(runner, tmp_path):
    result = runner.invoke(args=["templates", "check", str(tmp_path / "no-existe.yaml")])
    assert result.exit_code == 1 and "No existe este archivo o carpeta." in result.output


def test_load_reports_broken_templates_without_failing(make_app, tmp_path):
    shutil.copy(BUNDLED / "taller-alianzas-laboratorio.yaml", tmp_path)
    (tmp_path / "roto.yaml").write_text(BROKEN, encoding="utf-8")
    app = make_app(TEMPLATES_DIR=str(tmp_path))
    result = app.test_cli_runner().invoke(args=["templates", "load"])
    assert result.exit_code == 0, result.output
    assert "✓ taller-alianzas-laboratorio: Construyendo colaboraciones" in result.output
    assert "✗ roto: con errores, se omite" in result.output
    assert "roto.yaml:5: agenda[0].minutes" in result.output


# --- broken files on disk never stop the app --------------------------------------------------

@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "plantillas"
    path.mkdir()
    shutil.copy(BUNDLED / "lluvia-de-ideas.yaml", path)
    (path / "roto.yaml").write_text(BROKEN, encoding="utf-8")
    return path


def test_a_broken_file_is_listed_as_broken_and_not_offered(make_app, folder):
    app = make_app(TEMPLATES_DIR=str(folder))  # starts despite the broken file
    lab = signed_in(app, Factories(app).user(role="lab"))
    listing = lab.get("/plantillas").get_data(as_text=True)
    assert "roto.yaml" in listing and "con errores" in listing
    assert "línea 5" in listing and "agenda[0].minutes" in listing and "Debe ser al menos 1." in listing
    assert "Lluvia de ideas sobre un reto" in listing
    offered = lab.get("/talleres/nuevo").get_data(as_text=True)
    assert 'value="lluvia-de-ideas"' in offered and 'value="roto"' not in offered
    assert lab.post("/talleres/nuevo", {"template": "roto", "title": ""}).status_code == 422


# --- uploads ----------------------------------------------------------------------------------

@pytest.fixture
def uploader(make_app, folder):
    app = make_app(TEMPLATES_DIR=str(folder))
    return app, signed_in(app, Factories(app).user(role="lab"))


def upload(browser, content, filename="plantilla.yaml", overwrite=False):
    data = {"file": (io.BytesIO(content if isinstance(content, bytes) else content.encode("utf-8")), filename)}
    if overwrite:
        data["overwrite"] = "y"
    return browser.post("/plantillas", data, content_type="multipart/form-data")


def test_uploading_a_broken_template_shows_the_errors_and_saves_nothing(uploader, folder):
    _, lab = uploader
    before = sorted(p.name for p in folder.iterdir())
    response = upload(lab, BROKEN, "mi-taller.yaml")
    assert response.status_code == 422
    shown = response.get_data(as_text=True)
    assert "No se guardó la plantilla" in shown
    assert "mi-taller.yaml · línea 5 · <code>agenda[0].minutes</code>: Debe ser al menos 1." in shown
    assert "línea 9" in shown and "agenda[1].color" in shown
    assert sorted(p.name for p in folder.iterdir()) == before


@pytest.mark.parametrize("content, filename, message", [
    ("title: T\n", "plantilla.txt", "Solo se aceptan archivos .yaml o .yml."),
    ("title: T\n# " + "x" * 256 * 1024, "grande.yaml", "El archivo supera el máximo de 256 KB."),
    ("title: Señal\n".encode("latin-1"), "latin.yaml", "no está codificado en UTF-8"),
])
def test_uploads_of_the_wrong_kind_are_refused(uploader, folder, content, filename, message):
    _, lab = uploader
    before = sorted(p.name for p in folder.iterdir())
    response = upload(lab, content, filename)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert sorted(p.name for p in folder.iterdir()) == before


VALID = "title: Mesa de datos abiertos\nagenda:\n  - title: Apertura\n    minutes: 10\nactivities:\n" \
        "  - title: Ideas\n    agenda: Apertura\n    prompts:\n      - text: ¿Qué datos abrir?\n"


def test_a_valid_upload_is_saved_under_a_safe_name_and_usable_at_once(uploader, folder):
    app, lab = uploader
    response = upload(lab, VALID, "../../etc/cualquier cosa.yaml")
    assert response.status_code == 302
    saved = folder / "mesa-de-datos-abiertos.yaml"
    assert saved.read_text(encoding="utf-8") == VALID
    assert not (folder.parent / "etc").exists()
    assert "Mesa de datos abiertos" in lab.get("/plantillas").get_data(as_text=True)
    response = lab.post("/talleres/nuevo", {"template": "mesa-de-datos-abiertos", "title": ""})
    assert response.status_code == 302
    with app.app_context():
        workshop = db.session.scalars(db.select(Workshop)).one()
        assert workshop.title == "Mesa de datos abiertos"
        assert workshop.activities[0].agenda_item_id == workshop.agenda[0].id
        assert workshop.activities[0].prompts[0].seconds == 60


def test_an_upload_never_replaces_a_template_unless_confirmed(uploader, folder):
    _, lab = uploader
    upload(lab, VALID)
    changed = VALID.replace("minutes: 10", "minutes: 20")
    response = upload(lab, changed)
    assert response.status_code == 422 and "Ya existe una plantilla llamada" in response.get_data(as_text=True)
    assert (folder / "mesa-de-datos-abiertos.yaml").read_text(encoding="utf-8") == VALID
    assert upload(lab, changed, overwrite=True).status_code == 302
    assert (folder / "mesa-de-datos-abiertos.yaml").read_text(encoding="utf-8") == changed


def test_upload_needs_the_lab_role_and_a_csrf_token(uploader, folder):
    app, lab = uploader
    moderator = signed_in(app, Factories(app).user(role="moderator"))
    assert upload(moderator, VALID).status_code == 403
    response = lab.client.post("/plantillas", data={"file": (io.BytesIO(VALID.encode()), "p.yaml")},
                               content_type="multipart/form-data")
    assert response.status_code == 400
    assert not (folder / "mesa-de-datos-abiertos.yaml").exists()
