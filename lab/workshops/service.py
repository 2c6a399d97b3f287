"""Workshop operations, usable without HTTP: from a page, a live event, the command line or a job.

Each function flushes at most; whoever called it (the boundary) commits. Also the lookups other
slices share: a prompt of a workshop, and whether a workshop is live."""
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import signals, vocab
from ..accounts.models import User
from ..errors import Conflict, NotFound
from ..extensions import db
from .access import moderated_by
from .models import Activity, AgendaItem, Participation, Prompt, Workshop, new_join_code
from .templates_schema import agenda_index

DETAIL_FIELDS = ("title", "entity", "timezone", "modality", "meeting_link", "objective", "purpose", "status",
                 "starts_at")
AGENDA_FIELDS = ("title", "minutes", "presenter", "kind")
ACTIVITY_FIELDS = ("title", "instructions", "agenda_item_id")
PROMPT_FIELDS = ("text", "seconds", "reveal_mode", "asks_actor", "asks_category", "anonymous")


# --- codes and lookups -------------------------------------------------------------------------

def unique_join_code():
    # 31^6 codes: a clash is rare, but a second workshop must never share a code.
    for _attempt in range(20):
        code = new_join_code()
        if not db.session.scalar(select(Workshop.id).filter_by(join_code=code)):
            return code
    raise RuntimeError("no free join code after 20 attempts")


def normalize_code(code):
    """Codes are read aloud and typed by hand: ignore case, spaces and dashes."""
    return re.sub(r"[\s-]+", "", code or "").upper()


def find_by_code(code):
    code = normalize_code(code)
    if not code or len(code) > 12:
        return None
    return db.session.scalar(select(Workshop).filter_by(join_code=code))


def regenerate_code(workshop):
    workshop.join_code = unique_join_code()
    return workshop.join_code


def find_prompt(workshop_id, prompt_id):
    """A prompt of this workshop; the ids of another workshop's prompts are not found."""
    prompt = db.session.scalars(select(Prompt).filter_by(id=prompt_id, workshop_id=workshop_id)).first()
    if prompt is None:
        raise prompt_not_found()
    return prompt


def prompt_not_found():
    return NotFound(_l("Esa pregunta no es de este taller."))


def workshop_status(workshop_id):
    return db.session.scalar(select(Workshop.status).where(Workshop.id == workshop_id))


def require_live(status):
    """Live events that need the room running refuse when the workshop's status is anything else."""
    if status != "live":
        raise Conflict(_l("El taller no está en vivo."), code="not_live")


def require_open(workshop_id):
    """Closing is final: nothing in the room moves afterwards (agenda, prompts, countdowns, hands,
    groups). A refusal with a reason, never a silent change."""
    if workshop_status(workshop_id) == "closed":
        raise Conflict(_l("El taller está cerrado: la sala ya no cambia."), code="closed")


# --- listing ----------------------------------------------------------------------------------

def search_query(user, text="", status=""):
    """Workshops the user may see, newest first, matching title, code or status."""
    query = select(Workshop).where(moderated_by(user))
    if status in vocab.STATUSES:
        query = query.where(Workshop.status == status)
    text = (text or "").strip()
    if text:
        folded = text.casefold()
        statuses = [key for key, label in vocab.STATUSES.items() if folded == key or folded in str(label).casefold()]
        query = query.where(db.or_(
            Workshop.title.icontains(text, autoescape=True),
            Workshop.join_code.icontains(normalize_code(text), autoescape=True),
            Workshop.status.in_(statuses),
        ))
    return query.order_by(Workshop.created_at.desc(), Workshop.id.desc())


# --- creation ---------------------------------------------------------------------------------

def create_workshop(title, created_by, zone, template=None):
    """A new draft workshop: blank, or a copy of a template's agenda, rules, activities and prompts."""
    workshop = Workshop(title=title, created_by_id=created_by.id, timezone=zone, status="draft",
                        join_code=unique_join_code())
    db.session.add(workshop)
    if template is not None:
        _copy_template(workshop, template.spec)
        workshop.template_key = template.key
    db.session.flush()
    return workshop


