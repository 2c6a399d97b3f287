"""The idea board over the socket: posting, idempotent retries, limits, visibility and moderation."""
import json

from lab.accounts.models import User
from lab.board import service
from lab.board.models import Cluster, Idea
from lab.extensions import db
from lab.realtime.models import AuditEntry

from .board_helpers import (
    Room,
    Statements,
    events,
    of_type,
    prompt_ids,
    without_author_id,
)
from .live_helpers import call, connect, updates


def error(ack):
    assert ack["ok"] is False, ack
    assert ack["error"]["message"]
    return ack["error"]["code"]


# -- posting -----------------------------------------------------------------------------------

def test_posted_idea_appears_live_for_everyone(live: Room):
    ack = live.post(live.a, "Laboratorios de la universidad", color="verde")
    assert ack["ok"] and ack["duplicate"] is False
    idea = ack["idea"]
    assert idea["text"] == "Laboratorios de la universidad" and idea["author_name"] == "Alicia Ficticia"
    assert idea["color"] == "verde" and idea["actor"] == "Universidad Ficticia" and idea["category"] == "fisicas"
    assert of_type(live.mod, "idea") == [idea]
    assert of_type(live.b, "idea") == [without_author_id(idea)]
    assert live.count(Idea, id=idea["id"]) == 1  # stored before the ack
    assert [i["id"] for i in live.snapshot(live.b)["ideas"]] == [idea["id"]]


def test_posting_an_idea_takes_six_statements(live: Room):
    """The hot path of a workshop, which every participant waits for: session check, room lock,
    client-id check, prompt with workshop status and author's name, insert, sequence bump."""
    live.post(live.a, "Calienta las cachés")
    with Statements(live.app) as sent:
        ack = live.post(live.a, "Una idea más")
    assert ack["ok"] and ack["duplicate"] is False and of_type(live.b, "idea")[-1]["text"] == "Una idea más"
    assert len(sent) <= 6, "\n".join(sent)
    assert [s.split(" (")[0] for s in sent if s.startswith("INSERT")] == ["INSERT INTO ideas"]


def test_a_rate_limited_post_locks_nothing(live: Room):
    live.app.config["POST_RATE"] = (1, 60)
    first = live.post(live.a, client_id="inunda-00001")
    with Statements(live.app) as sent:
        assert error(live.post(live.a)) == "rate_limited"
        again = live.post(live.a, client_id="inunda-00001")  # a retry of a stored idea is answered still
    assert again["ok"] and again["duplicate"] is True and again["idea"] == first["idea"]
    assert not any(s.startswith(("UPDATE", "INSERT")) for s in sent), sent


def test_new_idea_shows_the_authors_current_name(live: Room):
    with live.app.app_context():
        db.session.get(User, live.alice.id).name = "Alicia Renombrada"
        db.session.commit()
    idea = live.post(live.a, "Con el nombre de hoy")["idea"]
    assert idea["author_name"] == "Alicia Renombrada"
    assert of_type(live.b, "idea")[0]["author_name"] == "Alicia Renombrada"


def test_text_is_kept_as_plain_text(live: Room):
    text = "<script>alert('x')</script> & <b>negrita</b>"
    assert live.post(live.a, text)["idea"]["text"] == text
    assert live.post(live.a, "  con espacios  ")["idea"]["text"] == "con espacios"


def test_retry_with_same_client_id_returns_the_stored_idea_once(live: Room):
    first = live.post(live.a, "Una sola vez", client_id="reintento-0001")
    live.drain()
    seq = live.seq()
    again = live.post(live.a, "Una sola vez", client_id="reintento-0001")
    assert again["ok"] and again["duplicate"] is True and again["idea"] == first["idea"]
    assert live.count(Idea, client_id="reintento-0001") == 1
    assert updates(live.b) == [] and live.seq() == seq


def test_client_id_of_another_author_is_a_conflict(live: Room):
    live.post(live.a, "De Alicia", client_id="compartido-01")
    live.drain()
    assert error(live.post(live.b, "De Bruno", client_id="compartido-01")) == "conflict"
    assert live.count(Idea, client_id="compartido-01") == 1 and updates(live.a) == []


