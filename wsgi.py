"""Entry point of the real server.

    python wsgi.py [--host 127.0.0.1] [--port 5000]     (what `make run` does)
    gunicorn -k eventlet -w 1 wsgi:app                  (one worker per process)

The async library is patched here, in the first lines, and never inside `lab/`, so tests and
the `flask` command line run unpatched.
"""
import gc
import os
import sys
import time
import warnings

# eventlet warns on import that it is in maintenance-only mode. The choice is deliberate and measured
# (README, "Async mode"); a newcomer's terminal should not repeat it at every start.
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

ASYNC_MODE = os.environ.get("COCREA_ASYNC_MODE", "eventlet")
_UNDER_FLASK_CLI = os.path.basename(sys.argv[0]) in ("flask", "flask.exe")
_UNDER_TESTS = "pytest" in sys.modules
if not _UNDER_FLASK_CLI:
    if ASYNC_MODE == "eventlet":
        import eventlet

        eventlet.monkey_patch()
    elif ASYNC_MODE == "gevent":
        from gevent import monkey

        monkey.patch_all()

from lab import create_app  # noqa: E402

app = create_app()

if not (_UNDER_FLASK_CLI or _UNDER_TESTS):
    # What start-up built (Flask, SQLAlchemy, Babel, pydantic: some 160,000 objects) lives as long
    # as the process. Left in the collector, every full pass walks it while no socket is written:
    # 100-200 ms stalls in the middle of a broadcast (bench/README.md).
    gc.collect()
    gc.freeze()


def main(argv=None):
    import argparse

    from lab.extensions import socketio
    from lab.realtime.background import start_background_work

    parser = argparse.ArgumentParser(description="Run the Cocrea server.")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    parser.add_argument("--no-request-log", action="store_true", help="print no line per request")
    args = parser.parse_args(argv)
    served = app if args.no_request_log else request_log(app)
    _raise_open_files_limit()
    options = {"log_output": False}
    if socketio.async_mode == "eventlet":
        options["max_size"] = MAX_CONNECTIONS  # eventlet's default cap is 1,024 connections
    elif socketio.async_mode == "threading":
        options["allow_unsafe_werkzeug"] = True
    start_background_work(app)
    print(f" * Cocrea ({socketio.async_mode}) en http://{args.host}:{args.port}", flush=True)
    if socketio.async_mode == "eventlet":
        _serve_eventlet(served, args.host, args.port, **options)
    elif socketio.async_mode == "gevent":
        _serve_gevent(served, args.host, args.port)
    else:
        app.wsgi_app = request_log(app.wsgi_app) if served is not app else app.wsgi_app
        socketio.run(app, host=args.host, port=args.port, **options)


# Requests that say nothing to someone watching the terminal: static files and the Socket.IO
# transport (its long-polling requests arrive every few seconds per person).
QUIET_PREFIXES = ("/static/", "/socket.io/", "/health")


def request_log(wsgi_app):
    """One line per page or form request: method, path, status and time taken."""
    def logged(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(QUIET_PREFIXES):
            return wsgi_app(environ, start_response)
        began, status = time.perf_counter(), []

        def start(code, headers, exc_info=None):
            status.append(code.split(" ", 1)[0])
            return start_response(code, headers, exc_info)

        result = wsgi_app(environ, start)
        took = (time.perf_counter() - began) * 1000
        print(f"{environ.get('REQUEST_METHOD', '?')} {path} {status[0] if status else '-'} {took:.0f} ms", flush=True)
        return result

    return logged


MAX_CONNECTIONS = 10_000
# Connections waiting to be accepted. eventlet's default, 50, overflows when a whole room reconnects at
# once (a restart, a venue's Wi-Fi, the balancer): the kernel then drops SYNs, clients wait seconds
# for the retransmission, and a balancer counts the timeouts as a dead process. Linux caps it at
# net.core.somaxconn (4096 by default).
LISTEN_BACKLOG = 2048


def _serve_eventlet(served, host, port, **options):
    """What `socketio.run` does on eventlet, with Nagle's algorithm off on the listening socket.

    The server often writes two messages back to back on one socket (an update, then the ack); with
    Nagle on, the second waits up to 40 ms for the client's delayed ACK. Linux copies TCP_NODELAY
    from the listening socket to every socket it accepts, so setting it once covers them all.
    (gunicorn sets it on its own listeners.)
    """
    import socket

    import eventlet.green.socket
    import eventlet.wsgi

    addresses = eventlet.green.socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    if not addresses:
        raise RuntimeError(f"cannot resolve {host}")
    family, _type, _proto, _name, address = addresses[0]
    listener = eventlet.listen(address, family, backlog=LISTEN_BACKLOG)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    eventlet.wsgi.server(listener, served, **options)


def _serve_gevent(served, host, port):
    """What `socketio.run` does on gevent (WebSocket through simple-websocket), on a listener with
    Nagle's algorithm off and the same backlog as on eventlet (see _serve_eventlet)."""
    import socket

    from gevent import pywsgi

    listener = pywsgi.WSGIServer.get_listener((host, port), backlog=LISTEN_BACKLOG, family=socket.AF_INET)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    pywsgi.WSGIServer(listener, served, log=None).serve_forever()


def _raise_open_files_limit():
    """Each connection is a file descriptor: lift the soft limit to the hard one."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = MAX_CONNECTIONS + 256 if hard == resource.RLIM_INFINITY else min(hard, MAX_CONNECTIONS + 256)
        if soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ImportError, ValueError, OSError):
        pass


if __name__ == "__main__":
    main()
