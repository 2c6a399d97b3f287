from flask import Blueprint

bp = Blueprint("workshops", __name__)


# Placeholders until the workshop pages land; endpoints named as the templates expect.
@bp.route("/talleres")
def index():
    return "", 501


@bp.route("/plantillas")
def templates_index():
    return "", 501


@bp.route("/unirse")
def join():
    return "", 501
