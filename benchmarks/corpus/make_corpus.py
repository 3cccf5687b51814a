"""Generate the speed-benchmark corpus: realistic length and mix, deterministic.

600 articles of 300-900 words; in about one article in three some sentences report violence,
protests or arrests (with a context sentence after them); the rest is ordinary news. Templates:
benchmarks/corpus/templates.yaml.

    .venv/bin/python benchmarks/corpus/make_corpus.py --n 600 -o benchmarks/corpus/bench-600.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

import yaml

HERE = Path(__file__).parent


def make(n: int, seed: int) -> list[dict]:
    t = yaml.safe_load((HERE / "templates.yaml").read_text())
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words_target = rng.randint(300, 900)
        violent = rng.random() < 0.35
        place, country = rng.choice(t["places"])
        sents: list[str] = []
        n_words = 0
        title_violent = violent and rng.random() < 0.6
        while n_words < words_target:
            if violent and rng.random() < 0.12:
                s = rng.choice(t["violent"]).format(
                    actor=rng.choice(t["actors"]), num=rng.choice(t["numbers"]), victims=rng.choice(t["victims"]),
                    place=place, day=rng.choice(t["days"]))
                s = s[0].upper() + s[1:]
                sents.append(s)
                sents.append(rng.choice(t["context"]))
            else:
                sents.append(rng.choice(t["ordinary"]).format(
                    pct=f"{rng.uniform(0.5, 12):.1f}", day=rng.choice(t["days"]),
                    score=f"{rng.randint(0, 4)}-{rng.randint(0, 3)}"))
            n_words = sum(len(s.split()) for s in sents)
        paras, k = [], 0
        while k < len(sents):
            step = rng.randint(2, 4)
            paras.append(" ".join(sents[k:k + step]))
            k += step
        title = (f"Violence reported near {place}" if title_violent
                 else rng.choice(["Economy update", "Weekly review", "Policy briefing", "Regional news"]) + f" {i}")
        published = (date(2024, 1, 1) + timedelta(days=rng.randrange(300))).isoformat()
        out.append({"id": f"bench-{i:04d}", "title": title, "text": title + "\n\n" + "\n\n".join(paras),
                    "published": published, "outlet": "generated", "url": f"https://news.example/{i:04d}"})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=20241125)
    ap.add_argument("-o", "--out", default=str(HERE / "bench-600.jsonl"))
    args = ap.parse_args()
    rows = make(args.n, args.seed)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    words = sum(len(r["text"].split()) for r in rows)
    print(f"{len(rows)} articles, {words} words -> {args.out}")


if __name__ == "__main__":
    main()
