"""The network: the lab at the centre, the actors of the map around it, their links. Plain data that
the page draws with Cytoscape.js and lists in an equivalent table.

Colour tells the sector, shape internal or external, a dashed line a potential relation, size the
evidence (how many ideas show what the actor could bring).
"""
from sqlalchemy import or_, select

from ..extensions import db
from ..vocab import ACTOR_RELATIONS, ACTOR_SCOPES, LINK_KINDS, SECTORS
from .grid import SECTOR_STYLE
from .matrix import EVERYTHING, matrix_rows
from .models import Actor, Link

LAB = "lab"


def node_id(actor_id):
    return f"a{actor_id}"


def network_data(scope=EVERYTHING, focus=None, lab_name="Laboratorio"):
    """{"nodes": [...], "edges": [...]} in Cytoscape's elements format, plus the legend's keys.
    `focus` (an actor id) keeps that actor, the actors linked to it, and the lab."""
    rows = matrix_rows(scope)
    actors = {row.actor_id: row for row in rows}
    links = _links(actors.keys())
    if focus is not None:
        keep = {focus} | {link.source_id for link in links if link.target_id == focus} | \
               {link.target_id for link in links if link.source_id == focus}
        actors = {key: row for key, row in actors.items() if key in keep}
        links = [link for link in links if link.source_id in actors and link.target_id in actors]
    nodes = [{"data": {"id": LAB, "label": lab_name, "kind": "lab"}}]
    edges = []
    for row in actors.values():
        nodes.append({"data": {
            "id": node_id(row.actor_id), "actor_id": row.actor_id, "slug": row.slug,
            "label": row.acronym or row.name, "name": row.name, "sector": row.sector or "none",
            "colour": SECTOR_STYLE.get(row.sector, SECTOR_STYLE[None])[0], "scope": row.scope,
            "relation": row.relation, "evidence": row.total, "categories": sorted(row.cells),
        }})
        edges.append({"data": {"id": f"lab-{row.actor_id}", "source": LAB, "target": node_id(row.actor_id),
                               "kind": "lab", "relation": row.relation}})
    for link in links:
        edges.append({"data": {"id": f"l{link.id}", "source": node_id(link.source_id),
                               "target": node_id(link.target_id), "kind": link.kind, "strength": link.strength,
                               "relation": link.relation, "directed": link.directed}})
    return {"nodes": nodes, "edges": edges}


def _links(actor_ids):
    ids = list(actor_ids)
    if not ids:
        return []
    both = db.session.scalars(select(Link).where(Link.source_id.in_(ids), Link.target_id.in_(ids))
                              .order_by(Link.id)).all()
    return both


def neighbours_of(actor_id):
    """The actors linked to one, for its page."""
    links = db.session.scalars(select(Link).where(or_(Link.source_id == actor_id, Link.target_id == actor_id))
                               .order_by(Link.id)).all()
    others = {link.target_id if link.source_id == actor_id else link.source_id for link in links}
    names = {id_: name for id_, name in db.session.execute(select(Actor.id, Actor.name).where(Actor.id.in_(others)))}
    return [(link, names.get(link.target_id if link.source_id == actor_id else link.source_id, "")) for link in links]


def legend():
    """What the colours, shapes and lines mean, for the page's legend."""
    return {"sectors": [(key, str(label), SECTOR_STYLE[key][0]) for key, label in SECTORS.items()],
            "scopes": [(key, str(label)) for key, label in ACTOR_SCOPES.items()],
            "relations": [(key, str(label)) for key, label in ACTOR_RELATIONS.items()],
            "links": [(key, str(label)) for key, label in LINK_KINDS.items()]}
