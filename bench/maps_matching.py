"""Actor-name matching benchmark: how long does matching one name typed on the board take against
the lab's actors, next to a bare rapidfuzz lookup of the same name? A script, not a test.

    .venv/bin/python bench/maps_matching.py [--actors 500] [--names 10000] [--seed 7] [--json PATH]

Builds N real-looking Colombian actors (universities, alcaldías, gobernaciones, chambers of
commerce, secretarías, SENA centres, foundations, networks, programmes, cajas de compensación),
then M typed names drawn from them: exact variants (case, accents, "U." and "Fund.", acronyms),
near variants (typos, dropped "de", reordered or shortened names, unrecorded acronyms) and names of
organisations that are not in the list. Each name is matched with lab.maps.matching.ActorIndex
(built once) and, as the baseline, with rapidfuzz.process.extractOne(WRatio) over the raw names,
the cheapest lookup that gives one answer per name. Prints the index build time, the time per
match (mean and percentiles), the ratio to the baseline and the share of exact, near and new.
"""
import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz, process, utils

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lab.maps.matching import ActorEntry, ActorIndex  # noqa: E402

PLACES = [
    "Bucaramanga", "Floridablanca", "Girón", "Piedecuesta", "Barrancabermeja", "San Gil", "Socorro",
    "Málaga", "Vélez", "Barbosa", "Lebrija", "Rionegro", "Sabana de Torres", "Cimitarra",
    "Puerto Wilches", "Zapatoca", "Charalá", "Mogotes", "Cúcuta", "Pamplona", "Ocaña", "Tunja", "Duitama",
    "Sogamoso", "Bogotá", "Medellín", "Cali", "Barranquilla", "Cartagena", "Pereira", "Manizales",
    "Armenia", "Ibagué", "Neiva", "Pasto", "Popayán", "Villavicencio", "Yopal", "Montería", "Sincelejo",
    "Valledupar", "Riohacha", "Santa Marta", "Quibdó", "Florencia", "Mocoa", "Leticia", "Arauca",
]
AREAS = ["Educación", "Salud", "Desarrollo Económico", "Planeación", "Cultura y Turismo", "las TIC",
         "Desarrollo Social", "Hacienda", "Infraestructura", "Ambiente", "Agricultura", "la Mujer"]
THEMES = ["Emprendimiento", "Innovación Social", "Bibliotecas Públicas", "Semilleros de Investigación",
          "Mujeres Rurales", "Jóvenes Creadores", "Datos Abiertos", "Economía Circular", "Cafés Especiales",
          "Gobierno Abierto", "Transformación Digital", "Paz y Reconciliación", "Agua y Saneamiento"]
FAMILIES = [
    ("Universidad {place}", 0.5), ("Alcaldía de {place}", 0.0), ("Gobernación de {place}", 0.0),
    ("Cámara de Comercio de {place}", 0.6), ("Secretaría de {area} de {place}", 0.0),
    ("SENA Centro de {theme} {place}", 0.3), ("Fundación {theme} {place}", 0.3),
    ("Corporación {theme}", 0.4), ("Red de {theme} de {place}", 0.2), ("Programa {theme}", 0.0),
    ("Caja de Compensación Familiar de {place}", 0.5), ("Parque Tecnológico de {place}", 0.3),
]
ABBREVIATE = {"Universidad": "U.", "Fundación": "Fund.", "Corporación": "Corp.", "Secretaría": "Sec.",
              "Gobernación": "Gob.", "Alcaldía": "Alc."}
ACCENTS = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")


def initials(name):
    skip = {"de", "del", "la", "las", "el", "los", "y"}
    return "".join(word[0] for word in name.split() if word.lower() not in skip).upper()


def build_actors(count, rng):
    actors, seen = [], set()
    while len(actors) < count:
        template, acronym_share = rng.choice(FAMILIES)
        name = template.format(place=rng.choice(PLACES), area=rng.choice(AREAS), theme=rng.choice(THEMES))
        if name in seen:
            continue
        seen.add(name)
        acronym = initials(name) if rng.random() < acronym_share else None
        aliases = (name.split(" de ")[-1] + " " + name.split()[0],) if rng.random() < 0.1 else ()
        actors.append(ActorEntry(f"a{len(actors)}", name, acronym, aliases))
    return actors


def exact_variant(actor, rng):
    choice = rng.randrange(4)
    if choice == 0 and actor.acronym:
        return actor.acronym.lower() if rng.random() < 0.5 else actor.acronym
    if choice == 1:
        return actor.name.upper()
    if choice == 2:
        return " ".join(ABBREVIATE.get(word, word) for word in actor.name.split())
    return actor.name.translate(ACCENTS).lower()


