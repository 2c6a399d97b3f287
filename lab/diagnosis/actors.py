"""The actors section of a diagnosis: who the evidence cites, by sector, scope and relation; key
actors (most capabilities, and bridges by betweenness); isolated actors; missing or thin sectors;
the power-interest standing over the diagnosis's workshops. Reads only."""
from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import median

import networkx as nx
from sqlalchemy import select

from ..extensions import db
from ..maps.grid import GridActor
from ..maps.models import Actor, Assessment, Capability, Link
from ..vocab import ACTOR_RELATIONS, ACTOR_SCOPES, SECTORS

KEY_ACTORS = 5
# Exact betweenness costs nodes x edges: 2.7 s for 500 actors, on the loop that also delivers ideas.
# Larger graphs are estimated from this many sampled sources (a fixed seed: same map, same figures):
# about 0.4 s for 500 actors and 1000 links (bench/diagnosis_sections.py).
PIVOTS = 50
THIN = 1  # a sector with this many actors or fewer is thin


@dataclass(frozen=True)
class CitedActor:
    actor: Actor
    #: categories it offers or needs in this diagnosis's evidence
    categories: frozenset
    #: pieces of evidence citing it
    evidence: int


def cited_actors(diagnosis):
    """The map's actors behind this diagnosis's evidence, keyed by slug."""
    categories, counts = defaultdict(set), Counter()
    for row in diagnosis.assessments:
        for item in row.evidence:
            if item.actor_key and not item.actor_key.startswith("name:"):
                categories[item.actor_key].add(row.category)
                counts[item.actor_key] += 1
    if not counts:
        return {}
    actors = db.session.scalars(select(Actor).where(Actor.slug.in_(list(counts)))).all()
    return {a.slug: CitedActor(a, frozenset(categories[a.slug]), counts[a.slug]) for a in actors}


def counts(cited):
    """{sector: {(scope, relation): actors}} with every sector, scope and relation present (0 when none)."""
    table = {sector: {(s, r): 0 for s in ACTOR_SCOPES for r in ACTOR_RELATIONS} for sector in [*SECTORS, None]}
    for item in cited.values():
        table[item.actor.sector if item.actor.sector in SECTORS else None][item.actor.scope, item.actor.relation] += 1
    return table


def graph(cited):
    """Actors tied to the categories they bring and to each other by the map's links: an actor
    between otherwise separate groups has a high betweenness (a bridge)."""
    g = nx.Graph()
    ids = {item.actor.id: slug for slug, item in cited.items()}
    for slug, item in cited.items():
        g.add_node(slug)
        for category in item.categories:
            g.add_edge(slug, f"category:{category}")
    if ids:
        ties = db.session.execute(select(Link.source_id, Link.target_id)  # columns: a Link row loads its ideas
                                  .where(Link.source_id.in_(list(ids)), Link.target_id.in_(list(ids))))
        for source_id, target_id in ties:
            g.add_edge(ids[source_id], ids[target_id])
    return g


def linked_ids(cited):
    ids = [item.actor.id for item in cited.values()]
    if not ids:
        return set()
    rows = db.session.execute(select(Link.source_id, Link.target_id)
                              .where(Link.source_id.in_(ids) | Link.target_id.in_(ids))).all()
    return {i for row in rows for i in row}


def capability_counts(cited):
    """How many capabilities the map records for each actor (offered or needed)."""
    ids = {item.actor.id: slug for slug, item in cited.items()}
    found = Counter()
    if ids:
        for actor_id in db.session.scalars(select(Capability.actor_id).where(Capability.actor_id.in_(list(ids)))):
            found[ids[actor_id]] += 1
    return found


def standing(cited, workshop_ids):
    """GridActor per cited actor: medians of its per-workshop assessments in these workshops."""
    ids = {item.actor.id: slug for slug, item in cited.items()}
    rated = defaultdict(list)
    if ids:
        rows = db.session.scalars(select(Assessment).where(Assessment.actor_id.in_(list(ids)),
                                                           Assessment.workshop_id.in_(workshop_ids)))
        for row in rows:
            if row.influence is not None and row.interest is not None:
                rated[ids[row.actor_id]].append(row)
    result = []
    for slug, item in cited.items():
        rows = rated.get(slug, [])
        result.append(GridActor(
            key=slug, name=item.actor.name, sector=item.actor.sector, acronym=item.actor.acronym or None,
            influence=median(r.influence for r in rows) if rows else None,
            interest=median(r.interest for r in rows) if rows else None,
            influence_spread=spread([r.influence for r in rows]), interest_spread=spread([r.interest for r in rows]),
            assessments=len(rows)))
    return result


def spread(values):
    return float(max(values) - min(values)) if len(values) > 1 else 0.0


def bridging(g):
    """Betweenness centrality, exact on small graphs, estimated from PIVOTS sources on large ones."""
    if g.number_of_nodes() <= PIVOTS:
        return nx.betweenness_centrality(g)
    return nx.betweenness_centrality(g, k=PIVOTS, seed=0)


def section(diagnosis):
    """Everything the actors section shows, as plain data (exports read it too)."""
    cited = cited_actors(diagnosis)
    betweenness = bridging(graph(cited)) if cited else {}
    capabilities = capability_counts(cited)
    linked = linked_ids(cited)
    per_sector = Counter(item.actor.sector for item in cited.values() if item.actor.sector in SECTORS)

    def row(slug):
        item = cited[slug]
        return {"slug": slug, "name": item.actor.name, "sector": item.actor.sector, "scope": item.actor.scope,
                "relation": item.actor.relation, "capabilities": capabilities[slug],
                "categories": sorted(item.categories), "evidence": item.evidence,
                "betweenness": round(betweenness.get(slug, 0.0), 3)}

    by_capabilities = sorted(cited, key=lambda s: (-capabilities[s], -cited[s].evidence, cited[s].actor.name))
    by_bridging = sorted(cited, key=lambda s: (-betweenness.get(s, 0.0), cited[s].actor.name))
    return {
        "counts": counts(cited),
        "total": len(cited),
        "key_by_capabilities": [row(s) for s in by_capabilities[:KEY_ACTORS]],
        "bridges": [row(s) for s in by_bridging[:KEY_ACTORS] if betweenness.get(s, 0.0) > 0],
        "isolated": [row(s) for s in sorted(cited, key=lambda s: cited[s].actor.name)
                     if cited[s].actor.id not in linked],
        "missing_sectors": [s for s in SECTORS if per_sector[s] == 0],
        "thin_sectors": [s for s in SECTORS if 0 < per_sector[s] <= THIN],
        "standing": standing(cited, [w.id for w in diagnosis.workshops]),
        "betweenness": {slug: round(value, 3) for slug, value in betweenness.items() if slug in cited},
    }
