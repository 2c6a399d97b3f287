"""Fan-out benchmark: how much slower does an idea reach every screen through the app than through a
bare python-socketio server? A script, not a test. See bench/README.md.

    python bench/fanout.py [--clients 100] [--rate 20] [--seconds 10] [--rounds 1] [--json PATH]

Measures the bare server (bench/bare_server.py) and the app (`python wsgi.py`, on a fresh SQLite
database seeded by bench/setup_app.py) in the same run, one at a time, each as a subprocess on a
free port of 127.0.0.1: bare then app, and with --rounds, app then bare in every other round. The
same N python-socketio clients (AsyncClient over aiohttp, websocket transport only, all in this one
process and one asyncio loop) join one room and post ideas at a steady aggregate rate; every
recipient's receive time is taken with time.perf_counter and compared with the post's send time.
Its helpers: bench/fanout_servers.py (processes, /proc), bench/fanout_figures.py (figures, table).
"""
import argparse
import asyncio
import gc
import itertools
import json
import os
import secrets
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import socketio
from fanout_figures import ORDER_NOTE, OTHER_CPU_WARNING, STARVED_WARNING, figures, ms, percentile, ratios, report
from fanout_servers import (
    SETUP_TIMEOUT,
    Processes,
    cpu_seconds,
    cpu_wait_seconds,
    machine_cpu_seconds,
    prepare_app,
    raise_open_files_limit,
    rss_kib,
)
from fanout_targets import Balanced, PrivateRedis, Single

try:  # a faster event loop keeps the single load-generating process from being the bottleneck
    import uvloop
except ImportError:  # plain asyncio still works, at roughly half the messages per second
    uvloop = None


# -- the load ----------------------------------------------------------------------------------

class Tally:
    """Send times of posts and every recipient's receive time, in one process's perf_counter."""

    def __init__(self):
        self.sent = {}  # client_id -> perf_counter at send
        self.received = Counter()  # client_id -> recipients reached
        self.fanout = []  # seconds, one per (post, recipient)
        self.acks = []  # seconds, post to its ack
        self.errors = Counter()  # ack error code -> count

    def on_update(self, message):
        now = time.perf_counter()
        if not isinstance(message, dict) or message.get("type") != "idea":
            return
        data = message.get("data") or {}
        client_id = data.get("client_id")  # both servers' idea views carry it
        sent = self.sent.get(client_id)
        if sent is not None:
            self.received[client_id] += 1
            self.fanout.append(now - sent)


def idea_payload(client_id, prompt_id):
    return {"client_id": client_id, "prompt_id": prompt_id, "text": f"Idea de prueba de carga {client_id}"}


async def connect_one(url, room, cookie, on_update, timeout):
    client = socketio.AsyncClient(reconnection=False, handle_sigint=False)
    client.on("update", on_update)
    try:
        await asyncio.wait_for(client.connect(
            url, headers={"Cookie": f"{room['cookie_name']}={cookie}"}, auth={"workshop": room["workshop_id"]},
            transports=["websocket"], wait_timeout=timeout), timeout)
    except BaseException:
        await client.disconnect()  # closes its HTTP session too
        raise
    return client


async def connect_all(url, room, cookies, on_update, concurrency, timeout):
    """Open one socket per cookie, `concurrency` at a time; returns (clients, failures)."""
    gate = asyncio.Semaphore(concurrency)

    async def one(cookie):
        async with gate:
            return await connect_one(url, room, cookie, on_update, timeout)

    results = await asyncio.gather(*(one(c) for c in cookies), return_exceptions=True)
    clients = [r for r in results if isinstance(r, socketio.AsyncClient)]
    failures = Counter(f"{type(r).__name__}: {r}".rstrip(": ") for r in results
                       if not isinstance(r, socketio.AsyncClient))
    return clients, failures


async def disconnect_all(clients, timeout=30.0):
    gate = asyncio.Semaphore(100)

    async def one(client):
        async with gate:
            try:
                await client.disconnect()
            except Exception:  # the server may already be gone
                pass

    try:
        await asyncio.wait_for(asyncio.gather(*(one(c) for c in clients)), timeout)
    except TimeoutError:
        print(f"   ({len(clients)} clients not all disconnected within {timeout:.0f} s)", flush=True)


def cpu_of(pids):
    """CPU seconds of these processes so far (those that have gone count nothing)."""
    total = 0.0
    for pid in pids:
        try:
            total += cpu_seconds(pid)
        except OSError:
            pass
    return total


