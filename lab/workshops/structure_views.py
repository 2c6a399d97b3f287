"""Editing a workshop's structure: rules, agenda items, activities and their prompts.

Each small form posts to its own endpoint. When one fails, the page is shown again with that
form's input and errors, and every other form with the stored values.
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..security import role_required
from ..web import INVALID, act
from . import service
from .forms import ActionForm, ActivityForm, AgendaItemForm, MoveForm, PromptForm, RuleForm
from .models import Activity, AgendaItem, Prompt, Workshop
from .routes import bp, can_edit, viewable

NEW = "new"


def pick(failed, key, fresh):
    """The form that failed for `key`, else a form showing stored values (never the posted ones)."""
    return failed[1] if failed and failed[0] == key else fresh()


def page(template, workshop, failed, **context):
    status = INVALID if failed else 200
    return render_template(template, workshop=workshop, can_edit=can_edit(), **context), status


def lab_workshop(workshop_id):
    return db.get_or_404(Workshop, workshop_id)


def owned(model, row_id, **scope):
    """A row of this workshop (or activity); 404 for anyone else's, so ids cannot be probed."""
    row = db.session.get(model, row_id)
    if row is None or any(getattr(row, k) != v for k, v in scope.items()):
        abort(404)
    return row


def direction():
    """"up" or "down" from a move button, None if the form is not valid."""
    form = MoveForm()
    return form.direction.data if form.validate_on_submit() else None


# --- rules --------------------------------------------------------------------------------------

def rules_page(workshop, failed=None):
    rules = [(i, rule, pick(failed, i, lambda r=rule: RuleForm(formdata=None, data=r)))
             for i, rule in enumerate(workshop.rules or [])]
    new = pick(failed, NEW, lambda: RuleForm(formdata=None))
    return page("workshops/rules.html", workshop, failed, rules=rules, new_form=new, section="rules")


@bp.route("/talleres/<int:workshop_id>/reglas", methods=["GET", "POST"])
@role_required("lab", "moderator")
def rules(workshop_id):
    workshop = viewable(workshop_id)
    if request.method == "POST":
        if not can_edit():
            abort(403)
        form = RuleForm()
        if not form.validate():
            return rules_page(workshop, (NEW, form))
        service.add_rule(workshop, form.title.data, form.text.data or "")
        db.session.commit()
        flash(_("Regla agregada."), "success")
        return redirect(url_for("workshops.rules", workshop_id=workshop.id))
    return rules_page(workshop)


@bp.route("/talleres/<int:workshop_id>/reglas/<int:index>", methods=["POST"])
@role_required("lab")
def update_rule(workshop_id, index):
    workshop = lab_workshop(workshop_id)
    form = RuleForm()
    if not form.validate():
        return rules_page(workshop, (index, form))
    return act(lambda: service.update_rule(workshop, index, form.title.data, form.text.data or ""),
               _("Regla guardada."), url_for("workshops.rules", workshop_id=workshop.id))


@bp.route("/talleres/<int:workshop_id>/reglas/<int:index>/eliminar", methods=["POST"])
@role_required("lab")
def delete_rule(workshop_id, index):
    workshop = lab_workshop(workshop_id)
    back = url_for("workshops.rules", workshop_id=workshop.id)
    if ActionForm().validate_on_submit():
        return act(lambda: service.delete_rule(workshop, index), _("Regla eliminada."), back)
    return redirect(back)


@bp.route("/talleres/<int:workshop_id>/reglas/<int:index>/mover", methods=["POST"])
@role_required("lab")
def move_rule(workshop_id, index):
    workshop = lab_workshop(workshop_id)
    back = url_for("workshops.rules", workshop_id=workshop.id)
    if way := direction():
        return act(lambda: service.move_rule(workshop, index, way), _("Orden actualizado."), back)
    return redirect(back)


# --- agenda -------------------------------------------------------------------------------------

def agenda_page(workshop, failed=None):
    items = [(item, pick(failed, item.id, lambda i=item: AgendaItemForm(formdata=None, obj=i)))
             for item in workshop.agenda]
    new = pick(failed, NEW, lambda: AgendaItemForm(formdata=None))
    total = sum(item.minutes for item in workshop.agenda)
    return page("workshops/agenda.html", workshop, failed, items=items, new_form=new, total=total, section="agenda")


