"""Vote rounds: opening, budget and stacking, closing with ranked results, reconnects, concurrency."""
import threading

from lab.board import votes
from lab.board.events import VoteCast
from lab.board.models import Vote, VoteRound
from lab.errors import Refused
from lab.extensions import db
from lab.realtime import Connection, run_in_transaction
from lab.workshops.models import Prompt

from .board_helpers import Room, events, of_type
from .live_helpers import call, connect


def error(ack):
    assert ack["ok"] is False, ack
    assert ack["error"]["message"]
    return ack["error"]["code"]


def open_vote(live, **options):
    ack = call(live.mod, "vote:open", {"prompt_id": live.prompt_id, **options})
    assert ack["ok"], ack
    return ack["vote"]


def cast(client, round_id, target_id, delta=1):
    return call(client, "vote:cast", {"round_id": round_id, "target_id": target_id, "delta": delta})


def test_moderator_opens_one_round_at_a_time(live: Room):
    live.idea_id(live.a)
    live.drain()
    vote = open_vote(live)
    assert (vote["budget"], vote["max_per_target"], vote["status"], vote["target"]) == (3, 3, "open", "ideas")
    assert "results" not in vote
    assert of_type(live.b, "vote") == [vote]
    assert error(call(live.mod, "vote:open", {"prompt_id": live.prompt_id})) == "conflict"
    assert live.count(VoteRound) == 1
    snap = live.snapshot(live.b)["vote"]
    assert snap["id"] == vote["id"] and snap["my_votes"] == {} and snap["remaining"] == 3


def test_round_options_are_validated(live: Room):
    live.idea_id(live.a)
    for options in ({"budget": 0}, {"budget": 21}, {"budget": 2, "max_per_target": 3}, {"budget": "3"},
                    {"target": "personas"}, {"max_per_target": 0}):
        assert error(call(live.mod, "vote:open", {"prompt_id": live.prompt_id, **options})) == "invalid", options
    assert error(call(live.mod, "vote:open", {"prompt_id": 10**6})) == "not_found"
    assert error(call(live.mod, "vote:open", {"prompt_id": live.other_prompt_id})) == "no_options"
    assert error(call(live.mod, "vote:open", {"prompt_id": live.prompt_id, "target": "clusters"})) == "no_options"
    live.set_prompt(reveal_mode="hidden")
    assert error(call(live.mod, "vote:open", {"prompt_id": live.prompt_id})) == "ideas_hidden"
    assert live.count(VoteRound) == 0


def test_budget_and_stacking_limits(live: Room):
    first, second, third = (live.idea_id(live.b, f"Idea {n}") for n in range(3))
    round_id = open_vote(live, budget=3, max_per_target=2)["id"]
    assert cast(live.a, round_id, first) == {"ok": True, "my_votes": {str(first): 1}, "remaining": 2}
    assert cast(live.a, round_id, first)["my_votes"] == {str(first): 2}
    assert error(cast(live.a, round_id, first)) == "option_full"
    assert cast(live.a, round_id, second)["remaining"] == 0
    spent = cast(live.a, round_id, third)
    assert error(spent) == "budget_spent" and "3" in spent["error"]["message"]
    assert cast(live.a, round_id, first, -1) == {"ok": True, "my_votes": {str(first): 1, str(second): 1},
                                                 "remaining": 1}
    assert error(cast(live.a, round_id, third, -1)) == "no_votes"  # never below zero
    assert cast(live.a, round_id, third)["remaining"] == 0
    with live.app.app_context():
        assert db.session.query(db.func.sum(Vote.count)).filter_by(user_id=live.alice.id).scalar() == 3


def test_votes_survive_a_reconnect(live: Room):
    idea = live.idea_id(live.b)
    round_id = open_vote(live, budget=2)["id"]
    cast(live.a, round_id, idea)
    live.a.disconnect()
    again = connect(live.app, live.alice, live.workshop)
    snap = call(again, "snapshot")["snapshot"]["vote"]
    assert snap["my_votes"] == {str(idea): 1} and snap["remaining"] == 1 and "results" not in snap