def test_concurrent_post_of_the_same_client_id_returns_the_winner(live: Room, monkeypatch):
    """The other post committed between our check and our insert: the unique key catches it."""
    with live.app.app_context():
        winner = Idea(workshop_id=live.workshop.id, prompt_id=live.prompt_id, author_id=live.alice.id,
                      client_id="carrera-0001", text="Ganadora", actor_name="Actor", category="fisicas")
        db.session.add(winner)
        db.session.commit()
        winner_id = winner.id
    real, calls = service.stored_idea, []

    def not_yet_visible(workshop_id, client_id):
        calls.append(client_id)
        return None if len(calls) == 1 else real(workshop_id, client_id)

    monkeypatch.setattr(service, "stored_idea", not_yet_visible)
    ack = live.post(live.a, "Ganadora", client_id="carrera-0001")
    assert ack["ok"] and ack["duplicate"] is True and ack["idea"]["id"] == winner_id
    assert len(calls) == 2  # the insert failed on the unique key and the stored idea was read back
    assert live.count(Idea, client_id="carrera-0001") == 1
    assert updates(live.b) == []
    assert live.post(live.a, "Y la siguiente sí entra")["ok"]  # the session is healthy after the rollback


def test_posting_needs_an_open_prompt_of_this_live_workshop(live: Room, make):
    assert error(live.post(live.a, prompt_id=live.other_prompt_id)) == "prompt_closed"
    assert error(live.post(live.a, prompt_id=10**6)) == "not_found"
    other = make.workshop(status="live")
    foreign_prompt = prompt_ids(live.app, other)[0]
    assert error(live.post(live.a, prompt_id=foreign_prompt)) == "not_found"
    assert call(live.mod, "prompt:close", {"prompt_id": live.prompt_id})["ok"]
    assert error(live.post(live.a)) == "prompt_closed"
    assert live.count(Idea) == 0


def test_posting_before_the_workshop_is_live_is_refused(app, make):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    alice = make.join(make.user(), workshop)
    pid = prompt_ids(app, workshop)[0]
    room = Room(app, workshop, moderator, alice, None, None, connect(app, alice, workshop), None, pid, pid)
    room.set_prompt(is_open=True)  # opened, but the workshop has not started
    assert error(room.post(room.a)) == "not_live"


def test_text_length_limits(live: Room):
    assert error(live.post(live.a, "")) == "invalid"
    assert error(live.post(live.a, "    ")) == "invalid"
    too_long = live.post(live.a, "x" * 501)
    assert error(too_long) == "invalid" and "largo" in too_long["error"]["message"]
    assert live.post(live.a, "x" * 500)["ok"]
    assert live.count(Idea) == 1


def test_malformed_posts_change_nothing(live: Room):
    seq = live.seq()
    good = {"client_id": "formato-0001", "prompt_id": live.prompt_id, "text": "Bien", "actor": "A",
            "category": "fisicas"}
    bad = ["texto", 7, [good], {**good, "prompt_id": str(live.prompt_id)}, {**good, "text": 5},
           {**good, "prompt_id": True}, {**good, "client_id": "corto"}, {**good, "client_id": "con espacio 123"},
           {**good, "client_id": "x" * 65}, {**good, "actor": "a" * 161}, {**good, "extra": 1},
           {k: v for k, v in good.items() if k != "text"}, {**good, "category": "magicas"}, {**good, "color": "negro"}]
    for payload in bad:
        assert error(call(live.a, "idea:post", payload)) == "invalid", payload
    assert live.count(Idea) == 0 and live.seq() == seq and updates(live.b) == []