@bp.route("/talleres/<int:workshop_id>/agenda", methods=["GET", "POST"])
@role_required("lab", "moderator")
def agenda(workshop_id):
    workshop = viewable(workshop_id)
    if request.method == "POST":
        if not can_edit():
            abort(403)
        form = AgendaItemForm()
        if not form.validate():
            return agenda_page(workshop, (NEW, form))
        service.add_agenda_item(workshop, **form.values())
        db.session.commit()
        flash(_("Punto de la agenda agregado."), "success")
        return redirect(url_for("workshops.agenda", workshop_id=workshop.id))
    return agenda_page(workshop)


@bp.route("/talleres/<int:workshop_id>/agenda/<int:item_id>", methods=["POST"])
@role_required("lab")
def update_agenda_item(workshop_id, item_id):
    workshop = lab_workshop(workshop_id)
    item = owned(AgendaItem, item_id, workshop_id=workshop.id)
    form = AgendaItemForm()
    if not form.validate():
        return agenda_page(workshop, (item.id, form))
    service.update_agenda_item(item, **form.values())
    db.session.commit()
    flash(_("Punto de la agenda guardado."), "success")
    return redirect(url_for("workshops.agenda", workshop_id=workshop.id))


@bp.route("/talleres/<int:workshop_id>/agenda/<int:item_id>/eliminar", methods=["POST"])
@role_required("lab")
def delete_agenda_item(workshop_id, item_id):
    workshop = lab_workshop(workshop_id)
    item = owned(AgendaItem, item_id, workshop_id=workshop.id)
    back = url_for("workshops.agenda", workshop_id=workshop.id)
    if ActionForm().validate_on_submit():
        return act(lambda: service.delete_agenda_item(workshop, item), _("Punto de la agenda eliminado."), back)
    return redirect(back)


@bp.route("/talleres/<int:workshop_id>/agenda/<int:item_id>/mover", methods=["POST"])
@role_required("lab")
def move_agenda_item(workshop_id, item_id):
    workshop = lab_workshop(workshop_id)
    item = owned(AgendaItem, item_id, workshop_id=workshop.id)
    if way := direction():
        service.move(workshop.agenda, item, way)
        db.session.commit()
    return redirect(url_for("workshops.agenda", workshop_id=workshop.id))


# --- activities ---------------------------------------------------------------------------------

def activities_page(workshop, failed=None):
    def fresh(activity=None):
        data = {"agenda_item": str(activity.agenda_item_id or "")} if activity else None
        return ActivityForm(workshop.agenda, formdata=None, obj=activity, data=data)

    rows = [(a, pick(failed, a.id, lambda a=a: fresh(a))) for a in workshop.activities]
    new = pick(failed, NEW, fresh)
    titles = {item.id: item.title for item in workshop.agenda}
    return page("workshops/activities.html", workshop, failed, rows=rows, new_form=new, agenda_titles=titles,
                section="activities")


@bp.route("/talleres/<int:workshop_id>/actividades", methods=["GET", "POST"])
@role_required("lab", "moderator")
def activities(workshop_id):
    workshop = viewable(workshop_id)
    if request.method == "POST":
        if not can_edit():
            abort(403)
        form = ActivityForm(workshop.agenda)
        if not form.validate():
            return activities_page(workshop, (NEW, form))
        activity = service.add_activity(workshop, **form.values())
        db.session.commit()
        flash(_("Actividad agregada. Ahora agrega sus preguntas."), "success")
        return redirect(url_for("workshops.prompts", workshop_id=workshop.id, activity_id=activity.id))
    return activities_page(workshop)


@bp.route("/talleres/<int:workshop_id>/actividades/<int:activity_id>", methods=["POST"])
@role_required("lab")
def update_activity(workshop_id, activity_id):
    workshop = lab_workshop(workshop_id)
    activity = owned(Activity, activity_id, workshop_id=workshop.id)
    form = ActivityForm(workshop.agenda)
    if not form.validate():
        return activities_page(workshop, (activity.id, form))
    service.update_activity(activity, **form.values())
    db.session.commit()
    flash(_("Actividad guardada."), "success")
    return redirect(url_for("workshops.activities", workshop_id=workshop.id))


