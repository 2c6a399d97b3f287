"""The live pages as HTTP sees them: who may open which, what they carry for the scripts, and that
every text the scripts show comes translated from the server."""
import json
import re
from pathlib import Path

import pytest

from lab.live.strings import client_strings

JS = Path(__file__).resolve().parents[1] / "lab" / "static" / "js"
JSON_BLOCK = re.compile(r'<script type="application/json" id="(live-[a-z]+)">(.*?)</script>', re.S)


def json_blocks(response):
    return {name: json.loads(body) for name, body in JSON_BLOCK.findall(response.get_data(as_text=True))}


@pytest.fixture
def room(make):
    moderator = make.user(role="moderator", name="Mónica Moderadora Ficticia")
    workshop = make.workshop(moderators=[moderator])
    member = make.join(make.user(name="Pedro Participante Ficticio"), workshop)
    stranger = make.user(name="Persona Ajena Ficticia")
    return {"moderator": moderator, "workshop": workshop, "member": member, "stranger": stranger}


def pages(workshop_id):
    return {"room": f"/taller/{workshop_id}/sala", "console": f"/taller/{workshop_id}/moderar",
            "projector": f"/taller/{workshop_id}/proyector"}


def test_anonymous_people_are_sent_to_log_in(client, room):
    for url in pages(room["workshop"].id).values():
        response = client.get(url)
        assert response.status_code == 302
        assert "/entrar" in response.headers["Location"]


def test_a_participant_enters_the_room_but_not_the_moderator_pages(browser, room):
    browser.login(room["member"])
    urls = pages(room["workshop"].id)
    response = browser.get(urls["room"])
    assert response.status_code == 200
    blocks = json_blocks(response)
    assert blocks["live-config"] == {"workshop_id": room["workshop"].id, "user_id": room["member"].id,
                                     "role": "participant", "view": "room"}
    assert "Consola de moderación" not in response.get_data(as_text=True)
    assert browser.get(urls["console"]).status_code == 403
    assert browser.get(urls["projector"]).status_code == 403


def test_someone_outside_the_workshop_is_refused(browser, room):
    browser.login(room["stranger"])
    for url in pages(room["workshop"].id).values():
        assert browser.get(url).status_code == 403


def test_an_unknown_workshop_is_not_found(browser, room):
    browser.login(room["moderator"])
    assert browser.get("/taller/999999/sala").status_code == 404


def test_the_moderator_gets_the_console_with_its_links(browser, room):
    browser.login(room["moderator"])
    workshop = room["workshop"]
    response = browser.get(pages(workshop.id)["console"])
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'href="/taller/{workshop.id}/proyector"' in html
    assert f'href="/taller/{workshop.id}/asistencia"' in html
    assert workshop.join_code in html
    assert "/static/vendor/socket.io/socket.io.min.js" in html
    assert json_blocks(response)["live-config"]["role"] == "moderator"
    projector = browser.get(pages(workshop.id)["projector"])
    assert projector.status_code == 200
    assert f"/unirse/{workshop.join_code}" in projector.get_data(as_text=True)


def test_the_lab_team_may_moderate_any_workshop(browser, make, room):
    browser.login(make.user(role="lab"))
    assert browser.get(pages(room["workshop"].id)["console"]).status_code == 200


def test_user_text_in_the_page_is_escaped(browser, make):
    moderator = make.user(role="moderator")
    workshop = make.workshop(moderators=[moderator], title="<script>alert(1)</script> Taller")
    browser.login(moderator)
    html = browser.get(pages(workshop.id)["room"]).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Taller" in html


def script_keys():
    """Every key the scripts look up: t("..."), tn("..."), and keys picked in a table or a ternary
    (status_*, announce_*, *_named)."""
    keys = set()
    for path in JS.glob("*.js"):
        source = path.read_text()
        keys.update(re.findall(r'\btn?\("([a-z0-9_]+)"', source))
        keys.update(re.findall(r'"((?:status|announce)_[a-z0-9_]+|[a-z0-9_]+_named)"', source))
    return keys


def test_every_text_the_scripts_show_comes_from_the_server(app):
    with app.test_request_context():
        strings = client_strings()
    missing = sorted(script_keys() - set(strings))
    assert not missing, f"texts the scripts use but the server does not send: {missing}"
    assert set(strings["categories"]) == {"fisicas", "humanas", "tecnologicas", "economicas", "sociales"}


def test_the_scripts_carry_no_spanish_of_their_own():
    accented = re.compile(r'"[^"\n]*[áéíóúñ¿¡][^"\n]*"')
    for path in JS.glob("*.js"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if line.strip().startswith("//") or line.strip().startswith("*"):
                continue
            assert not accented.search(line), f"{path.name}:{number} has text of its own: {line.strip()}"


def test_the_room_speaks_spanish_by_default_and_english_when_chosen(browser, room):
    browser.login(room["member"])
    spanish = json_blocks(browser.get(pages(room["workshop"].id)["room"]))["live-strings"]
    assert spanish["status_connected"] == "Conectado"
    assert spanish["minutes"] == {"one": "%(num)d minuto", "other": "%(num)d minutos"}

    browser.post("/idioma/en", {"next": "/"})
    response = browser.get(pages(room["workshop"].id)["room"])
    assert response.status_code == 200
    assert 'lang="en"' in response.get_data(as_text=True)
    english = json_blocks(response)["live-strings"]
    assert english["status_connected"] == "Connected"
    assert english["minutes"] == {"one": "%(num)d minute", "other": "%(num)d minutes"}
    assert english["categories"]["tecnologicas"] != spanish["categories"]["tecnologicas"]
