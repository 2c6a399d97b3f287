"""The board as each person may see it, and what participants do on it: post, edit, delete ideas.

Visibility, in one place:
- moderators see every idea in full, with its author's id;
- participants see the author's display name ("Por <name>") but never another person's id: their
  view is the full one without `author_id`. Their own ideas reach them in full (acks, snapshot),
  which is how a client tells its own ideas apart;
- while a prompt hides its ideas until reveal, others get `{id, prompt_id, redacted: true}`;
- a moderator-hidden idea reaches others as `{id, prompt_id, hidden: true, removed: true}` and is
  left out of their snapshot;
- an idea merged into another is not shown on its own: its target lists it in `merged`.
Every non-redacted view carries the idea's `client_id`, so the poster can match the broadcast that
usually arrives before its ack with the copy it is still sending.
"""
import math
from collections import defaultdict
from functools import cache

from flask_babel import gettext as _
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from .. import signals
from ..accounts.models import User
from ..errors import Conflict, Forbidden, Invalid, NotFound, RateLimited
from ..extensions import db
from ..realtime import lock_room, publish
from ..vocab import ANONYMOUS, CATEGORIES, IDEA_COLORS
from ..workshops.models import Prompt, Workshop
from ..workshops.service import prompt_not_found, require_live
from .models import Cluster, Idea
from .ratelimit import take_post
from .votes import closed_rounds, release_votes, vote_snapshot

DEFAULT_COLOR = IDEA_COLORS[0]


# -- views -------------------------------------------------------------------------------------

def author_name(author_id):
    user = db.session.get(User, author_id) if author_id is not None else None
    return user.name if user is not None else str(ANONYMOUS)


def merged_ids(idea_id):
    return list(db.session.scalars(select(Idea.id).where(Idea.merged_into_id == idea_id).order_by(Idea.id)))


def idea_view(idea, merged=None, author=None):
    """The whole idea, as moderators and its author see it."""
    merged = merged_ids(idea.id) if merged is None else merged
    return {
        "id": idea.id,
        "client_id": idea.client_id,
        "prompt_id": idea.prompt_id,
        "text": idea.text,
        "actor": idea.actor_name,
        "category": idea.category,
        "color": idea.color,
        "author_id": idea.author_id,
        "author_name": author_name(idea.author_id) if author is None else author,
        "hidden": idea.hidden,
        "cluster_id": idea.cluster_id,
        "merged": merged,
        "merged_count": len(merged),
        "created_at": idea.created_at.timestamp(),
    }


def participant_view(full, anonymous=False):
    """A visible idea as participants see it: the author's name, not their id; on an anonymous
    prompt, not even the name."""
    view = {key: value for key, value in full.items() if key != "author_id"}
    if anonymous:
        view["author_name"] = ""
    return view


def public_view(idea, prompt, full):
    """What participants' screens receive about someone's idea (the same message for all of them)."""
    if idea.hidden:
        return {"id": idea.id, "prompt_id": idea.prompt_id, "hidden": True, "removed": True}
    if prompt.ideas_hidden:
        return {"id": idea.id, "prompt_id": idea.prompt_id, "redacted": True}
    return participant_view(full, prompt.anonymous)


def cluster_view(cluster):
    return {"id": cluster.id, "prompt_id": cluster.prompt_id, "name": cluster.name}


def publish_idea(idea, prompt=None, full=None):
    """Broadcast an idea's current state to both audiences; returns the full view."""
    prompt = prompt or db.session.get(Prompt, idea.prompt_id)
    full = idea_view(idea) if full is None else full
    publish(idea.workshop_id, "idea", public_view(idea, prompt, full), full)
    return full