def _copy_template(workshop, spec):
    workshop.entity = spec.entity
    workshop.modality = spec.modality
    workshop.objective = spec.objective
    workshop.purpose = spec.purpose
    workshop.rules = [{"title": r.title, "text": r.text} for r in spec.rules]
    workshop.agenda = [AgendaItem(position=i, title=a.title, minutes=a.minutes, presenter=a.presenter, kind=a.kind)
                       for i, a in enumerate(spec.agenda)]
    db.session.flush()  # agenda ids, for the activities that run in an item
    for i, a in enumerate(spec.activities):
        index = agenda_index(spec, a.agenda) if a.agenda is not None else None
        activity = Activity(position=i, title=a.title, instructions=a.instructions,
                            agenda_item_id=workshop.agenda[index].id if index is not None else None)
        workshop.activities.append(activity)
        for j, p in enumerate(a.prompts):
            activity.prompts.append(Prompt(position=j, text=p.text, seconds=p.seconds, reveal_mode=p.reveal,
                                           asks_actor=p.asks_actor, asks_category=p.asks_category,
                                           anonymous=p.anonymous,
                                           workshop_id=workshop.id))


# --- details ----------------------------------------------------------------------------------

def to_utc(day, clock, zone):
    """A wall-clock date and time in the workshop's zone, as aware UTC; None without a date."""
    if day is None or clock is None:
        return None
    return datetime.combine(day, clock, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def local_start(workshop):
    """(date, time) of the start in the workshop's own zone, for editing."""
    if workshop.starts_at is None:
        return None, None
    local = workshop.starts_at.astimezone(ZoneInfo(workshop.timezone))
    return local.date(), local.time().replace(second=0, microsecond=0, tzinfo=None)


def update_details(workshop, **fields):
    """The workshop's details. Its status only while it is being planned, and only to a planning
    status: a workshop goes live and closes from the console, and closing is final."""
    if "status" in fields and (workshop.status not in vocab.PLANNING_STATUSES
                               or fields["status"] not in vocab.PLANNING_STATUSES):
        raise Conflict(_("El estado de un taller en vivo o cerrado no se cambia desde este formulario."),
                       code="status_locked")
    _assign(workshop, DETAIL_FIELDS, fields)


def _assign(row, allowed, fields):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(row, name, value)


# --- rules (a JSON list on the workshop) ------------------------------------------------------

def _rule_at(workshop, index):
    if not 0 <= index < len(workshop.rules or []):
        raise NotFound(_("Esa regla ya no existe; recarga la página."))


def add_rule(workshop, title, text):
    workshop.rules = [*(workshop.rules or []), {"title": title, "text": text}]


def update_rule(workshop, index, title, text):
    _rule_at(workshop, index)
    rules = list(workshop.rules)
    rules[index] = {"title": title, "text": text}
    workshop.rules = rules  # a new list, so the JSON column is seen as changed


def delete_rule(workshop, index):
    _rule_at(workshop, index)
    workshop.rules = [r for i, r in enumerate(workshop.rules) if i != index]


def move_rule(workshop, index, direction):
    _rule_at(workshop, index)
    rules = list(workshop.rules)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(rules):
        rules[index], rules[other] = rules[other], rules[index]
        workshop.rules = rules


# --- ordered rows: agenda items, activities, prompts ------------------------------------------

def _renumber(rows):
    for position, row in enumerate(rows):
        row.position = position


def move(rows, row, direction):
    """Swap `row` with its neighbour in `rows` (ordered by position)."""
    rows = list(rows)
    i = rows.index(row)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(rows):
        rows[i], rows[j] = rows[j], rows[i]
        _renumber(rows)


def add_agenda_item(workshop, **fields):
    item = AgendaItem(position=len(workshop.agenda))
    _assign(item, AGENDA_FIELDS, fields)
    workshop.agenda.append(item)
    db.session.flush()
    return item


def update_agenda_item(item, **fields):
    _assign(item, AGENDA_FIELDS, fields)


def delete_agenda_item(workshop, item):
    # Activities that ran in this item keep running, just without an agenda slot.
    for activity in workshop.activities:
        if activity.agenda_item_id == item.id:
            activity.agenda_item_id = None
    workshop.agenda.remove(item)
    _renumber(workshop.agenda)


def add_activity(workshop, **fields):
    activity = Activity(position=len(workshop.activities))
    _assign(activity, ACTIVITY_FIELDS, fields)
    workshop.activities.append(activity)
    db.session.flush()
    return activity


def update_activity(activity, **fields):
    _assign(activity, ACTIVITY_FIELDS, fields)


def in_use(prompt_ids):
    """Whether any slice keeps rows on these prompts (ideas, ...), which deleting them would lose."""
    if not prompt_ids:
        return False
    return any(count for _receiver, count in signals.prompts_in_use.send(None, prompt_ids=list(prompt_ids)))


def delete_activity(workshop, activity):
    if in_use([p.id for p in activity.prompts]):
        raise Conflict(_("No se puede eliminar la actividad: sus preguntas ya tienen ideas."))
    workshop.activities.remove(activity)
    _renumber(workshop.activities)


def delete_workshop(workshop):
    """Delete a workshop and everything hanging on it, unless a slice refuses (lab/signals.py)."""
    signals.workshop_deleting.send(workshop)
    db.session.delete(workshop)
    db.session.flush()


def add_prompt(activity, **fields):
    prompt = Prompt(position=len(activity.prompts), workshop_id=activity.workshop_id)
    _assign(prompt, PROMPT_FIELDS, fields)
    activity.prompts.append(prompt)
    db.session.flush()
    return prompt


def update_prompt(prompt, **fields):
    _assign(prompt, PROMPT_FIELDS, fields)


def delete_prompt(activity, prompt):
    if in_use([prompt.id]):
        raise Conflict(_("No se puede eliminar la pregunta: ya tiene ideas de los participantes."))
    activity.prompts.remove(prompt)
    _renumber(activity.prompts)


# --- moderators -------------------------------------------------------------------------------

def add_moderator(workshop, email):
    """Assign an existing moderator or lab-team account, found by e-mail."""
    user = db.session.scalar(select(User).filter_by(email=(email or "").strip().lower()))
    if user is None:
        raise NotFound(_("No hay ninguna cuenta con ese correo."))
    if user.role not in ("moderator", "lab"):
        raise Conflict(_("Esa persona no tiene el rol de moderador ni es del equipo del laboratorio."))
    if user in workshop.moderators:
        raise Conflict(_("Esa persona ya modera este taller."))
    workshop.moderators.append(user)
    db.session.flush()
    return user


def remove_moderator(workshop, user_id):
    workshop.moderators = [m for m in workshop.moderators if m.id != user_id]


# --- joining ----------------------------------------------------------------------------------

def join(user, workshop):
    """The user's participation in the workshop, created once however often they join. The join
    pages call it as the last write of their transaction: a twin insert rolls the session back."""
    existing = db.session.scalar(select(Participation).filter_by(workshop_id=workshop.id, user_id=user.id))
    if existing is not None:
        return existing
    participation = Participation(workshop_id=workshop.id, user_id=user.id)
    db.session.add(participation)
    try:
        db.session.flush()
    except IntegrityError:  # the same person joining twice at once: theirs is stored, keep it
        db.session.rollback()  # a failed flush leaves the session unusable until rolled back
        return db.session.scalar(select(Participation).filter_by(workshop_id=workshop.id, user_id=user.id))
    return participation


def keep_guest_workshop(user):
    """A guest who chose a password stops being a guest: their Participation keeps them in the workshop."""
    joined = select(Participation.id).filter_by(user_id=user.id, workshop_id=user.guest_workshop_id)
    if db.session.scalar(joined) is None:
        db.session.add(Participation(user_id=user.id, workshop_id=user.guest_workshop_id))
