"""Flood benchmark: how slow does the moderator's room get while one participant floods it?

    python bench/flood.py [--sockets 6] [--seconds 10] [--in-flight 10] [--json PATH]

One participant opens `--sockets` sockets to one workshop and, on every one, raises and lowers a
hand, edits their idea and casts and takes back a vote, as fast as the server answers (up to
`--in-flight` events waiting for their ack per socket). Meanwhile the moderator sends `time` every
100 ms and the time to its ack is recorded, with every update the moderator receives.

The same run is made twice on the same machine, each on a fresh database and server process:
`unlimited` (every event family and the socket cap set beyond reach, as before the limits existed)
and `limited` (the defaults of lab/config.py). Printed side by side: the moderator's `time` ack
(median, 95th percentile, max), updates per second reaching the moderator, events the flooder got
acknowledged, refused as `rate_limited`, and sockets it could open. A script, not a test.
"""
import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import socketio
from fanout_servers import Processes, prepare_app
from fanout_targets import Single

UNLIMITED = {"COCREA_EVENT_RATES": ",".join(f"{family}=1000000/1" for family in (
    "idea", "cluster", "vote", "hand", "timer", "prompt", "agenda", "live", "workshop", "snapshot", "time", "*")),
    "COCREA_SOCKETS_PER_PERSON": "100"}
LIMITED = {"COCREA_EVENT_RATES": ""}  # the defaults (the fan-out benchmark's preparation lifts the idea limit)


async def open_socket(url, room, cookie, on_update=None):
    client = socketio.AsyncClient(reconnection=False, handle_sigint=False)
    if on_update:
        client.on("update", on_update)
    await client.connect(url, headers={"Cookie": f"{room['cookie_name']}={cookie}"},
                         auth={"workshop": room["workshop_id"]}, transports=["websocket"], wait_timeout=10)
    return client


async def prepare_room(moderator, flooder, room):
    """An idea by the flooder and an open vote round on the prompt: something to edit and to vote on."""
    ack = await flooder.call("idea:post", {"client_id": "idea-del-inundador", "prompt_id": room["prompt_id"],
                                           "text": "Una idea que se edita sin parar"}, timeout=10)
    assert ack["ok"], ack
    opened = await moderator.call("vote:open", {"prompt_id": room["prompt_id"], "budget": 20}, timeout=10)
    assert opened["ok"], opened
    return ack["idea"]["id"], opened["vote"]["id"]


def flood_events(idea_id, round_id):
    """The flooder's loop, forever: every event family a participant may send that changes the room."""
    n = 0
    while True:
        n += 1
        yield "hand:raise", None
        yield "hand:lower", None
        yield "idea:edit", {"idea_id": idea_id, "text": f"Edición número {n}"}
        yield "vote:cast", {"round_id": round_id, "target_id": idea_id, "delta": 1}
        yield "vote:cast", {"round_id": round_id, "target_id": idea_id, "delta": -1}


async def flood(client, idea_id, round_id, until, in_flight, tally):
    gate = asyncio.Semaphore(in_flight)

    def answered(ack=None):
        gate.release()
        code = "ok" if isinstance(ack, dict) and ack.get("ok") else (ack or {}).get("error", {}).get("code", "?")
        tally[code] += 1

    for event, payload in flood_events(idea_id, round_id):
        if time.monotonic() >= until or not client.connected:
            return
        await gate.acquire()
        await client.emit(event, payload, callback=answered)


async def probe(moderator, until, latencies):
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            await moderator.call("time", timeout=30)
            latencies.append(time.perf_counter() - started)
        except socketio.exceptions.TimeoutError:
            latencies.append(30.0)
        await asyncio.sleep(0.1)


async def measure(url, room, args):
    updates = []
    moderator = await open_socket(url, room, room["moderator_cookie"], lambda message: updates.append(time.monotonic()))
    flooder_cookie = room["cookies"][0]
    sockets, refused = [], Counter()
    for _ in range(args.sockets):
        try:
            sockets.append(await open_socket(url, room, flooder_cookie))
        except socketio.exceptions.ConnectionError as error:
            refused[str(error)] += 1
    idea_id, round_id = await prepare_room(moderator, sockets[0], room)
    quiet = []
    await probe(moderator, time.monotonic() + 2, quiet)
    tally, latencies = Counter(), []
    started = time.monotonic()
    until = started + args.seconds
    await asyncio.gather(probe(moderator, until, latencies),
                         *(flood(s, idea_id, round_id, until, args.in_flight, tally) for s in sockets))
    during = [t for t in updates if started <= t <= until]
    for client in (*sockets, moderator):
        await client.disconnect()
    return {"quiet_median_ms": 1000 * statistics.median(quiet), "median_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * statistics.quantiles(latencies, n=20, method="inclusive")[-1],
            "max_ms": 1000 * max(latencies),
            "updates_per_s": len(during) / args.seconds, "sockets_open": len(sockets),
            "acked_ok": tally["ok"], "rate_limited": tally["rate_limited"],
            "other_refusals": sum(n for code, n in tally.items() if code not in ("ok", "rate_limited"))}


def run(label, settings, args, workdir):
    processes = Processes()
    env, room = prepare_app(workdir / label, clients=2)
    server = Single("app", argparse.Namespace(async_mode="eventlet", watch_stalls=None),
                    {**env, **settings}, processes, workdir / label).start()
    try:
        return asyncio.run(measure(server.url, room, args))
    finally:
        server.stop()
        processes.stop_all()


ROWS = [("moderator `time` ack, quiet room (median ms)", "quiet_median_ms", "{:.1f}"),
        ("moderator `time` ack during the flood (median ms)", "median_ms", "{:.1f}"),
        ("  95th percentile (ms)", "p95_ms", "{:.1f}"), ("  max (ms)", "max_ms", "{:.1f}"),
        ("updates reaching the moderator per second", "updates_per_s", "{:.0f}"),
        ("flooder's sockets open", "sockets_open", "{}"), ("flooder's events acknowledged ok", "acked_ok", "{}"),
        ("flooder's events refused rate_limited", "rate_limited", "{}"),
        ("flooder's events refused otherwise", "other_refusals", "{}")]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sockets", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--in-flight", type=int, default=10)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cocrea-flood-") as folder:
        workdir = Path(folder)
        for label in ("unlimited", "limited"):
            (workdir / label).mkdir()
        results = {label: run(label, settings, args, workdir)
                   for label, settings in (("unlimited", UNLIMITED), ("limited", LIMITED))}
    print(f"One participant flooding from {args.sockets} sockets for {args.seconds:.0f} s "
          f"(up to {args.in_flight} events in flight per socket):")
    print(f"{'':52} {'unlimited':>10} {'limited':>10}")
    for title, key, fmt in ROWS:
        print(f"{title:52} {fmt.format(results['unlimited'][key]):>10} {fmt.format(results['limited'][key]):>10}")
    if args.json:
        args.json.write_text(json.dumps({"settings": vars(args) | {"json": str(args.json)}, **results}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
