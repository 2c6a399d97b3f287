"""The datasets of one workshop: attendance register, ideas, clusters, vote rounds with their
ranked results, hands and speaking times, and the audit log. Each reads from a WorkshopRead
(workshop_read.py) and returns rows in its columns' order."""
import json
from collections import Counter
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..attendance.service import register as attendance_register
from ..attendance.service import workshop_date
from ..board.models import Idea, VoteRound
from ..board.votes import results
from ..extensions import db
from ..live.models import Hand, LiveState
from ..realtime.models import AuditEntry
from ..vocab import CATEGORIES, MODALITIES
from .formats import Column, Kind
from .formats.cells import local, local_text, zone_of
from .registry import WORKSHOP, Dataset, register

HAND_STATES = {"raised": _l("En espera"), "speaking": _l("Con la palabra"), "done": _l("Terminó"),
               "lowered": _l("Bajó la mano")}
TARGETS = {"ideas": _l("Ideas"), "clusters": _l("Grupos")}
ROUND_STATUSES = {"open": _l("Abierta"), "closed": _l("Cerrada")}


def _label(vocabulary, key):
    return str(vocabulary.get(key, key)) if key else ""


# -- attendance register ------------------------------------------------------------------------

def register_header(read):
    """What the register is evidence of: entity, workshop, day, zone, modality, objective, when."""
    workshop = read.workshop
    day = workshop_date(workshop)
    return [(_l("Entidad"), workshop.entity), (_l("Taller"), workshop.title),
            (_l("Fecha"), local(day, zone_of(read.zone)).date() if day else None),
            (_l("Zona horaria"), read.zone), (_l("Modalidad"), _label(MODALITIES, workshop.modality)),
            (_l("Objetivo"), workshop.objective), (_l("Generado"), read.now)]


def register_rows(read):
    rows, tz = [], zone_of(read.zone)
    for person in attendance_register(read.workshop.id, read.now):
        last_leave = str(_l("En la sala")) if person.present_now else local_text(person.last_leave, tz)
        name, position, email = person.name, person.position, person.email
        if person.user_id is not None and not read.naming.may_name(person.user_id):
            name, position, email = person.org_type_label, "", ""
        rows.append((name, person.organisation, person.org_type_label, position, email, person.first_join,
                     last_leave, len(person.intervals), timedelta(seconds=int(person.present_seconds)),
                     timedelta(seconds=int(person.speaking_seconds)), person.role_label))
    return rows


ATTENDANCE = register(Dataset(
    name="asistencia", order=10, title=_l("Registro de asistencia"), scope=WORKSHOP, rows=register_rows,
    header=register_header, columns=(
        Column("name", _l("Nombre")), Column("organisation", _l("Organización")),
        Column("org_type", _l("Tipo de organización")), Column("position", _l("Cargo")),
        Column("email", _l("Correo electrónico")), Column("first_join", _l("Primera entrada"), Kind.DATETIME),
        Column("last_leave", _l("Última salida")), Column("intervals", _l("Intervalos"), Kind.INTEGER),
        Column("present", _l("Tiempo presente"), Kind.DURATION),
        Column("speaking", _l("Tiempo con la palabra"), Kind.DURATION), Column("role", _l("Rol")))))


# -- the board ----------------------------------------------------------------------------------

def idea_rows(read):
    """Columns, not objects: a workshop may hold ten thousand ideas."""
    ideas = db.session.execute(
        select(Idea.id, Idea.prompt_id, Idea.text, Idea.actor_name, Idea.category, Idea.cluster_id, Idea.hidden,
               Idea.merged_into_id, Idea.author_id, Idea.created_at)
        .where(Idea.workshop_id == read.workshop.id).order_by(Idea.id)).all()
    merged = Counter(idea.merged_into_id for idea in ideas if idea.merged_into_id is not None)
    categories = {key: str(label) for key, label in CATEGORIES.items()}
    clusters = {cluster_id: cluster.name for cluster_id, cluster in read.clusters.items()}
    prompts = {prompt_id: (read.activity_title(prompt_id), read.prompt_text(prompt_id)) for prompt_id in read.prompts}
    author, org_type = read.author, read.naming.org_type
    return [(idea.id, *prompts.get(idea.prompt_id, ("", "")), idea.text, idea.actor_name,
             categories.get(idea.category, idea.category), clusters.get(idea.cluster_id, ""),
             read.idea_votes.get(idea.id, 0), idea.hidden, idea.merged_into_id, merged.get(idea.id, 0),
             author(idea.author_id, idea.prompt_id), org_type(idea.author_id), idea.created_at) for idea in ideas]


IDEAS = register(Dataset(
    name="ideas", order=30, title=_l("Ideas"), scope=WORKSHOP, rows=idea_rows, columns=(
        Column("id", _l("N.º de idea"), Kind.INTEGER), Column("activity", _l("Actividad")),
        Column("prompt", _l("Pregunta")), Column("text", _l("Idea")), Column("actor", _l("Actor")),
        Column("category", _l("Categoría")), Column("cluster", _l("Grupo")),
        Column("votes", _l("Votos"), Kind.INTEGER), Column("hidden", _l("Oculta"), Kind.BOOLEAN),
        Column("merged_into", _l("Fusionada en la idea"), Kind.INTEGER),
        Column("merged", _l("Ideas fusionadas en ella"), Kind.INTEGER), Column("author", _l("Autor")),
        Column("author_org_type", _l("Tipo de organización del autor")),
        Column("created_at", _l("Publicada"), Kind.DATETIME))))


