"""The attendance register of a workshop, as a page and as a CSV file, during and after it.

Only the lab team and the workshop's moderators may see it: it holds personal data.
"""
from flask import Blueprint, Response, render_template
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
    workshop = _workshop(workshop_id)
    now = utcnow()
    body = service.register_csv(workshop, service.register(workshop.id, now), service.workshop_date(workshop), now)
    stamp = service.local_text(now, service.zone_of(workshop), "%Y%m%d-%H%M")
    filename = f"asistencia-taller-{workshop.id}-{stamp}.csv"
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",  # personal data: no copy left in shared caches
    })
