"""The long fuzzing run: 10,000 generated events against a live server, every payload checked as in
tests/live/test_live_fuzz.py (no server error, no change from a refused event). A script, not a test.

    python bench/fuzz.py [--events 10000]

It runs that test with COCREA_FUZZ_EVENTS set, and prints its tally: events sent, accepted, refused.
"""
import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args(argv)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
                           "tests/live/test_live_fuzz.py"], cwd=ROOT,
                          env={**os.environ, "COCREA_FUZZ_EVENTS": str(args.events)}, capture_output=True, text=True)
    tally = [line for line in done.stdout.splitlines() if line.startswith("fuzz:")]
    print("\n".join(tally) or done.stdout[-3000:])
    print(f"{'passed' if done.returncode == 0 else 'FAILED'} in {time.monotonic() - started:.0f} s")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
