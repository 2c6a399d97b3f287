"""The lab's actors: created from a name with a stable slug, found by id, matched by name (one index
per process, rebuilt when the actors change), edited with a version check, merged as duplicates."""
import re
import threading

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..types import utcnow
from ..vocab import ACTOR_KINDS, ACTOR_RELATIONS, ACTOR_SCOPES, ORG_TYPE_SECTORS, ORG_TYPES, SECTORS, TERRITORIAL_LEVELS
from .matching import ActorEntry, ActorIndex
from .models import NAME_LENGTH, Actor, Alliance, Assessment, Capability, Entry, Link, alliance_actors
from .normalise import fold
from .persons import check_person_name

SLUG_LENGTH = 80
MAX_ALIASES = 20
MAX_TAGS = 20
TAG_LENGTH = 40
# The fields a person edits, with the vocabulary each must come from (None: free text).
EDITABLE = {
    "name": None, "acronym": None, "kind": ACTOR_KINDS, "sector": SECTORS, "org_type": ORG_TYPES,
    "scope": ACTOR_SCOPES, "relation": ACTOR_RELATIONS, "territorial_level": TERRITORIAL_LEVELS,
    "website": None, "description": None, "aliases": None, "tags": None,
}
TEXT_LIMITS = {"name": NAME_LENGTH, "acronym": 40, "website": 300, "description": 4000}
WEBSITE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


# -- names -------------------------------------------------------------------------------------

def clean_name(name, what=None):
    """A name trimmed, inner spaces collapsed, bounded like an idea's actor, never a person's."""
    cleaned = " ".join(str(name or "").split())
    label = what or _("El nombre del actor")
    if not cleaned:
        raise Invalid(_("%(what)s no puede quedar vacío.", what=label))
    if len(cleaned) > NAME_LENGTH:
        raise Invalid(_("%(what)s admite como máximo %(count)d caracteres.", what=label, count=NAME_LENGTH))
    check = check_person_name(cleaned)
    if check.flagged:
        raise Invalid(check.message(cleaned))
    return cleaned


def slug_for(name):
    """"Universidad Industrial de Santander" -> "universidad-industrial-de-santander", unused."""
    base = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:SLUG_LENGTH].strip("-") or "actor"
    taken = set(db.session.scalars(select(Actor.slug).where(Actor.slug.like(f"{base}%"))))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_actor(name, demo=False, **fields):
    """A new actor from a checked name; sector follows the org type when only that is given."""
    name = clean_name(name)
    if fields.get("org_type") and not fields.get("sector"):
        fields["sector"] = ORG_TYPE_SECTORS.get(fields["org_type"])
    fields = {"aliases": [], "tags": [], **fields}
    actor = Actor(name=name, slug=slug_for(name), demo=demo, last_change={}, **fields)
    if actor.relation == "current":
        actor.became_current_at = utcnow()
    db.session.add(actor)
    db.session.flush()
    forget_index()
    return actor


def find_actor(actor_id):
    actor = db.session.get(Actor, actor_id) if isinstance(actor_id, int) else None
    if actor is None:
        raise NotFound(_("Ese actor no está en el mapa."))
    return actor


def final_actor(actor):
    """The actor that stands for `actor` after merges (itself when never merged)."""
    seen = set()
    while actor.merged_into_id is not None and actor.id not in seen:
        seen.add(actor.id)
        actor = db.session.get(Actor, actor.merged_into_id)
    return actor


# -- matching: one index per process, rebuilt when the actors change --------------------------------

_index_lock = threading.Lock()
_index = {"stamp": None, "index": None}


def _stamp():
    """What changes whenever an actor is added, edited or merged (one cheap statement)."""
    return tuple(db.session.execute(select(func.count(Actor.id), func.max(Actor.updated_at))).one())


def actor_index():
    """The index of the actors a name may still be attached to (merged ones live on as aliases)."""
    stamp = (db.engine.url.render_as_string(), *_stamp())
    with _index_lock:
        if _index["stamp"] == stamp:
            return _index["index"]
    rows = db.session.execute(select(Actor.id, Actor.name, Actor.acronym, Actor.aliases)
                              .where(Actor.merged_into_id.is_(None)).order_by(Actor.id))
    index = ActorIndex(ActorEntry(id_, name, acronym or None, tuple(aliases or ()))
                       for id_, name, acronym, aliases in rows)
    with _index_lock:
        _index.update(stamp=stamp, index=index)
    return index


def forget_index():
    with _index_lock:
        _index.update(stamp=None, index=None)


# -- editing -----------------------------------------------------------------------------------

def edit_actor(actor_id, version, changes):
    """Save `changes` ({field: value}) made from `version`. A save from an older version is refused
    with the other person's change, so nothing is overwritten unseen; nothing here is lost either,
    since the refused values come back to the form."""
    actor = find_actor(actor_id)
    if version != actor.version:
        raise Conflict(_("Otra persona guardó cambios en este actor mientras lo editabas: %(change)s. "
                         "Revisa sus cambios y guarda de nuevo.", change=describe_change(actor.last_change)),
                       code="edit_conflict", version=actor.version, change=actor.last_change)
    checked = {field: check_field(field, value) for field, value in changes.items()}
    changed = {field: [getattr(actor, field), value] for field, value in checked.items()
               if getattr(actor, field) != value}
    if not changed:
        return actor
    for field, (_before, after) in changed.items():
        setattr(actor, field, after)
    if changed.get("relation", [None])[1] == "current":
        actor.became_current_at = utcnow()
    actor.version += 1
    actor.last_change = changed
    actor.updated_at = utcnow()
    db.session.flush()
    forget_index()
    return actor