def test_actor_and_category_follow_what_the_prompt_asks(live: Room):
    missing_category = live.post(live.a, category=None)
    assert error(missing_category) == "invalid" and "categoría" in missing_category["error"]["message"]
    assert error(live.post(live.a, actor=None)) == "invalid"
    assert error(live.post(live.a, actor="   ")) == "invalid"
    live.set_prompt(asks_actor=False, asks_category=False)
    assert error(live.post(live.a, actor="Alguien", category=None)) == "invalid"
    assert error(live.post(live.a, actor=None, category="humanas")) == "invalid"
    ack = live.post(live.a, actor=None, category=None)
    assert ack["ok"] and ack["idea"]["actor"] == "" and ack["idea"]["category"] == ""


def test_posting_is_rate_limited_per_person(live: Room):
    live.app.config["POST_RATE"] = (3, 60)
    first = live.post(live.a, client_id="ritmo-00001")
    assert live.post(live.a)["ok"] and live.post(live.a)["ok"]
    limited = live.post(live.a)
    assert error(limited) == "rate_limited" and limited["error"]["retry_after"] > 0
    assert live.post(live.a, client_id="ritmo-00001")["idea"] == first["idea"]  # a retry is not a new post
    assert live.post(live.b)["ok"]  # someone else is not slowed down
    assert live.count(Idea, author_id=live.alice.id) == 3


# -- editing and deleting one's own ---------------------------------------------------------------

def test_author_edits_and_deletes_own_idea_only(live: Room):
    idea_id = live.idea_id(live.a, "Primera versión")
    live.drain()
    edited = call(live.a, "idea:edit", {"idea_id": idea_id, "text": "Segunda versión", "color": "azul"})
    assert edited["ok"] and edited["idea"]["text"] == "Segunda versión" and edited["idea"]["color"] == "azul"
    assert edited["idea"]["actor"] == "Universidad Ficticia"  # fields left out are kept
    assert of_type(live.b, "idea")[0]["text"] == "Segunda versión"
    assert error(call(live.b, "idea:edit", {"idea_id": idea_id, "text": "Ajena"})) == "forbidden"
    assert error(call(live.b, "idea:delete", {"idea_id": idea_id})) == "forbidden"
    assert error(call(live.a, "idea:edit", {"idea_id": idea_id, "text": ""})) == "invalid"
    assert call(live.a, "idea:delete", {"idea_id": idea_id}) == {"ok": True, "id": idea_id}
    assert of_type(live.b, "idea.removed") == [{"id": idea_id}]
    assert live.count(Idea) == 0 and live.snapshot(live.b)["ideas"] == []


def test_no_edit_or_delete_once_the_prompt_closed(live: Room):
    idea_id = live.idea_id(live.a)
    call(live.mod, "prompt:close", {"prompt_id": live.prompt_id})
    assert error(call(live.a, "idea:edit", {"idea_id": idea_id, "text": "Tarde"})) == "prompt_closed"
    assert error(call(live.a, "idea:delete", {"idea_id": idea_id})) == "prompt_closed"
    assert live.count(Idea, id=idea_id) == 1


def test_ids_of_another_workshop_are_not_found(live: Room, make):
    other = make.workshop(status="live")
    with live.app.app_context():
        pid = prompt_ids(live.app, other)[0]
        idea = Idea(workshop_id=other.id, prompt_id=pid, client_id="ajena-00001", text="Ajena")
        cluster = Cluster(workshop_id=other.id, prompt_id=pid, name="Ajeno")
        db.session.add_all([idea, cluster])
        db.session.commit()
        idea_id, cluster_id = idea.id, cluster.id
    mine = live.idea_id(live.a)
    attempts = [(live.a, "idea:edit", {"idea_id": idea_id, "text": "x"}), (live.a, "idea:delete", {"idea_id": idea_id}),
                (live.mod, "idea:hide", {"idea_id": idea_id, "hidden": True}),
                (live.mod, "idea:moderate", {"idea_id": idea_id, "text": "x"}),
                (live.mod, "idea:merge", {"target_id": mine, "idea_ids": [idea_id]}),
                (live.mod, "idea:merge", {"target_id": idea_id, "idea_ids": [mine]}),
                (live.mod, "idea:group", {"idea_id": mine, "cluster_id": cluster_id}),
                (live.mod, "cluster:rename", {"cluster_id": cluster_id, "name": "Mío"}),
                (live.mod, "cluster:delete", {"cluster_id": cluster_id}),
                (live.mod, "cluster:create", {"prompt_id": pid, "name": "Mío"}),
                (live.mod, "prompt:reveal", {"prompt_id": pid})]
    for client, event, payload in attempts:
        assert error(call(client, event, payload)) == "not_found", event
    with live.app.app_context():
        assert db.session.get(Idea, idea_id).text == "Ajena" and db.session.get(Cluster, cluster_id).name == "Ajeno"


