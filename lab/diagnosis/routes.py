"""The lab team's diagnosis pages: the list, a new diagnosis from closed workshops, the diagnosis
page with every section, validating levels, and the version's steps (recompute, validate, publish,
new version). The plan, lessons, FT-1311 records and comparison are in records_views.py."""
from datetime import date

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import vocab as lab_vocab
from ..errors import Refused
from ..extensions import db
from ..maps.grid import grid_rows, render_grid, table_headers
from ..security import role_required
from ..web import act, form_status
from . import actors, alliances, plan, service, versions, vocab, voice
from .forms import AllyForm, AssessmentForm, DiagnosisForm
from .models import Diagnosis
from .offload import off_loop
from .vocab import level_percent

bp = Blueprint("diagnosis", __name__)

# A refusal names a service's field; some pages ask for it under another name.
FIELD_ALIASES = {"mipg_dimension": "mipg_policy"}


def place(form, refusal):
    """Put a refusal of the domain on the field it names, or above the form."""
    db.session.rollback()
    name = refusal.extra.get("field", "")
    field = getattr(form, FIELD_ALIASES.get(name, name), None) if name else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, str(refusal)]
    else:
        form.form_errors.append(str(refusal))


def saved(form, action, done):
    """A valid form's service call: commit and flash `done` (True), or, if the domain refuses, keep
    nothing and put why on the form (False)."""
    try:
        action()
    except Refused as refusal:
        place(form, refusal)
        return False
    db.session.commit()
    flash(done, "success")
    return True


@bp.context_processor
def helpers():
    return {"vocab": vocab, "lab_vocab": lab_vocab, "level_percent": level_percent}


@bp.route("/diagnosticos")
@role_required("lab")
def index():
    diagnoses = Diagnosis.query.order_by(Diagnosis.created_at.desc(), Diagnosis.id.desc()).all()
    return render_template("diagnosis/index.html", diagnoses=diagnoses)


@bp.route("/diagnosticos/nuevo", methods=["GET", "POST"])
@role_required("lab")
def create():
    closed = service.closed_workshops()
    form = DiagnosisForm(closed)
    if not form.is_submitted():
        today = date.today()
        form.period_start.data, form.period_end.data = date(today.year, 1, 1), today
        form.workshops.data = [w.id for w in closed[:2]]
    if form.validate_on_submit():
        try:
            diagnosis = off_loop(service.create_diagnosis, form.title.data, form.period_start.data,
                                 form.period_end.data, form.workshops.data, form.method_note.data, current_user)
        except Refused as refusal:
            place(form, refusal)
        else:
            db.session.commit()
            flash(_("Diagnóstico creado: revisa los niveles sugeridos y valídalos."), "success")
            return redirect(url_for("diagnosis.show", diagnosis_id=diagnosis.id))
    return render_template("diagnosis/new.html", form=form, closed=closed), form_status()


@bp.route("/diagnosticos/<int:diagnosis_id>")
@role_required("lab")
def show(diagnosis_id):
    diagnosis = service.find_diagnosis(diagnosis_id)
    return render_template("diagnosis/show.html", **off_loop(page_sections, diagnosis))


def page_sections(diagnosis):
    """What the diagnosis page shows, read and rendered (the SVG grid too) off the event loop."""
    actor_part = actors.section(diagnosis)
    rated = [a for a in actor_part["standing"] if a.rated]
    return dict(
        diagnosis=diagnosis, actors=actor_part, voice=voice.section(diagnosis),
        suggestions=alliances.suggestions(diagnosis, actor_part["betweenness"]),
        grid=render_grid(rated, id_prefix="diagnosis-grid") if rated else None,
        grid_rows=grid_rows(rated), grid_headers=table_headers(),
        plan=plan.plan_rows(diagnosis), ally_form=AllyForm(),
        workshop_titles={w.id: w.title for w in diagnosis.workshops},
        versions=sorted(versions.lineage(diagnosis), key=lambda d: d.version))


@bp.route("/diagnosticos/<int:diagnosis_id>/capacidades/<int:assessment_id>", methods=["GET", "POST"])
@role_required("lab")
def assess(diagnosis_id, assessment_id):
    diagnosis = service.find_diagnosis(diagnosis_id)
    row = service.find_assessment(diagnosis, assessment_id)
    form = AssessmentForm(obj=row)
    if form.validate_on_submit():
        try:
            service.assess(diagnosis, row, form.validated_level.data, form.target_level.data, form.narrative.data,
                           form.tag()["mipg_dimension"], form.mipg_policy.data, current_user)
        except Refused as refusal:
            place(form, refusal)
        else:
            db.session.commit()
            flash(_("Nivel guardado."), "success")
            return redirect(url_for("diagnosis.show", diagnosis_id=diagnosis.id, _anchor=f"capability-{row.id}"))
    return render_template("diagnosis/assessment.html", diagnosis=diagnosis, row=row, form=form), form_status()


def step(diagnosis_id, action, done):
    diagnosis = service.find_diagnosis(diagnosis_id)
    return act(lambda: action(diagnosis), done, url_for("diagnosis.show", diagnosis_id=diagnosis.id))


@bp.post("/diagnosticos/<int:diagnosis_id>/recalcular")
@role_required("lab")
def recompute(diagnosis_id):
    return step(diagnosis_id, lambda d: off_loop(service.compute, d),
                _("Niveles sugeridos recalculados; los validados no cambian."))


@bp.post("/diagnosticos/<int:diagnosis_id>/validar")
@role_required("lab")
def validate(diagnosis_id):
    return step(diagnosis_id, lambda d: service.validate(d, current_user), _("Diagnóstico validado."))


@bp.post("/diagnosticos/<int:diagnosis_id>/publicar")
@role_required("lab")
def publish(diagnosis_id):
    return step(diagnosis_id, lambda d: service.publish(d, current_user),
                _("Diagnóstico publicado: esta versión ya no cambia."))


@bp.post("/diagnosticos/<int:diagnosis_id>/nueva-version")
@role_required("lab")
def new_version(diagnosis_id):
    diagnosis = service.find_diagnosis(diagnosis_id)
    try:
        draft = versions.new_version(diagnosis, current_user)
    except Refused as refusal:
        db.session.rollback()
        flash(str(refusal), "error")
        return redirect(url_for("diagnosis.show", diagnosis_id=diagnosis.id))
    db.session.commit()
    flash(_("Nueva versión %(version)d creada como borrador.", version=draft.version), "success")
    return redirect(url_for("diagnosis.show", diagnosis_id=draft.id))


@bp.post("/diagnosticos/<int:diagnosis_id>/alianzas")
@role_required("lab")
def ally(diagnosis_id):
    diagnosis = service.find_diagnosis(diagnosis_id)
    form = AllyForm()
    back = url_for("diagnosis.show", diagnosis_id=diagnosis.id, _anchor="gaps")
    if not form.validate_on_submit():
        for field in (form.assessment, form.actors, form.responsible_unit, form.due_date, form.first_step):
            for message in field.errors:
                flash(f"{field.label.text}: {message}", "error")
        return redirect(back)
    row = service.find_assessment(diagnosis, form.assessment.data)

    def make():
        alliances.ally(diagnosis, row, form.actors.data, form.responsible_unit.data, form.due_date.data,
                       form.first_step.data)

    return act(make, _("Alianza creada en el mapa y acción añadida al plan de mejora."), back)
