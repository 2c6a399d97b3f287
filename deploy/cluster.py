"""A balanced Cocrea cluster on one machine: app processes sharing PostgreSQL and Redis, behind nginx.

    python deploy/cluster.py [--port 8080] [--processes 2]          (what `make cluster` runs)

Each app process is `python wsgi.py` on its own port (the next ones after nginx's) with its own
COCREA_NODE (a1, a2, ...); nginx runs unprivileged-port, from a configuration rendered into the
cluster's folder from deploy/nginx/cocrea.conf.in (the one README recommends). The same classes run
the cluster tests and the cluster benchmark. Ctrl-C (or SIGTERM) stops everything it started.
"""
import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_nginx import render  # noqa: E402

PYTHON = sys.executable
START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/cocrea"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, timeout, what, process=None, log_path=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{tail(log_path)}")
        if check():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} not ready after {timeout:.0f} s:\n{tail(log_path)}")


def tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:]) if path else ""
    except OSError:
        return ""


def get(url, headers=None, timeout=2.0):
    """(status, body) of a GET, or (None, b"") when nothing answers."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (OSError, urllib.error.URLError):
        return None, b""


def terminate(process):
    """SIGTERM and wait; SIGKILL only if it will not go."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(STOP_TIMEOUT)


class AppProcess:
    """One single-worker app process (`python wsgi.py`), named `node`; stop() then start() keeps its port."""

    def __init__(self, node, env, log_path, port=None, argv=None):
        self.node, self.env, self.log_path = node, dict(env), Path(log_path)
        self.port = port or free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.argv = argv or [PYTHON, "wsgi.py"]
        self.process = None

    def start(self):
        env = {**self.env, "COCREA_NODE": self.node, "PYTHONUNBUFFERED": "1"}
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen([*self.argv, "--port", str(self.port)], cwd=ROOT, env=env,
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        wait_until(self.healthy, START_TIMEOUT, f"app process {self.node}", self.process, self.log_path)
        return self

    def healthy(self):
        status, body = get(f"http://{self.address}/health")
        return status == 200 and b'"ok"' in body

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def kill(self):
        """SIGKILL: the process dies at once, saying goodbye to nobody."""
        self.process.kill()
        self.process.wait(STOP_TIMEOUT)
        self.process = None

    def stop(self):
        """SIGTERM, as a process manager would."""
        terminate(self.process)
        self.process = None


def nginx_binary():
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
                                           if os.access(p, os.X_OK)), None)
    if not found:
        raise RuntimeError("nginx is not installed: `make nginx` installs Debian's (as root), "
                           "or `sudo apt-get install nginx`")
    return found


MAIN_CONF = """# Written by deploy/cluster.py: nginx in the foreground, everything it writes in this folder.
daemon off;
worker_processes 1;
worker_rlimit_nofile 16384;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {folder}/tmp/body;
    proxy_temp_path {folder}/tmp/proxy;
    fastcgi_temp_path {folder}/tmp/fastcgi;
    uwsgi_temp_path {folder}/tmp/uwsgi;
    scgi_temp_path {folder}/tmp/scgi;
    include {folder}/cocrea.conf;
}}
"""


class Nginx:
    """nginx from the repository's configuration, listening on `port` of 127.0.0.1, in `folder`."""

    def __init__(self, folder, nodes, port=None):
        self.folder = Path(folder).resolve()
        self.nodes = nodes  # [(name, "host:port")]
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def write_configuration(self):
        (self.folder / "tmp").mkdir(parents=True, exist_ok=True)
        (self.folder / "cocrea.conf").write_text(render(self.nodes, f"127.0.0.1:{self.port}", "localhost"))
        (self.folder / "nginx.conf").write_text(MAIN_CONF.format(folder=self.folder))

    def command(self, *extra):
        return [nginx_binary(), "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"),
                "-e", str(self.folder / "error.log"), *extra]

    def start(self):
        self.write_configuration()
        check = subprocess.run(self.command("-t", "-q"), capture_output=True, text=True, timeout=30)
        if check.returncode:
            raise RuntimeError(f"nginx refused its configuration:\n{check.stderr}")
        with open(self.folder / "nginx.out", "ab") as out:
            self.process = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL, stdout=out,
                                            stderr=subprocess.STDOUT)
        wait_until(self.answers, START_TIMEOUT, "nginx", self.process, self.folder / "error.log")
        return self

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def stop(self):
        """SIGTERM: nginx closes every connection at once (what a crash of the balancer does to clients)."""
        terminate(self.process)
        self.process = None