def cluster_rows(read):
    counts = {}
    for cluster_id in db.session.scalars(select(Idea.cluster_id).where(Idea.workshop_id == read.workshop.id,
                                                                       Idea.cluster_id.is_not(None))):
        counts[cluster_id] = counts.get(cluster_id, 0) + 1
    return [(c.id, read.activity_title(c.prompt_id), read.prompt_text(c.prompt_id), c.name, counts.get(c.id, 0),
             read.cluster_votes.get(c.id, 0), c.created_at) for c in read.clusters.values()]


CLUSTERS = register(Dataset(
    name="grupos", order=40, title=_l("Grupos de ideas"), scope=WORKSHOP, rows=cluster_rows, columns=(
        Column("id", _l("N.º de grupo"), Kind.INTEGER), Column("activity", _l("Actividad")),
        Column("prompt", _l("Pregunta")), Column("name", _l("Grupo")), Column("ideas", _l("Ideas"), Kind.INTEGER),
        Column("votes", _l("Votos"), Kind.INTEGER), Column("created_at", _l("Creado"), Kind.DATETIME))))


def vote_rounds(read):
    return db.session.scalars(select(VoteRound).where(VoteRound.workshop_id == read.workshop.id)
                              .order_by(VoteRound.opened_at, VoteRound.id)).all()


def option_text(read, round_, target_id, ideas):
    if round_.target == "clusters":
        cluster = read.clusters.get(target_id)
        return cluster.name if cluster else ""
    return ideas.get(target_id, "")


def vote_rows(read):
    ideas = dict(db.session.execute(select(Idea.id, Idea.text).where(Idea.workshop_id == read.workshop.id)).all())
    rows = []
    for number, round_ in enumerate(vote_rounds(read), 1):
        head = (number, read.prompt_text(round_.prompt_id), _label(TARGETS, round_.target),
                _label(ROUND_STATUSES, round_.status), round_.opened_at, round_.closed_at, round_.budget,
                round_.max_per_target)
        ranked = results(round_)
        if not ranked:
            rows.append(head + (None, None, "", 0, 0))
        for result in ranked:
            rows.append(head + (result["rank"], result["target_id"],
                                option_text(read, round_, result["target_id"], ideas),
                                int(result["votes"]), int(result["voters"])))
    return rows


VOTES = register(Dataset(
    name="votaciones", order=50, title=_l("Votaciones y resultados"), scope=WORKSHOP, rows=vote_rows, columns=(
        Column("round", _l("Ronda"), Kind.INTEGER), Column("prompt", _l("Pregunta")),
        Column("target", _l("Se vota por")), Column("status", _l("Estado")),
        Column("opened_at", _l("Abierta"), Kind.DATETIME), Column("closed_at", _l("Cerrada"), Kind.DATETIME),
        Column("budget", _l("Votos por persona"), Kind.INTEGER),
        Column("max_per_target", _l("Máximo por opción"), Kind.INTEGER), Column("rank", _l("Puesto"), Kind.INTEGER),
        Column("option_id", _l("N.º de opción"), Kind.INTEGER), Column("option", _l("Opción")),
        Column("votes", _l("Votos"), Kind.INTEGER), Column("voters", _l("Personas que votaron"), Kind.INTEGER))))


# -- hands and the audit log --------------------------------------------------------------------

def hand_rows(read):
    closed_at = db.session.scalar(select(LiveState.closed_at).where(LiveState.workshop_id == read.workshop.id))
    end_of_count = closed_at or read.now
    rows = []
    for hand in db.session.scalars(select(Hand).where(Hand.workshop_id == read.workshop.id)
                                   .order_by(Hand.raised_at, Hand.id)):
        spoke = None
        if hand.floor_at is not None:
            spoke = timedelta(seconds=int(max(0.0, ((hand.ended_at or end_of_count) - hand.floor_at).total_seconds())))
        rows.append((read.naming.name(hand.user_id), read.naming.org_type(hand.user_id),
                     _label(HAND_STATES, hand.state), hand.raised_at, hand.floor_at, hand.ended_at, spoke))
    return rows


HANDS = register(Dataset(
    name="turnos", order=60, title=_l("Manos y tiempos de palabra"), scope=WORKSHOP, rows=hand_rows, columns=(
        Column("person", _l("Persona")), Column("org_type", _l("Tipo de organización")),
        Column("state", _l("Estado")), Column("raised_at", _l("Levantó la mano"), Kind.DATETIME),
        Column("floor_at", _l("Tomó la palabra"), Kind.DATETIME), Column("ended_at", _l("Terminó"), Kind.DATETIME),
        Column("speaking", _l("Tiempo con la palabra"), Kind.DURATION))))


def audit_rows(read):
    return [(entry.at, read.naming.name(entry.user_id), entry.action,
             json.dumps(entry.detail, ensure_ascii=False, sort_keys=True) if entry.detail else "")
            for entry in db.session.scalars(select(AuditEntry).where(AuditEntry.workshop_id == read.workshop.id)
                                            .order_by(AuditEntry.at, AuditEntry.id))]


AUDIT = register(Dataset(
    name="auditoria", order=70, title=_l("Registro de auditoría"), scope=WORKSHOP, rows=audit_rows, columns=(
        Column("at", _l("Fecha y hora"), Kind.DATETIME), Column("person", _l("Persona")),
        Column("action", _l("Acción")), Column("detail", _l("Detalle")))))
