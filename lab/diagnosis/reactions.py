"""How the diagnosis reacts to other slices (lab/signals.py): a workshop that a published version
cites cannot be deleted, since that version is what the lab reported and its evidence must stay
traceable. A draft simply loses the workshop (its evidence copies stay, marked removed)."""
from flask_babel import gettext as _

from ..errors import Conflict
from .service import cited_by_published


def keep_cited_workshop(workshop, **_kwargs):
    published = cited_by_published(workshop.id)
    if published:
        titles = "; ".join(f"{d.title} (v{d.version})" for d in published)
        raise Conflict(_("No se puede eliminar el taller: lo cita un diagnóstico publicado (%(titles)s). "
                         "Un diagnóstico publicado es evidencia del laboratorio y debe seguir siendo trazable.",
                         titles=titles), field="workshop")
