"""Importing an archive: the file read with limits (formats/archive.py), its content checked for
shape (archive_schema.py) and then for references (every reference names a row of the archive),
and only then written, in one transaction the caller commits. A refusal is an ArchiveError whose
message says what is wrong and where; nothing is written before every check has passed.

People are matched by e-mail: someone already in the instance keeps their account as it is; a new
person is created without a password (they set one to log in). Each workshop gets a new join code.
"""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from pydantic import ValidationError
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..attendance.models import Attendance
from ..board.models import Cluster, Idea, Vote, VoteRound
from ..extensions import db
from ..live.models import Hand, LiveState
from ..realtime.models import AuditEntry
from ..workshops.models import Activity, AgendaItem, Participation, Prompt, Workshop
from .archive_out import DETAIL_REFERENCES, WORKSHOP_FIELDS
from .archive_schema import Content
from .formats import ArchiveError, Limits, read_archive

KINDS = {"workshop", "lab"}
ERRORS_SHOWN = 5


@dataclass
class Imported:
    people_created: int = 0
    people_matched: int = 0
    workshops: list = field(default_factory=list)   # new workshop ids
    ideas: int = 0


def import_archive(data: bytes, limits: Limits | None = None) -> Imported:
    """Check everything, then write (flush only). Raises ArchiveError with nothing written."""
    archive = read_archive(data, kinds=KINDS, **({"limits": limits} if limits else {}))
    try:
        content = Content.model_validate(archive.content)
    except ValidationError as error:
        raise ArchiveError("bad_shape", _shape_message(error)) from None
    check_references(content)
    imported = Imported()
    try:
        people = _people(content.people, imported)
        for workshop in content.workshops:
            _workshop(workshop, people, imported)
        db.session.flush()
    except IntegrityError as error:  # a safety net: the checks above should leave nothing to collide
        db.session.rollback()
        raise ArchiveError("conflict", _l("El archivo choca con datos de esta instalación (%(detail)s).",
                                          detail=str(error.orig)[:200])) from None
    return imported


# -- checks ---------------------------------------------------------------------------------------

def _where(location):
    return " → ".join(str(part + 1) if isinstance(part, int) else str(part) for part in ("content", *location))


def _shape_message(error):
    problems = []
    for item in error.errors()[:ERRORS_SHOWN]:
        kind = item["type"]
        if kind == "missing":
            what = _l("falta este campo")
        elif kind == "extra_forbidden":
            what = _l("campo desconocido")
        elif kind in ("string_too_long", "too_long"):
            what = _l("demasiado largo")
        elif kind.endswith("_type") or kind in ("model_type", "is_instance_of"):
            what = _l("tipo equivocado")
        else:
            what = _l("valor no válido")
        problems.append(f"«{_where(item['loc'])}»: {what}")
    more = error.error_count() - ERRORS_SHOWN
    return _l("El contenido del archivo no tiene la forma esperada: %(problems)s%(more)s.",
              problems="; ".join(problems), more=f" (+{more})" if more > 0 else "")


def _missing(where, ref, collection):
    return ArchiveError("missing_reference", _l(
        "«%(where)s» nombra el elemento %(ref)s de «%(collection)s», que no está en el archivo.",
        where=where, ref=ref, collection=collection))


def check_references(content: Content):
    """Every reference names a row of the archive; e-mails and idea ids of posting are unique."""
    people = len(content.people)
    emails = [p.email.strip().lower() for p in content.people]
    if len(set(emails)) != len(emails):
        repeated = next(e for e in emails if emails.count(e) > 1)
        raise ArchiveError("duplicate_person", _l("El correo %(email)s aparece en dos personas del archivo.",
                                                  email=repeated))
    for number, workshop in enumerate(content.workshops, 1):
        _check_workshop(number, workshop, people)


