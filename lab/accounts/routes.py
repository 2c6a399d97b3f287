"""Sign-up, log in and log out, on the accounts blueprint. The person's own pages are in
account_views.py, the lab team's in team_views.py; both add their routes to `bp`."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..extensions import db
from ..web import form_status, next_url
from . import service, throttle
from .forms import LoginForm, SignupForm

bp = Blueprint("accounts", __name__)


def login_rate_limit():
    return current_app.config["LOGIN_RATE_LIMIT"]


def failed_attempt(response):
    # Only failures count.
    return response.status_code != 302


def signed_in_person():
    """The limiter's key for pages of a signed-in person: the person, not the venue's address."""
    return f"user:{current_user.get_id()}"


@bp.route("/registro", methods=["GET", "POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(next_url() or url_for("accounts.profile"))
    form = SignupForm()
    if request.method == "GET":
        form.next.data = next_url() or ""
    if request.method == "POST" and throttle.email_probes_blocked():
        abort(429)
    if form.validate_on_submit():
        try:
            user = service.create_account(form.data)
        except service.EmailTaken as error:
            form.email.errors.append(error.message)
        else:
            db.session.commit()
            login_user(user)
            if user.is_lab:
                flash(_("Bienvenida o bienvenido. Tu cuenta es del equipo del laboratorio."), "success")
            else:
                flash(_("Bienvenida o bienvenido. Ya puedes unirte a los talleres."), "success")
            return redirect(next_url() or url_for("main.home"))
    return render_template("accounts/signup.html", form=form,
                           first_account=service.is_empty_installation()), form_status()


@bp.route("/entrar", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(next_url() or url_for("main.home"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = next_url() or ""
    if form.validate_on_submit():
        if throttle.login_blocked(form.email.data):  # even the right password waits: guessing must not pay
            abort(429)
        user = service.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(next_url() or url_for("main.home"))
        throttle.login_failed(form.email.data)
        # The same words whether the e-mail exists or not.
        form.form_errors.append(_("El correo o la contraseña no son correctos."))
    return render_template("accounts/login.html", form=form), form_status()


@bp.route("/salir", methods=["POST"])
def logout():
    if not current_user.is_authenticated:
        return redirect(url_for("main.home"))
    user = current_user._get_current_object()
    if user.is_guest and request.form.get("confirm") != "1":
        # A guest has no password: leaving would lock them out of their account for good.
        flash(_("Entraste como invitado: si sales sin crear una contraseña no podrás volver con este correo."),
              "error")
        return redirect(url_for("accounts.password"))
    # The login id embeds the session token: rotating it ends every session and socket of this person.
    user.rotate_session()
    db.session.commit()
    logout_user()
    flash(_("Cerraste sesión en todos tus dispositivos."), "success")
    return redirect(url_for("main.home"))

