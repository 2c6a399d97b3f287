"""The diagnosis's records, on the diagnosis blueprint: the PHVA plan, lessons learned, FT-1311
good-practice records, and the comparison of two versions."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..errors import Refused
from ..extensions import db
from ..maps.models import Alliance
from ..security import role_required
from ..web import act, form_status
from . import lesson_ideas, plan, practice, service, versions
from .forms import ActionForm, CompareForm, LessonForm, PracticeForm, StatusForm
from .routes import bp, place, saved


@bp.route("/diagnosticos/<int:diagnosis_id>/plan", methods=["GET", "POST"])
@role_required("lab")
def improvement_plan(diagnosis_id):
    diagnosis = service.find_diagnosis(diagnosis_id)
    form = ActionForm(diagnosis.assessments)
    if form.validate_on_submit():
        if saved(form, lambda: plan.save_action(diagnosis, form.values()), _("Acción añadida al plan de mejora.")):
            return redirect(url_for("diagnosis.improvement_plan", diagnosis_id=diagnosis.id))
    alliance_ids = {a.alliance_id for a in diagnosis.actions if a.alliance_id}
    alliances = {i: db.session.get(Alliance, i) for i in alliance_ids}
    return render_template("diagnosis/plan.html", diagnosis=diagnosis, form=form, rows=plan.plan_rows(diagnosis),
                           alliances=alliances, status_form=StatusForm()), form_status()


@bp.route("/diagnosticos/<int:diagnosis_id>/plan/<int:action_id>", methods=["GET", "POST"])
@role_required("lab")
def edit_action(diagnosis_id, action_id):
    diagnosis = service.find_diagnosis(diagnosis_id)
    action = plan.find_action(diagnosis, action_id)
    gap = f"{action.gap_category}:{action.gap_origin}" if action.gap_category else ""
    form = ActionForm(diagnosis.assessments, obj=action, gap=gap)
    if form.validate_on_submit():
        if saved(form, lambda: plan.save_action(diagnosis, form.values(), action), _("Acción guardada.")):
            return redirect(url_for("diagnosis.improvement_plan", diagnosis_id=diagnosis.id))
    return render_template("diagnosis/edit_record.html", diagnosis=diagnosis, form=form, kind="action",
                           current="diagnosis.improvement_plan"), form_status()


@bp.post("/diagnosticos/<int:diagnosis_id>/plan/<int:action_id>/estado")
@role_required("lab")
def action_status(diagnosis_id, action_id):
    diagnosis = service.find_diagnosis(diagnosis_id)
    action = plan.find_action(diagnosis, action_id)
    form = StatusForm()
    back = url_for("diagnosis.improvement_plan", diagnosis_id=diagnosis.id)
    if not form.validate_on_submit():
        flash(_("Estado: elige un estado de la lista."), "error")
        return redirect(back)
    return act(lambda: plan.set_action_status(diagnosis, action, form.status.data), _("Estado de la acción guardado."),
               back)


@bp.route("/diagnosticos/<int:diagnosis_id>/lecciones", methods=["GET", "POST"])
@role_required("lab")
def lessons(diagnosis_id):
    diagnosis = service.find_diagnosis(diagnosis_id)
    form = LessonForm(diagnosis.workshops, ideas=idea_choices(diagnosis))
    if form.validate_on_submit():
        if saved(form, lambda: plan.save_lesson(diagnosis, form.values(), form.workshops.data,
                                                idea_ids=form.ideas.data), _("Lección aprendida guardada.")):
            return redirect(url_for("diagnosis.lessons", diagnosis_id=diagnosis.id))
    return render_template("diagnosis/lessons.html", diagnosis=diagnosis, form=form, words=searched()), form_status()


def searched():
    return (request.args.get("q") or "").strip()[:100]


def idea_choices(diagnosis, lesson=None):
    """The lesson's cited ideas, then those the search found."""
    cited = list(lesson.ideas) if lesson is not None else []
    ids = {c.idea_id for c in cited}
    return lesson_ideas.choices(cited + [f for f in lesson_ideas.search(diagnosis, searched()) if f.idea_id not in ids])


@bp.route("/diagnosticos/<int:diagnosis_id>/lecciones/<int:lesson_id>", methods=["GET", "POST"])
@role_required("lab")
def edit_lesson(diagnosis_id, lesson_id):
    diagnosis = service.find_diagnosis(diagnosis_id)
    lesson = plan.find_lesson(diagnosis, lesson_id)
    form = LessonForm(diagnosis.workshops, obj=lesson, workshops=[w.id for w in lesson.workshops],
                      ideas=idea_choices(diagnosis, lesson))
    if not form.is_submitted():
        form.ideas.data = [c.idea_id for c in lesson.ideas if c.idea_id is not None]
    if form.validate_on_submit():
        if saved(form, lambda: plan.save_lesson(diagnosis, form.values(), form.workshops.data, lesson,
                                                idea_ids=form.ideas.data), _("Lección aprendida guardada.")):
            return redirect(url_for("diagnosis.lessons", diagnosis_id=diagnosis.id))
    return render_template("diagnosis/edit_record.html", diagnosis=diagnosis, form=form, kind="lesson", lesson=lesson,
                           current="diagnosis.lessons", words=searched()), form_status()


@bp.route("/diagnosticos/<int:diagnosis_id>/buena-practica", methods=["GET", "POST"])
@bp.route("/diagnosticos/<int:diagnosis_id>/buena-practica/<int:practice_id>", methods=["GET", "POST"])
@role_required("lab")
def good_practice(diagnosis_id, practice_id=None):
    diagnosis = service.find_diagnosis(diagnosis_id)
    record = practice.find_practice(diagnosis, practice_id) if practice_id else None
    if record is not None:
        form = PracticeForm(obj=record, process_name=record.process)
    elif request.method == "GET":
        drafted = practice.prefill(diagnosis)
        form = PracticeForm(data={**drafted, "process_name": drafted["process"]})
    else:
        form = PracticeForm()
    if form.validate_on_submit():
        try:
            record = practice.save_practice(diagnosis, form.values(), record)
        except Refused as refusal:
            place(form, refusal)
        else:
            db.session.commit()
            flash(_("Registro FT-1311 guardado."), "success")
            return redirect(url_for("diagnosis.good_practice", diagnosis_id=diagnosis.id, practice_id=record.id))
    return render_template("diagnosis/practice.html", diagnosis=diagnosis, form=form, record=record), form_status()


@bp.route("/diagnosticos/<int:diagnosis_id>/comparar")
@role_required("lab")
def compare(diagnosis_id):
    diagnosis = service.find_diagnosis(diagnosis_id)
    others = [d for d in versions.lineage(diagnosis) if d.id != diagnosis.id]
    form = CompareForm(request.args)
    form.other.choices = [(d.id, _("Versión %(version)d", version=d.version)) for d in others]
    if not request.args and diagnosis.parent_id in {d.id for d in others}:
        form.other.data = diagnosis.parent_id
    other = next((d for d in others if d.id == form.other.data), None)
    older, newer = sorted([diagnosis, other], key=lambda d: d.version) if other else (None, None)
    changes = versions.compare(older, newer) if other else None
    return render_template("diagnosis/compare.html", diagnosis=diagnosis, form=form, older=older, newer=newer,
                           changes=changes)