def board_snapshot(conn):
    """The board's part of the snapshot: ideas, clusters and the current vote, as this person may see them."""
    prompts = {p.id: p for p in db.session.scalars(select(Prompt).filter_by(workshop_id=conn.workshop_id))}
    rows = db.session.execute(
        select(Idea, User.name).outerjoin(User, User.id == Idea.author_id)
        .where(Idea.workshop_id == conn.workshop_id).order_by(Idea.id)
    ).all()
    folded = defaultdict(list)
    for idea, _name in rows:
        if idea.merged_into_id is not None:
            folded[idea.merged_into_id].append(idea.id)
    ideas = []
    for idea, name in rows:
        if idea.merged_into_id is not None:
            continue
        full = idea_view(idea, folded[idea.id], name or str(ANONYMOUS))
        view = full if conn.is_moderator or (idea.author_id == conn.user_id and not conn.is_audience) else \
            public_view(idea, prompts[idea.prompt_id], full)
        if not view.get("removed"):
            ideas.append(view)
    clusters = db.session.scalars(select(Cluster).filter_by(workshop_id=conn.workshop_id).order_by(Cluster.id))
    return {"ideas": ideas, "clusters": [cluster_view(c) for c in clusters], "vote": vote_snapshot(conn),
            "vote_rounds": closed_rounds(conn.workshop_id)}


# -- lookups: every id is checked against the caller's workshop ----------------------------------

def find_idea(conn, idea_id):
    idea = db.session.scalars(select(Idea).filter_by(id=idea_id, workshop_id=conn.workshop_id)).first()
    if idea is None:
        raise NotFound(_("Esa idea no está en este taller."))
    return idea


def find_cluster(conn, cluster_id):
    cluster = db.session.scalars(select(Cluster).filter_by(id=cluster_id, workshop_id=conn.workshop_id)).first()
    if cluster is None:
        raise NotFound(_("Ese grupo no está en este taller."))
    return cluster


@cache
def _post_statements():
    """The reads of every idea posted, built once (bindparams): only the values change per post."""
    by_client_id = select(Idea).where(Idea.workshop_id == bindparam("workshop_id"),
                                      Idea.client_id == bindparam("client_id"))
    # The prompt, its workshop's status (a column, not the Workshop with its moderators) and the
    # name the idea view shows, in one statement.
    open_prompt = (select(Prompt, Workshop.status, User.name)
                   .join(Workshop, Workshop.id == Prompt.workshop_id)
                   .outerjoin(User, User.id == bindparam("user_id"))
                   .where(Prompt.id == bindparam("prompt_id"), Prompt.workshop_id == bindparam("workshop_id")))
    return by_client_id, open_prompt


def open_prompt(conn, prompt_id):
    """A prompt of this workshop that takes ideas now, and the caller's current name."""
    row = db.session.execute(_post_statements()[1], {"prompt_id": prompt_id, "workshop_id": conn.workshop_id,
                                                      "user_id": conn.user_id}).first()
    if row is None:
        raise prompt_not_found()
    prompt, status, name = row
    require_live(status)
    if not prompt.is_open:
        raise Conflict(_("Esta pregunta ya no recibe ideas."), code="prompt_closed")
    return prompt, name or str(ANONYMOUS)


# -- what an idea may contain --------------------------------------------------------------------

def idea_fields(prompt, data, current=None):
    """Checked text, actor, category and colour. Fields left out keep `current`'s values."""
    kept = (current.actor_name, current.category, current.color) if current else ("", "", DEFAULT_COLOR)
    sent = (getattr(data, "actor", None), getattr(data, "category", None), getattr(data, "color", None))
    actor, category, color = (new if new is not None else old for new, old in zip(sent, kept, strict=True))
    if prompt.asks_actor and not actor:
        raise Invalid(_("Esta pregunta pide el actor que podría aportar: escríbelo."))
    if actor and not prompt.asks_actor:
        raise Invalid(_("Esta pregunta no pide actor; deja ese campo vacío."))
    if prompt.asks_category and not category:
        raise Invalid(_("Esta pregunta pide una categoría de capacidad: elige una."))
    if category and not prompt.asks_category:
        raise Invalid(_("Esta pregunta no pide categoría; deja ese campo vacío."))
    if category and category not in CATEGORIES:
        raise Invalid(_("La categoría debe ser una de estas: %(options)s.",
                        options=", ".join(str(label) for label in CATEGORIES.values())))
    if color not in IDEA_COLORS:
        raise Invalid(_("El color debe ser uno de estos: %(options)s.", options=", ".join(IDEA_COLORS)))
    return {"text": data.text, "actor_name": actor, "category": category, "color": color}


