"""How the board reacts to other slices (lab/signals.py): a closing workshop closes its vote round,
prompts with ideas are not deleted, and a person's ideas and votes are in their data download and
outlive their account without their name."""
from sqlalchemy import delete, func, select, update

from ..extensions import db
from ..types import iso
from ..workshops.models import Prompt
from .models import Idea, Vote, VoteRound
from .votes import close_open_round


def on_workshop_closing(workshop_id):
    close_open_round(workshop_id)


def count_ideas(_sender, prompt_ids):
    return db.session.scalar(select(func.count(Idea.id)).where(Idea.prompt_id.in_(prompt_ids)))


def personal_data(user):
    ideas = db.session.execute(
        select(Idea, Prompt.text).join(Prompt, Prompt.id == Idea.prompt_id)
        .where(Idea.author_id == user.id).order_by(Idea.created_at, Idea.id)
    )
    votes = db.session.execute(
        select(Vote, VoteRound.workshop_id).join(VoteRound, VoteRound.id == Vote.round_id)
        .where(Vote.user_id == user.id).order_by(Vote.id)
    )
    return {
        "ideas": [{"id": i.id, "workshop_id": i.workshop_id, "prompt_id": i.prompt_id, "prompt": prompt,
                   "text": i.text, "actor": i.actor_name, "category": i.category, "color": i.color,
                   "hidden": i.hidden, "created_at": iso(i.created_at), "updated_at": iso(i.updated_at)}
                  for i, prompt in ideas],
        "votes": [{"workshop_id": workshop_id, "round_id": v.round_id, "target_id": v.target_id, "count": v.count}
                  for v, workshop_id in votes],
    }


def forget_author(user):
    """Their ideas stay on the board as «Participante anónimo»; their votes go."""
    db.session.execute(update(Idea).where(Idea.author_id == user.id).values(author_id=None))
    # The foreign key would cascade the votes too; done here so the result never depends on the
    # database enforcing it.
    db.session.execute(delete(Vote).where(Vote.user_id == user.id))