async def warm_up(url, room, cookie, timeout):
    """One connection and one post, so first-use imports and caches are not counted as per-connection memory."""
    client = await connect_one(url, room, cookie, lambda _m: None, timeout)
    try:
        payload = idea_payload(f"warmup-{secrets.token_hex(4)}", room["prompt_id"])
        ack = await client.call("idea:post", payload, timeout=timeout)
        if not (isinstance(ack, dict) and ack.get("ok")):
            raise RuntimeError(f"the warm-up post was refused: {ack}")
    finally:
        await client.disconnect()


async def post_steadily(clients, tally, args, label, prompt_id):
    """Post args.rate ideas per second in all for args.seconds, round-robin over the clients."""
    total = round(args.rate * args.seconds)
    run = secrets.token_hex(3)

    async def post(client, client_id):
        payload = idea_payload(client_id, prompt_id)
        tally.sent[client_id] = time.perf_counter()
        try:
            ack = await client.call("idea:post", payload, timeout=args.drain)
        except socketio.exceptions.TimeoutError:
            tally.errors["ack_timeout"] += 1
            return
        except Exception as error:  # a dropped socket
            tally.errors[type(error).__name__] += 1
            return
        if isinstance(ack, dict) and ack.get("ok"):
            tally.acks.append(time.perf_counter() - tally.sent[client_id])
        else:
            tally.errors[((ack or {}).get("error") or {}).get("code", "bad_ack")] += 1

    tasks = []
    start = time.perf_counter() + 0.2
    for i, client in zip(range(total), itertools.cycle(clients)):
        delay = start + i / args.rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(post(client, f"{label}-{run}-{i:07d}")))
    sending = time.perf_counter() - start
    return tasks, total, sending


async def wait_delivered(tally, expected, timeout):
    deadline = time.perf_counter() + timeout
    while len(tally.fanout) < expected and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)


async def measure(label, target, room, cookies, args):
    """Connect N clients, post at a steady rate, drain; returns one server's raw sample."""
    url, pids = target.url, target.server_pids
    await warm_up(url, room, cookies[0], args.connect_timeout)
    await asyncio.sleep(0.5)
    rss_before = sum(rss_kib(pid) for pid in pids)
    tally = Tally()
    clients, failures = await connect_all(url, room, cookies, tally.on_update, args.connect_concurrency,
                                          args.connect_timeout)
    try:
        if not clients:
            raise RuntimeError(f"{label}: no client could connect: {dict(failures)}")
        await asyncio.sleep(1.0)  # let the server finish each join (attendance, presence)
        rss_after = sum(rss_kib(pid) for pid in pids)
        helpers = target.helper_pids(args)  # balancer, message queue, database backends (cluster mode)
        # A pause of this process's own garbage collector would delay every receive time it takes:
        # keep it out of the measurement (the run is short and bounded).
        gc.collect()
        gc.freeze()
        gc.disable()
        server0, helpers0, client0 = cpu_of(pids), cpu_of(helpers), time.process_time()
        starved0 = [cpu_wait_seconds(pid) for pid in pids], cpu_wait_seconds()
        machine0, wall0 = machine_cpu_seconds(), time.perf_counter()
        posting_from = time.strftime("%H:%M:%S")
        tasks, posts, sending = await post_steadily(clients, tally, args, label, room["prompt_id"])
        expected = posts * len(clients)
        drained_by = time.perf_counter() + args.drain
        await asyncio.wait(tasks, timeout=args.drain)
        await wait_delivered(tally, expected, max(0.0, drained_by - time.perf_counter()))
        wall = time.perf_counter() - wall0
        server, client = cpu_of(pids) - server0, time.process_time() - client0
        helper = cpu_of(helpers) - helpers0
        server_starved = max(cpu_wait_seconds(pid) - before for pid, before in zip(pids, starved0[0], strict=True))
        client_starved = cpu_wait_seconds() - starved0[1]
        busy, total = (b - a for a, b in zip(machine0, machine_cpu_seconds(), strict=True))
    finally:
        gc.enable()
        gc.unfreeze()
        await disconnect_all(clients)
    cores = total / wall  # what the machine had to give over the run
    return {
        "tally": tally, "clients": len(clients), "failures": failures, "posts": posts, "expected": expected,
        "kib_per_connection": (rss_after - rss_before) / len(clients),
        "server_cpu": server / wall, "client_cpu": client / wall, "helper_cpu": helper / wall,
        "server_starved": server_starved / wall, "client_starved": client_starved / wall,
        "other_cpu": max(0.0, busy - server - client - helper) / wall, "cores": cores,
        "send_rate": posts / sending if sending > 0 else float("nan"),
        "posting": f"{posting_from}-{time.strftime('%H:%M:%S')}",  # wall clock, to match server logs
    }


