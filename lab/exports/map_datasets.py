"""The lab's map as datasets (actors, capabilities, links, alliances, assessments) and as a graph
(actors as nodes, links as edges) for GraphML, GEXF and Kumu. Actor ids in every file are
"actor-<id>" and link ids "link-<id>": stable for the life of the installation, so a newer export
re-imported into Kumu or Gephi updates instead of duplicating. An actor merged into another is
listed in the actors' table (with the one it was merged into) but is no node of the graph."""
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..extensions import db
from ..maps.models import (
    Actor,
    Alliance,
    Assessment,
    Capability,
    Entry,
    Link,
    alliance_actors,
    alliance_capabilities,
    link_ideas,
)
from ..vocab import (
    ACTOR_KINDS,
    ACTOR_RELATIONS,
    ACTOR_SCOPES,
    ALLIANCE_INSTRUMENTS,
    ALLIANCE_STAGES,
    AVAILABILITY,
    CAPABILITY_DIRECTIONS,
    CATEGORIES,
    LINK_KINDS,
    LINK_STRENGTHS,
    ORG_TYPES,
    SECTORS,
    TERRITORIAL_LEVELS,
)
from ..workshops.models import Workshop
from .formats import Column, Edge, Graph, Kind, Node
from .registry import LAB, Dataset, register


@dataclass
class LabRead:
    now: datetime
    zone: str


def _labels(vocabulary):
    return {key: str(label) for key, label in vocabulary.items()}


def _shown(labels, key):
    return labels.get(key, key) if key not in (None, "") else ""


def _actors():
    return db.session.scalars(select(Actor).order_by(Actor.id)).all()


def _names():
    return dict(db.session.execute(select(Actor.id, Actor.name)).all())


def _workshops():
    return dict(db.session.execute(select(Workshop.id, Workshop.title)).all())


def _evidence():
    """Accepted board entries per actor: the ideas behind it."""
    return dict(db.session.execute(select(Entry.actor_id, func.count()).where(Entry.status == "accepted",
                                                                            Entry.actor_id.is_not(None))
                                   .group_by(Entry.actor_id)).all())


def actor_id(actor_id_):
    return f"actor-{actor_id_}"


def actor_rows(read):
    kinds, sectors, orgs, scopes = _labels(ACTOR_KINDS), _labels(SECTORS), _labels(ORG_TYPES), _labels(ACTOR_SCOPES)
    relations, levels, names, evidence = _labels(ACTOR_RELATIONS), _labels(TERRITORIAL_LEVELS), _names(), _evidence()
    return [(actor_id(a.id), a.name, a.acronym, tuple(a.aliases or ()), _shown(kinds, a.kind),
             _shown(sectors, a.sector), _shown(orgs, a.org_type), _shown(scopes, a.scope),
             _shown(relations, a.relation), _shown(levels, a.territorial_level), a.website, a.description,
             tuple(a.tags or ()), evidence.get(a.id, 0), names.get(a.merged_into_id, ""), a.created_at, a.updated_at)
            for a in _actors()]


ACTOR_COLUMNS = (
    Column("id", _l("ID")), Column("name", _l("Nombre")), Column("acronym", _l("Sigla")),
    Column("aliases", _l("Otros nombres"), Kind.LIST), Column("kind", _l("Tipo de actor")),
    Column("sector", _l("Sector")), Column("org_type", _l("Tipo de organización")),
    Column("scope", _l("Interno o externo")), Column("relation", _l("Actual o potencial")),
    Column("territorial_level", _l("Nivel territorial")), Column("website", _l("Sitio web")),
    Column("description", _l("Descripción")), Column("tags", _l("Etiquetas"), Kind.LIST),
    Column("evidence", _l("Ideas que lo respaldan"), Kind.INTEGER), Column("merged_into", _l("Fusionado en")),
    Column("created_at", _l("Creado"), Kind.DATETIME), Column("updated_at", _l("Actualizado"), Kind.DATETIME))

ACTORS = register(Dataset(name="actores", order=110, title=_l("Actores"), scope=LAB, rows=actor_rows,
                          columns=ACTOR_COLUMNS))