# -- participants' actions ---------------------------------------------------------------------

def stored_idea(workshop_id, client_id):
    return db.session.scalars(_post_statements()[0], {"workshop_id": workshop_id, "client_id": client_id}).first()


def post_idea(conn, data):
    """Store a new idea once per client id; a retry gets the stored idea back and creates nothing.

    Every post of a room takes the room's lock before looking for its client id, and only posts
    store ideas, so the check under the lock is final (across processes too): no savepoint needed.
    This is the hottest path of a workshop: six statements, the session check included.
    """
    wait = take_post(conn.user_id, record=False)
    if wait:
        # A flood is turned away before it locks anything; a retry of a stored idea still gets it.
        stored = stored_idea(conn.workshop_id, data.client_id)
        if stored is not None:
            return _retry(conn, stored)
        raise _too_fast(wait)
    lock_room(conn.workshop_id)  # posts of a room are written in turn; it also opens the transaction
    stored = stored_idea(conn.workshop_id, data.client_id)
    if stored is not None:
        return _retry(conn, stored)
    prompt, name = open_prompt(conn, data.prompt_id)
    idea = Idea(workshop_id=conn.workshop_id, prompt_id=prompt.id, author_id=conn.user_id,
                client_id=data.client_id, **idea_fields(prompt, data))
    db.session.add(idea)
    try:
        db.session.flush()
    except IntegrityError:
        # Only if a writer skipped the room lock: the unique key still keeps the idea single.
        db.session.rollback()
        stored = stored_idea(conn.workshop_id, data.client_id)
        if stored is None:
            raise
        return _retry(conn, stored)
    signals.idea_changed.send(idea, change="posted")
    wait = take_post(conn.user_id)  # counted only once stored; a duplicate or a refused post never gets here
    if wait:
        raise _too_fast(wait)
    full = idea_view(idea, merged=[], author=name)  # a new idea has nothing folded into it yet
    return {"idea": publish_idea(idea, prompt, full), "duplicate": False}


def _retry(conn, stored):
    if stored.author_id != conn.user_id:
        raise Conflict(_("Ese identificador de idea ya lo usó otra persona. Recarga la página e inténtalo de nuevo."))
    return {"idea": idea_view(stored), "duplicate": True}


def _too_fast(wait):
    return RateLimited(_("Vas muy rápido. Espera %(seconds)d segundos antes de publicar otra idea.",
                         seconds=math.ceil(wait)), retry_after=round(wait, 1))


def own_idea(conn, idea_id):
    """The caller's own idea, on a prompt still taking ideas."""
    idea = find_idea(conn, idea_id)
    if idea.author_id != conn.user_id:
        raise Forbidden(_("Solo puedes cambiar tus propias ideas."))
    return idea, open_prompt(conn, idea.prompt_id)[0]


def edit_idea(conn, data):
    idea, prompt = own_idea(conn, data.idea_id)
    if idea.merged_into_id is not None:
        raise Conflict(_("Esta idea se unió con otra y ya no se puede editar."))
    for name, value in idea_fields(prompt, data, current=idea).items():
        setattr(idea, name, value)
    signals.idea_changed.send(idea, change="edited")
    return {"idea": publish_idea(idea, prompt)}


def delete_idea(conn, data):
    """Remove the row and its votes; ideas folded into it come back on their own."""
    idea, _prompt = own_idea(conn, data.idea_id)
    unfolded = db.session.scalars(select(Idea).where(Idea.merged_into_id == idea.id).order_by(Idea.id)).all()
    for child in unfolded:
        child.merged_into_id = None
        signals.idea_changed.send(child, change="unmerged")
    target_id = idea.merged_into_id
    release_votes(conn.workshop_id, "ideas", [idea.id], closed_too=True)
    signals.idea_changed.send(idea, change="deleted")
    db.session.delete(idea)
    db.session.flush()
    publish(conn.workshop_id, "idea.removed", {"id": data.idea_id})
    for child in unfolded:
        publish_idea(child)
    if target_id is not None:
        publish_idea(db.session.get(Idea, target_id))
    return {"id": data.idea_id}
