"""Does a large export stall the live room? The fan-out of a room (N clients posting ideas through
the app, as bench/fanout.py measures it) with and without a lab-team member downloading a
10,000-idea workbook over and over from the same server process meanwhile. A script, not a test:
`make bench-exports-stall` (bench/README.md has the figures).

    python bench/exports_stall.py [--clients 300] [--rate 20] [--seconds 10] [--ideas 10000]
                                  [--rounds 1] [--file taller.xlsx] [--json PATH]

Each round measures "quiet" then "export" (the other order in even rounds), each on a fresh server
process (eventlet, SQLite). The exporting thread starts when the clients begin to connect and stops
after the drain, so the posting window always has a workbook being built. The target: the export's
fan-out p95 within 1.5x of the quiet one.
"""
import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import fanout
from fanout_figures import figures, ms, percentile
from fanout_servers import BENCH, Processes, prepare_app, raise_open_files_limit, run_step
from fanout_targets import Single

try:
    import uvloop
except ImportError:
    uvloop = None


class Exporter(threading.Thread):
    """Downloads the same export again and again until stopped; keeps each download's seconds."""

    def __init__(self, url, cookie):
        super().__init__(daemon=True)
        self.url, self.cookie = url, cookie
        self.stopping = threading.Event()
        self.seconds, self.sizes, self.errors = [], [], []

    def run(self):
        while not self.stopping.is_set():
            started = time.perf_counter()
            request = urllib.request.Request(self.url, headers={"Cookie": self.cookie})
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    self.sizes.append(len(response.read()))
                self.seconds.append(time.perf_counter() - started)
            except Exception as error:  # reported, never fatal: the room's figures still count
                self.errors.append(f"{type(error).__name__}: {error}")
                time.sleep(0.5)

    def stop(self):
        self.stopping.set()
        self.join(timeout=180)


def measure(mode, env, processes, workdir, room, export, args, fan_args):
    target = Single("app", fan_args, env, processes, workdir).start()
    exporter = None
    try:
        if mode == "export":
            url = f"{target.url}/talleres/{export['workshop_id']}/exportar/{args.file}"
            exporter = Exporter(url, f"{export['cookie_name']}={export['cookie']}")
            exporter.start()
        with asyncio.Runner(loop_factory=uvloop.new_event_loop if uvloop else None) as runner:
            sample = runner.run(fanout.measure("app", target, room, room["cookies"], fan_args))
        target.check_alive()
    finally:
        if exporter is not None:
            exporter.stop()
        target.stop()
    sample["exports"] = exporter
    return sample


def summary(mode, samples):
    result = figures(mode, samples)
    exporters = [s["exports"] for s in samples if s["exports"] is not None]
    if exporters:
        seconds = sorted(x for e in exporters for x in e.seconds)
        result["exports"] = {"done": len(seconds), "median_s": round(percentile(seconds, 0.5) or 0, 2),
                             "max_s": round(seconds[-1], 2) if seconds else None,
                             "kib": round(max((s for e in exporters for s in e.sizes), default=0) / 1024),
                             "errors": [err for e in exporters for err in e.errors][:5]}
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--rate", type=float, default=20.0, help="posts per second, all clients together")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to post")
    parser.add_argument("--ideas", type=int, default=10_000, help="ideas of the exported workshop")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--file", default="taller.xlsx", help="what to download (default: the whole workbook)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    fan_args = fanout.parse_args(["--clients", str(args.clients), "--rate", str(args.rate),
                                  "--seconds", str(args.seconds), "--only", "app", "--retry-noisy", "0"])
    raise_open_files_limit(args.clients + 1024)
    processes, workdir = Processes(), Path(tempfile.mkdtemp(prefix="cocrea-bench-exports-"))
    try:
        print(f"preparing a room of {args.clients} and a workshop of {args.ideas} ideas in {workdir}", flush=True)
        env, room = prepare_app(workdir, args.clients)
        export = json.loads(run_step([sys.executable, str(BENCH / "setup_export.py"), "--ideas", str(args.ideas)],
                                     env))
        samples = {"quiet": [], "export": []}
        for round_ in range(1, args.rounds + 1):
            for mode in ("quiet", "export") if round_ % 2 else ("export", "quiet"):
                sample = measure(mode, env, processes, workdir, room, export, args, fan_args)
                fan = sorted(sample["tally"].fanout)
                done = len(sample["exports"].seconds) if sample["exports"] else 0
                print(f"   round {round_} {mode:<6}: delivered {len(fan)}/{sample['expected']}, "
                      f"p50 {ms(percentile(fan, 0.5))} ms, p95 {ms(percentile(fan, 0.95))} ms, "
                      f"p99 {ms(percentile(fan, 0.99))} ms, server CPU {100 * sample['server_cpu']:.0f}%, "
                      f"other {100 * sample['other_cpu']:.0f}%"
                      + (f", {done} exports built" if sample["exports"] else ""), flush=True)
                samples[mode].append(sample)
        quiet, busy = summary("quiet", samples["quiet"]), summary("export", samples["export"])
        ratio = {q: round(busy["fanout_ms"][q] / quiet["fanout_ms"][q], 2) for q in ("p50", "p95", "p99")}
        print(f"\nfan-out of {args.clients} clients, {args.rate:g} posts/s for {args.seconds:g} s, "
              f"{args.rounds} round(s), while {args.file} of {args.ideas} ideas is built again and again:")
        for result in (quiet, busy):
            f = result["fanout_ms"]
            print(f"   {result['server']:<6} p50 {f['p50']} ms, p95 {f['p95']} ms, p99 {f['p99']} ms")
        print(f"   ratio export/quiet: p50 {ratio['p50']}, p95 {ratio['p95']}, p99 {ratio['p99']} (target p95 <= 1.5)")
        print(f"   exports during the run: {busy.get('exports')}")
        if args.json:
            Path(args.json).write_text(json.dumps({"quiet": quiet, "export": busy, "ratio": ratio,
                                                   "args": vars(args)}, indent=2, default=str) + "\n")
    finally:
        processes.stop_all()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
