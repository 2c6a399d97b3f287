"""The person's own account: profile, password, personal data, deletion."""
import json

from flask import Response, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from .. import vocab
from ..extensions import db, limiter
from ..web import INVALID, form_status
from . import privacy, service
from .forms import DELETE_WORD, ChangePasswordForm, DeleteAccountForm, GuestDeleteForm, GuestPasswordForm, ProfileForm
from .routes import bp, failed_attempt, login_rate_limit, signed_in_person

PROFILE_FIELDS = ("name", "organisation", "org_type", "position", "phone", "locale")


def delete_form_for(user):
    return GuestDeleteForm() if user.is_guest else DeleteAccountForm()


def render_profile(form, delete_form, status=200):
    return render_template("accounts/profile.html", form=form, delete_form=delete_form,
                           roles=vocab.ROLES), status


@bp.route("/cuenta", methods=["GET", "POST"])
@login_required
def profile():
    user = current_user._get_current_object()
    # On POST only what was sent counts: a missing field is an error, not the stored value.
    form = ProfileForm() if request.method == "POST" else ProfileForm(obj=user)
    if form.validate_on_submit():
        for name in PROFILE_FIELDS:
            setattr(user, name, form[name].data or "")
        db.session.commit()
        _remember_language(user.locale)
        flash(_("Guardamos tus datos."), "success")
        return redirect(url_for("accounts.profile"))
    return render_profile(form, delete_form_for(user), form_status())


def _remember_language(locale):
    # The session's language wins over the profile's (see lab.i18n): keep them in step.
    if locale:
        session["lang"] = locale
    else:
        session.pop("lang", None)


@bp.route("/cuenta/contrasena", methods=["GET", "POST"])
@login_required
@limiter.limit(login_rate_limit, methods=["POST"], deduct_when=failed_attempt, key_func=signed_in_person)
def password():
    user = current_user._get_current_object()
    guest = user.is_guest
    form = GuestPasswordForm() if guest else ChangePasswordForm()
    if form.validate_on_submit():
        if guest or user.check_password(form.current.data):
            service.set_password(user, form.password.data)
            db.session.commit()
            login_user(user)  # the new session token ends other sessions; this one carries on
            flash(_("Listo: ya puedes entrar con tu correo y esta contraseña.") if guest
                  else _("Cambiamos tu contraseña y cerramos tus otras sesiones."), "success")
            return redirect(url_for("accounts.profile"))
        form.current.errors.append(_("La contraseña actual no es correcta."))
    return render_template("accounts/password.html", form=form), form_status()


@bp.route("/cuenta/mis-datos.json")
@login_required
def my_data():
    body = json.dumps(privacy.personal_data(current_user), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="mis-datos-cocrea.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/cuenta/eliminar", methods=["POST"])
@login_required
@limiter.limit(login_rate_limit, deduct_when=failed_attempt, key_func=signed_in_person)
def delete_account():
    user = current_user._get_current_object()
    form = delete_form_for(user)
    if form.validate_on_submit():
        if _confirmed(user, form.confirmation.data):
            try:
                privacy.delete_account(user)
            except service.LastLabMember as error:
                form.form_errors.append(error.message)
            else:
                db.session.commit()
                logout_user()
                flash(_("Eliminamos tu cuenta. Tus ideas quedan como «Participante anónimo»."), "success")
                return redirect(url_for("main.home"))
        else:
            form.confirmation.errors.append(
                _("Escribe %(word)s para confirmar.", word=DELETE_WORD) if user.is_guest
                else _("La contraseña no es correcta."))
    return render_profile(ProfileForm(obj=user, formdata=None), form, INVALID)


def _confirmed(user, typed):
    if user.is_guest:
        return (typed or "").strip().upper() == DELETE_WORD
    return user.check_password(typed)
