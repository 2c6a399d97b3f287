"""The improvement plan (PHVA actions) and the lessons learned of a diagnosis version."""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from .. import vocab as lab_vocab
from ..errors import NotFound
from ..extensions import db
from ..maps.models import Alliance
from ..workshops.models import Workshop
from . import lesson_ideas, vocab
from .models import ImprovementAction, Lesson
from .service import check_tag, editable, refuse


def check_action(fields):
    if fields.get("phase") not in vocab.PHVA_PHASES:
        refuse("phase", _("Fase PHVA: elige planear, hacer, verificar o actuar."))
    if not (fields.get("description") or "").strip():
        refuse("description", _("Descripción: describe la acción."))
    if not (fields.get("responsible_unit") or "").strip():
        refuse("responsible_unit", _("Unidad o rol responsable: toda acción necesita quien responda por ella."))
    if fields.get("status", "pendiente") not in vocab.ACTION_STATUSES:
        refuse("status", _("Estado: elige un estado de la lista."))
    check_tag(fields.get("mipg_dimension"), fields.get("mipg_policy"))


def check_gap(fields):
    category, origin = fields.get("gap_category", ""), fields.get("gap_origin", "")
    if category and (category not in lab_vocab.CATEGORIES or origin not in vocab.ORIGINS):
        refuse("gap", _("Brecha: elige una capacidad del diagnóstico."))


def check_alliance(alliance_id):
    if alliance_id is not None and db.session.get(Alliance, alliance_id) is None:
        refuse("alliance_id", _("Alianza: esa alianza no está en el mapa."))


ACTION_FIELDS = ("phase", "description", "responsible_unit", "due_date", "indicator", "status", "gap_category",
                 "gap_origin", "alliance_id", "mipg_dimension", "mipg_policy")


def save_action(diagnosis, fields, action=None):
    """Add an action to the plan, or change one. `fields` as ACTION_FIELDS."""
    editable(diagnosis)
    check_action(fields)
    check_gap(fields)
    check_alliance(fields.get("alliance_id"))
    if action is None:
        action = ImprovementAction(diagnosis=diagnosis)
        db.session.add(action)
    for name in ACTION_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(action, name, value.strip() if isinstance(value, str) else value)
    db.session.flush()
    return action


def find_action(diagnosis, action_id):
    action = db.session.get(ImprovementAction, action_id)
    if action is None or action.diagnosis_id != diagnosis.id:
        raise NotFound(_("Esa acción no es de este diagnóstico."))
    return action


def set_action_status(diagnosis, action, status):
    editable(diagnosis)
    if status not in vocab.ACTION_STATUSES:
        refuse("status", _("Estado: elige un estado de la lista."))
    action.status = status
    db.session.flush()


def is_overdue(action, today):
    return action.due_date is not None and action.due_date < today and action.status in vocab.OPEN_ACTION_STATUSES


def plan_rows(diagnosis, today=None):
    """The plan in PHVA order, each action with whether it is overdue today."""
    today = today or date.today()
    order = list(vocab.PHVA_PHASES)
    actions = sorted(diagnosis.actions, key=lambda a: (order.index(a.phase), a.due_date or date.max, a.id))
    return [{"action": action, "overdue": is_overdue(action, today)} for action in actions]


def find_lesson(diagnosis, lesson_id):
    lesson = db.session.get(Lesson, lesson_id)
    if lesson is None or lesson.diagnosis_id != diagnosis.id:
        raise NotFound(_("Esa lección no es de este diagnóstico."))
    return lesson


LESSON_FIELDS = ("title", "what_happened", "what_worked", "what_did_not", "recommendation", "evidence",
                 "mipg_dimension", "mipg_policy")


def save_lesson(diagnosis, fields, workshop_ids, lesson=None, idea_ids=None):
    """A lesson learned, linked to workshops of this diagnosis."""
    editable(diagnosis)
    if not (fields.get("title") or "").strip():
        refuse("title", _("Título: escribe de qué trata la lección."))
    if not (fields.get("recommendation") or "").strip():
        refuse("recommendation", _("Recomendación: una lección necesita qué hacer la próxima vez."))
    check_tag(fields.get("mipg_dimension"), fields.get("mipg_policy"))
    allowed = {w.id for w in diagnosis.workshops}
    if not set(workshop_ids) <= allowed:
        refuse("workshops", _("Talleres: elige talleres incluidos en este diagnóstico."))
    if lesson is None:
        lesson = Lesson(diagnosis=diagnosis)
        db.session.add(lesson)
    for name in LESSON_FIELDS:
        setattr(lesson, name, (fields.get(name) or "").strip())
    lesson.workshops = db.session.scalars(select(Workshop).where(Workshop.id.in_(workshop_ids))).all()
    if idea_ids is not None:
        lesson_ideas.cite(diagnosis, lesson, idea_ids)
    db.session.flush()
    return lesson
