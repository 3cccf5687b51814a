"""Collect ACLED's standard actor names from the TRAINING gold into ``actors_mined.yaml``.

Usage::

    .venv/bin/python tools/build_actor_dictionary.py [--train PATH] [--out PATH] [--check]

Only the gold actor *names* (``actor1``, ``actor2``, ``meta.assoc_actor_*``) are read: they
are ACLED's standard names, i.e. facts, not prose.  No note text is read or copied.  Never
point this at the dev or held-out files.

* Names already covered by the curated ``actors.yaml`` (by name or alias) and names the
  generic/state rules produce ("Protesters (Chile)", "Military Forces of Mali (2013-)")
  are skipped.  Identity categories ("Farmers (Syria)", "Labour Group (Chile)") are skipped.
* "ACR: Expansion" names give the aliases "ACR" and "Expansion"; "X Communal Militia (Y)"
  names give "X communal militia".  Country: the parenthesised country, else the most
  common country of the records that name the actor.  Type: from words in the name.
* ``--check`` prints, for every state name in the gold, whether ``governments.yaml``
  gives the same ACLED period for the event's year (to maintain the periods by hand).
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sigact.extract.actor_data import load_actor_data, strip_period  # noqa: E402
from sigact.extract.actor_match import parse_actor_name  # noqa: E402
from sigact.extract.actors import ActorResolver, month_of, year_of  # noqa: E402

DEFAULT_TRAIN = Path("/work/shared/data/train/events-train.jsonl")
DEFAULT_OUT = ROOT / "src/sigact/extract/data/actors_mined.yaml"

_CATEGORY = re.compile(
    r"^(Farmers|Fishermen|Fishers|Health Workers|Journalists|Women|Students|Teachers|Labou?r Group|Prisoners|"
    r"Refugees/IDPs|Lawyers|Taxi Drivers|Street Traders|Aid Workers|Pastoralists|Children|Judges|Miners|"
    r"Government Workers|Sex Workers|LGBT\+?|Traders|Private Security Forces|Drug Suspects|Settlers|Pirates|"
    r".* (Group|Ethnic Group|Communal Group|Caste Group|Religious Group)) \(.*\)$"
)


def guess_type(name: str) -> str:
    """Actor type from words in an ACLED name (used only for mined entries)."""
    low = name.casefold()
    if re.search(r"\b(party|congress|league|union|unions|federation|confederation|association|guild|assembly|"
                 r"chamber|council of|front of the greek|greenpeace|wwf|movement for|syndicate|alliance for)\b", low):
        return "other"
    if re.search(r"\b(cartel|gang|militia|vigilante|self-defen[cs]e|mafia|command|comando|clan)\b", low):
        return "militia"
    if re.search(r"\b(islamic state|qaeda|jihad|mujahideen|taliban|shabaab)\b", low):
        return "terrorist"
    if re.search(r"\b(army|liberation|rebels?|forces|brigade|division|corps|resistance|front|separatists|insurgents)\b", low):
        return "rebel"
    if re.search(r"\b(police|guard)\b", low):
        return "police"
    return "other"


def aliases_for(name: str) -> list[str]:
    """Text aliases of an ACLED name: acronym and expansion of "ACR: Expansion", bare communal-militia label."""
    out = []
    base = strip_period(name)
    m = re.match(r"^([^:]{2,40}): (.+)$", base)
    if m:
        acr, exp = m.group(1).strip(), m.group(2).strip()
        if len(acr) >= 3 or acr.isupper():
            out.append(acr)
        out.append(exp)
    m = re.match(r"^(.+ (?:Communal|Ethnic|Clan|Sub-Clan|Tribal) Militia) \((.+)\)$", base)
    if m:
        out.append(m.group(1))
    return [a for a in dict.fromkeys(out) if a and a != name]


def read_names(train: Path) -> tuple[dict[str, collections.Counter], list[tuple[str, str | None]]]:
    """ACLED actor names -> Counter of record countries; and (state name, event date) pairs."""
    names: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    states = []
    with train.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("source_dataset") != "acled":
                continue
            g, meta = rec["gold"], rec.get("meta") or {}
            cands = [g.get("actor1"), g.get("actor2")]
            for k in ("assoc_actor_1", "assoc_actor_2"):
                cands += [x.strip() for x in (meta.get(k) or "").split(";")]
            for n in cands:
                if n:
                    names[n][g.get("country")] += 1
                    if re.match(r"^(Military Forces|Police Forces|Government) of ", n):
                        states.append((n, g.get("date")))
    return names, states


def build(train: Path) -> list[dict]:
    r = ActorResolver(load_actor_data(include_mined=False))
    names, _ = read_names(train)
    rows = []
    for name in sorted(names):
        if r.group(name) is not None or _CATEGORY.match(name):
            continue
        if parse_actor_name(name, r) is not None and not re.search(r"(Ethnic|Communal|Clan|Tribal) Militia", name):
            continue
        if " and/or " in name or name.startswith("Former "):
            continue
        m = re.search(r"\(([^()]+)\)$", name)
        country = r.country_of_name(m.group(1)) if m else None
        if country is None:
            where = names[name].most_common(1)[0][0]
            country = r.country_of_name(where) if where else None
        row = {"name": strip_period(name), "acled": name, "country": country, "type": guess_type(name)}
        al = aliases_for(name)
        if al:
            row["aliases"] = al
        rows.append(row)
    return rows


def check_periods(train: Path) -> int:
    """Print gold state names whose period start differs from governments.yaml; returns the count."""
    r = ActorResolver()
    _, states = read_names(train)
    bad = collections.Counter()
    for name, date in states:
        m = re.match(r"^(Military Forces|Police Forces|Government) of (?:the )?(.+?) \((\d{4}-(?:\d{4})?)\)", name)
        if not m:
            continue
        iso3 = r.country_of_name(m.group(2))
        c = r.country(iso3)
        want = c.period(year_of(date), month_of(date)) if c else None
        # compare start years only: ACLED closes a period's label ("2014-2021") once it ends
        if (want or "").split("-")[0] != m.group(3).split("-")[0]:
            bad[(m.group(2), m.group(3), want, (date or "")[:4])] += 1
    for (country, gold, ours, year), n in sorted(bad.items()):
        print(f"{n:4d}  {country}: gold ({gold}) in {year}, governments.yaml gives ({ours})")
    return sum(bad.values())


def roundtrip(train: Path, *, show: int = 0) -> dict[str, float]:
    """Share of records whose gold actor1 name, passed through ``resolve()`` (with the record's
    country and date as context), comes back as an actor ``actor_matches`` accepts."""
    from sigact.extract.actor_match import actor_matches

    r = ActorResolver()
    tot, ok = collections.Counter(), collections.Counter()
    misses = collections.Counter()
    with train.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            g, ds = rec["gold"], rec["source_dataset"]
            for field in ("actor1", "actor2"):
                name = g.get(field)
                if not name:
                    continue
                ctx = r.country_of_name(g.get("country"))
                actor = r.resolve(name, context_country=r.country(ctx).iso3 if r.country(ctx) else None,
                                  date=g.get("date"))
                hit = actor_matches(actor, name, aliases=r)
                tot[(ds, field)] += 1
                ok[(ds, field)] += hit
                if not hit:
                    misses[name] += 1
    for name, n in misses.most_common(show):
        print(f"  miss {n:3d}  {name}")
    return {f"{ds}.{f}": round(ok[(ds, f)] / tot[(ds, f)], 4) for ds, f in sorted(tot)}


def coverage(train: Path, *, show: int = 0) -> dict[str, float]:
    """Text-level check on training records: with the record's country as context, the share
    whose gold actor1 / actor2 is among the actors ``find()`` reports in the text (recall of
    the mention finder), the same when ``find()`` is told the gold event type and the role
    (``event_type=..., role="actor1"/"actor2"``), and the share where the first mention is actor1."""
    from sigact.extract.actor_match import actor_matches

    r = ActorResolver()
    tot, found, first = collections.Counter(), collections.Counter(), collections.Counter()
    typed = collections.Counter()
    misses = collections.Counter()
    with train.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            g, ds = rec["gold"], rec["source_dataset"]
            ctx = r.country(r.country_of_name(g.get("country")))
            ms = r.find(rec["text"], context_country=ctx.iso3 if ctx else None, date=g.get("date"))
            ms1 = r.find(rec["text"], context_country=ctx.iso3 if ctx else None, date=g.get("date"),
                         event_type=g.get("event_type"), role="actor1")
            if g.get("actor1"):
                typed[(ds, "actor1")] += any(actor_matches(m.actor, g["actor1"], aliases=r) for m in ms1)
            if g.get("actor2"):
                ms2 = r.find(rec["text"], context_country=ctx.iso3 if ctx else None, date=g.get("date"),
                             event_type=g.get("event_type"), role="actor2")
                typed[(ds, "actor2")] += any(actor_matches(m.actor, g["actor2"], aliases=r) for m in ms2)
            for field in ("actor1", "actor2"):
                name = g.get(field)
                if not name:
                    continue
                tot[(ds, field)] += 1
                hit = any(actor_matches(m.actor, name, aliases=r) for m in ms)
                found[(ds, field)] += hit
                if not hit:
                    misses[(ds, field, re.sub(r"\(\d{4}-(\d{4})?\)", "", name))] += 1
            if g.get("actor1") and ms:
                first[ds] += actor_matches(ms[0].actor, g["actor1"], aliases=r)
    for key, n in misses.most_common(show):
        print(f"  not found {n:3d}  {key}")
    out = {f"found.{ds}.{f}": round(found[(ds, f)] / tot[(ds, f)], 4) for ds, f in sorted(tot)}
    out.update({f"first_mention_is_actor1.{ds}": round(first[ds] / tot[(ds, "actor1")], 4) for ds in sorted(first)})
    out.update({f"found_with_event_type.{ds}.{f}": round(typed[(ds, f)] / tot[(ds, f)], 4) for ds, f in sorted(typed)})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="only compare gold periods with governments.yaml")
    ap.add_argument("--roundtrip", action="store_true", help="only measure resolve()+actor_matches on gold names")
    ap.add_argument("--coverage", action="store_true", help="only measure find() recall of gold actors in texts")
    args = ap.parse_args(argv)
    if "dev" in args.train.parts or "heldout" in str(args.train):
        print("refusing to mine the dev/held-out data", file=sys.stderr)
        return 2
    if args.check:
        check_periods(args.train)
        return 0
    if args.coverage:
        print(json.dumps(coverage(args.train, show=60), indent=1))
        return 0
    if args.roundtrip:
        print(json.dumps(roundtrip(args.train, show=40), indent=1))
        return 0
    rows = build(args.train)
    header = ("# GENERATED by tools/build_actor_dictionary.py from the training gold's actor NAMES\n"
              "# (ACLED standard names are facts; no note text). Curated entries in actors.yaml win.\n"
              "# Regenerate rather than edit; move an entry to actors.yaml to curate it.\n")
    body = yaml.safe_dump({"actors": rows}, sort_keys=False, allow_unicode=True, width=120)
    args.out.write_text(header + body, encoding="utf-8")
    print(f"wrote {len(rows)} mined actors to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
