"""The map's pages on the sample workshop: who sees which map, what the matrix counts, the evidence
of a cell, the actor page (edit with a version check, merge), review, assessments, projector."""
import re

import pytest

from lab.accounts.models import User
from lab.accounts.privacy import delete_account, personal_data
from lab.board.models import Idea
from lab.extensions import db
from lab.maps import demo_data
from lab.maps.demo import create_demo, delete_demo
from lab.maps.models import Actor, Alliance, Assessment, Entry, Rating
from lab.workshops.models import Workshop

from ..conftest import Browser


@pytest.fixture
def sample(app):
    with app.app_context():
        workshop = create_demo()
        db.session.commit()
        return workshop.id


def actor_id(app, name):
    with app.app_context():
        return db.session.scalar(db.select(Actor.id).filter_by(name=name))


def slug_of(app, name):
    with app.app_context():
        return db.session.scalar(db.select(Actor.slug).filter_by(name=name))


@pytest.fixture
def lab(app, make):
    user = make.user(role="lab", email="equipo@laboratorio.test")
    browser = Browser(app.test_client())
    browser.login(user)
    return browser


def login_as(app, user):
    browser = Browser(app.test_client())
    assert browser.login(user).status_code == 302
    return browser


def text(response):
    return response.get_data(as_text=True)


def test_the_sample_workshop_is_closed_marked_and_complete(app, sample):
    with app.app_context():
        workshop = db.session.get(Workshop, sample)
        assert workshop.demo and workshop.status == "closed"
        ideas = db.session.query(Idea).filter_by(workshop_id=sample).count()
        assert ideas == len(demo_data.IDEAS) + len(demo_data.ALLIANCE_IDEAS) >= 30
        statuses = {s for (s,) in db.session.query(Entry.status).filter_by(workshop_id=sample)}
        assert statuses == {"confirmed", "proposed"}  # near matches wait for a person
        assert db.session.query(Alliance).count() == len(demo_data.ALLIANCES)
        people = db.session.query(User).filter(User.email.like(f"%@{demo_data.EMAIL_DOMAIN}")).count()
        assert people == len(demo_data.PARTICIPANTS) + 1
        with pytest.raises(Exception, match="ya existe"):
            create_demo()


def test_deleting_the_sample_removes_all_it_made_but_actors_real_evidence_names(app, sample, make):
    real = make.workshop(title="Taller real")
    with app.app_context():
        uis = db.session.scalar(db.select(Actor.id).filter_by(acronym="UIS"))
        db.session.add(Entry(workshop_id=real.id, typed_name="UIS", status="confirmed", actor_id=uis))
        db.session.commit()
        assert delete_demo() == 1
        db.session.commit()
        assert db.session.get(Workshop, sample) is None
        assert db.session.query(User).filter(User.email.like(f"%@{demo_data.EMAIL_DOMAIN}")).count() == 0
        assert [a.name for a in db.session.query(Actor)] == ["Universidad Industrial de Santander"]
        assert db.session.get(Actor, uis).demo is False
        assert db.session.query(Alliance).count() == 0


def test_the_matrix_counts_the_evidence_of_each_cell(app, sample, lab):
    page = text(lab.get("/mapa"))
    assert "Universidad Industrial de Santander, Físicas: ofrece 2, necesita 0. Ver evidencia" in page
    assert "Servicio Nacional de Aprendizaje, Humanas: ofrece 1, necesita 0. Ver evidencia" in page
    assert page.index("Gobierno") < page.index("Academia")  # grouped by sector, the helix's order
    workshop_page = text(lab.get(f"/talleres/{sample}/mapa?categoria=fisicas"))
    assert "Físicas: ofrece 2" in workshop_page and "Humanas: ofrece" not in workshop_page
    assert "Taller de ejemplo: datos ficticios" in workshop_page


def test_the_evidence_of_a_cell_shows_its_ideas_and_nobody(app, sample, lab):
    uis = actor_id(app, "Universidad Industrial de Santander")
    page = text(lab.get(f"/mapa/evidencia/{uis}?categoria=fisicas&taller={sample}&fragmento=1"))
    assert "Laboratorios y auditorios para sesiones de co-creación" in page
    assert "Espacios del campus para pilotos abiertos" in page
    assert "Votos" in page and "<html" not in page
    for name, *_rest in demo_data.PARTICIPANTS:
        assert name not in page
    assert lab.get(f"/mapa/evidencia/{uis}?categoria=zzz").status_code == 404
    assert lab.get("/mapa/evidencia/999999").status_code == 404


