"""The exports as the lab gets them, end to end through the app (database read, worker, bytes):
the 10,000-idea workshop's workbook and its ideas sheet, the PDF report of a 300-idea workshop, and
the JSON archive round trip (export, import, export again) of the 10,000-idea workshop. A script,
not a test: `make bench-exports-app` (bench/README.md has the figures and the targets).

    python bench/exports_app.py [--ideas 10000] [--report-ideas 300] [--rounds 3]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def timed(function, rounds):
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - started)
    return result, seconds


def line(name, seconds, target, note=""):
    median = statistics.median(seconds)
    verdict = "ok" if median <= target else "OVER"
    print(f"   {name:<48} median {median:6.2f} s, best {min(seconds):6.2f} s  (target {target:g} s: {verdict}){note}",
          flush=True)
    return {"name": name, "median_s": round(median, 3), "best_s": round(min(seconds), 3), "target_s": target}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ideas", type=int, default=10_000)
    parser.add_argument("--report-ideas", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="cocrea-bench-exports-app-"))
    os.environ.update(COCREA_DATABASE_URL=f"sqlite:///{workdir / 'bench.db'}", COCREA_SECRET_KEY="bench")
    subprocess.run([sys.executable, "-m", "flask", "--app", "lab:create_app", "db", "upgrade"], cwd=ROOT, check=True,
                   capture_output=True)

    from setup_export import seed

    from lab import create_app
    from lab.exports import files
    from lab.exports.archive_in import import_archive
    from lab.exports.archive_out import archive_bytes
    from lab.exports.offload import WORKER
    from lab.extensions import db
    from lab.types import utcnow

    app = create_app({"TESTING": True, "ASYNC_MODE": "threading"})
    figures = []
    try:
        with app.test_request_context():
            big, _lab = seed(args.ideas)
            small, _lab2 = seed(args.report_ideas, participants=60, prefix="report")
            big_id, small_id = big.id, small.id
            WORKER.call("file", "es_CO", "csv", [("t", "T", (("a", "A", "text"),), [("x",)], [])], "UTC", "", "",
                        "es_CO")  # the worker started, as it is after the first export
            print(f"{args.ideas} ideas, report of {args.report_ideas}, {args.rounds} rounds, worker process",
                  flush=True)
            for name, fmt, target in (("taller", "xlsx", 3.0), ("ideas", "xlsx", 3.0), ("ideas", "csv", 3.0)):
                export, seconds = timed(lambda name=name, fmt=fmt: files.workshop_file(big_id, name, fmt, utcnow()),
                                        args.rounds)
                figures.append(line(f"{name}.{fmt} of {args.ideas} ideas", seconds, target,
                                    f", {len(export.body) // 1024} KiB"))
            export, seconds = timed(lambda: files.workshop_file(small_id, "informe", "pdf", utcnow()), args.rounds)
            figures.append(line(f"informe.pdf of {args.report_ideas} ideas", seconds, 5.0,
                                f", {len(export.body) // 1024} KiB"))

            def round_trip():
                first = archive_bytes("workshop", [big_id], utcnow())
                imported = import_archive(first)
                db.session.commit()
                again = archive_bytes("workshop", imported.workshops, utcnow())
                same = json.loads(first)["content"] == json.loads(again)["content"]
                return len(first), same

            (size, same), seconds = timed(round_trip, args.rounds)
            figures.append(line(f"archive round trip of {args.ideas} ideas", seconds, 10.0,
                                f", {size // 1024} KiB, same content: {same}"))
    finally:
        WORKER.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"args": vars(args), "figures": figures}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
