"""Lab-team pages: people, their roles, temporary passwords."""
from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import vocab
from ..errors import Refused
from ..extensions import db
from ..security import role_required
from ..web import INVALID, page_number
from . import privacy, team
from .forms import ForgetPersonForm, RoleForm, TemporaryPasswordForm
from .models import User
from .routes import bp

MAX_QUERY = 100


@bp.route("/equipo/personas")
@role_required("lab")
def people():
    query = request.args.get("q", "").strip()[:MAX_QUERY]
    results = team.search_people(query, page_number())
    return render_template("accounts/people.html", page=results, query=query,
                           roles=vocab.ROLES, org_types=vocab.ORG_TYPES)


def _person_or_404(user_id):
    return db.session.get(User, user_id) or abort(404)


def render_person(person, role_form=None, status=200, forget_form=None):
    return render_template("accounts/person.html", person=person,
                           role_form=role_form or RoleForm(role=person.role, formdata=None),
                           password_form=TemporaryPasswordForm(formdata=None),
                           forget_form=forget_form or ForgetPersonForm(formdata=None),
                           roles=vocab.ROLES, org_types=vocab.ORG_TYPES), status


@bp.route("/equipo/personas/<int:user_id>", methods=["GET", "POST"])
@role_required("lab")
def person(user_id):
    person = _person_or_404(user_id)
    if request.method == "GET":
        return render_person(person)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            changed = team.set_role(person, form.role.data)
        except Refused as refusal:
            form.role.errors.append(refusal.message)
        else:
            db.session.commit()
            if changed:
                flash(_("%(name)s ahora tiene el rol «%(role)s».", name=person.name, role=vocab.ROLES[person.role]),
                      "success")
            if person.id == current_user.id and not person.is_lab:
                return redirect(url_for("main.home"))
            return redirect(url_for("accounts.person", user_id=person.id))
    return render_person(person, form, INVALID)


@bp.route("/equipo/personas/<int:user_id>/contrasena-temporal", methods=["POST"])
@role_required("lab")
def person_password(user_id):
    person = _person_or_404(user_id)
    if person.id == current_user.id:
        flash(_("Para tu propia cuenta usa «Cambiar mi contraseña»."), "error")
        return redirect(url_for("accounts.password"))
    if TemporaryPasswordForm().validate_on_submit():
        password = team.set_temporary_password(person)
        db.session.commit()
        # Shown once, in this answer only: never in the flash messages, which travel in the cookie.
        response = make_response(render_template("accounts/temporary_password.html", person=person,
                                                 password=password))
        response.headers["Cache-Control"] = "no-store"
        return response
    return redirect(url_for("accounts.person", user_id=person.id))


@bp.route("/equipo/personas/<int:user_id>/eliminar", methods=["POST"])
@role_required("lab")
def forget_person(user_id):
    """Delete the account at the person's request (Ley 1581: supresión): their ideas stay as
    «Participante anónimo», the attendance register keeps organisation, type and role only."""
    person = _person_or_404(user_id)
    if person.id == current_user.id:
        flash(_("Para tu propia cuenta usa «Eliminar mi cuenta» en «Mi cuenta»."), "error")
        return redirect(url_for("accounts.profile"))
    form = ForgetPersonForm()
    if form.validate_on_submit():
        if (form.confirmation.data or "").casefold() != person.email.casefold():
            form.confirmation.errors.append(_("El correo no coincide con el de esta persona."))
        else:
            try:
                privacy.delete_account(person)
            except Refused as refusal:
                db.session.rollback()
                form.confirmation.errors.append(refusal.message)
            else:
                db.session.commit()
                flash(_("Eliminamos la cuenta de esta persona; sus aportes quedan como «Participante anónimo»."),
                      "success")
                return redirect(url_for("accounts.people"))
    return render_person(person, status=INVALID, forget_form=form)
