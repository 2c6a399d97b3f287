"""Lab-team management of workshops: list and search, create, details, join code, moderators.

Moderators may open the workshops they moderate, read-only; everyone else gets 403.
"""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import realtime, vocab
from ..errors import Refused
from ..extensions import db
from ..security import role_required
from ..web import INVALID, act, form_status, page_number
from . import service
from .access import MODERATOR, workshop_for
from .forms import ActionForm, CreateForm, ModeratorForm, SearchForm, WorkshopForm, common_time_zones
from .models import Workshop
from .templates_loader import list_templates

bp = Blueprint("workshops", __name__)

PER_PAGE = 25


def viewable(workshop_id):
    """The workshop, if the current user may see its design (lab team, or one of its moderators)."""
    return workshop_for(workshop_id, MODERATOR)[0]


def can_edit():
    return current_user.role == "lab"


def join_link(workshop):
    return url_for("workshops.join_code", code=workshop.join_code, _external=True)


def templates_dir():
    return current_app.config["TEMPLATES_DIR"]


@bp.context_processor
def workshop_helpers():
    return {"join_link": join_link, "vocab": vocab, "has_endpoint": has_endpoint}


def has_endpoint(name):
    """Whether a page of another slice is installed (the results page arrives with the exports)."""
    return name in current_app.view_functions


@bp.route("/talleres")
@role_required("lab", "moderator")
def index():
    form = SearchForm(formdata=request.args)
    text, status = (form.q.data, form.status.data) if form.validate() else ("", "")
    workshops = db.paginate(service.search_query(current_user, text, status), page=page_number(), per_page=PER_PAGE,
                            error_out=False)
    return render_template("workshops/index.html", form=form, workshops=workshops, searching=bool(text or status))


@bp.route("/talleres/nuevo", methods=["GET", "POST"])
@role_required("lab")
def create():
    templates = [t for t in list_templates(templates_dir()) if t.ok]
    form = CreateForm(templates)
    if request.method == "GET" and request.args.get("plantilla") in {t.key for t in templates}:
        form.template.data = request.args["plantilla"]
    if form.validate_on_submit():
        template = next((t for t in templates if t.key == form.template.data), None)
        title = form.title.data or (template.spec.title if template else "")
        if title:
            workshop = service.create_workshop(title, current_user, current_app.config["BABEL_DEFAULT_TIMEZONE"],
                                               template)
            db.session.commit()
            flash(_("Taller creado. Revisa los datos, la agenda y las preguntas."), "success")
            return redirect(url_for("workshops.edit", workshop_id=workshop.id))
        form.title.errors.append(_("Escribe un título para el taller en blanco."))
    return render_template("workshops/new.html", form=form, templates=templates), form_status()


@bp.route("/talleres/<int:workshop_id>", methods=["GET", "POST"])
@role_required("lab", "moderator")
def edit(workshop_id):
    workshop = viewable(workshop_id)
    if request.method == "POST":
        if not can_edit():
            abort(403)
        form = details_form(workshop)
        if form.validate():
            service.update_details(workshop, **form.details(service.to_utc))
            db.session.commit()
            flash(_("Datos del taller guardados."), "success")
            return redirect(url_for("workshops.edit", workshop_id=workshop.id))
        return details_page(workshop, form), INVALID
    day, clock = service.local_start(workshop)
    return details_page(workshop, details_form(workshop, formdata=None, obj=workshop, date=day, time=clock))


def details_form(workshop, **kwargs):
    """The details form; without the status once the workshop went live (closing is final)."""
    form = WorkshopForm(**kwargs)
    if workshop.status not in vocab.PLANNING_STATUSES:
        del form.status
    return form


def details_page(workshop, form):
    return render_template("workshops/edit.html", workshop=workshop, form=form, can_edit=can_edit(),
                           zones=common_time_zones(), section="details")


@bp.route("/talleres/<int:workshop_id>/codigo", methods=["POST"])
@role_required("lab")
def regenerate_code(workshop_id):
    workshop = db.get_or_404(Workshop, workshop_id)
    if ActionForm().validate_on_submit():
        code = service.regenerate_code(workshop)
        db.session.commit()
        flash(_("Nuevo código: %(code)s. El enlace y el código anteriores ya no sirven.", code=code), "success")
    return redirect(url_for("workshops.edit", workshop_id=workshop.id))


@bp.route("/talleres/<int:workshop_id>/moderadores", methods=["GET", "POST"])
@role_required("lab", "moderator")
def moderators(workshop_id):
    workshop = viewable(workshop_id)
    form = ModeratorForm(formdata=None)
    if request.method == "POST":
        if not can_edit():
            abort(403)
        form = ModeratorForm()
        if form.validate():
            try:
                user = service.add_moderator(workshop, form.email.data)
            except Refused as refusal:
                form.email.errors.append(refusal.message)
            else:
                db.session.commit()
                flash(_("%(name)s ahora modera este taller.", name=user.name), "success")
                return redirect(url_for("workshops.moderators", workshop_id=workshop.id))
    status = INVALID if form.errors else 200
    return render_template("workshops/moderators.html", workshop=workshop, form=form, can_edit=can_edit(),
                           section="moderators"), status


@bp.route("/talleres/<int:workshop_id>/moderadores/<int:user_id>/quitar", methods=["POST"])
@role_required("lab")
def remove_moderator(workshop_id, user_id):
    workshop = db.get_or_404(Workshop, workshop_id)
    back = url_for("workshops.moderators", workshop_id=workshop.id)
    if ActionForm().validate_on_submit():
        response = act(lambda: service.remove_moderator(workshop, user_id), _("Moderador retirado del taller."), back)
        realtime.end_moderation(user_id, workshop.id)  # their open consoles stop seeing moderators' views now
        return response
    return redirect(back)