# -- main --------------------------------------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(description="Fan-out latency: this app against a bare python-socketio server.")
    parser.add_argument("--clients", type=int, default=100, help="participants in the room (default 100)")
    parser.add_argument("--rate", type=float, default=20.0, help="posts per second, all clients together (default 20)")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to post (default 10)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure each server this many times, alternating the order; figures pool the rounds")
    parser.add_argument("--json", metavar="PATH", help="also write the figures to this JSON file")
    parser.add_argument("--only", choices=("bare", "app"), help="run one server only (no ratio)")
    parser.add_argument("--drain", type=float, default=15.0,
                        help="seconds to wait after the last post for acks and deliveries (default 15)")
    parser.add_argument("--connect-concurrency", type=int, default=50, help="sockets opening at once (default 50)")
    parser.add_argument("--connect-timeout", type=float, default=30.0, help="seconds for one socket to open")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (database, server logs)")
    parser.add_argument("--mode", choices=("single", "cluster"), default="single",
                        help="single: one process, clients connect to it; cluster: two processes behind nginx "
                             "sharing a private Redis, the app on PostgreSQL (default single)")
    parser.add_argument("--async-mode", choices=("eventlet", "gevent", "threading"), default="eventlet",
                        help="async mode of both servers (default eventlet)")
    parser.add_argument("--database-url", default=os.environ.get(
        "COCREA_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/cocrea_bench"),
                        help="PostgreSQL database of the cluster mode, emptied first (default "
                             "$COCREA_BENCH_DATABASE_URL or cocrea_bench on this machine)")
    parser.add_argument("--watch-stalls", type=float, metavar="MS",
                        help="run the app under bench/stall_watch.py: its log shows what held the loop "
                             "longer than MS milliseconds (implies --keep)")
    parser.add_argument("--retry-noisy", type=int, default=2, metavar="K",
                        help=f"measure a server again, up to K times, when other programs used more than "
                             f"{OTHER_CPU_WARNING}%% of a core meanwhile, or a server or the load generator "
                             f"waited for a CPU more than {STARVED_WARNING}%% of the time (default 2)")
    args = parser.parse_args(argv)
    if min(args.clients, args.rounds, args.connect_concurrency) < 1 or min(args.rate, args.seconds, args.drain) <= 0:
        parser.error("--clients, --rounds, --rate, --seconds and --drain must be positive")
    if args.retry_noisy < 0:
        parser.error("--retry-noisy cannot be negative")
    return args


def run_server(label, env, processes, workdir, room, args):
    """Start one server (or cluster), measure it, stop it; returns its raw sample."""
    target = (Balanced if args.mode == "cluster" else Single)(label, args, env, processes, workdir).start()
    try:
        with asyncio.Runner(loop_factory=uvloop.new_event_loop if uvloop else None) as runner:
            sample = runner.run(measure(label, target, room, room["cookies"], args))
        target.check_alive()
        return sample
    finally:
        target.stop()


def every_attempt_note(everything):
    """The same figures over every measurement, noisy ones included: what the run would say without
    retrying (the tail of a round in which other programs took the CPU)."""
    bare, app = everything
    ratio = ratios(app, bare)
    return (f"every attempt pooled, retried ones included ({bare['rounds']} bare, {app['rounds']} app): "
            f"p95 {bare['fanout_ms']['p95']} / {app['fanout_ms']['p95']} ms, p99 {bare['fanout_ms']['p99']} / "
            f"{app['fanout_ms']['p99']} ms, ratio p95 {ratio['p95']} p99 {ratio['p99']}")


def starvation(sample):
    return max(sample["server_starved"], sample["client_starved"])


def noisy(sample):
    """Other programs took the CPU from the measurement: busy meanwhile, or a process of the
    benchmark kept waiting for a CPU."""
    return (100 * sample["other_cpu"] > OTHER_CPU_WARNING
            or 100 * starvation(sample) > STARVED_WARNING)


def progress(label, round_, sample):
    fanout = sorted(sample["tally"].fanout)
    print(f"   round {round_} {label:<4}: delivered {len(fanout)}/{sample['expected']}, "
          f"p50 {ms(percentile(fanout, 0.5))} ms, p95 {ms(percentile(fanout, 0.95))} ms, "
          f"server CPU {100 * sample['server_cpu']:.0f}%, client CPU {100 * sample['client_cpu']:.0f}%, "
          f"other {100 * sample['other_cpu']:.0f}%, waiting for a CPU: server {100 * sample['server_starved']:.1f}% "
          f"client {100 * sample['client_starved']:.1f}% (posting {sample['posting']})", flush=True)