def test_who_sees_which_map(app, sample, make):
    participant = make.join(make.user(), db_workshop(app, sample))
    browser = login_as(app, participant)
    assert browser.get("/mapa").status_code == 403
    assert browser.get(f"/talleres/{sample}/mapa").status_code == 200  # closed: revealed to its people
    live = make.workshop(title="Taller en curso", status="live")
    make.join(participant, live)
    assert browser.get(f"/talleres/{live.id}/mapa").status_code == 403  # not revealed yet
    stranger = login_as(app, make.user(role="moderator"))
    assert stranger.get(f"/talleres/{sample}/mapa").status_code == 403
    assert stranger.get(f"/talleres/{sample}/mapa/proyector").status_code == 403


def db_workshop(app, workshop_id):
    with app.app_context():
        return db.session.get(Workshop, workshop_id)


def test_the_projector_map_is_big_and_has_no_personal_data(app, sample, lab):
    page = text(lab.get(f"/talleres/{sample}/mapa/proyector"))
    assert "Mapa de actores y capacidades" in page and "projector-map" in page
    for name, organisation, *_rest in demo_data.PARTICIPANTS:
        assert name not in page and organisation not in page
    assert demo_data.EMAIL_DOMAIN not in page
    fragment = text(lab.get(f"/talleres/{sample}/mapa/proyector?fragmento=1"))
    assert fragment.lstrip().startswith(("{#", "<section")) and "<html" not in fragment


def test_a_second_save_from_the_same_version_is_refused_showing_the_other_change(app, sample, lab, make):
    slug = slug_of(app, "Universidad Autónoma de Bucaramanga")
    other = login_as(app, make.user(role="lab", email="otra@laboratorio.test"))
    assert other.post(f"/mapa/actores/{slug}", {"version": "1", "name": "Universidad Autónoma de Bucaramanga",
                                                 "relation": "current"}).status_code == 302
    mine = lab.post(f"/mapa/actores/{slug}", {"version": "1", "name": "UNAB Bucaramanga",
                                               "description": "Mi descripción que no se pierde"})
    assert mine.status_code == 422
    page = text(mine)
    assert "Otra persona guardó cambios" in page and "potential" in page and "current" in page
    assert "Mi descripción que no se pierde" in page and 'value="UNAB Bucaramanga"' in page  # nothing lost
    with app.app_context():
        actor = db.session.scalar(db.select(Actor).filter_by(slug=slug))
        assert (actor.name, actor.relation, actor.version) == ("Universidad Autónoma de Bucaramanga", "current", 2)
        assert actor.became_current_at is not None
    bad = lab.post(f"/mapa/actores/{slug}", {"version": "2", "name": "Dra. Martínez", "website": "ftp://x"})
    assert bad.status_code == 422 and "persona" in text(bad)


def test_merging_on_the_actor_page(app, sample, lab):
    slug = slug_of(app, "SENA Tecnoparque Bucaramanga")
    sena = actor_id(app, "Servicio Nacional de Aprendizaje")
    own_id = str(actor_id(app, "SENA Tecnoparque Bucaramanga"))
    itself = lab.post(f"/mapa/actores/{slug}/fusionar", {"target_id": own_id}, follow_redirects=True)
    assert "no se puede fusionar consigo mismo" in text(itself)
    merged = lab.post(f"/mapa/actores/{slug}/fusionar", {"target_id": str(sena)}, follow_redirects=True)
    assert "nombre alternativo" in text(merged)
    with app.app_context():
        assert "SENA Tecnoparque Bucaramanga" in db.session.get(Actor, sena).aliases


