"""The map as a workshop's report prints it: the power-interest grid of the actors assessed in
that workshop (the maps slice draws it as SVG, which WeasyPrint prints) with its table, and the
matrix of actors by capability category from the ideas the lab team accepted into the map."""
from collections import Counter

from sqlalchemy import select

from ..extensions import db
from ..maps.grid import GridActor, grid_rows, render_grid, table_headers
from ..maps.models import Actor, Assessment, Entry
from ..vocab import CATEGORIES


def workshop_map(workshop_id):
    """{"grid": SVG markup or None, "headers", "rows": grid rows, "categories", "matrix"}."""
    assessed = db.session.execute(select(Assessment, Actor).join(Actor, Actor.id == Assessment.actor_id)
                                  .where(Assessment.workshop_id == workshop_id).order_by(Actor.name)).all()
    actors = [GridActor(key=actor.id, name=actor.name, sector=actor.sector, acronym=actor.acronym or None,
                        influence=a.influence, interest=a.interest, influence_spread=a.influence_spread or 0.0,
                        interest_spread=a.interest_spread or 0.0, assessments=a.ratings or 0)
              for a, actor in assessed]
    rated = [a for a in actors if a.rated]
    entries = db.session.execute(select(Actor.name, Entry.category).join(Actor, Actor.id == Entry.actor_id)
                                 .where(Entry.workshop_id == workshop_id, Entry.status == "accepted")).all()
    counts = Counter((name, category) for name, category in entries)
    names = sorted({name for name, _category in counts}, key=str.casefold)
    categories = [(key, str(label)) for key, label in CATEGORIES.items()]
    return {"grid": render_grid(rated, id_prefix="report-grid", standalone=True) if rated else None,
            "headers": table_headers(), "rows": grid_rows(actors) if actors else [],
            "categories": categories,
            "matrix": [(name, [counts.get((name, key), 0) for key, _label in categories]) for name in names]}
