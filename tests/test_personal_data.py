"""Personal data (Ley 1581 de 2012): "Mis datos" is complete, the lab team deletes a person on request,
and guests of long-closed workshops are anonymised by the retention command."""
import json
from datetime import timedelta

from sqlalchemy import select

from lab.accounts.models import User
from lab.board.models import Idea
from lab.extensions import db
from lab.live.models import LiveState
from lab.types import utcnow
from lab.workshops.models import Workshop

from .factories import make_user
from .live_helpers import call


def my_data(browser):
    response = browser.get("/cuenta/mis-datos.json")
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def test_my_data_lists_my_moderator_actions_assignments_and_workshops_created(live, make, make_browser):
    assert call(live.mod, "timer:extend", {"kind": "prompt", "seconds": 30})["ok"]
    with live.app.app_context():
        created = Workshop(title="Taller creado por ella", created_by_id=live.moderator.id)
        db.session.add(created)
        db.session.commit()
        created_id = created.id
    browser = make_browser()
    browser.login(live.moderator)
    data = my_data(browser)
    actions = [entry["action"] for entry in data["audit"]]
    assert actions[:2] == ["workshop:start", "prompt:open"] and "timer:extend" in actions
    assert data["audit"][-1]["detail"] == {"kind": "prompt", "seconds": 30}
    assert [w["id"] for w in data["workshops_moderated"]] == [live.workshop.id]
    assert [w["id"] for w in data["workshops_created"]] == [created_id]
    participant = make_browser()
    participant.login(live.alice)
    assert my_data(participant)["audit"] == [] and my_data(participant)["workshops_moderated"] == []


def test_the_lab_team_deletes_a_person_on_request_and_their_ideas_stay_anonymous(live, make, make_browser):
    idea_id = live.idea_id(live.a, "Una idea que se queda")
    lab = make_browser()
    lab.login(make.user(role="lab"))
    page = lab.get(f"/equipo/personas/{live.alice.id}").get_data(as_text=True)
    assert "Eliminar la cuenta" in page
    wrong = lab.post(f"/equipo/personas/{live.alice.id}/eliminar", {"confirmation": "otra@ejemplo.test"})
    assert wrong.status_code == 422 and "no coincide" in wrong.get_data(as_text=True)
    done = lab.post(f"/equipo/personas/{live.alice.id}/eliminar", {"confirmation": live.alice.email.upper()})
    assert done.status_code == 302
    with live.app.app_context():
        assert db.session.get(User, live.alice.id) is None
        idea = db.session.get(Idea, idea_id)
        assert idea is not None and idea.author_id is None and idea.text == "Una idea que se queda"
    assert not live.a.is_connected()  # her session ended with the account


def test_only_the_lab_team_deletes_other_people(live, make_browser):
    moderator = make_browser()
    moderator.login(live.moderator)
    assert moderator.post(f"/equipo/personas/{live.alice.id}/eliminar",
                          {"confirmation": live.alice.email}).status_code == 403
    with live.app.app_context():
        assert db.session.get(User, live.alice.id) is not None


def close_workshop(app, workshop, days_ago):
    with app.app_context():
        db.session.get(Workshop, workshop.id).status = "closed"
        db.session.merge(LiveState(workshop_id=workshop.id, closed_at=utcnow() - timedelta(days=days_ago)))
        db.session.commit()


def test_retention_anonymises_guests_of_workshops_closed_long_ago(app, make, runner):
    old, recent = make.workshop(title="Hace dos años"), make.workshop(title="El mes pasado")
    old_guest = make.user(password=None, guest_workshop_id=old.id, email="vieja@ejemplo.test")
    recent_guest = make.user(password=None, guest_workshop_id=recent.id, email="reciente@ejemplo.test")
    kept_account = make.join(make.user(email="con-clave@ejemplo.test", guest_workshop_id=old.id), old)
    close_workshop(app, old, days_ago=730)
    close_workshop(app, recent, days_ago=30)

    result = runner.invoke(args=["retention", "--days", "365"])
    assert result.exit_code == 0, result.output
    assert "1 guest account(s)" in result.output
    with app.app_context():
        remaining = set(db.session.scalars(select(User.email)))
    assert "vieja@ejemplo.test" not in remaining
    assert {"reciente@ejemplo.test", "con-clave@ejemplo.test"} <= remaining
    assert old_guest.id != recent_guest.id != kept_account.id


def test_retention_uses_the_configured_days(make_app):
    app = make_app(GUEST_RETENTION_DAYS=10)
    with app.app_context():
        workshop = Workshop(title="Cerrado hace 20 días")
        db.session.add(workshop)
        db.session.commit()
        make_user(password=None, guest_workshop_id=workshop.id, email="invitada@ejemplo.test")
    close_workshop(app, workshop, days_ago=20)
    assert "1 guest account(s)" in app.test_cli_runner().invoke(args=["retention"]).output
    with app.app_context():
        assert db.session.scalar(select(User).filter_by(email="invitada@ejemplo.test")) is None