def near_variant(actor, rng):
    words = actor.name.split()
    choice = rng.randrange(4)
    if choice == 0:  # a typo in the longest word
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        cut = rng.randrange(1, len(word) - 1)
        words[longest] = word[:cut] + word[cut + 1:]
        return " ".join(words)
    if choice == 1:
        return " ".join(w for w in words if w.lower() not in ("de", "del", "la"))
    if choice == 2:
        return " ".join(words[:-1]) if len(words) > 2 else " ".join(reversed(words))
    return initials(actor.name)


def new_name(rng):
    return rng.choice(["Universidad", "Fundación", "Corporación", "Colegio", "Cooperativa", "Asociación"]) + \
        " " + rng.choice(["Horizonte", "Nuevo Amanecer", "Semillas", "Los Andes", "Tierra Grata", "El Ruiz",
                           "Quinta Esencia", "Altos del Cacique", "Villa Helena", "Guane"]) + \
        " " + rng.choice(["", "Norte", "Sur", "Centro", str(rng.randrange(1, 40))])


def typed_names(actors, count, rng):
    """(typed name, what it was made as: "exact", "near" or "new", the actor it was made from)."""
    names = []
    for _ in range(count):
        roll = rng.random()
        actor = rng.choice(actors)
        if roll < 0.35:
            names.append((exact_variant(actor, rng), "exact", actor.id))
        elif roll < 0.70:
            names.append((near_variant(actor, rng), "near", actor.id))
        else:
            names.append((new_name(rng).strip(), "new", None))
    return names


def timed(function, names):
    times = []
    for name in names:
        start = time.perf_counter_ns()
        result = function(name)
        times.append(time.perf_counter_ns() - start)
        yield result, times[-1]


def percentile(sorted_values, share):
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def figures(times_ns):
    values = sorted(times_ns)
    return {"mean_us": statistics.fmean(values) / 1000, "p50_us": percentile(values, 0.5) / 1000,
            "p95_us": percentile(values, 0.95) / 1000, "p99_us": percentile(values, 0.99) / 1000,
            "max_us": values[-1] / 1000}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    actors = build_actors(args.actors, rng)
    made = typed_names(actors, args.names, rng)
    names = [name for name, _, _ in made]

    start = time.perf_counter()
    index = ActorIndex(actors)
    build_ms = (time.perf_counter() - start) * 1000
    index.match(names[0])  # warm up

    outcomes, confusion, ours, wrong = Counter(), Counter(), [], 0
    for (match, elapsed), (_, intent, origin) in zip(timed(index.match, names), made, strict=True):
        outcomes[match.outcome] += 1
        confusion[intent, match.outcome] += 1
        wrong += match.outcome == "exact" and match.actor.actor_id != origin
        ours.append(elapsed)
    raw = [actor.name for actor in actors]
    baseline = [elapsed for _, elapsed in timed(
        lambda n: process.extractOne(n, raw, scorer=fuzz.WRatio, processor=utils.default_process), names)]

    ours_f, base_f = figures(ours), figures(baseline)
    print(f"{args.actors} actors, {args.names} typed names (seed {args.seed}); index built in {build_ms:.1f} ms; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'per match':<12}{'ActorIndex':>12}{'extractOne':>12}{'ratio':>8}")
    for key in ours_f:
        print(f"{key:<12}{ours_f[key]:>12.1f}{base_f[key]:>12.1f}{ours_f[key] / base_f[key]:>8.2f}")
    share = {k: outcomes[k] / args.names for k in ("exact", "near", "new")}
    print("outcomes    " + "  ".join(f"{k} {v:.1%}" for k, v in share.items()))
    print("made as -> outcome (exact variants of an actor, near variants, names of no actor):")
    for intent in ("exact", "near", "new"):
        cells = (f"{confusion[intent, outcome]:>8} {outcome}" for outcome in ("exact", "near", "new"))
        print(f"  {intent:<6}" + "".join(cells))
    print(f"exact matches to another actor than the one the name was made from: {wrong}")
    if args.json:
        args.json.write_text(json.dumps({"actors": args.actors, "names": args.names, "seed": args.seed,
                                         "build_ms": build_ms, "index": ours_f, "baseline": base_f,
                                         "outcomes": share, "wrong_exact": wrong,
                                         "confusion": {f"{i}->{o}": n for (i, o), n in confusion.items()}},
                                        indent=2))


if __name__ == "__main__":
    main()
