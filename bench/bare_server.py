"""The baseline of the fan-out benchmark: a bare python-socketio server with nothing but the broadcast.

    python bench/bare_server.py --port 5123

Same async mode (eventlet), same engine settings and the same message shape and size as the app's
"update"/"idea" broadcast, but one room, no accounts, no validation and no database: on "idea:post"
it broadcasts one "update" to the room and acks. What the app adds on top of this is what the
benchmark measures.
"""
import eventlet

eventlet.monkey_patch()

import eventlet.wsgi  # noqa: E402

import argparse  # noqa: E402
import itertools  # noqa: E402
import resource  # noqa: E402
import socket  # noqa: E402
import time  # noqa: E402

import socketio  # noqa: E402

ROOM = "room"
MAX_CONNECTIONS = 10_000

# The app's engine settings (lab/__init__.py), so both servers ping and buffer alike.
sio = socketio.Server(async_mode="eventlet", ping_interval=10, ping_timeout=20,
                      max_http_buffer_size=64 * 1024)
_sequence = itertools.count(1)


@sio.on("connect")
def on_connect(sid, environ, auth=None):
    sio.enter_room(sid, ROOM)


@sio.on("idea:post")
def on_post(sid, payload):
    if not isinstance(payload, dict):
        return {"ok": False, "error": {"code": "invalid", "message": "payload must be an object"}}
    seq = next(_sequence)
    idea = idea_view(seq, payload)
    sio.emit("update", {"seq": seq, "type": "idea", "data": idea, "t": time.time()}, to=ROOM)
    return {"ok": True, "idea": idea, "duplicate": False}


def idea_view(idea_id, payload):
    """The same fields as the app's idea view for participants (lab/board/service.py), so messages
    weigh the same."""
    return {
        "id": idea_id,
        "client_id": payload.get("client_id"),
        "prompt_id": payload.get("prompt_id"),
        "text": payload.get("text"),
        "actor": payload.get("actor") or "",
        "category": payload.get("category") or "",
        "color": payload.get("color") or "amarillo",
        "author_name": "Persona Ficticia",
        "hidden": False,
        "cluster_id": None,
        "merged": [],
        "merged_count": 0,
        "created_at": time.time(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_CONNECTIONS + 256 if hard == resource.RLIM_INFINITY else min(hard, MAX_CONNECTIONS + 256)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    listener = eventlet.listen((args.host, args.port))
    # As the app's server does (wsgi.py): accepted sockets inherit it, so replies are not held back.
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print(f" * bare python-socketio (eventlet) on http://{args.host}:{args.port}", flush=True)
    eventlet.wsgi.server(listener, socketio.WSGIApp(sio), log_output=False, max_size=MAX_CONNECTIONS)


if __name__ == "__main__":
    main()