def capability_rows(read):
    names, categories = _names(), _labels(CATEGORIES)
    directions, availability = _labels(CAPABILITY_DIRECTIONS), _labels(AVAILABILITY)
    return [(c.id, actor_id(c.actor_id), names.get(c.actor_id, ""), _shown(categories, c.category), c.description,
             _shown(directions, c.direction), _shown(availability, c.availability), c.created_at)
            for c in db.session.scalars(select(Capability).order_by(Capability.id))]


CAPABILITIES = register(Dataset(
    name="capacidades", order=120, title=_l("Capacidades"), scope=LAB, rows=capability_rows, columns=(
        Column("id", _l("N.º"), Kind.INTEGER), Column("actor_id", _l("ID del actor")), Column("actor", _l("Actor")),
        Column("category", _l("Categoría")), Column("description", _l("Descripción")),
        Column("direction", _l("Ofrece o necesita")), Column("availability", _l("Disponibilidad")),
        Column("created_at", _l("Creada"), Kind.DATETIME))))


def _link_evidence():
    return dict(db.session.execute(select(link_ideas.c.link_id, func.count()).group_by(link_ideas.c.link_id)).all())


def link_rows(read):
    names, kinds, strengths = _names(), _labels(LINK_KINDS), _labels(LINK_STRENGTHS)
    relations, workshops, evidence = _labels(ACTOR_RELATIONS), _workshops(), _link_evidence()
    return [(f"link-{link.id}", actor_id(link.source_id), names.get(link.source_id, ""), actor_id(link.target_id),
             names.get(link.target_id, ""), _shown(kinds, link.kind), link.directed, link.strength,
             _shown(strengths, link.strength), _shown(relations, link.relation), link.note,
             workshops.get(link.workshop_id, ""), evidence.get(link.id, 0), link.created_at)
            for link in db.session.scalars(select(Link).order_by(Link.id))]


LINKS = register(Dataset(
    name="vinculos", order=130, title=_l("Vínculos"), scope=LAB, rows=link_rows, columns=(
        Column("id", _l("ID")), Column("from_id", _l("ID de origen")), Column("from", _l("Desde")),
        Column("to_id", _l("ID de destino")), Column("to", _l("Hacia")), Column("kind", _l("Tipo de vínculo")),
        Column("directed", _l("Dirigido"), Kind.BOOLEAN), Column("strength", _l("Fuerza"), Kind.INTEGER),
        Column("strength_label", _l("Fuerza (texto)")), Column("relation", _l("Actual o potencial")),
        Column("note", _l("Nota")), Column("workshop", _l("Taller")),
        Column("evidence", _l("Ideas que lo respaldan"), Kind.INTEGER), Column("created_at", _l("Creado"),
                                                                               Kind.DATETIME))))


def alliance_rows(read):
    names, stages, instruments, workshops = _names(), _labels(ALLIANCE_STAGES), _labels(ALLIANCE_INSTRUMENTS), \
        _workshops()
    members = {}
    for alliance_id, member in db.session.execute(select(alliance_actors.c.alliance_id, alliance_actors.c.actor_id)
                                                  .order_by(alliance_actors.c.actor_id)):
        members.setdefault(alliance_id, []).append(names.get(member, ""))
    capabilities = Counter(db.session.scalars(select(alliance_capabilities.c.alliance_id)))
    return [(a.id, a.purpose, tuple(members.get(a.id, ())), capabilities.get(a.id, 0), a.first_step,
             _shown(stages, a.stage), _shown(instruments, a.instrument), a.owner, a.due_on,
             workshops.get(a.workshop_id, ""), a.created_at, a.updated_at)
            for a in db.session.scalars(select(Alliance).order_by(Alliance.id))]


