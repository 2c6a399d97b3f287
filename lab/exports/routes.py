"""Downloads of a workshop's exports, for the lab team and the workshop's moderators.

    /talleres/<id>/exportar/<dataset>.<csv|xlsx|pdf>   one dataset
    /talleres/<id>/exportar/taller.xlsx                every dataset, a sheet each
    ?anonimo=1                                          people replaced by their organisation type

Every download is written to the workshop's audit log before the file leaves. Files carry
personal data: never cached."""
from flask import Blueprint, Response, abort, request
from flask_login import current_user, login_required

from ..extensions import db
from ..types import utcnow
from ..workshops.access import MODERATOR, workshop_for
from . import files

bp = Blueprint("exports", __name__)

TRUE = ("1", "si", "sí", "true")


def anonymised_asked():
    return request.args.get("anonimo", "").strip().casefold() in TRUE


def send(export: files.ExportFile):
    return Response(export.body, mimetype=export.mimetype, headers={
        "Content-Disposition": f'attachment; filename="{export.filename}"',
        "Content-Length": str(len(export.body)),
        "Cache-Control": "no-store",  # personal data: no copy left in shared caches
    })


@bp.route("/talleres/<int:workshop_id>/exportar/<name>.<fmt>")
@login_required
def download(workshop_id, name, fmt):
    workshop = workshop_for(workshop_id, MODERATOR)[0]
    if not files.exists(name, fmt):
        abort(404)
    anonymised = anonymised_asked()
    export = files.workshop_file(workshop.id, name, fmt, utcnow(), anonymised)
    files.record_download(workshop.id, current_user.id, name, fmt, anonymised)
    db.session.commit()
    return send(export)