# -- participants cannot moderate -----------------------------------------------------------------

def test_participant_gets_forbidden_for_every_moderator_event(live: Room):
    idea_id = live.idea_id(live.a)
    other = live.idea_id(live.b)
    cluster = call(live.mod, "cluster:create", {"prompt_id": live.prompt_id, "name": "Academia"})["cluster"]
    call(live.a, "hand:raise")
    hand_id = live.snapshot(live.mod)["hands"]["queue"][0]["hand_id"]
    live.drain()
    seq, before = live.seq(), live.snapshot(live.mod)
    attempts = {
        "idea:hide": {"idea_id": other, "hidden": True},
        "idea:moderate": {"idea_id": other, "text": "Cambiada"},
        "idea:merge": {"target_id": idea_id, "idea_ids": [other]},
        "idea:group": {"idea_id": idea_id, "cluster_id": cluster["id"]},
        "cluster:create": {"prompt_id": live.prompt_id, "name": "Otro"},
        "cluster:rename": {"cluster_id": cluster["id"], "name": "Otro"},
        "cluster:delete": {"cluster_id": cluster["id"]},
        "prompt:reveal": {"prompt_id": live.prompt_id},
        "vote:open": {"prompt_id": live.prompt_id},
        "vote:close": {"round_id": 1},
        "hand:give_floor": {"hand_id": hand_id},
        "hand:end_turn": {"hand_id": hand_id},
    }
    for event, payload in attempts.items():
        assert error(call(live.a, event, payload)) == "forbidden", event
    after = live.snapshot(live.mod)
    assert live.seq() == seq and updates(live.b) == []
    for key in ("ideas", "clusters", "vote", "hands", "activities"):
        assert after[key] == before[key], key
    assert live.count(AuditEntry, user_id=live.alice.id) == 0


# -- visibility ----------------------------------------------------------------------------------

def test_participants_see_the_authors_name_but_never_their_id(live: Room):
    idea = live.post(live.a, "De Alicia", client_id="privada-0001")["idea"]
    assert idea["author_id"] == live.alice.id and idea["client_id"] == "privada-0001"  # the author's ack
    assert of_type(live.mod, "idea") == [idea]  # moderators: everything
    received = live.b.get_received()
    [seen] = [m["args"][0]["data"] for m in received if m["name"] == "update" and m["args"][0]["type"] == "idea"]
    assert seen["author_name"] == "Alicia Ficticia" and seen["client_id"] == "privada-0001"
    assert "author_id" not in seen and seen == without_author_id(idea)
    [own] = of_type(live.a, "idea")  # the poster's own socket is in the same participants' room
    assert "author_id" not in own and own["client_id"] == "privada-0001"
    assert live.snapshot(live.a)["ideas"] == [idea]  # the snapshot tells the author which are theirs
    assert live.snapshot(live.b)["ideas"] == [without_author_id(idea)]
    assert live.snapshot(live.mod)["ideas"] == [idea]
    said = json.dumps([live.snapshot(live.b), received])
    assert live.alice.email not in said and live.moderator.email not in said



