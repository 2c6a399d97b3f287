"""Run the app (`wsgi.py`) with a watchdog that prints what held the eventlet hub whenever it stalls.

    COCREA_STALL_MS=50 python bench/stall_watch.py --port 5000     (what `fanout.py --watch-stalls` runs)

A greenlet stamps the time every few milliseconds; an OS thread (unpatched, so it runs while the hub
is blocked) samples the main thread's stack whenever the stamp is older than COCREA_STALL_MS, and
prints, once the stall ends, how long it lasted, how the main thread spent it (on a CPU, waiting for
one while other programs ran, or blocked in a system call: from /proc/self/task/<tid>/schedstat) and
the stacks it saw (most frequent first). Nothing is interrupted: unlike eventlet's own blocking
detector it raises nothing in the stalled code. Garbage-collector passes longer than a quarter of the
threshold are printed too. The sampling itself takes the interpreter lock for a moment per sample,
which lengthens a stall a little: read the figures as orders of magnitude.
"""
import os
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.argv[0] = "wsgi.py"  # wsgi.py decides on its own name whether it runs under the flask command

import eventlet  # noqa: E402
from eventlet import patcher  # noqa: E402

import wsgi  # noqa: E402  (patches the async library first)

real_threading = patcher.original("threading")
real_time = patcher.original("time")
STAMP_EVERY = 0.005


class Watch:
    def __init__(self, threshold):
        self.threshold = threshold
        self.stamp = real_time.monotonic()
        self.main_ident = real_threading.get_ident()
        self.schedstat = Path(f"/proc/self/task/{real_threading.get_native_id()}/schedstat")

    def sched(self):
        """(ns on a CPU, ns waiting for a CPU) of the main thread so far."""
        on_cpu, waiting, _slices = self.schedstat.read_text().split()
        return int(on_cpu), int(waiting)

    def stamper(self):
        while True:
            self.stamp = real_time.monotonic()
            eventlet.sleep(STAMP_EVERY)

    def watcher(self):
        samples, began, before = Counter(), None, self.sched()
        while True:
            real_time.sleep(0.005)
            late = real_time.monotonic() - self.stamp
            if late > self.threshold:
                if began is None:
                    began, at_start = self.stamp, before
                frame = sys._current_frames().get(self.main_ident)
                if frame is not None:
                    stack = traceback.extract_stack(frame)[-14:]
                    samples["".join(traceback.format_list(stack))] += 1
            elif began is not None:
                self.report(self.stamp - began, samples, at_start, self.sched())
                samples, began = Counter(), None
            else:
                before = self.sched()

    @staticmethod
    def report(seconds, samples, at_start, at_end):
        on_cpu, waiting = ((b - a) / 1e6 for a, b in zip(at_start, at_end, strict=True))
        blocked = max(0.0, 1000 * seconds - on_cpu - waiting)
        out = [f"\n=== hub stalled {1000 * seconds:.0f} ms at {time.strftime('%H:%M:%S')}: on CPU {on_cpu:.0f} ms, "
               f"waiting for a CPU {waiting:.0f} ms, blocked {blocked:.0f} ms ({sum(samples.values())} samples) ==="]
        for stack, count in samples.most_common(3):
            out.append(f"--- {count} samples:\n{stack}")
        print("\n".join(out), file=sys.stderr, flush=True)


def log_collections(threshold):
    """Print every garbage-collector pass that took longer than `threshold` seconds."""
    import gc

    started = {}

    def callback(phase, info):
        if phase == "start":
            started["at"] = real_time.perf_counter()
        elif "at" in started:
            took = real_time.perf_counter() - started.pop("at")
            if took > threshold:
                print(f"\n=== gc generation {info['generation']} took {1000 * took:.0f} ms at "
                      f"{time.strftime('%H:%M:%S')} ({info['collected']} collected) ===", file=sys.stderr, flush=True)

    gc.callbacks.append(callback)


def main():
    watch = Watch(float(os.environ.get("COCREA_STALL_MS", "50")) / 1000)
    log_collections(watch.threshold / 4)
    eventlet.spawn(watch.stamper)
    real_threading.Thread(target=watch.watcher, daemon=True).start()
    wsgi.main(sys.argv[1:])


if __name__ == "__main__":
    main()
