"""Joining a workshop by code or link: people with an account, and guests who fill a short form."""
from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from ..accounts import throttle
from ..accounts.forms import GuestForm
from ..accounts.service import create_guest
from ..errors import Refused
from ..extensions import db, limiter
from ..web import INVALID, form_status
from . import service
from .access import can_moderate, is_member
from .forms import JoinForm
from .routes import bp

# Only failed look-ups count, so guessing codes is slow while a room of 200 joins freely: per person,
# and per address at a pace only a script reaches (lab/accounts/throttle.py).
GUESSING = limiter.shared_limit(lambda: current_app.config["JOIN_GUESS_LIMIT"], scope="join-code",
                                key_func=throttle.join_guesser, deduct_when=lambda r: r.status_code == 404)
GUESSING_ADDRESS = limiter.shared_limit(lambda: current_app.config["JOIN_ADDRESS_GUESS_LIMIT"],
                                        scope="join-code-address", key_func=throttle.client_address,
                                        deduct_when=lambda r: r.status_code == 404)


def room(workshop):
    return redirect(url_for("live.room", workshop_id=workshop.id))


def unknown_code(form=None):
    form = form or JoinForm(formdata=None)
    form.code.errors = [*form.code.errors, _("No encontramos un taller con ese código. Revísalo e inténtalo de nuevo.")]
    return render_template("workshops/join.html", form=form), 404


@bp.route("/unirse")
@GUESSING
@GUESSING_ADDRESS
def join():
    asked = "code" in request.args
    form = JoinForm(formdata=request.args if asked else None)
    if asked and form.validate():
        workshop = service.find_by_code(form.code.data)
        if workshop is None:
            return unknown_code(form)
        return redirect(url_for("workshops.join_code", code=workshop.join_code))
    return render_template("workshops/join.html", form=form), INVALID if asked else 200


@bp.route("/unirse/<code>", methods=["GET", "POST"])
@GUESSING
@GUESSING_ADDRESS
def join_code(code):
    workshop = service.find_by_code(code)
    if workshop is None:
        return unknown_code()
    if workshop.status == "closed":
        return notice(workshop, _("Este taller ya terminó"),
                      _("El taller está cerrado y ya no recibe participantes."), 409)
    moderator = current_user.is_authenticated and can_moderate(current_user, workshop.id)
    if workshop.status == "draft" and not moderator:
        return notice(workshop, _("Este taller aún no está abierto"),
                      _("El equipo del laboratorio todavía lo está preparando. Vuelve a usar el enlace cuando "
                        "te avisen."), 409)
    if current_user.is_authenticated:
        return enter(workshop) if request.method == "POST" or is_member(current_user, workshop) else confirm(workshop)
    return as_guest(workshop)


def confirm(workshop):
    """Opening a link changes nothing: a person with an account joins by pressing the button. (A guest
    is a member of their own workshop only: `enter` tells them so, and writes nothing.)"""
    if current_user.is_guest:
        return enter(workshop)
    return render_template("workshops/join_workshop.html", workshop=workshop, confirm=True)


def notice(workshop, title, message, status):
    return render_template("workshops/join_notice.html", workshop=workshop, title=title, message=message), status


def enter(workshop):
    """A person with a session: into the room, unless they are the guest of another workshop."""
    user = current_user
    if user.is_guest and user.guest_workshop_id != workshop.id:
        return notice(workshop, _("Solo puedes entrar a tu propio taller"),
                      _("Entraste como invitado a otro taller. Para unirte a más talleres, crea una contraseña "
                        "para tu cuenta."), 403)
    if not can_moderate(user, workshop.id):  # moderators are members already
        service.join(user, workshop)
        db.session.commit()
    return room(workshop)


def as_guest(workshop):
    """Someone without a session: log in, or fill the attendance fields and consent as a guest."""
    if request.method == "POST" and throttle.email_probes_blocked():
        abort(429)
    form = GuestForm()
    if form.validate_on_submit():
        try:
            user = create_guest(workshop, form)
        except Refused as refusal:  # e.g. the same e-mail sent twice at once
            form.email.errors = [*form.email.errors, refusal.message]
        else:
            service.join(user, workshop)
            db.session.commit()
            login_user(user)
            return room(workshop)
    return render_template("workshops/join_workshop.html", workshop=workshop, guest_form=form,
                           guest_action=url_for("workshops.join_code", code=workshop.join_code)), form_status()