def _check_workshop(number, workshop, people):
    sizes = {"people": people, "agenda": len(workshop.agenda), "activities": len(workshop.activities),
             "prompts": len(workshop.prompts), "clusters": len(workshop.clusters), "ideas": len(workshop.ideas)}

    def check(where, ref, collection):
        if ref is not None and ref > sizes[collection]:
            raise _missing(f"workshops → {number} → {where}", ref, collection)

    for index, ref in enumerate(workshop.moderators, 1):
        check(f"moderators → {index}", ref, "people")
    for ref in (workshop.live.agenda_spent if workshop.live else {}):
        check(f"live → agenda_spent → {ref}", int(ref), "agenda")
    _unique(number, "participants", [row.person for row in workshop.participants])
    for index, row in enumerate(workshop.participants, 1):
        check(f"participants → {index} → person", row.person, "people")
    for index, row in enumerate(workshop.activities, 1):
        check(f"activities → {index} → agenda_item", row.agenda_item, "agenda")
    for index, row in enumerate(workshop.prompts, 1):
        check(f"prompts → {index} → activity", row.activity, "activities")
    for index, row in enumerate(workshop.clusters, 1):
        check(f"clusters → {index} → prompt", row.prompt, "prompts")
    client_ids = set()
    for index, row in enumerate(workshop.ideas, 1):
        check(f"ideas → {index} → prompt", row.prompt, "prompts")
        check(f"ideas → {index} → author", row.author, "people")
        check(f"ideas → {index} → merged_into", row.merged_into, "ideas")
        check(f"ideas → {index} → cluster", row.cluster, "clusters")
        if row.client_id in client_ids:
            raise ArchiveError("duplicate_idea", _l(
                "«workshops → %(number)s → ideas → %(index)s» repite el identificador «%(client)s» de otra idea.",
                number=number, index=index, client=row.client_id[:40]))
        client_ids.add(row.client_id)
    for index, row in enumerate(workshop.vote_rounds, 1):
        check(f"vote_rounds → {index} → prompt", row.prompt, "prompts")
        _unique(number, f"vote_rounds → {index} → votes", [(vote.person, vote.option) for vote in row.votes])
        for vote_index, vote in enumerate(row.votes, 1):
            check(f"vote_rounds → {index} → votes → {vote_index} → person", vote.person, "people")
            check(f"vote_rounds → {index} → votes → {vote_index} → option", vote.option, row.target)
    for name in ("hands", "attendance", "audit"):
        for index, row in enumerate(getattr(workshop, name), 1):
            check(f"{name} → {index} → person", row.person, "people")


def _unique(number, where, keys):
    seen = set()
    for index, key in enumerate(keys, 1):
        if key in seen:
            raise ArchiveError("duplicate_row", _l("«workshops → %(number)s → %(where)s → %(index)s» repite una fila "
                                                   "anterior.", number=number, where=where, index=index))
        seen.add(key)


# -- writing --------------------------------------------------------------------------------------

def _added(rows):
    db.session.add_all(rows)
    db.session.flush()
    return [None] + [row.id for row in rows]   # archive reference n -> new id at [n]


def _ref(ids, ref):
    return ids[ref] if ref is not None else None


def _people(people, imported):
    existing = dict(db.session.execute(select(func.lower(User.email), User.id)
                                       .where(func.lower(User.email).in_([p.email.lower() for p in people]))).all())
    ids, new = [None], []
    for person in people:
        email = person.email.strip().lower()
        if email in existing:
            ids.append(existing[email])
            imported.people_matched += 1
        else:
            row = User(**{**person.model_dump(), "email": email}, password_hash=None)
            new.append(row)
            ids.append(row)
    db.session.add_all(new)
    db.session.flush()
    imported.people_created += len(new)
    return [item.id if isinstance(item, User) else item for item in ids]


