"""Numbers a client or a visitor types are bounded at the edge: an id no column can hold is `invalid`
(never `server_error`), a page number is clamped, a template's nesting is limited, and the files
holding personal data are private."""
import os
import stat
import time

import pytest

from lab import create_app
from lab.types import MAX_ID
from lab.workshops.templates_loader import parse

from .conftest import base_config
from .live_helpers import call

HUGE = [2**64, 2**63, MAX_ID + 1, -(2**64)]


def id_events(room, huge):
    """Every event that takes an id, with `huge` in one of its ids."""
    prompt = room.prompt_id
    return [
        ("agenda:goto", {"agenda_item_id": huge}), ("prompt:show", {"prompt_id": huge}),
        ("prompt:open", {"prompt_id": huge}), ("prompt:close", {"prompt_id": huge}),
        ("prompt:reveal", {"prompt_id": huge}), ("hand:give_floor", {"hand_id": huge}),
        ("hand:end_turn", {"hand_id": huge}), ("hand:dismiss", {"hand_id": huge}),
        ("idea:post", {"client_id": "cliente-grande-1", "prompt_id": huge, "text": "x"}),
        ("idea:edit", {"idea_id": huge, "text": "x"}), ("idea:delete", {"idea_id": huge}),
        ("idea:hide", {"idea_id": huge, "hidden": True}), ("idea:moderate", {"idea_id": huge, "text": "x"}),
        ("idea:merge", {"target_id": huge, "idea_ids": [1]}), ("idea:merge", {"target_id": 1, "idea_ids": [1, huge]}),
        ("idea:group", {"idea_id": huge, "cluster_id": None}), ("idea:group", {"idea_id": 1, "cluster_id": huge}),
        ("cluster:create", {"prompt_id": huge, "name": "Grupo"}), ("cluster:rename", {"cluster_id": huge, "name": "G"}),
        ("cluster:delete", {"cluster_id": huge}), ("vote:open", {"prompt_id": huge}),
        ("vote:open", {"prompt_id": prompt, "budget": huge}), ("vote:close", {"round_id": huge}),
        ("vote:cast", {"round_id": huge, "target_id": 1, "delta": 1}),
        ("vote:cast", {"round_id": 1, "target_id": huge, "delta": 1}),
        ("vote:cast", {"round_id": 1, "target_id": 1, "delta": huge}),
        ("timer:extend", {"kind": "prompt", "seconds": huge}),
    ]


@pytest.mark.parametrize("huge", HUGE)
def test_ids_beyond_what_a_column_holds_are_invalid_for_every_event(live, huge):
    before = live.seq()
    for event, payload in id_events(live, huge):
        ack = call(live.mod, event, payload)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid", (event, payload, ack)
        assert "no es válido" in ack["error"]["message"], (event, ack)
    assert call(live.a, "idea:edit", {"idea_id": huge, "text": "x"})["error"]["code"] == "invalid"
    assert live.seq() == before  # nothing changed, nothing was broadcast


def test_ids_below_one_are_invalid(live):
    for bad in (0, -1):
        ack = call(live.mod, "prompt:close", {"prompt_id": bad})
        assert ack["error"]["code"] == "invalid", ack


def test_the_largest_id_is_simply_not_found(live):
    ack = call(live.mod, "prompt:close", {"prompt_id": MAX_ID})
    assert ack["error"]["code"] == "not_found", ack


# -- pages ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", ["99999999999999999999", "-5", "0", "10001", "abc"])
def test_page_numbers_are_clamped_not_errors(make, browser, page):
    make.workshop(title="Taller listado")
    lab = make.user(role="lab")
    browser.login(lab)
    for path in ("/talleres", "/equipo/personas"):
        response = browser.get(path, query_string={"page": page})
        assert response.status_code == 200, (path, page)


# -- templates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    b"title: x\nagenda: " + b"[" * 50_000 + b"]" * 50_000,
    b"title: x\nagenda: " + b"{a: " * 20_000 + b"1" + b"}" * 20_000,
    b"title: x\nagenda:\n" + b"".join(b"  " * depth + b"- \n" for depth in range(1, 200)),
])
def test_deeply_nested_yaml_is_refused_before_it_is_read(body):
    started = time.monotonic()
    spec, errors = parse(body[:100_000], "anidado.yaml")
    elapsed = time.monotonic() - started
    assert spec is None
    assert [e.field for e in errors] == ["archivo"]
    assert "anida listas o grupos" in errors[0].message, errors
    print(f"nested template refused in {elapsed:.3f} s")


def test_a_real_template_nests_well_within_the_limit():
    with open(os.path.join(os.path.dirname(__file__), "..", "workshops", "lluvia-de-ideas.yaml"), "rb") as handle:
        spec, errors = parse(handle.read(), "lluvia-de-ideas.yaml")
    assert spec is not None and errors == []


# -- files holding personal data -----------------------------------------------------------------

def test_instance_folder_and_sqlite_database_are_created_private(tmp_path):
    instance = tmp_path / "instance"
    config = {key: value for key, value in base_config("", str(instance)).items()
              if key != "SQLALCHEMY_DATABASE_URI"}  # the default: a file in the instance folder
    old_umask = os.umask(0o022)  # what most systems give a service
    try:
        app = create_app(config)
    finally:
        os.umask(old_umask)
    database = instance / "cocrea.db"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{database}"
    assert stat.S_IMODE(os.stat(instance).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(database).st_mode) == 0o600


# -- redirects -----------------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["/\t/evil.test", "//evil.test", "/\\evil.test", "https://evil.test/",
                                    "/\n/evil.test", "javascript:alert(1)", "/%09/evil.test/x"])
def test_the_language_switch_never_leaves_the_site(browser, target):
    response = browser.post("/idioma/en", {"next": target})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location in ("/", target) and not location.startswith("//"), location
    assert "evil.test" not in location or location == "/%09/evil.test/x"
