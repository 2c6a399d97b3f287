"""The ideas a lesson learned cites as evidence: found by their text among the ideas of the
diagnosis's workshops, kept as references with a copy of what they said, the question they
answered and their workshop (so a lesson stays readable when an idea or a workshop is deleted)."""
from flask_babel import gettext as _
from sqlalchemy import select

from ..board.models import Idea
from ..errors import Invalid
from ..extensions import db
from ..workshops.models import Prompt, Workshop
from .models import LessonIdea

FOUND_AT_MOST = 30


def _visible(diagnosis):
    return (select(Idea, Prompt.text, Workshop.title)
            .join(Prompt, Prompt.id == Idea.prompt_id).join(Workshop, Workshop.id == Idea.workshop_id)
            .where(Idea.workshop_id.in_([w.id for w in diagnosis.workshops]), Idea.hidden.is_(False)))


def search(diagnosis, words):
    """Ideas of the diagnosis's workshops whose text contains `words` (at most FOUND_AT_MOST)."""
    words = (words or "").strip()[:100]
    if not words:
        return []
    pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = db.session.execute(_visible(diagnosis).where(Idea.text.ilike(pattern, escape="\\"))
                              .order_by(Idea.workshop_id, Idea.id).limit(FOUND_AT_MOST))
    return [copy(idea, prompt, title) for idea, prompt, title in rows]


def copy(idea, prompt, workshop_title):
    return LessonIdea(idea_id=idea.id, workshop_id=idea.workshop_id, text=idea.text[:500], prompt=(prompt or "")[:500],
                      workshop_title=(workshop_title or "")[:200])


def choices(cited):
    """(idea id, label) for the form's checkboxes: the idea, its workshop and its question."""
    return [(c.idea_id, _("%(text)s — %(workshop)s · pregunta: %(prompt)s", text=c.text, workshop=c.workshop_title,
                          prompt=c.prompt)) for c in cited if c.idea_id is not None]


def cite(diagnosis, lesson, idea_ids):
    """Keep the lesson's references to exactly `idea_ids` (ideas of the diagnosis's workshops, not
    hidden). References to ideas deleted since stay, marked removed: nothing written is lost."""
    wanted = {int(i) for i in idea_ids}
    kept = {c.idea_id for c in lesson.ideas if c.idea_id in wanted}
    missing = wanted - kept
    found = {}
    if missing:
        found = {idea.id: copy(idea, prompt, title)
                 for idea, prompt, title in db.session.execute(_visible(diagnosis).where(Idea.id.in_(missing)))}
        if set(found) != missing:
            raise Invalid(_("Ideas citadas: elige ideas de los talleres de este diagnóstico."), field="ideas")
    lesson.ideas = [c for c in lesson.ideas if c.idea_id is None or c.idea_id in wanted] + \
        [found[i] for i in sorted(found)]
