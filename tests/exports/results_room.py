"""A workshop with one of everything its exports show, written straight to the database: ideas
(one hidden, one merged, one with a formula payload), a cluster, two closed vote rounds, hands,
attendance and audit entries; a participant whose consent predates naming; and a second workshop
whose rows must never leak into the first's exports."""
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from lab.attendance.models import Attendance
from lab.board.models import Cluster, Idea, Vote, VoteRound
from lab.extensions import db
from lab.live.models import Hand
from lab.realtime.models import AuditEntry
from lab.workshops.models import AgendaItem, Prompt

T0 = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)   # 10:00 in Bogotá
FORMULA = '=HYPERLINK("http://x.test","clic")'


def at(minutes):
    return T0 + timedelta(minutes=minutes)


@dataclass
class Results:
    workshop: object
    other: object
    moderator: object
    lab: object
    alice: object
    bob: object
    ideas: dict        # short name -> id
    cluster_id: int
    prompt_id: int


def build_results(app, make):
    moderator = make.user(role="moderator", name="Mónica Moderadora Ficticia", email="monica@ejemplo.test")
    lab = make.user(role="lab", name="Laura Laboratorio Ficticia")
    workshop = make.workshop(moderators=[moderator], starts_at=T0, title="Taller de capacidades",
                             prompts=("¿Qué actores externos podrían aportar?", "¿Con qué recursos?"))
    other = make.workshop(title="Otro taller")
    alice = make.join(make.user(name="Alicia Ficticia", email="alicia@ejemplo.test", org_type="universidad"), workshop)
    bob = make.join(make.user(name="Bruno Ficticio", email="bruno@ejemplo.test", org_type="empresa",
                              organisation="Empresa Imaginaria", consent_version="2025-01"), workshop)
    with app.app_context():
        prompt_id, second_prompt = db.session.scalars(
            db.select(Prompt.id).where(Prompt.workshop_id == workshop.id).order_by(Prompt.position)).all()
        cluster = Cluster(workshop_id=workshop.id, prompt_id=prompt_id, name="Infraestructura", created_at=at(20))
        db.session.add(cluster)
        db.session.flush()

        def idea(key, text, author, **fields):
            row = Idea(workshop_id=workshop.id, prompt_id=fields.pop("prompt", prompt_id), author_id=author.id,
                       client_id=f"c-{key}", text=text, actor_name=fields.pop("actor", "Universidad Ficticia"),
                       category=fields.pop("category", "fisicas"), created_at=at(len(key)), **fields)
            db.session.add(row)
            db.session.flush()
            return row

        lab_idea = idea("lab", "Laboratorios de prototipado", alice, cluster_id=cluster.id)
        formula = idea("formula", FORMULA, bob, actor="@Empresa", category="economicas")
        hidden = idea("hidden", "Idea fuera de tema", alice, hidden=True)
        duplicate = idea("dup", "Laboratorio de prototipos", bob, merged_into_id=lab_idea.id, cluster_id=cluster.id)
        second = idea("second", "Becas de formación", alice, prompt=second_prompt, category="humanas")
        rounds = [VoteRound(workshop_id=workshop.id, prompt_id=prompt_id, target="ideas", status="closed",
                            opened_at=at(30), closed_at=at(35)),
                  VoteRound(workshop_id=workshop.id, prompt_id=prompt_id, target="clusters", status="closed",
                            opened_at=at(40), closed_at=at(45))]
        db.session.add_all(rounds)
        db.session.flush()
        db.session.add_all([
            Vote(round_id=rounds[0].id, user_id=alice.id, target_id=lab_idea.id, count=2),
            Vote(round_id=rounds[0].id, user_id=bob.id, target_id=lab_idea.id, count=1),
            Vote(round_id=rounds[0].id, user_id=bob.id, target_id=formula.id, count=2),
            Vote(round_id=rounds[1].id, user_id=alice.id, target_id=cluster.id, count=3),
            Hand(workshop_id=workshop.id, user_id=alice.id, state="done", raised_at=at(50), floor_at=at(51),
                 ended_at=at(51) + timedelta(seconds=75)),
            Hand(workshop_id=workshop.id, user_id=bob.id, state="lowered", raised_at=at(52)),
            AuditEntry(workshop_id=workshop.id, user_id=moderator.id, action="idea:hide",
                       detail={"idea_id": hidden.id, "hidden": True}, at=at(25)),
            AuditEntry(workshop_id=other.id, user_id=moderator.id, action="workshop:start", detail={}, at=at(1)),
            Idea(workshop_id=other.id, prompt_id=db.session.scalar(db.select(Prompt.id).where(
                Prompt.workshop_id == other.id)), client_id="c-other", text="Idea de otro taller"),
        ])
        first_item = db.session.scalar(db.select(AgendaItem.id).where(AgendaItem.workshop_id == workshop.id)
                                       .order_by(AgendaItem.position).limit(1))
        for action, minute, detail in (("workshop:start", 0, {}), ("agenda:next", 10, {}), ("agenda:next", 30, {}),
                                       ("agenda:goto", 50, {"agenda_item_id": first_item}),
                                       ("workshop:close", 60, {})):
            db.session.add(AuditEntry(workshop_id=workshop.id, user_id=moderator.id, action=action, detail=detail,
                                      at=at(minute)))
        for person, role, start, end in ((moderator, "moderator", -5, 90), (alice, "participant", 0, 60),
                                         (bob, "participant", 2, 70)):
            db.session.add(Attendance(workshop_id=workshop.id, user_id=person.id, sid=f"sid-{person.id}",
                                      name=person.name, email=person.email, organisation=person.organisation,
                                      org_type=person.org_type, position=person.position, role=role,
                                      joined_at=at(start), left_at=at(end), last_seen=at(end)))
        db.session.commit()
        ideas = {"lab": lab_idea.id, "formula": formula.id, "hidden": hidden.id, "dup": duplicate.id,
                 "second": second.id}
        return Results(workshop=workshop, other=other, moderator=moderator, lab=lab, alice=alice, bob=bob,
                       ideas=ideas, cluster_id=cluster.id, prompt_id=prompt_id)
