"""Vote rounds over a prompt's ideas or clusters: open, cast, close, results.

Votes are rows, so they survive reconnects and restarts. Results are published only when the round
closes; while it runs, moderators get unsequenced "vote.progress" notes.
"""
from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..realtime import lock_room, notify, publish, room
from ..rows import lock
from ..types import utcnow
from ..workshops.service import find_prompt, require_live, workshop_status
from .models import Cluster, Idea, Vote, VoteRound

MAX_BUDGET = 20


# -- views -------------------------------------------------------------------------------------

def round_view(round_):
    view = {
        "id": round_.id,
        "prompt_id": round_.prompt_id,
        "target": round_.target,
        "budget": round_.budget,
        "max_per_target": round_.max_per_target,
        "status": round_.status,
        "opened_at": round_.opened_at.timestamp(),
        "closed_at": round_.closed_at.timestamp() if round_.closed_at else None,
    }
    if round_.status == "closed":
        view.update(results=results(round_), **progress(round_.id))
    return view


def results(round_):
    """Every option of the round, most voted first (ties by id); equal votes share a rank."""
    tally = {target_id: (votes, voters) for target_id, votes, voters in db.session.execute(
        select(Vote.target_id, func.sum(Vote.count), func.count(Vote.user_id))
        .where(Vote.round_id == round_.id, Vote.count > 0).group_by(Vote.target_id))}
    for target_id in option_ids(round_):
        tally.setdefault(target_id, (0, 0))
    ranked = sorted(tally.items(), key=lambda item: (-item[1][0], item[0]))
    rows, rank, last = [], 0, None
    for position, (target_id, (votes, voters)) in enumerate(ranked, start=1):
        if votes != last:
            rank, last = position, votes
        rows.append({"target_id": target_id, "votes": votes, "voters": voters, "rank": rank})
    return rows


def progress(round_id):
    voters, cast = db.session.execute(
        select(func.count(func.distinct(Vote.user_id)), func.coalesce(func.sum(Vote.count), 0))
        .where(Vote.round_id == round_id, Vote.count > 0)).one()
    return {"voters": voters, "votes_cast": cast}


def my_votes(round_id, user_id):
    """{target_id: count} of one person; keys are strings, as JSON will make them anyway."""
    rows = db.session.scalars(select(Vote).where(Vote.round_id == round_id, Vote.user_id == user_id, Vote.count > 0))
    return {str(vote.target_id): vote.count for vote in rows}


def personal_view(round_, user_id):
    mine = my_votes(round_.id, user_id)
    return {**round_view(round_), "my_votes": mine, "remaining": round_.budget - sum(mine.values())}


def closed_rounds(workshop_id):
    """Every closed round of the workshop with its results, oldest first: no round is lost from view."""
    rounds = db.session.scalars(select(VoteRound).where(VoteRound.workshop_id == workshop_id,
                                                        VoteRound.status == "closed").order_by(VoteRound.id))
    return [round_view(round_) for round_ in rounds]


def vote_snapshot(conn):
    """The open round, else the last closed one, with this person's votes; None before any vote."""
    round_ = db.session.scalars(select(VoteRound).where(VoteRound.workshop_id == conn.workshop_id)
                                .order_by((VoteRound.status == "open").desc(), VoteRound.id.desc())).first()
    if round_ is None:
        return None
    view = personal_view(round_, conn.user_id)
    if round_.status == "open":  # how many voted so far; vote.progress keeps it current
        view["voters"] = progress(round_.id)["voters"]
    return view


# -- options -----------------------------------------------------------------------------------

def option_ids(round_):
    """What may be voted for now: the prompt's visible ideas that were not merged away, or its clusters."""
    if round_.target == "clusters":
        return list(db.session.scalars(select(Cluster.id).where(Cluster.prompt_id == round_.prompt_id)))
    return list(db.session.scalars(select(Idea.id).where(Idea.prompt_id == round_.prompt_id, Idea.hidden.is_(False),
                                                         Idea.merged_into_id.is_(None))))


def is_option(round_, target_id):
    if round_.target == "clusters":
        option = db.session.get(Cluster, target_id)
        return option is not None and option.prompt_id == round_.prompt_id
    option = db.session.get(Idea, target_id)
    return (option is not None and option.prompt_id == round_.prompt_id and not option.hidden
            and option.merged_into_id is None)


def open_round(workshop_id):
    return db.session.scalars(select(VoteRound).filter_by(workshop_id=workshop_id, status="open")).first()


def open_round_over(workshop_id, prompt_id, target):
    round_ = open_round(workshop_id)
    return round_ if round_ is not None and round_.prompt_id == prompt_id and round_.target == target else None


def release_votes(workshop_id, target, target_ids, closed_too=False):
    """Votes on options that stopped being options go back to their voters: in the open round, or
    in every round when the option itself is gone."""
    rounds = select(VoteRound.id).where(VoteRound.workshop_id == workshop_id, VoteRound.target == target)
    if not closed_too:
        rounds = rounds.where(VoteRound.status == "open")
    released = db.session.execute(delete(Vote).where(Vote.round_id.in_(rounds), Vote.target_id.in_(target_ids))
                                  .execution_options(synchronize_session=False)).rowcount
    current = open_round(workshop_id)
    if released and current is not None and current.target == target:
        _notify_progress(current)