def overall_budget(args):
    connect = args.connect_timeout + args.clients * args.connect_timeout / args.connect_concurrency
    per_server = 60 + connect + args.seconds + 2 * args.drain + 30
    return int(SETUP_TIMEOUT + 2 * args.rounds * (1 + args.retry_noisy) * per_server)


def main(argv=None):
    args = parse_args(argv)
    raise_open_files_limit(args.clients + 1024)
    processes = Processes()
    workdir = Path(tempfile.mkdtemp(prefix="cocrea-bench-"))

    over_budget = []

    def interrupt(signum, _frame):
        # SIGTERM and the time budget take Ctrl-C's path: asyncio cancels the run, which closes
        # its sockets, and the servers are stopped below.
        if signum == signal.SIGALRM:
            over_budget.append(True)
        os.kill(os.getpid(), signal.SIGINT)

    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(overall_budget(args))
    try:
        print(f"preparing the app's database with {args.clients} participants in {workdir}", flush=True)
        app_env, room = prepare_app(workdir, args.clients, args.database_url if args.mode == "cluster" else None)
        bare_env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        bare_env.pop("COCREA_REDIS_URL", None)
        if args.mode == "cluster":  # both sides on the same Redis message queue
            redis = PrivateRedis(workdir).start(processes)
            args.redis_pid = redis.proc.pid
            app_env = {**app_env, "COCREA_REDIS_URL": redis.url}
            bare_env = {**bare_env, "COCREA_REDIS_URL": redis.url}
        servers = {"bare": bare_env, "app": app_env}
        labels = [label for label in ("bare", "app") if args.only in (None, label)]
        samples = {label: [] for label in labels}
        attempts = {label: [] for label in labels}  # every measurement, the retried noisy ones included
        print(f"{args.clients} clients, {args.rate:g} posts/s for {args.seconds:g} s, {args.rounds} round(s), "
              f"{args.mode} mode, {args.async_mode}"
              f"{'' if uvloop else ' (no uvloop: the load generator is slower)'}", flush=True)
        for round_ in range(1, args.rounds + 1):
            for label in labels if round_ % 2 else labels[::-1]:
                print(f"   round {round_} {label:<4}: connecting {args.clients} clients", flush=True)
                tries = []
                for retry in range(args.retry_noisy + 1):
                    tries.append(run_server(label, servers[label], processes, workdir, room, args))
                    progress(label, round_, tries[-1])
                    if not noisy(tries[-1]) or retry == args.retry_noisy:
                        break
                    print(f"   round {round_} {label:<4}: other programs were busy; measuring again", flush=True)
                attempts[label].extend(tries)
                samples[label].append(min(tries, key=starvation))  # the quietest attempt counts
        results = [figures(label, samples[label]) for label in labels]
        by_label = {r["server"]: r for r in results}
        ratio = ratios(by_label["app"], by_label["bare"]) if len(by_label) == 2 else None
        report(results, ratio, args)
        everything = [figures(label, attempts[label]) for label in labels]
        if args.retry_noisy and len(everything) == 2:
            print(every_attempt_note(everything))
        if args.json:
            figures_out = {"mode": args.mode, "async_mode": args.async_mode, "clients": args.clients, "rate": args.rate,
                           "seconds": args.seconds, "rounds": args.rounds, "retry_noisy": args.retry_noisy,
                           "order": ORDER_NOTE, "cpus": os.cpu_count(),
                           "uvloop": uvloop is not None, "results": results, "ratio_app_over_bare": ratio,
                           "every_attempt": {"results": everything, "ratio_app_over_bare":
                                             ratios(*everything[::-1]) if len(everything) == 2 else None}}
            Path(args.json).write_text(json.dumps(figures_out, indent=2) + "\n")
            print(f"figures written to {args.json}")
    except KeyboardInterrupt:
        if over_budget:
            print(f"\nbenchmark failed: it took longer than its budget of {overall_budget(args)} s", file=sys.stderr)
            return 1
        print("\ninterrupted; stopping the servers", file=sys.stderr)
        return 130
    except RuntimeError as error:
        print(f"\nbenchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        signal.alarm(0)
        processes.stop_all()
        if args.keep:
            print(f"work folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