def _workshop(data, people, imported):
    workshop = Workshop(**{name: getattr(data, name) for name in WORKSHOP_FIELDS})
    db.session.add(workshop)
    db.session.flush()
    wid = workshop.id
    imported.workshops.append(wid)
    moderators = [db.session.get(User, people[ref]) for ref in data.moderators]
    workshop.moderators = list(dict.fromkeys(moderators))
    db.session.add_all(Participation(workshop_id=wid, user_id=people[p.person], joined_at=p.joined_at)
                       for p in data.participants)
    agenda = _added([AgendaItem(workshop_id=wid, **a.model_dump()) for a in data.agenda])
    if data.live is not None:
        live = data.live
        db.session.add(LiveState(workshop_id=wid, started_at=live.started_at, closed_at=live.closed_at,
                                 agenda_since=live.agenda_since, projector_mode=live.projector_mode,
                                 agenda_spent={str(agenda[int(ref)]): spent for ref, spent in live.agenda_spent.items()
                                               if int(ref) < len(agenda)}))
    activities = _added([Activity(workshop_id=wid, agenda_item_id=_ref(agenda, a.agenda_item), position=a.position,
                                  title=a.title, instructions=a.instructions) for a in data.activities])
    prompts = _added([Prompt(workshop_id=wid, activity_id=activities[p.activity],
                             **p.model_dump(exclude={"activity"})) for p in data.prompts])
    clusters = _added([Cluster(workshop_id=wid, prompt_id=prompts[c.prompt], name=c.name, created_at=c.created_at)
                       for c in data.clusters])
    idea_rows = [Idea(workshop_id=wid, prompt_id=prompts[i.prompt], author_id=_ref(people, i.author),
                      cluster_id=_ref(clusters, i.cluster),
                      **i.model_dump(exclude={"prompt", "author", "cluster", "merged_into"})) for i in data.ideas]
    ideas = _added(idea_rows)
    _merges(data.ideas, ideas)
    imported.ideas += len(idea_rows)
    rounds = _rounds(wid, data.vote_rounds, people, prompts, ideas, clusters)
    hands = _added([Hand(workshop_id=wid, user_id=_ref(people, h.person), **h.model_dump(exclude={"person"}))
                    for h in data.hands])
    db.session.add_all(Attendance(workshop_id=wid, user_id=_ref(people, a.person), sid=f"import-{wid}-{n}",
                                  last_seen=a.left_at or a.joined_at, **a.model_dump(exclude={"person"}))
                       for n, a in enumerate(data.attendance, 1))
    collections = {"agenda": agenda, "prompts": prompts, "ideas": ideas, "clusters": clusters, "hands": hands,
                   "vote_rounds": rounds}
    db.session.add_all(AuditEntry(workshop_id=wid, user_id=_ref(people, e.person), action=e.action, at=e.at,
                                  detail=_detail_ids(e.detail, collections)) for e in data.audit)


def _rounds(wid, rounds, people, prompts, ideas, clusters):
    rows = [VoteRound(workshop_id=wid, prompt_id=prompts[r.prompt], **r.model_dump(exclude={"prompt", "votes"}))
            for r in rounds]
    round_ids = _added(rows)
    for number, data in enumerate(rounds, 1):
        options = clusters if data.target == "clusters" else ideas
        db.session.add_all(Vote(round_id=round_ids[number], user_id=people[v.person], target_id=options[v.option],
                                count=v.count) for v in data.votes)
    return round_ids


def _merges(ideas, ids):
    """Merges point at ideas inserted in the same batch, so they are set after it, in one statement
    that also keeps each idea's `updated_at` as archived (the ORM would stamp it with now)."""
    table = Idea.__table__
    merged = [{"row_id": ids[n], "into": ids[idea.merged_into], "updated": idea.updated_at}
              for n, idea in enumerate(ideas, 1) if idea.merged_into is not None]
    if merged:
        db.session.execute(update(table).where(table.c.id == bindparam("row_id"))
                           .values(merged_into_id=bindparam("into"), updated_at=bindparam("updated")), merged)


def _detail_ids(detail, collections):
    """The audit detail with archive references turned into the new ids (the inverse of the export)."""
    out = {}
    for key, value in detail.items():
        name = DETAIL_REFERENCES.get(key)
        if name is None:
            out[key] = value
        elif isinstance(value, list):
            out[key] = [_id_of(collections[name], v) for v in value]
        else:
            out[key] = _id_of(collections[name], value)
    return out


def _id_of(ids, ref):
    return ids[ref] if isinstance(ref, int) and not isinstance(ref, bool) and 0 < ref < len(ids) else None
