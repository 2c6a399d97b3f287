"""The fan-out benchmark's figures: percentiles pooled over rounds, ratios, and the printed table.
See bench/README.md for what each column means."""
import math
from collections import Counter

ORDER_NOTE = "bare then app in odd rounds, app then bare in even ones (ABBA), a fresh server process each time"
CLIENT_CPU_WARNING = 70  # % of one core: above it the single load-generating process may lag
OTHER_CPU_WARNING = 25  # % of one core used by other programs during a measurement
STARVED_WARNING = 10  # % of the time a server or the load generator waited for a CPU (the two of them share
# two cores: some 5 % is their own doing)


def percentile(sorted_values, q):
    """Nearest-rank percentile of an ascending list, or None when empty."""
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 2)


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def figures(label, samples):
    """One server's figures, pooled over its rounds: latencies from every round together."""
    fanout = sorted(x for s in samples for x in s["tally"].fanout)
    acks = sorted(x for s in samples for x in s["tally"].acks)
    expected = sum(s["expected"] for s in samples)
    errors, failures = Counter(), Counter()
    for s in samples:
        errors.update(s["tally"].errors)
        failures.update(s["failures"])
    return {
        "server": label,
        "rounds": len(samples),
        "clients": min(s["clients"] for s in samples),
        "connect_failures": dict(failures),
        "posts": sum(s["posts"] for s in samples),
        "posts_per_second_sent": round(mean(s["send_rate"] for s in samples), 2),
        "acked": len(acks),
        "post_errors": dict(errors),
        "delivered": len(fanout),
        "expected": expected,
        "delivered_pct": round(100.0 * len(fanout) / expected, 3) if expected else 0.0,
        "duplicates": sum(max(0, n - s["clients"]) for s in samples for n in s["tally"].received.values()),
        "fanout_ms": {"p50": ms(percentile(fanout, 0.50)), "p95": ms(percentile(fanout, 0.95)),
                      "p99": ms(percentile(fanout, 0.99)), "max": ms(fanout[-1] if fanout else None)},
        "ack_ms": {"p50": ms(percentile(acks, 0.50)), "p95": ms(percentile(acks, 0.95)),
                   "p99": ms(percentile(acks, 0.99))},
        "rss_kib_per_connection": round(mean(s["kib_per_connection"] for s in samples), 1),
        # percent of one core, averaged over the posting and draining time
        "server_cpu_pct": round(100 * mean(s["server_cpu"] for s in samples), 1),
        "client_cpu_pct": round(100 * mean(s["client_cpu"] for s in samples), 1),
        "helper_cpu_pct": round(100 * mean(s.get("helper_cpu", 0.0) for s in samples), 1),
        "other_cpu_pct": round(100 * mean(s["other_cpu"] for s in samples), 1),
        "server_starved_pct": round(100 * mean(s["server_starved"] for s in samples), 2),
        "client_starved_pct": round(100 * mean(s["client_starved"] for s in samples), 2),
    }


def ratios(app, bare):
    out = {}
    for q in ("p50", "p95", "p99"):
        a, b = app["fanout_ms"][q], bare["fanout_ms"][q]
        out[q] = round(a / b, 2) if a is not None and b else None
    return out


def report(results, ratio, args):
    def fmt(value, spec=".1f"):
        return "-" if value is None else format(value, spec)

    print()
    print(f"fan-out: {args.clients} clients in one room, {args.rate:g} posts/s for {args.seconds:g} s "
          f"(every post reaches all clients, the poster included); {args.rounds} round(s), {ORDER_NOTE}")
    head = (f"{'server':<6} {'N':>5} {'posts':>6} {'delivered/expected':>26} {'p50':>8} {'p95':>8} {'p99':>8} "
            f"{'ack p95':>8} {'KiB/conn':>9} {'srv CPU':>8} {'infra':>7} {'cli CPU':>8} {'other':>7}")
    print(head)
    print("-" * len(head))
    for r in results:
        f = r["fanout_ms"]
        delivered = f"{r['delivered']}/{r['expected']} ({r['delivered_pct']:.2f}%)"
        print(f"{r['server']:<6} {r['clients']:>5} {r['posts']:>6} {delivered:>26} {fmt(f['p50']):>8} "
              f"{fmt(f['p95']):>8} {fmt(f['p99']):>8} {fmt(r['ack_ms']['p95']):>8} "
              f"{fmt(r['rss_kib_per_connection']):>9} {fmt(r['server_cpu_pct']):>7}% {fmt(r['helper_cpu_pct']):>6}% "
              f"{fmt(r['client_cpu_pct']):>7}% {fmt(r['other_cpu_pct']):>6}%")
        notes = {k: r[k] for k in ("connect_failures", "post_errors") if r[k]}
        if r["duplicates"]:
            notes["duplicates"] = r["duplicates"]
        if notes:
            print(f"       {r['server']}: {notes}")
    if ratio:
        print(f"ratio app/bare: p50 {fmt(ratio['p50'], '.2f')}  p95 {fmt(ratio['p95'], '.2f')}  "
              f"p99 {fmt(ratio['p99'], '.2f')}")
    print("latencies in ms; CPU in % of one core during posting and draining (srv: the server processes; infra: "
          "nginx, Redis and the app's database backends in cluster mode); 'other' = the rest of the machine")
    for r in results:
        if r["client_cpu_pct"] > CLIENT_CPU_WARNING:
            print(f"warning: the load generator used {r['client_cpu_pct']:.0f}% of a core with {r['server']}: it may "
                  f"be the bottleneck; lower --rate")
        if max(r["server_starved_pct"], r["client_starved_pct"]) > STARVED_WARNING:
            print(f"warning: with {r['server']}, the server waited for a CPU {r['server_starved_pct']:.1f}% of the "
                  f"time and the load generator {r['client_starved_pct']:.1f}%: latencies include that wait")
        if r["other_cpu_pct"] > OTHER_CPU_WARNING:
            print(f"warning: other programs used {r['other_cpu_pct']:.0f}% of a core during {r['server']}: "
                  f"figures are noisy")
    print(flush=True)