def test_the_review_page_confirms_a_near_match_for_the_chosen_actor(app, sample, lab):
    page = text(lab.get("/mapa/revision"))
    assert "Tecnoparke Bucaramanga" in page
    with app.app_context():
        entry = db.session.scalar(db.select(Entry.id).filter_by(typed_name="Tecnoparke Bucaramanga"))
    target = actor_id(app, "SENA Tecnoparque Bucaramanga")
    done = lab.post(f"/mapa/entradas/{entry}/confirmar", {"actor_id": str(target)}, follow_redirects=True)
    assert "Entrada confirmada." in text(done)
    with app.app_context():
        assert db.session.get(Entry, entry).actor_id == target
    assert lab.post(f"/mapa/entradas/{entry}/volar", {}).status_code == 404


def test_assessments_are_set_within_bounds(app, sample, make):
    lab_user = make.user(role="lab", email="equipo2@laboratorio.test")
    browser = login_as(app, lab_user)
    uis = actor_id(app, "Universidad Industrial de Santander")
    refused = browser.post(f"/talleres/{sample}/mapa/poder-interes", {"actor_id": str(uis), "influence": "7",
                                                                     "interest": "2"})
    assert refused.status_code == 422 and "va de 1 a 5" in text(refused)
    saved = browser.post(f"/talleres/{sample}/mapa/poder-interes", {"actor_id": str(uis), "influence": "2",
                                                                   "interest": "2"}, follow_redirects=True)
    assert "Valoración guardada." in text(saved)
    with app.app_context():
        assessment = db.session.scalar(db.select(Assessment).filter_by(actor_id=uis, workshop_id=sample))
        assert (assessment.influence, assessment.interest, assessment.source) == (2.0, 2.0, "moderators")
    grid = text(browser.get("/mapa/poder-interes"))
    assert "<svg" in grid and "Gestionar de cerca" in grid


def test_network_changes_and_bad_filters(app, sample, lab):
    page = text(lab.get("/mapa/red?categoria=zzz&desde=ayer"))
    assert "Algunos filtros no eran válidos" in page and "AAAA-MM-DD" in page
    assert 'id="network-data"' in page and re.search(r'"kind": ?"lab"', page)
    assert "Universidad Industrial de Santander" in page
    changes = text(lab.get("/mapa/cambios?desde=2000-01-01"))
    assert "Universidad Industrial de Santander" in changes and "Cofinanciación de proyectos" in changes
    assert lab.get("/mapa/cambios?desde=nunca").status_code == 422


def test_the_empty_workshop_list_offers_the_sample_and_its_map_deletes_it(app, lab, make):
    empty = text(lab.get("/talleres"))
    assert "Crear un taller de ejemplo" in empty
    created = lab.post("/mapa/ejemplo", {})
    assert created.status_code == 302 and "/mapa" in created.headers["Location"]
    listed = text(lab.get("/talleres"))
    assert "Ejemplo: datos ficticios" in listed and "Crear un taller de ejemplo" not in listed
    again = lab.post("/mapa/ejemplo", {}, follow_redirects=True)
    assert "ya existe" in text(again)
    participant = login_as(app, make.user())
    assert participant.post("/mapa/ejemplo/borrar", {}).status_code == 403
    gone = lab.post("/mapa/ejemplo/borrar", {}, follow_redirects=True)
    assert "Taller de ejemplo borrado" in text(gone)
    with app.app_context():
        assert db.session.query(Workshop).filter_by(demo=True).count() == 0


def test_a_persons_ratings_are_in_their_data_and_outlive_their_account_anonymous(app, sample):
    with app.app_context():
        person = db.session.scalar(db.select(User).filter_by(name=demo_data.PARTICIPANTS[0][0]))
        ratings = personal_data(person)["map_ratings"]
        assert ratings and {r["workshop_id"] for r in ratings} == {sample}
        before = db.session.query(Rating).count()
        delete_account(person)
        db.session.commit()
        assert db.session.query(Rating).count() == before  # the answers still count
        assert db.session.query(Rating).filter_by(user_id=person.id).count() == 0
        assert db.session.query(Entry).filter(Entry.reviewed_by_id.is_not(None)).count() > 0  # the moderator's stay