def test_closing_publishes_ranked_results_and_stops_voting(live: Room):
    low, high, tie_a, tie_b = (live.idea_id(live.b, f"Idea {n}") for n in range(4))
    round_id = open_vote(live, budget=3)["id"]
    for target in (high, high, tie_a):
        cast(live.a, round_id, target)
    for target in (high, tie_b, low):
        cast(live.b, round_id, target)
    cast(live.b, round_id, low, -1)
    live.drain()
    closed = call(live.mod, "vote:close", {"round_id": round_id})["vote"]
    assert closed["status"] == "closed" and closed["voters"] == 2 and closed["votes_cast"] == 5
    assert [(r["target_id"], r["votes"], r["rank"]) for r in closed["results"]] == [
        (high, 3, 1), (tie_a, 1, 2), (tie_b, 1, 2), (low, 0, 4)]
    assert of_type(live.a, "vote") == [closed]
    assert error(cast(live.a, round_id, low)) == "vote_closed"
    assert error(cast(live.a, round_id, high, -1)) == "vote_closed"
    assert call(live.mod, "vote:close", {"round_id": round_id})["vote"] == closed  # closing twice is harmless
    snap = live.snapshot(live.a)["vote"]
    assert snap["results"] == closed["results"] and snap["my_votes"] == {str(high): 2, str(tie_a): 1}
    assert open_vote(live)["id"] != round_id  # a new round may open now


def test_moderators_see_every_cast_and_the_others_only_how_many_voted(live: Room):
    idea = live.idea_id(live.b)
    round_id = open_vote(live)["id"]
    live.drain()
    cast(live.a, round_id, idea)
    cast(live.b, round_id, idea)
    assert events(live.mod, "vote.progress")[-1] == {"round_id": round_id, "voters": 2, "votes_cast": 2}
    assert events(live.a, "vote.progress") == [{"round_id": round_id, "voters": 1}, {"round_id": round_id, "voters": 2}]
    cast(live.a, round_id, idea)  # a second vote of someone who already voted: no news for the room
    assert events(live.mod, "vote.progress")[-1]["votes_cast"] == 3
    cast(live.a, round_id, idea, -1)
    cast(live.a, round_id, idea, -1)  # took back the last one: one voter fewer
    received = live.b.get_received()
    assert [m["args"][0] for m in received if m["name"] == "vote.progress"] == [
        {"round_id": round_id, "voters": n} for n in (1, 2, 1)]
    assert [m for m in received if m["name"] == "update"] == []


def test_every_closed_round_stays_in_the_snapshot(live: Room):
    idea = live.idea_id(live.b)
    first = open_vote(live)["id"]
    cast(live.a, first, idea)
    call(live.mod, "vote:close", {"round_id": first})
    second = open_vote(live)["id"]
    call(live.mod, "vote:close", {"round_id": second})
    rounds = live.snapshot(live.a)["vote_rounds"]
    assert [r["id"] for r in rounds] == [first, second]
    assert rounds[0]["results"][0] == {"target_id": idea, "votes": 1, "voters": 1, "rank": 1}
    assert rounds[0]["voters"] == 1