def test_hidden_until_reveal_shows_only_own_ideas_then_reveals(live: Room):
    live.set_prompt(reveal_mode="hidden")
    mine = live.post(live.a, "Secreta de Alicia")["idea"]
    redacted = {"id": mine["id"], "prompt_id": live.prompt_id, "redacted": True}
    assert of_type(live.b, "idea") == [redacted]
    assert of_type(live.mod, "idea") == [mine]
    assert live.snapshot(live.a)["ideas"] == [mine]
    assert live.snapshot(live.b)["ideas"] == [redacted]
    assert live.snapshot(live.mod)["ideas"] == [mine]
    live.drain()
    ack = call(live.mod, "prompt:reveal", {"prompt_id": live.prompt_id})
    assert ack["ok"] and ack["prompt"]["revealed"] is True
    [revealed] = of_type(live.b, "prompt.revealed")
    assert revealed["ideas"] == [without_author_id(mine)] and revealed["prompt"]["revealed"] is True
    assert of_type(live.mod, "prompt.revealed")[0]["ideas"] == [mine]
    assert live.snapshot(live.b)["ideas"] == [without_author_id(mine)]
    assert live.post(live.b, "Después de revelar")["ok"]
    assert of_type(live.a, "idea")[0]["text"] == "Después de revelar"  # new ideas now arrive in full


def test_moderator_hides_and_shows_an_idea(live: Room):
    idea = live.post(live.a, "Fuera de tema")["idea"]
    live.drain()
    assert call(live.mod, "idea:hide", {"idea_id": idea["id"], "hidden": True})["idea"]["hidden"] is True
    assert of_type(live.b, "idea") == [{"id": idea["id"], "prompt_id": live.prompt_id, "hidden": True, "removed": True}]
    assert live.snapshot(live.b)["ideas"] == []
    assert [i["hidden"] for i in live.snapshot(live.a)["ideas"]] == [True]  # the author still sees it, marked
    assert [i["hidden"] for i in live.snapshot(live.mod)["ideas"]] == [True]
    call(live.mod, "idea:hide", {"idea_id": idea["id"], "hidden": False})
    assert of_type(live.b, "idea")[0]["text"] == "Fuera de tema"
    assert len(live.snapshot(live.b)["ideas"]) == 1


def test_moderator_edits_anyones_idea(live: Room):
    idea_id = live.idea_id(live.a, "Con errror")
    live.drain()
    ack = call(live.mod, "idea:moderate", {"idea_id": idea_id, "text": "Sin error", "category": "humanas"})
    assert ack["ok"] and ack["idea"]["text"] == "Sin error" and ack["idea"]["category"] == "humanas"
    assert of_type(live.b, "idea")[0]["text"] == "Sin error"
    assert error(call(live.mod, "idea:moderate", {"idea_id": idea_id, "text": "x", "category": "otra"})) == "invalid"


# -- merging -------------------------------------------------------------------------------------

def test_merge_folds_duplicates_into_the_target(live: Room):
    target = live.idea_id(live.a, "Alianza con la universidad")
    dup1 = live.idea_id(live.b, "Convenio universidad")
    dup2 = live.idea_id(live.b, "Universidad aliada")
    live.drain()
    ack = call(live.mod, "idea:merge", {"target_id": target, "idea_ids": [dup1, dup2]})
    assert ack["ok"] and ack["idea"]["merged"] == [dup1, dup2] and ack["idea"]["merged_count"] == 2
    [merged] = of_type(live.a, "ideas.merged")
    assert merged["merged_ids"] == [dup1, dup2] and merged["target"] == without_author_id(ack["idea"])
    assert of_type(live.mod, "ideas.merged")[0]["target"] == ack["idea"]
    ideas = live.snapshot(live.b)["ideas"]
    assert [i["id"] for i in ideas] == [target] and ideas[0]["merged_count"] == 2


