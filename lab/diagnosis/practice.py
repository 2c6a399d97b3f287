"""Good-practice records (form FT-1311): a draft pre-filled from what the platform already knows
about the lab, never from participants' personal data, then completed by the lab team."""
from collections import Counter
from datetime import date

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import select

from .. import vocab as lab_vocab
from ..attendance.models import Attendance
from ..errors import NotFound
from ..extensions import db
from . import vocab
from .models import GoodPractice
from .service import check_tag, editable, refuse

TEXT_FIELDS = ("name", "unit", "unit_head", "process", "team", "responsible_name", "responsible_link",
               "contact_phone", "contact_email", "adapted_from", "description", "baseline", "target_population",
               "scope", "contribution", "results", "benefits", "dissemination", "other_aspects", "challenges",
               "stability", "conclusions", "annexes", "mipg_dimension", "mipg_policy")
DATE_FIELDS = ("filled_on", "started_on")


def organisation_types(workshop_ids):
    """{org type: people} from the registers: types only, never who."""
    rows = db.session.execute(
        select(Attendance.org_type, Attendance.user_id, Attendance.name)
        .where(Attendance.workshop_id.in_(workshop_ids), Attendance.role == "participant")).all()
    people = {(org_type, user_id or name) for org_type, user_id, name in rows}
    return Counter(org_type for org_type, _person in people)


def population_text(counts):
    parts = [f"{lab_vocab.ORG_TYPES.get(key, key)} ({n})" for key, n in counts.most_common() if key]
    return _("Participantes de los talleres por tipo de organización: %(types)s.", types=", ".join(parts)) \
        if parts else ""


def distinct(texts):
    """Non-empty texts, each once, in order: workshops of one series often share an objective."""
    return list(dict.fromkeys(t.strip() for t in texts if t and t.strip()))


def results_text(diagnosis):
    evidence = [e for row in diagnosis.assessments for e in row.evidence]
    actors = {e.actor_key for e in evidence if e.actor_key and not e.actor_key.startswith("name:")}
    lines = [_("%(ideas)d ideas de %(workshops)d talleres nombran %(actors)d actores en el mapa.",
               ideas=len({e.idea_id or e.id for e in evidence}), workshops=len(diagnosis.workshops),
               actors=len(actors))]
    for row in diagnosis.assessments:
        inputs = row.suggestion_inputs or {}
        if inputs.get("offers") or inputs.get("needs"):
            lines.append(_("%(category)s (%(origin)s): nivel %(level)d, %(offers)d ofertas de %(actors)d actores.",
                           category=lab_vocab.CATEGORIES[row.category], origin=vocab.ORIGINS[row.origin],
                           level=row.current_level, offers=inputs.get("offers", 0), actors=inputs.get("actors", 0)))
    wide = [f"{lab_vocab.CATEGORIES[r.category]} ({vocab.ORIGINS[r.origin]})"
            for r in diagnosis.assessments if r.gap is not None and r.gap >= 2]
    if wide:
        lines.append(_("Brechas de 2 niveles o más: %(gaps)s.", gaps="; ".join(wide)))
    return "\n".join(lines)


def prefill(diagnosis, today=None):
    """FT-1311's fields as the platform can draft them. Contact fields stay empty: the lab team types
    them (a participant's name, e-mail or phone is never copied here)."""
    workshops = list(diagnosis.workshops)
    first = workshops[0] if workshops else None
    starts = [w.starts_at.date() for w in workshops if w.starts_at]
    return {
        "filled_on": today or date.today(),
        "name": diagnosis.title,
        "unit": first.entity if first else "",
        "process": str(vocab.policy_label(vocab.HOME_POLICY)),
        "mipg_dimension": vocab.HOME_DIMENSION,
        "mipg_policy": vocab.HOME_POLICY,
        "started_on": min(starts) if starts else diagnosis.period_start,
        "description": "\n\n".join(distinct(w.objective for w in workshops)),
        "baseline": "\n\n".join(distinct(w.purpose for w in workshops)),
        "target_population": population_text(organisation_types([w.id for w in workshops])),
        "scope": _("Talleres de co-creación entre %(start)s y %(end)s: %(titles)s.",
                   start=diagnosis.period_start.isoformat(), end=diagnosis.period_end.isoformat(),
                   titles="; ".join(w.title for w in workshops)),
        "results": results_text(diagnosis),
        "criteria": [],
    }


def check_practice(fields):
    if not (fields.get("name") or "").strip():
        refuse("name", _("Nombre de la buena práctica: es obligatorio."))
    email = (fields.get("contact_email") or "").strip()
    if email:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            refuse("contact_email", _("Correo institucional de contacto: no es un correo válido."))
    if not set(fields.get("criteria") or []) <= set(vocab.GOOD_PRACTICE_CRITERIA):
        refuse("criteria", _("Criterios: elige criterios de la lista."))
    check_tag(fields.get("mipg_dimension"), fields.get("mipg_policy"))


def save_practice(diagnosis, fields, practice=None):
    editable(diagnosis)
    check_practice(fields)
    if practice is None:
        practice = GoodPractice(diagnosis=diagnosis)
        db.session.add(practice)
    for name in TEXT_FIELDS:
        setattr(practice, name, (fields.get(name) or "").strip())
    for name in DATE_FIELDS:
        setattr(practice, name, fields.get(name))
    practice.criteria = [key for key in vocab.GOOD_PRACTICE_CRITERIA if key in set(fields.get("criteria") or [])]
    db.session.flush()
    return practice


def find_practice(diagnosis, practice_id):
    practice = db.session.get(GoodPractice, practice_id)
    if practice is None or practice.diagnosis_id != diagnosis.id:
        raise NotFound(_("Ese registro no es de este diagnóstico."))
    return practice
