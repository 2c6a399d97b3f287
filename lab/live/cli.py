"""`flask retention`: anonymise guests of workshops closed long ago (lab/live/retention.py), for cron."""
import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from .retention import forget_expired_guests


@click.command("retention")
@with_appcontext
@click.option("--days", type=click.IntRange(min=0), default=None,
              help="Días desde el cierre del taller (por defecto GUEST_RETENTION_DAYS).")
def retention_command(days):
    """Anonimiza a los invitados de talleres cerrados hace más de N días."""
    days = current_app.config["GUEST_RETENTION_DAYS"] if days is None else days
    count = forget_expired_guests(days)
    db.session.commit()
    click.echo(f"retention: {count} guest account(s) of workshops closed more than {days} days ago anonymised")