def _notify_progress(round_, voters_changed=True):
    """Moderators hear every change; participants and projectors (who show how many people voted) only
    when the number of voters changed, so a crowd's casts cost each of them a message per voter at most."""
    counts = progress(round_.id)
    notify(room(round_.workshop_id, "m"), "vote.progress", {"round_id": round_.id, **counts})
    if voters_changed:
        notify(room(round_.workshop_id, "p"), "vote.progress", {"round_id": round_.id, "voters": counts["voters"]})


# -- services ----------------------------------------------------------------------------------

def _find_round(conn, round_id):
    round_ = db.session.scalars(select(VoteRound).filter_by(id=round_id, workshop_id=conn.workshop_id)
                                .execution_options(populate_existing=True)).first()
    if round_ is None:
        raise NotFound(_("Esa votación no es de este taller."))
    return round_


def start_round(conn, data):
    require_live(workshop_status(conn.workshop_id))
    lock_room(conn.workshop_id)  # one open round per workshop, even with two moderators
    if open_round(conn.workshop_id) is not None:
        raise Conflict(_("Ya hay una votación abierta. Ciérrala antes de abrir otra."))
    prompt = find_prompt(conn.workshop_id, data.prompt_id)
    max_per_target = data.max_per_target or data.budget
    if max_per_target > data.budget:
        raise Invalid(_("El máximo por opción no puede superar los votos de cada persona (%(budget)d).",
                        budget=data.budget))
    if data.target == "ideas" and prompt.ideas_hidden:
        raise Conflict(_("Revela las ideas de esta pregunta antes de votar sobre ellas."), code="ideas_hidden")
    round_ = VoteRound(workshop_id=conn.workshop_id, prompt_id=prompt.id, target=data.target, budget=data.budget,
                       max_per_target=max_per_target, status="open", opened_at=utcnow())
    if not option_ids(round_):
        raise Conflict(_("Esta pregunta aún no tiene ideas para votar.") if data.target == "ideas"
                       else _("Esta pregunta aún no tiene grupos para votar."), code="no_options")
    db.session.add(round_)
    db.session.flush()
    publish(conn.workshop_id, "vote", round_view(round_))
    return {"vote": round_view(round_)}


def close_round(conn, data):
    lock_room(conn.workshop_id)
    round_ = _find_round(conn, data.round_id)
    if round_.status == "open":
        _close(round_)
    return {"vote": round_view(round_)}


def close_open_round(workshop_id):
    """Close the workshop's open round, if any, publishing its results. Returns its view or None."""
    round_ = open_round(workshop_id)
    return None if round_ is None else _close(round_)


def _close(round_):
    round_.status, round_.closed_at = "closed", utcnow()
    db.session.flush()
    view = round_view(round_)
    publish(round_.workshop_id, "vote", view)
    return view


def cast_vote(conn, data):
    """Add or take back one vote. The round row stays locked until commit, so one person's
    concurrent casts are counted one after the other and never overspend the budget."""
    lock(VoteRound.status, VoteRound.id == data.round_id, VoteRound.workshop_id == conn.workshop_id)
    round_ = _find_round(conn, data.round_id)
    if round_.status != "open":
        raise Conflict(_("La votación está cerrada."), code="vote_closed")
    votes = {vote.target_id: vote for vote in db.session.scalars(
        select(Vote).filter_by(round_id=round_.id, user_id=conn.user_id))}
    vote = votes.get(data.target_id)
    spent = sum(v.count for v in votes.values())
    if data.delta > 0:
        _check_room_for_one_more(round_, data.target_id, vote, spent)
        if vote is None:
            vote = Vote(round_id=round_.id, user_id=conn.user_id, target_id=data.target_id, count=0)
            db.session.add(vote)
        vote.count += 1
    else:
        if vote is None or vote.count <= 0:
            raise Conflict(_("No tienes votos en esa opción para quitar."), code="no_votes")
        vote.count -= 1
        if vote.count == 0:
            db.session.delete(vote)
    db.session.flush()
    _notify_progress(round_, voters_changed=(spent == 0) != (spent + data.delta == 0))
    mine = my_votes(round_.id, conn.user_id)
    return {"my_votes": mine, "remaining": round_.budget - sum(mine.values())}


def _check_room_for_one_more(round_, target_id, vote, spent):
    if not is_option(round_, target_id):
        raise NotFound(_("Esa opción no está en esta votación."))
    if spent >= round_.budget:
        raise Conflict(_("Ya usaste tus %(budget)d votos. Quita uno si quieres votar por otra opción.",
                         budget=round_.budget), code="budget_spent")
    if vote is not None and vote.count >= round_.max_per_target:
        raise Conflict(_("Ya diste a esta opción el máximo de %(max)d votos.", max=round_.max_per_target),
                       code="option_full")
