"""`flask templates check [PATH...]` and `flask templates load`: workshop templates from the shell."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _

from .templates_loader import FILE_FIELD, TemplateError, list_templates, load_file

templates_cli = AppGroup("templates", help="Plantillas de taller (workshops/*.yaml).")


def _collect(paths):
    loaded, missing = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            loaded += list_templates(path)
        elif path.is_file():
            loaded.append(load_file(path))
        else:
            missing.append(TemplateError(str(path), 1, FILE_FIELD, _("No existe este archivo o carpeta.")))
    return loaded, missing


@templates_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
def check(paths):
    """Revisa archivos o carpetas de plantillas (por defecto TEMPLATES_DIR); sale con 1 si hay errores."""

    def run():
        loaded, missing = _collect(paths or [current_app.config["TEMPLATES_DIR"]])
        errors = missing + [e for item in loaded for e in item.errors]
        for error in errors:
            click.echo(str(error))
        valid = sum(1 for item in loaded if item.ok)
        broken = len(loaded) - valid + len(missing)
        click.echo(_("%(valid)d plantillas válidas, %(broken)d con errores.", valid=valid, broken=broken))
        return 1 if errors else 0

    click.get_current_context().exit(run())


@templates_cli.command("load")
def load():
    """Informa las plantillas que ofrecerá la aplicación; las que tienen errores se listan y se omiten."""

    def run():
        folder = current_app.config["TEMPLATES_DIR"]
        loaded = list_templates(folder)
        click.echo(_("Plantillas en %(folder)s:", folder=folder))
        for item in loaded:
            if item.ok:
                click.echo(f"  ✓ {item.key}: {item.spec.title}")
            else:
                click.echo("  ✗ " + _("%(key)s: con errores, se omite", key=item.key))
                for error in item.errors:
                    click.echo(f"      {error}")
        if not loaded:
            click.echo("  " + _("(ninguna)"))

    run()
