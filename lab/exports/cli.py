"""`flask --app wsgi export ...` and `flask --app wsgi import ARCHIVE`: archives from the shell.

    flask --app wsgi export workshop ID [-o FILE]     one workshop as a JSON archive
    flask --app wsgi export lab [-o FILE]             every workshop and person of the instance
    flask --app wsgi export dataset ID NAME FORMAT    one dataset of a workshop (csv, xlsx, pdf)
    flask --app wsgi import ARCHIVE                   recreate what an archive holds

An import is checked whole before anything is written; a refusal says what is wrong and where,
exits with status 1 and leaves the database as it was."""
import sys

import click
from flask.cli import AppGroup, with_appcontext
from flask_babel import gettext as _

from ..extensions import db
from ..types import utcnow
from ..workshops.models import Workshop
from . import files
from .archive_in import import_archive
from .archive_out import archive_bytes
from .formats import ArchiveError, Limits

export_cli = AppGroup("export", help="Exporta talleres, el laboratorio entero o una tabla.")


def _write(body, output):
    if output in (None, "-"):
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
    else:
        with open(output, "wb") as out:
            out.write(body)
        click.echo(_("%(size)s bytes escritos en %(file)s.", size=len(body), file=output), err=True)


def _existing_workshop(workshop_id):
    if db.session.get(Workshop, workshop_id) is None:
        raise click.ClickException(_("No existe el taller %(id)s.", id=workshop_id))


@export_cli.command("workshop")
@click.argument("workshop_id", type=int)
@click.option("-o", "--output", help="Archivo de salida (por defecto, la salida estándar).")
def export_workshop(workshop_id, output):
    """Un taller como archivo JSON reimportable."""
    _existing_workshop(workshop_id)
    _write(archive_bytes("workshop", [workshop_id], utcnow()), output)


@export_cli.command("lab")
@click.option("-o", "--output", help="Archivo de salida (por defecto, la salida estándar).")
def export_lab(output):
    """Todos los talleres y personas de la instalación como archivo JSON reimportable."""
    _write(archive_bytes("lab", None, utcnow()), output)


@export_cli.command("dataset")
@click.argument("workshop_id", type=int)
@click.argument("name")
@click.argument("fmt", type=click.Choice(["csv", "xlsx", "pdf"]))
@click.option("--anonimo", is_flag=True, help="Cada persona como su tipo de organización.")
@click.option("-o", "--output", help="Archivo de salida (por defecto, el nombre que daría la descarga).")
def export_dataset(workshop_id, name, fmt, anonimo, output):
    """Una tabla de un taller (o «taller» en xlsx, «informe» en pdf)."""
    _existing_workshop(workshop_id)
    if not files.exists(name, fmt):
        raise click.ClickException(_("No hay una exportación «%(name)s» en %(format)s.", name=name, format=fmt))
    export = files.workshop_file(workshop_id, name, fmt, utcnow(), anonimo)
    _write(export.body, output or export.filename)


@click.command("import")
@with_appcontext
@click.argument("archive", type=click.File("rb"))
@click.option("--max-mb", type=int, default=64, show_default=True, help="Tamaño máximo del archivo.")
def import_command(archive, max_mb):
    """Recrea lo que contiene un archivo JSON exportado por Cocrea (un taller o el laboratorio)."""
    limit = max_mb * 1024 * 1024
    data = archive.read(limit + 1)
    try:
        imported = import_archive(data, Limits(max_bytes=limit))
    except ArchiveError as error:
        db.session.rollback()
        raise click.ClickException(_("No se importó nada: %(reason)s", reason=error.message)) from None
    db.session.commit()
    click.echo(_("Importados %(workshops)s talleres y %(ideas)s ideas; %(created)s personas nuevas, "
                 "%(matched)s ya existían.", workshops=len(imported.workshops), ideas=imported.ideas,
                 created=imported.people_created, matched=imported.people_matched))
