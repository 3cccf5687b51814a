"""Score sigact.clean.clean_text on the hand-written dirty texts in ``cases/``.

Each case is ``NAME.dirty.txt`` (extracted-but-dirty article text: site
furniture in various positions) and ``NAME.expected.txt`` (the lines a careful
reader keeps: headline, standfirst, dateline, body paragraphs, captions that
describe the event).  Scoring is on non-blank lines, as multisets:

* precision = kept lines that are expected / all kept lines
* recall    = expected lines that were kept / all expected lines
* boilerplate removed = furniture lines dropped / all furniture lines

Usage::

    .venv/bin/python benchmarks/cleaning/score.py            # table + totals
    .venv/bin/python benchmarks/cleaning/score.py --errors   # also list every wrong line
    .venv/bin/python benchmarks/cleaning/score.py --json     # totals as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from sigact.clean import clean_text, normalise_whitespace

CASES = Path(__file__).with_name("cases")


def _lines(text: str) -> Counter[str]:
    return Counter(line for line in normalise_whitespace(text).split("\n") if line.strip())


def score_case(dirty: str, expected: str) -> dict[str, object]:
    """Counts for one case: tp, fp (furniture kept), fn (article lines dropped), and the wrong lines."""
    kept = _lines(clean_text(dirty).text)
    want = _lines(expected)
    every = _lines(dirty)
    tp = sum((kept & want).values())
    fp_lines = kept - want
    fn_lines = want - kept
    furniture = every - want
    return {
        "tp": tp,
        "fp": sum(fp_lines.values()),
        "fn": sum(fn_lines.values()),
        "furniture": sum(furniture.values()),
        "furniture_removed": sum((furniture - kept).values()),
        "kept_furniture": sorted(fp_lines.elements()),
        "dropped_text": sorted(fn_lines.elements()),
    }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", action="store_true", help="list every wrongly kept / dropped line")
    ap.add_argument("--json", action="store_true", help="print the totals as JSON")
    ap.add_argument("--cases", type=Path, default=CASES)
    args = ap.parse_args(argv)

    rows = []
    for dirty_path in sorted(args.cases.glob("*.dirty.txt")):
        name = dirty_path.name[: -len(".dirty.txt")]
        expected = dirty_path.with_name(name + ".expected.txt").read_text(encoding="utf-8")
        rows.append((name, score_case(dirty_path.read_text(encoding="utf-8"), expected)))
    if not rows:
        print(f"no cases in {args.cases}", file=sys.stderr)
        return 2

    tot = {k: sum(int(r[k]) for _, r in rows) for k in ("tp", "fp", "fn", "furniture", "furniture_removed")}
    totals = {
        "cases": len(rows),
        "article_lines": tot["tp"] + tot["fn"],
        "furniture_lines": tot["furniture"],
        "precision": round(_ratio(tot["tp"], tot["tp"] + tot["fp"]), 4),
        "recall": round(_ratio(tot["tp"], tot["tp"] + tot["fn"]), 4),
        "furniture_removed": round(_ratio(tot["furniture_removed"], tot["furniture"]), 4),
        "cases_perfect": sum(1 for _, r in rows if r["fp"] == 0 and r["fn"] == 0),
    }
    if args.json:
        print(json.dumps(totals, indent=2))
        return 0
    print(f"{'case':34} {'kept ok':>7} {'furn kept':>9} {'text lost':>9}")
    for name, r in rows:
        print(f"{name:34} {r['tp']:7d} {r['fp']:9d} {r['fn']:9d}")
        if args.errors:
            for line in r["kept_furniture"]:
                print(f"    + kept furniture: {line}")
            for line in r["dropped_text"]:
                print(f"    - dropped text:   {line}")
    print()
    print(f"cases {totals['cases']}, article lines {totals['article_lines']}, furniture lines {totals['furniture_lines']}")
    print(f"precision {totals['precision']:.3f}  recall {totals['recall']:.3f}  "
          f"furniture removed {totals['furniture_removed']:.3f}  perfect cases {totals['cases_perfect']}/{len(rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