def test_the_alliance_prompts_ideas_become_alliances_with_their_evidence(app, sample, lab):
    page = text(lab.get("/mapa/alianzas"))
    assert "Lo que el tablero propuso" in page and "Mesas barriales de co-creación" in page
    assert "Convenio para que los semilleros" in page  # an alliance's evidence, in its row
    with app.app_context():
        idea = db.session.scalar(db.select(Idea).filter_by(text="Mesas barriales de co-creación"))
        idea_id, workshop_id = idea.id, idea.workshop_id
    juntas = actor_id(app, "Red de Juntas de Acción Comunal")
    refused = lab.post("/mapa/alianzas", {"purpose": "", "actor_ids": str(juntas), "idea_ids": str(idea_id)},
                       follow_redirects=True)
    assert "no puede quedar vacío" in text(refused)
    done = lab.post("/mapa/alianzas", {"purpose": "Mesas barriales de co-creación", "actor_ids": str(juntas),
                                       "idea_ids": str(idea_id), "stage": "identified"}, follow_redirects=True)
    assert "Alianza guardada." in text(done) and "Lo que el tablero propuso" not in text(done)
    with app.app_context():
        alliance = db.session.scalar(db.select(Alliance).filter_by(purpose="Mesas barriales de co-creación"))
        assert [i.id for i in alliance.ideas] == [idea_id] and alliance.workshop_id == workshop_id
        assert [a.id for a in alliance.actors] == [juntas]


def test_moderators_review_their_workshops_entries_and_only_those(app, sample, make):
    with app.app_context():
        moderator = db.session.scalar(db.select(User).filter_by(role="moderator"))
        entry = db.session.scalar(db.select(Entry.id).filter_by(typed_name="Tecnoparke Bucaramanga"))
        other = make.workshop(title="Otro taller", moderators=[moderator])
        foreign = Entry(workshop_id=other.id, typed_name="Ajena Ficticia")
        db.session.add(foreign)
        db.session.commit()
        foreign_id, moderator_login = foreign.id, moderator.get_id()
    browser = Browser(app.test_client())
    with browser.client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = moderator_login, True
    page = text(browser.get(f"/talleres/{sample}/mapa/revision"))
    assert "Tecnoparke Bucaramanga" in page and "Ajena Ficticia" not in page
    assert browser.get("/mapa/revision").status_code == 403  # the lab-wide queue is the lab team's
    target = actor_id(app, "SENA Tecnoparque Bucaramanga")
    done = browser.post(f"/talleres/{sample}/mapa/entradas/{entry}/confirmar", {"actor_id": str(target)},
                        follow_redirects=True)
    assert "Entrada confirmada." in text(done)
    crossed = browser.post(f"/talleres/{sample}/mapa/entradas/{foreign_id}/descartar", {}, follow_redirects=True)
    assert "no está en este taller" in text(crossed)
    with app.app_context():
        assert db.session.get(Entry, foreign_id).status == "proposed"
    participant = login_as(app, make.join(make.user(), db_workshop(app, sample)))
    assert participant.get(f"/talleres/{sample}/mapa/revision").status_code == 403
    assert participant.post(f"/talleres/{sample}/mapa/entradas/{entry}/descartar", {}).status_code == 403


def test_participants_answer_influence_and_interest_once_the_map_is_revealed(app, sample, make):
    participant = login_as(app, make.join(make.user(), db_workshop(app, sample)))
    uis = actor_id(app, "Universidad Industrial de Santander")
    page = text(participant.get(f"/talleres/{sample}/mapa/poder-interes"))
    assert "Tu respuesta cuenta junto con la de los demás" in page
    answered = participant.post(f"/talleres/{sample}/mapa/poder-interes",
                                {"actor_id": str(uis), "influence": "1", "interest": "1"}, follow_redirects=True)
    assert "tu respuesta quedó guardada" in text(answered)
    with app.app_context():
        assessment = db.session.scalar(db.select(Assessment).filter_by(actor_id=uis, workshop_id=sample))
        assert (assessment.ratings, assessment.source) == (6, "participants")
    with app.app_context():
        outside = create_actor_outside_the_map()
    refused = participant.post(f"/talleres/{sample}/mapa/poder-interes",
                               {"actor_id": str(outside), "influence": "3", "interest": "3"})
    assert refused.status_code == 422 and "no está en el mapa de este taller" in text(refused)


def create_actor_outside_the_map():
    actor = Actor(slug="fuera-del-mapa", name="Fundación Fuera del Mapa", aliases=[], tags=[], last_change={})
    db.session.add(actor)
    db.session.commit()
    return actor.id
