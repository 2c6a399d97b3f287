"""What the console and the projector draw from: the agenda clock, prompts already run, the
projector's mode and anonymous prompts."""
from datetime import timedelta

import pytest

from lab.extensions import db
from lab.live import projector
from lab.live.models import LiveState
from lab.workshops.models import Prompt

from .live_helpers import call, connect, updates
from .test_workshops import signed_in


@pytest.fixture
def room(app, make):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator])
    alicia = make.join(make.user(name="Alicia Ficticia"), workshop)
    bruno = make.join(make.user(name="Bruno Ficticio"), workshop)
    return workshop, connect(app, moderator, workshop), connect(app, alicia, workshop), connect(app, bruno, workshop)


def live_of(client):
    return call(client, "snapshot")["snapshot"]["live"]


def rewind_clock(app, workshop, seconds):
    """As if the current agenda item began `seconds` earlier."""
    with app.app_context():
        state = db.session.get(LiveState, workshop.id)
        state.agenda_since -= timedelta(seconds=seconds)
        db.session.commit()


def test_the_agenda_clock_counts_each_item_and_stops_at_closing(app, room):
    workshop, console, alicia, _bruno = room
    assert live_of(console)["agenda_since"] is None  # not started: no clock
    assert call(console, "workshop:start")["ok"]
    live = live_of(alicia)
    first, second = (item["id"] for item in call(console, "snapshot")["snapshot"]["agenda"][:2])
    assert live["agenda_item_id"] == first and live["agenda_since"] is not None and live["agenda_spent"] == {}
    rewind_clock(app, workshop, 400)
    assert call(console, "agenda:next")["ok"]
    live = live_of(alicia)
    assert live["agenda_item_id"] == second and 399 < live["agenda_spent"][str(first)] < 410
    rewind_clock(app, workshop, 60)
    assert call(console, "agenda:goto", {"agenda_item_id": first})["ok"]  # back to the first: it adds up
    rewind_clock(app, workshop, 100)
    assert call(console, "workshop:close")["ok"]
    live = live_of(alicia)
    assert live["agenda_since"] is None
    assert 499 < live["agenda_spent"][str(first)] < 515 and 59 < live["agenda_spent"][str(second)] < 65


def test_a_prompt_opened_once_is_marked_as_run_for_good(app, room):
    _workshop, console, alicia, _bruno = room
    snapshot = call(console, "snapshot")["snapshot"]
    prompt_id = snapshot["activities"][0]["prompts"][0]["id"]
    assert snapshot["activities"][0]["prompts"][0]["run"] is False
    call(console, "workshop:start")
    call(console, "prompt:open", {"prompt_id": prompt_id})
    call(console, "prompt:close", {"prompt_id": prompt_id})
    prompt = call(alicia, "snapshot")["snapshot"]["activities"][0]["prompts"][0]
    assert prompt["run"] is True and prompt["is_open"] is False


def test_the_moderator_switches_the_projector_and_everyone_hears_it(app, room):
    _workshop, console, alicia, _bruno = room
    assert live_of(alicia)["projector_mode"] == "question"
    for mode in ("welcome", "board", "results", "map", "question"):  # "map": the maps slice's fragment
        ack = call(console, "projector:mode", {"mode": mode})
        assert ack["ok"] and ack["live"]["projector_mode"] == mode
        assert updates(alicia)[-1]["data"]["projector_mode"] == mode
    call(console, "workshop:close")
    assert call(console, "projector:mode", {"mode": "closing"})["ok"]  # the closing screen, after closing
    assert live_of(alicia)["projector_mode"] == "closing"


@pytest.mark.parametrize("payload, code", [
    ({"mode": "karaoke"}, "invalid"), ({"mode": 3}, "invalid"), ({}, "invalid"), ({"mode": "board", "x": 1}, "invalid"),
])
def test_bad_projector_modes_are_refused_and_change_nothing(app, room, payload, code):
    _workshop, console, alicia, _bruno = room
    ack = call(console, "projector:mode", payload)
    assert ack["ok"] is False and ack["error"]["code"] == code and ack["error"]["message"]
    assert live_of(alicia)["projector_mode"] == "question"


def test_participants_cannot_switch_the_projector(app, room):
    _workshop, _console, alicia, _bruno = room
    assert call(alicia, "projector:mode", {"mode": "board"})["error"]["code"] == "forbidden"


def test_an_anonymous_prompt_hides_names_from_participants_not_from_moderators(app, room):
    workshop, console, alicia, bruno = room
    with app.app_context():
        prompt = db.session.scalars(db.select(Prompt).filter_by(workshop_id=workshop.id)).first()
        prompt.anonymous, prompt.asks_actor, prompt.asks_category = True, False, False
        db.session.commit()
        prompt_id = prompt.id
    call(console, "workshop:start")
    call(console, "prompt:open", {"prompt_id": prompt_id})
    posted = call(alicia, "idea:post", {"client_id": "anonima-0001", "prompt_id": prompt_id, "text": "Sin nombre"})
    assert posted["ok"] and posted["idea"]["author_name"] == "Alicia Ficticia"  # her own ack: her own idea
    seen_by_bruno = call(bruno, "snapshot")["snapshot"]["ideas"]
    assert [(idea["text"], idea["author_name"]) for idea in seen_by_bruno] == [("Sin nombre", "")]
    assert updates(bruno)[-1]["data"]["author_name"] == ""
    assert call(console, "snapshot")["snapshot"]["ideas"][0]["author_name"] == "Alicia Ficticia"


def test_the_prompt_form_sets_and_clears_the_anonymous_option(app, make, make_browser):
    workshop = make.workshop()
    lab = signed_in(make_browser, make.user(role="lab"))
    with app.app_context():
        prompt = db.session.scalars(db.select(Prompt).filter_by(workshop_id=workshop.id)).first()
        url = f"/talleres/{workshop.id}/actividades/{prompt.activity_id}/preguntas/{prompt.id}"
    form = {"text": "¿Qué actores podrían aportar?", "seconds": "60", "reveal_mode": "visible", "anonymous": "y"}
    assert lab.post(url, form).status_code == 302
    with app.app_context():
        assert db.session.get(Prompt, prompt.id).anonymous is True
    assert lab.post(url, {key: value for key, value in form.items() if key != "anonymous"}).status_code == 302
    with app.app_context():
        assert db.session.get(Prompt, prompt.id).anonymous is False


def test_the_map_mode_is_refused_and_not_offered_without_the_maps_projector_page(app, room, monkeypatch):
    _workshop, console, alicia, _bruno = room
    monkeypatch.setattr(projector, "MAP_ENDPOINT", "maps.not_installed")
    ack = call(console, "projector:mode", {"mode": "map"})
    assert ack["ok"] is False and ack["error"]["code"] == "invalid"
    assert live_of(alicia)["projector_mode"] == "question"
    with app.test_request_context():
        assert [mode for mode, _label in projector.mode_choices()] == ["welcome", "question", "board", "results",
                                                                       "closing"]
