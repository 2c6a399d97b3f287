"""The attendance register of a workshop, as a page, during and after it (its CSV and XLSX are
downloads of the exports slice).

Only the lab team and the workshop's moderators may see it: it holds personal data.
"""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import login_required

from ..types import utcnow
from ..vocab import MODALITIES
from ..workshops.access import MODERATOR, workshop_for
from . import service

bp = Blueprint("attendance", __name__)


def _workshop(workshop_id):
    return workshop_for(workshop_id, MODERATOR)[0]


@bp.route("/taller/<int:workshop_id>/asistencia")
@login_required
def register(workshop_id):
    workshop = _workshop(workshop_id)
    now = utcnow()
    people = service.register(workshop.id, now)
    return render_template("attendance/register.html", workshop=workshop, people=people, now=now,
                           date=service.workshop_date(workshop), zone=service.zone_of(workshop).key,
                           modality=MODALITIES.get(workshop.modality, workshop.modality),
                           duration=service.duration_text, present=sum(p.present_now for p in people))


@bp.route("/taller/<int:workshop_id>/asistencia.csv")
@login_required
def register_csv(workshop_id):
    """The register's first address, kept for bookmarks and links already sent."""
    return redirect(url_for("exports.download", workshop_id=workshop_id, name="asistencia", fmt="csv",
                            **request.args), code=301)
