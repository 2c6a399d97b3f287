"""What the moderator does on the board: hide, edit, merge, cluster and reveal ideas."""
from flask_babel import gettext as _
from sqlalchemy import select, update

from .. import signals
from ..errors import Conflict, Invalid
from ..extensions import db
from ..live.state import prompt_view
from ..realtime import lock_room, publish
from ..workshops.models import Prompt
from ..workshops.service import find_prompt, require_open
from .models import Cluster, Idea
from .service import (
    cluster_view,
    find_cluster,
    find_idea,
    idea_fields,
    idea_view,
    participant_view,
    public_view,
    publish_idea,
)
from .votes import open_round_over, release_votes


def hide_idea(conn, data):
    """Hide (or show again) an idea; votes on a hidden idea in the open round go back to the voters."""
    idea = find_idea(conn, data.idea_id)
    if idea.hidden != data.hidden:
        idea.hidden = data.hidden
        if idea.hidden:
            release_votes(conn.workshop_id, "ideas", [idea.id])
        signals.idea_changed.send(idea, change="hidden" if idea.hidden else "shown")
    return {"idea": publish_idea(idea)}


def moderate_idea(conn, data):
    """Edit anyone's idea, whatever the state of its prompt."""
    idea = find_idea(conn, data.idea_id)
    for name, value in idea_fields(idea_prompt(idea), data, current=idea).items():
        setattr(idea, name, value)
    signals.idea_changed.send(idea, change="moderated")
    return {"idea": publish_idea(idea)}


def idea_prompt(idea):
    return db.session.get(Prompt, idea.prompt_id)


# -- merging duplicates ------------------------------------------------------------------------

def merge_ideas(conn, data):
    """Fold duplicates into a target idea of the same prompt. Folds never chain: ideas already
    folded into a merged idea move to the target."""
    require_open(conn.workshop_id)
    lock_room(conn.workshop_id)
    target = find_idea(conn, data.target_id)
    if target.merged_into_id is not None:
        raise Invalid(_("Esa idea ya se unió con otra; elige como destino la idea principal."))
    if target.id in data.idea_ids:
        raise Invalid(_("Una idea no se puede unir consigo misma."))
    ideas = [find_idea(conn, idea_id) for idea_id in dict.fromkeys(data.idea_ids)]
    if any(idea.prompt_id != target.prompt_id for idea in ideas):
        raise Invalid(_("Solo se pueden unir ideas de la misma pregunta."))
    if open_round_over(conn.workshop_id, target.prompt_id, "ideas"):
        raise Conflict(_("Hay una votación abierta sobre estas ideas. Ciérrala antes de unirlas."), code="vote_open")
    ids = [idea.id for idea in ideas]
    previous_targets = {idea.merged_into_id for idea in ideas} - {None, target.id}
    db.session.execute(update(Idea).where(Idea.merged_into_id.in_(ids)).values(merged_into_id=target.id)
                       .execution_options(synchronize_session="fetch"))
    for idea in ideas:
        idea.merged_into_id = target.id
    db.session.flush()
    for idea in ideas:
        signals.idea_changed.send(idea, change="merged")
    prompt = idea_prompt(target)
    full = idea_view(target)
    publish(conn.workshop_id, "ideas.merged",
            {"target": public_view(target, prompt, full), "merged_ids": full["merged"]},
            {"target": full, "merged_ids": full["merged"]})
    for previous in sorted(previous_targets):
        publish_idea(db.session.get(Idea, previous), prompt)
    return {"idea": full}


# -- clusters ----------------------------------------------------------------------------------

def _check_name(prompt_id, name, cluster_id=None):
    """Names are unique within a prompt, whatever their case."""
    taken = db.session.scalars(select(Cluster.name).where(Cluster.prompt_id == prompt_id, Cluster.id != cluster_id))
    if any(other.casefold() == name.casefold() for other in taken):
        raise Conflict(_("Ya hay un grupo llamado «%(name)s» en esta pregunta.", name=name))


def create_cluster(conn, data):
    require_open(conn.workshop_id)
    lock_room(conn.workshop_id)  # two moderators typing the same name get one group
    prompt = find_prompt(conn.workshop_id, data.prompt_id)
    _check_name(prompt.id, data.name)
    cluster = Cluster(workshop_id=conn.workshop_id, prompt_id=prompt.id, name=data.name)
    db.session.add(cluster)
    db.session.flush()
    publish(conn.workshop_id, "cluster", cluster_view(cluster))
    return {"cluster": cluster_view(cluster)}


def rename_cluster(conn, data):
    require_open(conn.workshop_id)
    lock_room(conn.workshop_id)
    cluster = find_cluster(conn, data.cluster_id)
    _check_name(cluster.prompt_id, data.name, cluster.id)
    cluster.name = data.name
    publish(conn.workshop_id, "cluster", cluster_view(cluster))
    return {"cluster": cluster_view(cluster)}


def delete_cluster(conn, data):
    """Remove a cluster: its ideas stay, ungrouped; votes on it are removed."""
    require_open(conn.workshop_id)
    cluster = find_cluster(conn, data.cluster_id)
    db.session.execute(update(Idea).where(Idea.cluster_id == cluster.id).values(cluster_id=None)
                       .execution_options(synchronize_session="fetch"))
    release_votes(conn.workshop_id, "clusters", [cluster.id], closed_too=True)
    db.session.delete(cluster)
    publish(conn.workshop_id, "cluster.removed", {"id": data.cluster_id})
    return {"id": data.cluster_id}


def group_idea(conn, data):
    """Put an idea in a cluster of its prompt, or take it out (cluster_id null)."""
    require_open(conn.workshop_id)
    idea = find_idea(conn, data.idea_id)
    if idea.merged_into_id is not None:
        raise Conflict(_("Esta idea se unió con otra; agrupa la idea principal."))
    if data.cluster_id is not None and find_cluster(conn, data.cluster_id).prompt_id != idea.prompt_id:
        raise Invalid(_("Ese grupo es de otra pregunta."))
    idea.cluster_id = data.cluster_id
    signals.idea_changed.send(idea, change="grouped")
    return {"idea": publish_idea(idea)}


# -- reveal ------------------------------------------------------------------------------------

def reveal_prompt(conn, data):
    """Show everyone the ideas of a prompt that kept them hidden until now."""
    prompt = find_prompt(conn.workshop_id, data.prompt_id)
    if not prompt.revealed:
        prompt.revealed = True
        ideas = db.session.scalars(select(Idea).where(Idea.prompt_id == prompt.id, Idea.merged_into_id.is_(None))
                                   .order_by(Idea.id)).all()
        full = [idea_view(idea) for idea in ideas]
        public = [participant_view(view, prompt.anonymous)
                  for idea, view in zip(ideas, full, strict=True) if not idea.hidden]
        publish(conn.workshop_id, "prompt.revealed", {"prompt": prompt_view(prompt), "ideas": public},
                {"prompt": prompt_view(prompt), "ideas": full})
    return {"prompt": prompt_view(prompt)}
