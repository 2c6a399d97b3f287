"""`flask demo`: create the sample workshop; `flask demo delete`: delete it and all it made."""
import click
from flask.cli import AppGroup, with_appcontext

from ..errors import Refused
from ..extensions import db
from .demo import create_demo, delete_demo


@click.group("demo", cls=AppGroup, invoke_without_command=True)
@click.pass_context
@with_appcontext
def demo_cli(context):
    """El taller de ejemplo, con datos ficticios / The sample workshop, with fictitious data."""
    if context.invoked_subcommand is None:
        _create()


@demo_cli.command("create")
def create():
    """Crea el taller de ejemplo / Create the sample workshop."""
    _create()


def _create():
    try:
        workshop = create_demo()
    except Refused as refusal:
        db.session.rollback()
        raise click.ClickException(str(refusal)) from None
    db.session.commit()
    click.echo(f"Taller de ejemplo creado (id {workshop.id}): /talleres/{workshop.id}/mapa")


@demo_cli.command("delete")
def delete():
    """Borra el taller de ejemplo y todo lo que creó / Delete the sample workshop and all it made."""
    try:
        count = delete_demo()
    except Refused as refusal:
        db.session.rollback()
        raise click.ClickException(str(refusal)) from None
    db.session.commit()
    click.echo(f"Talleres de ejemplo borrados: {count}")
