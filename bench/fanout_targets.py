"""What the fan-out benchmark measures: one server process (`single`), or two behind nginx sharing a
Redis message queue (`cluster`), for the app and for the bare server alike. See bench/README.md."""
import sys
from pathlib import Path

from fanout_servers import BENCH, ROOT, free_port, tail, wait_listening

sys.path.insert(0, str(ROOT / "deploy"))
from cluster import Cluster  # noqa: E402


def server_argv(label, args, env):
    """(argv without --port, env) of one process of `label` ("bare" or "app") in the chosen async mode."""
    if label == "bare":
        argv = [sys.executable, str(BENCH / "bare_server.py"), "--async-mode", args.async_mode]
        if env.get("COCREA_REDIS_URL"):
            argv += ["--message-queue", env["COCREA_REDIS_URL"]]
        return argv, env
    env = {**env, "COCREA_ASYNC_MODE": args.async_mode}
    if args.watch_stalls:
        return [sys.executable, str(BENCH / "stall_watch.py")], {**env, "COCREA_STALL_MS": str(args.watch_stalls)}
    return [sys.executable, "wsgi.py"], env


class Single:
    """One process on a free port; clients connect to it directly."""

    def __init__(self, label, args, env, processes, workdir):
        self.argv, self.env = server_argv(label, args, env)
        self.label, self.processes, self.workdir = label, processes, workdir
        self.proc = None

    def start(self):
        port = free_port()
        self.log_path = self.workdir / f"{self.label}.log"
        self.proc = self.processes.start([*self.argv, "--port", str(port)], self.env, self.log_path)
        wait_listening(self.proc, port, self.log_path)
        self.url = f"http://127.0.0.1:{port}"
        return self

    @property
    def server_pids(self):
        return [self.proc.pid]

    def helper_pids(self, _args):
        return []

    def check_alive(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"{self.label} server died during the run:\n{tail(self.log_path)}")

    def stop(self):
        self.processes.stop(self.proc)


class Balanced:
    """Two processes behind nginx (deploy/nginx/cocrea.conf.in), sharing the Redis in `env`. Clients
    connect to nginx, which spreads them round robin (no cookie yet, WebSocket only)."""

    def __init__(self, label, args, env, _processes, workdir, processes=2):
        argv, env = server_argv(label, args, env)
        self.label = label
        self.cluster = Cluster(workdir / label, env, processes, app_argv=argv)
        self.apps, self.nginx, self.url = self.cluster.apps, self.cluster.nginx, self.cluster.url

    def start(self):
        self.cluster.start()
        return self

    @property
    def server_pids(self):
        return [app.pid for app in self.apps]

    def helper_pids(self, args):
        """nginx's master and worker, the Redis, and (for the app) the database's backends: what the
        cluster runs besides its processes, reported apart from other programs."""
        master = self.nginx.process.pid
        children = Path(f"/proc/{master}/task/{master}/children")
        nginx = [master, *(int(p) for p in children.read_text().split())] if children.exists() else [master]
        database = postgres_backends(args.database_url) if self.label == "app" else []
        return [*nginx, args.redis_pid, *database]

    def check_alive(self):
        for app in self.apps:
            if app.process is None or app.process.poll() is not None:
                raise RuntimeError(f"{self.label} process {app.node} died during the run:\n{tail(app.log_path)}")

    def stop(self):
        self.cluster.stop()


class PrivateRedis:
    """A redis-server of the benchmark's own, on a free port (its channels shared with nobody)."""

    def __init__(self, workdir):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = workdir / "redis.log"
        self.proc = None

    def start(self, processes):
        self.proc = processes.start(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                     "--appendonly", "no"], {}, self.log_path)
        wait_listening(self.proc, self.port, self.log_path)
        return self


def postgres_backends(database_url):
    """PIDs of the PostgreSQL backends serving this database now, on this machine (their CPU is the
    app's work too); none when the database is elsewhere."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            pids = conn.scalars(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                     "AND pid <> pg_backend_pid()")).all()
    finally:
        engine.dispose()
    return [pid for pid in pids if Path(f"/proc/{pid}").exists()]
