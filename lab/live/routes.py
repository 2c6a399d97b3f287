"""The live pages: the participant room, the moderator console and the projector view.

The pages are shells: the browser draws the room from the socket's snapshot (lab/static/js). They
carry the workshop id, the person's role and every text the scripts show, translated here.
"""
import qrcode
from flask import Blueprint, current_app, make_response, render_template, url_for
from flask_login import current_user, login_required
from qrcode.image.svg import SvgPathImage

from .. import vocab
from ..workshops.access import MODERATOR, workshop_for
from .projector import MAP_ENDPOINT, map_available, mode_choices
from .strings import COLORS, client_strings

bp = Blueprint("live", __name__)


def _page(template, workshop, role, view):
    links = {
        "room": url_for("live.room", workshop_id=workshop.id),
        "console": url_for("live.console", workshop_id=workshop.id) if role == "moderator" else None,
        "projector": url_for("live.projector", workshop_id=workshop.id) if role == "moderator" else None,
        "register": url_for("attendance.register", workshop_id=workshop.id) if role == "moderator" else None,
        "qr": url_for("live.join_qr", workshop_id=workshop.id) if role == "moderator" else None,
        "map": url_for(MAP_ENDPOINT, workshop_id=workshop.id) if role == "moderator" and map_available() else None,
        "join": url_for("workshops.join_code", code=workshop.join_code, _external=True),
        # The results page is the exports slice's; linked once it is installed.
        "results": url_for("exports.workshop_results", workshop_id=workshop.id)
        if role == "moderator" and "exports.workshop_results" in current_app.view_functions else None,
    }
    config = {"workshop_id": workshop.id, "user_id": current_user.id, "role": role, "view": view}
    return render_template(template, workshop=workshop, role=role, links=links, config=config,
                           strings=client_strings(), categories=vocab.CATEGORIES, colors=COLORS,
                           projector_modes=mode_choices())


@bp.route("/taller/<int:workshop_id>/sala")
@login_required
def room(workshop_id):
    workshop, role = workshop_for(workshop_id)
    return _page("live/room.html", workshop, role, "room")


@bp.route("/taller/<int:workshop_id>/moderar")
@login_required
def console(workshop_id):
    workshop, role = workshop_for(workshop_id, MODERATOR)
    return _page("live/console.html", workshop, role, "console")


@bp.route("/taller/<int:workshop_id>/codigo-qr.svg")
@login_required
def join_qr(workshop_id):
    """The join link as a QR code, drawn on the server (no script, no third party): an SVG path."""
    workshop, _role = workshop_for(workshop_id, MODERATOR)
    link = url_for("workshops.join_code", code=workshop.join_code, _external=True)
    image = qrcode.make(link, image_factory=SvgPathImage, border=2)
    response = make_response(image.to_string(encoding="unicode"))
    response.headers["Content-Type"] = "image/svg+xml; charset=utf-8"
    response.headers["Cache-Control"] = "no-store"  # a new join code must never show the old one
    return response


@bp.route("/taller/<int:workshop_id>/proyector")
@login_required
def projector(workshop_id):
    workshop, role = workshop_for(workshop_id, MODERATOR)
    return _page("live/projector.html", workshop, role, "projector")