def describe_change(change):
    if not change:
        return _("sin detalle")
    return "; ".join(f"{field}: «{before or '—'}» → «{after or '—'}»" for field, (before, after) in change.items())


def check_field(field, value):
    """One edited field, checked: a refusal names what is wrong, in the person's language."""
    if field not in EDITABLE:
        raise Invalid(_("El campo «%(field)s» no se puede editar.", field=field))
    vocabulary = EDITABLE[field]
    if field == "name":
        return clean_name(value)
    if field in ("aliases", "tags"):
        return _clean_list(field, value)
    if vocabulary is not None:
        return _from_vocabulary(field, value, vocabulary)
    text = " ".join(str(value or "").split()) if field != "description" else str(value or "").strip()
    if len(text) > TEXT_LIMITS[field]:
        raise Invalid(_("El campo «%(field)s» admite como máximo %(count)d caracteres.",
                        field=field, count=TEXT_LIMITS[field]))
    if field == "website" and text and not WEBSITE.match(text):
        raise Invalid(_("El sitio web debe empezar por http:// o https://."))
    return text


def _from_vocabulary(field, value, vocabulary):
    nullable = field in ("sector", "territorial_level")
    if value in (None, "") and nullable:
        return None
    if value in (None, "") and field == "org_type":
        return ""
    if value not in vocabulary:
        raise Invalid(_("«%(value)s» no es una opción de «%(field)s».", value=value, field=field))
    return value


def _clean_list(field, values):
    if isinstance(values, str):
        values = values.split(",")
    cleaned = []
    for value in values or ():
        text = " ".join(str(value).split())
        if text and text not in cleaned:
            cleaned.append(clean_name(text, _("Cada nombre alternativo")) if field == "aliases" else text[:TAG_LENGTH])
    limit = MAX_ALIASES if field == "aliases" else MAX_TAGS
    if len(cleaned) > limit:
        raise Invalid(_("Como máximo %(count)d elementos en «%(field)s».", count=limit, field=field))
    return cleaned


# -- merging duplicates ------------------------------------------------------------------------

def merge_actors(source_id, target_id):
    """Fold the duplicate `source` into `target`: its names become aliases, its evidence,
    assessments, links and alliances move over. Into itself or into a cycle is refused."""
    source, target = find_actor(source_id), find_actor(target_id)
    if source.id == target.id:
        raise Invalid(_("Un actor no se puede fusionar consigo mismo."), code="merge_self")
    if source.merged_into_id is not None:
        raise Conflict(_("«%(name)s» ya se fusionó con otro actor.", name=source.name), code="already_merged")
    if final_actor(target).id == source.id or target.merged_into_id is not None:
        raise Invalid(_("«%(target)s» ya está fusionado; fusionar ahí formaría un ciclo. Elige el actor "
                        "final.", target=target.name), code="merge_cycle")
    names = [source.name, *(source.aliases or ()), source.acronym]
    target.aliases = [n for n in dict.fromkeys([*(target.aliases or ()), *names])
                      if n and n not in (target.name, target.acronym)][:MAX_ALIASES * 2]
    _move_evidence(source, target)
    source.merged_into_id = target.id
    source.updated_at = target.updated_at = utcnow()
    target.version += 1
    target.last_change = {"aliases": [None, source.name]}
    db.session.flush()
    forget_index()
    return target


def _move_evidence(source, target):
    for model in (Capability,):
        db.session.execute(update(model).where(model.actor_id == source.id).values(actor_id=target.id))
    for column in (Entry.actor_id, Entry.candidate_id):
        db.session.execute(update(Entry).where(column == source.id).values({column.key: target.id}))
    for link in db.session.scalars(select(Link).where((Link.source_id == source.id) | (Link.target_id == source.id))):
        link.source_id = target.id if link.source_id == source.id else link.source_id
        link.target_id = target.id if link.target_id == source.id else link.target_id
        if link.source_id == link.target_id:
            db.session.delete(link)
    # A workshop that assessed both keeps the target's assessment; the others move.
    assessed = set(db.session.scalars(select(Assessment.workshop_id).where(Assessment.actor_id == target.id)))
    for assessment in db.session.scalars(select(Assessment).where(Assessment.actor_id == source.id)):
        if assessment.workshop_id in assessed:
            db.session.delete(assessment)
        else:
            assessment.actor_id = target.id
    for alliance in db.session.scalars(select(Alliance).join(alliance_actors).where(
            alliance_actors.c.actor_id == source.id)):
        alliance.actors = [a for a in alliance.actors if a.id != source.id] + \
            ([target] if target not in alliance.actors else [])