class Cluster:
    """`processes` app processes behind one nginx, all on `env` (database, Redis, secret)."""

    def __init__(self, folder, env, processes=2, port=None, app_argv=None, app_ports=None):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        ports = app_ports or [None] * processes
        self.apps = [AppProcess(f"a{n}", env, self.folder / f"app-a{n}.log", ports[n - 1], app_argv)
                     for n in range(1, processes + 1)]
        self.nginx = Nginx(self.folder / "nginx", [(app.node, app.address) for app in self.apps], port)
        self.url = self.nginx.url

    def app(self, node):
        return next(app for app in self.apps if app.node == node)

    def start(self):
        try:
            for app in self.apps:
                app.start()
            self.nginx.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        self.nginx.stop()
        for app in self.apps:
            app.stop()

    def logs(self):
        return {app.node: app.log_path.read_text(errors="replace") for app in self.apps}


# -- make cluster -------------------------------------------------------------------------------

def ensure_database(url):
    """Create the PostgreSQL database of `url` if it does not exist yet (a fresh machine)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    if not target.drivername.startswith("postgresql"):
        return
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}) is None:
                conn.execute(text(f'CREATE DATABASE "{target.database}"'))
                print(f" * created database {target.database}", flush=True)
    finally:
        engine.dispose()


def prepare(env):
    """Schema and templates, by the commands an operator runs."""
    flask = [PYTHON, "-m", "flask", "--app", "lab:create_app"]
    for step in (["db", "upgrade"], ["templates", "load"]):
        done = subprocess.run([*flask, *step], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        if done.returncode:
            raise RuntimeError(f"flask {' '.join(step)} failed:\n{done.stdout}\n{done.stderr}")


def shared_secret(folder):
    """One secret for every process (sessions signed by one are read by the others), kept across runs."""
    path = Path(folder) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def watch(cluster):
    """Until nginx or every app process is gone; a process that dies is reported, its clients move on."""
    alive = {app.node for app in cluster.apps}
    while alive and cluster.nginx.process.poll() is None:
        for app in cluster.apps:
            if app.node in alive and app.process.poll() is not None:
                alive.discard(app.node)
                print(f"app process {app.node} exited ({app.process.returncode}); nginx sends its clients to "
                      f"the others", file=sys.stderr, flush=True)
        time.sleep(0.5)
    print("the cluster is down; stopping what is left", file=sys.stderr)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("CLUSTER_PORT", "8080")),
                        help="nginx's port on 127.0.0.1 (default 8080, or CLUSTER_PORT)")
    parser.add_argument("--processes", type=int, default=int(os.environ.get("CLUSTER_PROCESSES", "2")),
                        help="app processes (default 2, or CLUSTER_PROCESSES)")
    parser.add_argument("--folder", default=str(ROOT / "instance" / "cluster"),
                        help="where the logs, nginx's configuration and the shared secret go")
    args = parser.parse_args(argv)
    if not 1 <= args.processes <= 32 or not 1024 <= args.port <= 65535 - args.processes:
        parser.error("--processes must be 1 to 32 and --port 1024 to 65535 (never a privileged port)")
    return args


def main(argv=None):
    args = parse_args(argv)
    env = {**os.environ,
           "COCREA_DATABASE_URL": os.environ.get("COCREA_DATABASE_URL") or DEFAULT_DATABASE,
           "COCREA_REDIS_URL": os.environ.get("COCREA_REDIS_URL") or DEFAULT_REDIS,
           "COCREA_TRUSTED_PROXIES": "1"}
    env["COCREA_SECRET_KEY"] = os.environ.get("COCREA_SECRET_KEY") or shared_secret(args.folder)
    ensure_database(env["COCREA_DATABASE_URL"])
    prepare(env)
    cluster = Cluster(args.folder, env, args.processes, args.port,
                      app_ports=[args.port + n for n in range(1, args.processes + 1)])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        cluster.start()
        print(f" * Cocrea: {args.processes} processes behind nginx at {cluster.url}", flush=True)
        for app in cluster.apps:
            print(f"   {app.node}: http://{app.address} (pid {app.pid}), log {app.log_path}", flush=True)
        print(f"   database {env['COCREA_DATABASE_URL']}, Redis {env['COCREA_REDIS_URL']}; Ctrl-C stops", flush=True)
        watch(cluster)
        return 1
    except KeyboardInterrupt:
        return 0
    except RuntimeError as error:
        print(f"cluster failed: {error}", file=sys.stderr)
        return 1
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