@bp.route("/talleres/<int:workshop_id>/actividades/<int:activity_id>/eliminar", methods=["POST"])
@role_required("lab")
def delete_activity(workshop_id, activity_id):
    workshop = lab_workshop(workshop_id)
    activity = owned(Activity, activity_id, workshop_id=workshop.id)
    back = url_for("workshops.activities", workshop_id=workshop.id)
    if ActionForm().validate_on_submit():
        return act(lambda: service.delete_activity(workshop, activity), _("Actividad eliminada."), back)
    return redirect(back)


@bp.route("/talleres/<int:workshop_id>/actividades/<int:activity_id>/mover", methods=["POST"])
@role_required("lab")
def move_activity(workshop_id, activity_id):
    workshop = lab_workshop(workshop_id)
    activity = owned(Activity, activity_id, workshop_id=workshop.id)
    if way := direction():
        service.move(workshop.activities, activity, way)
        db.session.commit()
    return redirect(url_for("workshops.activities", workshop_id=workshop.id))


# --- prompts ------------------------------------------------------------------------------------

def prompts_page(workshop, activity, failed=None):
    rows = [(p, pick(failed, p.id, lambda p=p: PromptForm(formdata=None, obj=p))) for p in activity.prompts]
    new = pick(failed, NEW, lambda: PromptForm(formdata=None))
    return page("workshops/prompts.html", workshop, failed, activity=activity, rows=rows, new_form=new,
                section="activities")


def workshop_activity(workshop_id, activity_id):
    workshop = viewable(workshop_id)
    return workshop, owned(Activity, activity_id, workshop_id=workshop.id)


@bp.route("/talleres/<int:workshop_id>/actividades/<int:activity_id>/preguntas", methods=["GET", "POST"])
@role_required("lab", "moderator")
def prompts(workshop_id, activity_id):
    workshop, activity = workshop_activity(workshop_id, activity_id)
    if request.method == "POST":
        if not can_edit():
            abort(403)
        form = PromptForm()
        if not form.validate():
            return prompts_page(workshop, activity, (NEW, form))
        service.add_prompt(activity, **form.values())
        db.session.commit()
        flash(_("Pregunta agregada."), "success")
        return redirect(url_for("workshops.prompts", workshop_id=workshop.id, activity_id=activity.id))
    return prompts_page(workshop, activity)


def prompt_of(workshop_id, activity_id, prompt_id):
    workshop, activity = workshop_activity(workshop_id, activity_id)
    return workshop, activity, owned(Prompt, prompt_id, activity_id=activity.id, workshop_id=workshop.id)


@bp.route("/talleres/<int:workshop_id>/actividades/<int:activity_id>/preguntas/<int:prompt_id>", methods=["POST"])
@role_required("lab")
def update_prompt(workshop_id, activity_id, prompt_id):
    workshop, activity, prompt = prompt_of(workshop_id, activity_id, prompt_id)
    form = PromptForm()
    if not form.validate():
        return prompts_page(workshop, activity, (prompt.id, form))
    service.update_prompt(prompt, **form.values())
    db.session.commit()
    flash(_("Pregunta guardada."), "success")
    return redirect(url_for("workshops.prompts", workshop_id=workshop.id, activity_id=activity.id))


@bp.route("/talleres/<int:workshop_id>/actividades/<int:activity_id>/preguntas/<int:prompt_id>/eliminar",
          methods=["POST"])
@role_required("lab")
def delete_prompt(workshop_id, activity_id, prompt_id):
    workshop, activity, prompt = prompt_of(workshop_id, activity_id, prompt_id)
    back = url_for("workshops.prompts", workshop_id=workshop.id, activity_id=activity.id)
    if ActionForm().validate_on_submit():
        return act(lambda: service.delete_prompt(activity, prompt), _("Pregunta eliminada."), back)
    return redirect(back)


@bp.route("/talleres/<int:workshop_id>/actividades/<int:activity_id>/preguntas/<int:prompt_id>/mover",
          methods=["POST"])
@role_required("lab")
def move_prompt(workshop_id, activity_id, prompt_id):
    workshop, activity, prompt = prompt_of(workshop_id, activity_id, prompt_id)
    if way := direction():
        service.move(activity.prompts, prompt, way)
        db.session.commit()
    return redirect(url_for("workshops.prompts", workshop_id=workshop.id, activity_id=activity.id))