def test_merge_rules(live: Room):
    a1, a2, b1 = live.idea_id(live.a), live.idea_id(live.a), live.idea_id(live.b)
    call(live.mod, "prompt:open", {"prompt_id": live.other_prompt_id, "start_timer": False})
    elsewhere = live.idea_id(live.a, prompt_id=live.other_prompt_id)
    assert error(call(live.mod, "idea:merge", {"target_id": a1, "idea_ids": [a1]})) == "invalid"
    assert error(call(live.mod, "idea:merge", {"target_id": a1, "idea_ids": [elsewhere]})) == "invalid"
    assert error(call(live.mod, "idea:merge", {"target_id": a1, "idea_ids": []})) == "invalid"
    assert call(live.mod, "idea:merge", {"target_id": a2, "idea_ids": [b1]})["ok"]
    assert error(call(live.mod, "idea:merge", {"target_id": b1, "idea_ids": [a1]})) == "invalid"  # b1 is folded
    # No chains: a2 and what was folded into it all move to a1.
    ack = call(live.mod, "idea:merge", {"target_id": a1, "idea_ids": [a2]})
    assert ack["idea"]["merged"] == [a2, b1]
    with live.app.app_context():
        assert {i.id: i.merged_into_id for i in db.session.query(Idea)} == {a1: None, a2: a1, b1: a1, elsewhere: None}
    call(live.mod, "prompt:open", {"prompt_id": live.prompt_id, "start_timer": False})
    assert error(call(live.b, "idea:edit", {"idea_id": b1, "text": "x"})) == "conflict"  # folded away


# -- clusters ------------------------------------------------------------------------------------

def test_clusters_named_uniquely_per_prompt(live: Room):
    def create(name, prompt_id=live.prompt_id):
        return call(live.mod, "cluster:create", {"prompt_id": prompt_id, "name": name})

    academia = create("Academia")["cluster"]
    assert of_type(live.b, "cluster") == [academia]
    assert error(create("  ACADEMIA ")) == "conflict"
    assert error(create("")) == "invalid" and error(create("g" * 121)) == "invalid"
    assert create("g" * 120)["ok"]
    assert create("Academia", live.other_prompt_id)["ok"]  # another prompt may reuse the name
    empresa = create("Empresa")["cluster"]
    assert error(call(live.mod, "cluster:rename", {"cluster_id": empresa["id"], "name": "academia"})) == "conflict"
    renamed = call(live.mod, "cluster:rename", {"cluster_id": academia["id"], "name": "ACADEMIA"})
    assert renamed["cluster"]["name"] == "ACADEMIA"


def test_group_ideas_and_delete_a_cluster(live: Room):
    idea_id = live.idea_id(live.a)
    cluster = call(live.mod, "cluster:create", {"prompt_id": live.prompt_id, "name": "Empresas"})["cluster"]
    elsewhere = call(live.mod, "cluster:create", {"prompt_id": live.other_prompt_id, "name": "Otra"})["cluster"]
    live.drain()
    grouped = call(live.mod, "idea:group", {"idea_id": idea_id, "cluster_id": cluster["id"]})
    assert grouped["idea"]["cluster_id"] == cluster["id"]
    assert of_type(live.b, "idea")[0]["cluster_id"] == cluster["id"]
    assert error(call(live.mod, "idea:group", {"idea_id": idea_id, "cluster_id": elsewhere["id"]})) == "invalid"
    assert error(call(live.mod, "idea:group", {"idea_id": idea_id})) == "invalid"  # cluster_id must be given
    assert call(live.mod, "cluster:delete", {"cluster_id": cluster["id"]})["ok"]
    assert of_type(live.b, "cluster.removed") == [{"id": cluster["id"]}]
    snap = live.snapshot(live.b)
    assert [c["id"] for c in snap["clusters"]] == [elsewhere["id"]] and snap["ideas"][0]["cluster_id"] is None
    assert call(live.mod, "idea:group", {"idea_id": idea_id, "cluster_id": None})["idea"]["cluster_id"] is None


def test_snapshot_lists_clusters_and_ideas_for_a_late_joiner(live: Room, make):
    live.idea_id(live.a, "Antes de llegar")
    call(live.mod, "cluster:create", {"prompt_id": live.prompt_id, "name": "Primero"})
    late = make.join(make.user(name="Carla Ficticia"), live.workshop)
    snap = call(connect(live.app, late, live.workshop), "snapshot")["snapshot"]
    assert [i["text"] for i in snap["ideas"]] == ["Antes de llegar"]
    assert [c["name"] for c in snap["clusters"]] == ["Primero"] and snap["vote"] is None
    assert events(live.b, "presence") == []  # presence goes to moderators only