ALLIANCES = register(Dataset(
    name="alianzas", order=140, title=_l("Alianzas"), scope=LAB, rows=alliance_rows, columns=(
        Column("id", _l("N.º"), Kind.INTEGER), Column("purpose", _l("Propósito")),
        Column("actors", _l("Actores"), Kind.LIST), Column("capabilities", _l("Capacidades que aporta"), Kind.INTEGER),
        Column("first_step", _l("Primer paso")), Column("stage", _l("Etapa")),
        Column("instrument", _l("Instrumento")), Column("owner", _l("Responsable")),
        Column("due_on", _l("Fecha límite"), Kind.DATE), Column("workshop", _l("Taller")),
        Column("created_at", _l("Creada"), Kind.DATETIME), Column("updated_at", _l("Actualizada"), Kind.DATETIME))))


def assessment_rows(read):
    names, workshops = _names(), _workshops()
    return [(actor_id(a.actor_id), names.get(a.actor_id, ""), workshops.get(a.workshop_id, ""), a.influence,
             a.interest, a.influence_spread, a.interest_spread, a.ratings, a.source, a.updated_at)
            for a in db.session.scalars(select(Assessment).order_by(Assessment.actor_id, Assessment.workshop_id))]


ASSESSMENTS = register(Dataset(
    name="valoraciones", order=150, title=_l("Influencia e interés por taller"), scope=LAB, rows=assessment_rows,
    columns=(Column("actor_id", _l("ID del actor")), Column("actor", _l("Actor")), Column("workshop", _l("Taller")),
             Column("influence", _l("Influencia"), Kind.DECIMAL), Column("interest", _l("Interés"), Kind.DECIMAL),
             Column("influence_spread", _l("Dispersión de la influencia"), Kind.DECIMAL),
             Column("interest_spread", _l("Dispersión del interés"), Kind.DECIMAL),
             Column("ratings", _l("Valoraciones"), Kind.INTEGER), Column("source", _l("Fuente")),
             Column("updated_at", _l("Actualizada"), Kind.DATETIME))))


# -- the graph ------------------------------------------------------------------------------------

NODE_COLUMNS = (Column("sector", _l("Sector")), Column("scope", _l("Interno o externo")),
                Column("relation", _l("Actual o potencial")), Column("level", _l("Nivel territorial")),
                Column("aliases", _l("Otros nombres"), Kind.LIST), Column("evidence", _l("Ideas"), Kind.INTEGER))
EDGE_COLUMNS = (Column("strength", _l("Fuerza"), Kind.INTEGER), Column("relation", _l("Actual o potencial")),
                Column("note", _l("Nota")), Column("evidence", _l("Ideas"), Kind.INTEGER))


def map_graph(read) -> Graph:
    """Plain data for graphs.py, built on the serving side (it is small: actors, not ideas)."""
    kinds, sectors, scopes = _labels(ACTOR_KINDS), _labels(SECTORS), _labels(ACTOR_SCOPES)
    relations, levels, link_kinds = _labels(ACTOR_RELATIONS), _labels(TERRITORIAL_LEVELS), _labels(LINK_KINDS)
    evidence, link_evidence = _evidence(), _link_evidence()
    actors = [a for a in _actors() if a.merged_into_id is None]
    known = {a.id for a in actors}
    nodes = [Node(actor_id(a.id), a.name, _shown(kinds, a.kind), {
        "sector": _shown(sectors, a.sector), "scope": _shown(scopes, a.scope),
        "relation": _shown(relations, a.relation), "level": _shown(levels, a.territorial_level),
        "aliases": tuple(a.aliases or ()), "evidence": evidence.get(a.id, 0)}) for a in actors]
    edges = [Edge(f"link-{link.id}", actor_id(link.source_id), actor_id(link.target_id), _shown(link_kinds, link.kind),
                  {"strength": link.strength, "relation": _shown(relations, link.relation), "note": link.note,
                   "evidence": link_evidence.get(link.id, 0)})
             for link in db.session.scalars(select(Link).order_by(Link.id))
             if link.source_id in known and link.target_id in known]
    return Graph(name="mapa", title=str(_l("Mapa de actores del laboratorio")), nodes=nodes, edges=edges,
                 node_columns=[Column(c.key, str(c.title), c.kind) for c in NODE_COLUMNS],
                 edge_columns=[Column(c.key, str(c.title), c.kind) for c in EDGE_COLUMNS])