def test_only_current_options_of_this_round_take_votes(live: Room, make):
    kept, hidden, folded = (live.idea_id(live.b, f"Idea {n}") for n in range(3))
    call(live.mod, "idea:hide", {"idea_id": hidden, "hidden": True})
    call(live.mod, "idea:merge", {"target_id": kept, "idea_ids": [folded]})
    round_id = open_vote(live)["id"]
    for target in (hidden, folded, 10**6):
        assert error(cast(live.a, round_id, target)) == "not_found", target
    for payload in ({"round_id": round_id, "target_id": kept, "delta": 2},
                    {"round_id": round_id, "target_id": kept, "delta": True},
                    {"round_id": round_id, "target_id": kept, "delta": "1"},
                    {"round_id": round_id, "target_id": kept}):
        assert error(call(live.a, "vote:cast", payload)) == "invalid", payload
    other = make.workshop(status="live")
    with live.app.app_context():
        foreign = VoteRound(workshop_id=other.id, prompt_id=Prompt.query.filter_by(workshop_id=other.id).first().id)
        db.session.add(foreign)
        db.session.commit()
        foreign_id = foreign.id
    assert error(cast(live.a, foreign_id, kept)) == "not_found"
    assert error(call(live.mod, "vote:close", {"round_id": foreign_id})) == "not_found"
    assert live.count(Vote) == 0


def test_voting_on_clusters(live: Room):
    def create(name, prompt_id=live.prompt_id):
        return call(live.mod, "cluster:create", {"prompt_id": prompt_id, "name": name})["cluster"]["id"]

    academia, empresa, elsewhere = create("Academia"), create("Empresa"), create("Otra", live.other_prompt_id)
    round_id = open_vote(live, target="clusters", budget=1)["id"]
    assert error(cast(live.a, round_id, elsewhere)) == "not_found"
    assert cast(live.a, round_id, empresa)["remaining"] == 0
    results = call(live.mod, "vote:close", {"round_id": round_id})["vote"]["results"]
    assert [(r["target_id"], r["votes"]) for r in results] == [(empresa, 1), (academia, 0)]


def test_removed_options_give_their_votes_back(live: Room):
    mine, theirs = live.idea_id(live.a, "Mía"), live.idea_id(live.b, "De Bruno")
    round_id = open_vote(live, budget=3)["id"]
    cast(live.b, round_id, mine)
    cast(live.b, round_id, theirs)
    call(live.a, "idea:delete", {"idea_id": mine})
    call(live.mod, "idea:hide", {"idea_id": theirs, "hidden": True})
    assert live.snapshot(live.b)["vote"]["my_votes"] == {} and live.count(Vote) == 0
    assert events(live.mod, "vote.progress")[-1] == {"round_id": round_id, "voters": 0, "votes_cast": 0}


def test_merging_waits_for_the_open_round(live: Room):
    one, two = live.idea_id(live.a), live.idea_id(live.b)
    open_vote(live)
    assert error(call(live.mod, "idea:merge", {"target_id": one, "idea_ids": [two]})) == "vote_open"


def test_closing_the_workshop_closes_the_round_with_results(live: Room):
    idea = live.idea_id(live.b)
    round_id = open_vote(live)["id"]
    cast(live.a, round_id, idea)
    live.drain()
    assert call(live.mod, "workshop:close")["ok"]
    [closed] = of_type(live.a, "vote")
    assert closed["id"] == round_id and closed["status"] == "closed" and closed["results"][0]["votes"] == 1


def test_concurrent_casts_never_exceed_the_budget(live: Room):
    """Eight casts of one person at once, budget three: exactly three count (round row locked)."""
    idea = live.idea_id(live.b)
    round_id = open_vote(live, budget=3)["id"]
    conn = Connection(sid="hilo", user_id=live.alice.id, workshop_id=live.workshop.id, role="participant",
                      name="Alicia Ficticia", session_token="")
    start, outcomes = threading.Barrier(8), []

    def one_cast():
        with live.app.test_request_context():
            start.wait()
            try:
                run_in_transaction(votes.cast_vote, conn, VoteCast(round_id=round_id, target_id=idea, delta=1))
                outcomes.append("ok")
            except Refused as failure:
                outcomes.append(failure.code)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=one_cast) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["budget_spent"] * 5 + ["ok"] * 3
    with live.app.app_context():
        assert db.session.query(Vote).filter_by(user_id=live.alice.id).one().count == 3
