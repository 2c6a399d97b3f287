"""The fan-out benchmark's processes: the servers it starts and stops, the app's database it prepares,
and what it reads about them from /proc. See bench/README.md."""
import ctypes
import json
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SETUP_TIMEOUT = 300  # migrations and N accounts


def _die_with_parent():
    """Runs in the child before exec: the kernel sends it SIGTERM if this script dies, even by SIGKILL."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Processes:
    """Every server this script started, so each one is stopped on exit, on error and on Ctrl-C."""

    def __init__(self):
        self.running = []

    def start(self, argv, env, log_path):
        log = open(log_path, "ab")  # every round of a server in one log
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        log.close()
        self.running.append(proc)
        return proc

    def stop(self, proc, grace=5.0):
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(grace)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(grace)
        if proc in self.running:
            self.running.remove(proc)

    def stop_all(self):
        for proc in list(self.running):
            self.stop(proc)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_listening(proc, port, log_path, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{tail(log_path)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server not listening on port {port} after {timeout:.0f} s:\n{tail(log_path)}")


def tail(path, lines=30):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def cpu_wait_seconds(pid="self"):
    """Seconds the process's main thread spent runnable but waiting for a CPU (/proc/<pid>/schedstat):
    time it was starved by other programs (or by the other processes of the benchmark)."""
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[1]) / 1e9


def raise_open_files_limit(wanted):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = wanted if hard == resource.RLIM_INFINITY else min(hard, wanted)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


# -- preparing the app -------------------------------------------------------------------------

def prepare_app(workdir, clients, database_url=None):
    """A migrated, seeded database (a fresh SQLite file, or `database_url` emptied) and the environment
    to serve it; returns (env, room)."""
    if database_url:
        reset_postgres(database_url)
    env = {**os.environ,
           "COCREA_DATABASE_URL": database_url or f"sqlite:///{workdir / 'bench.db'}",
           "COCREA_SECRET_KEY": secrets.token_hex(32),
           "COCREA_POST_RATE": "1000000/1",  # the load must not be rate-limited
           "COCREA_EVENT_RATES": "idea=1000000/1",
           "COCREA_ASYNC_MODE": "eventlet",
           "PYTHONUNBUFFERED": "1"}
    env.pop("COCREA_REDIS_URL", None)  # one process, in-memory rooms, like the bare server (cluster mode adds one)
    run_step([sys.executable, "-m", "flask", "--app", "lab:create_app", "db", "upgrade"], env)
    seeded = run_step([sys.executable, str(BENCH / "setup_app.py"), "--participants", str(clients)], env)
    return env, json.loads(seeded)


def reset_postgres(url):
    """Create the benchmark's PostgreSQL database if needed, and empty it (schema dropped)."""
    sys.path.insert(0, str(ROOT / "deploy"))
    from cluster import ensure_database
    from sqlalchemy import create_engine, text

    ensure_database(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def run_step(argv, env):
    """Run one preparation command; its output, or a readable failure with its last lines."""
    try:
        done = subprocess.run(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=SETUP_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{' '.join(argv[1:])} took more than {SETUP_TIMEOUT} s") from None
    if done.returncode:
        last = "\n".join(done.stderr.splitlines()[-15:])
        raise RuntimeError(f"{' '.join(argv[1:])} failed ({done.returncode}):\n{last}")
    return done.stdout


def machine_cpu_seconds():
    """Busy and total CPU seconds of the whole machine, all cores, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])  # guest time is already inside user
    return (total - idle) / CLOCK_TICKS, total / CLOCK_TICKS
