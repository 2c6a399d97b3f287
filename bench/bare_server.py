"""The baseline of the fan-out benchmark: a bare python-socketio server with nothing but the broadcast.

    python bench/bare_server.py --port 5123 [--async-mode eventlet|gevent|threading] [--message-queue URL]

Same async mode as the app it is compared with, same engine settings and the same message shape and
size as the app's "update"/"idea" broadcast, but one room, no accounts, no validation and no
database: on "idea:post" it broadcasts one "update" to the room and acks. With --message-queue
(cluster mode) it shares its rooms with the other bare processes through Redis, as the app does.
What the app adds on top of this is what the benchmark measures. GET /health answers for the
balancer and the benchmark.
"""
import os
import sys

MODE = next((sys.argv[i + 1] for i, arg in enumerate(sys.argv[:-1]) if arg == "--async-mode"), "eventlet")
if MODE == "eventlet":
    import eventlet

    eventlet.monkey_patch()
elif MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import socket  # noqa: E402
import time  # noqa: E402

import socketio  # noqa: E402

ROOM = "room"
MAX_CONNECTIONS = 10_000
_sequence = itertools.count(1)
sio = None


def build_server(message_queue):
    # The app's engine settings (lab/__init__.py), so both servers ping and buffer alike.
    manager = socketio.RedisManager(message_queue, channel="bare") if message_queue else None
    server = socketio.Server(async_mode=MODE, ping_interval=10, ping_timeout=20, max_http_buffer_size=64 * 1024,
                             client_manager=manager)
    server.on("connect", lambda sid, environ, auth=None: server.enter_room(sid, ROOM))
    server.on("idea:post", on_post)
    return server


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


def health(environ, start_response):
    body = json.dumps({"ok": True, "node": os.environ.get("COCREA_NODE")}).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def serve(host, port, app):
    """Each mode's server, as wsgi.py serves the app in that mode."""
    if MODE == "eventlet":
        import eventlet.wsgi

        listener = eventlet.listen((host, port), backlog=2048)
        # As the app's server does (wsgi.py): accepted sockets inherit it, so replies are not held back.
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        eventlet.wsgi.server(listener, app, log_output=False, max_size=MAX_CONNECTIONS)
    elif MODE == "gevent":
        from gevent import pywsgi

        listener = pywsgi.WSGIServer.get_listener((host, port), backlog=2048, family=socket.AF_INET)
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        pywsgi.WSGIServer(listener, app, log=None).serve_forever()
    else:
        from werkzeug.serving import run_simple

        run_simple(host, port, app, threaded=True)


def main(argv=None):
    global sio
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--async-mode", choices=("eventlet", "gevent", "threading"), default="eventlet")
    parser.add_argument("--message-queue", help="Redis URL shared with the other bare processes")
    args = parser.parse_args(argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_CONNECTIONS + 256 if hard == resource.RLIM_INFINITY else min(hard, MAX_CONNECTIONS + 256)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    sio = build_server(args.message_queue)
    app = socketio.WSGIApp(sio, health)
    print(f" * bare python-socketio ({MODE}) on http://{args.host}:{args.port}", flush=True)
    serve(args.host, args.port, app)


if __name__ == "__main__":
    main()
