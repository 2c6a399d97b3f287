"""What `make run` prints: one line per page request, nothing for static files or the Socket.IO
transport, and no deprecation notice from the async library (the choice is explained in the README)."""
import urllib.request

import pytest

from .support import wait_until

pytestmark = pytest.mark.live


def get(server, path, cookie):
    request = urllib.request.Request(server.url + path, headers={"Cookie": f"session={cookie}"})
    with urllib.request.urlopen(request) as response:
        response.read()


def test_one_line_per_page_and_quiet_transport(room, server, join):
    join("alicia")  # a socket: its transport requests must not be logged
    get(server, f"/taller/{room.workshop_id}/sala", room.cookies["alicia"])
    get(server, "/static/css/cocrea.css", room.cookies["alicia"])
    wait_until(lambda: f"GET /taller/{room.workshop_id}/sala 200" in server.log_path.read_text(errors="replace"),
               what="the page's log line")
    log = server.log_path.read_text(errors="replace")
    assert log.count(f"GET /taller/{room.workshop_id}/sala 200") == 1
    assert "/static/" not in log and "/socket.io/" not in log
    assert "deprecated" not in log.lower()
