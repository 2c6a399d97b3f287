"""Home page, language switch, health check and error pages."""
from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from ..web import safe_next

bp = Blueprint("main", __name__)


@bp.route("/")
def home():
    return render_template("main/home.html")


@bp.route("/idioma/<lang>", methods=["POST"])
def set_language(lang):
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(safe_next(request.form.get("next")) or url_for("main.home"))


@bp.route("/health")
def health():
    """For process managers and load balancers; `node` says which process answered."""
    return jsonify(ok=True, node=current_app.config["NODE"])


def register_errors(app):
    messages = {
        400: lambda: _("La solicitud no es válida."),
        403: lambda: _("No tienes permiso para ver esta página."),
        404: lambda: _("No encontramos esta página."),
        413: lambda: _("El archivo o formulario es demasiado grande."),
        429: lambda: _("Demasiados intentos. Espera un momento e inténtalo de nuevo."),
        500: lambda: _("Algo salió mal de nuestro lado. Tu información está a salvo; inténtalo de nuevo."),
    }

    def handler(error):
        code = getattr(error, "code", 500) or 500
        message = messages.get(code, messages[500])()
        if isinstance(error, CSRFError):
            message = _("El formulario caducó o no es válido. Recarga la página e inténtalo de nuevo.")
        return render_template("main/error.html", code=code, message=message), code

    for code in messages:
        app.register_error_handler(code, handler)
    app.register_error_handler(CSRFError, handler)
