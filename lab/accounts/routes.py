from flask import Blueprint

bp = Blueprint("accounts", __name__)


# Placeholders until the accounts pages land; endpoints named as the templates expect.
@bp.route("/entrar", methods=["GET", "POST"])
def login():
    return "", 501


@bp.route("/registro", methods=["GET", "POST"])
def signup():
    return "", 501


@bp.route("/salir", methods=["POST"])
def logout():
    return "", 501


@bp.route("/cuenta")
def profile():
    return "", 501


@bp.route("/equipo/personas")
def people():
    return "", 501
