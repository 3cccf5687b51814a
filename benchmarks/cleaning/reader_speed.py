"""Throughput of the readers (read + extract + clean + language id), one process.

Builds synthetic inputs in a temporary folder (hand-written page template,
N copies with varied numbers) and times ``sigact.ingest.read_path`` on each:

    .venv/bin/python benchmarks/cleaning/reader_speed.py [--n 500]
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
import time
import tracemalloc
from pathlib import Path

from sigact.ingest import Reject, read_path

PARA = ("Gunmen attacked a police post in district {i} on Monday night, killing {k} officers and wounding "
        "several others, a provincial official said on Tuesday.")
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Attack {i} | Daily</title>
<meta property="og:site_name" content="The Daily"><meta property="article:published_time" content="2024-03-05">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="newsletter"><h3>Subscribe to our newsletter</h3><form><input type="email"></form></div>
<article><h1>Police post attacked in district {i}</h1>{paras}</article>
<div class="share">Share on Facebook Share on Twitter</div>
<section class="comments"><h3>Leave a Reply</h3><p>First comment here.</p></section></body></html>"""


def _page(i: int) -> str:
    paras = "".join(f"<p>{PARA.format(i=i, k=(i + j) % 9 + 2)} Paragraph {j}.</p>" for j in range(6))
    return PAGE.format(i=i, paras=paras)


def build(folder: Path, n: int) -> dict[str, Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    paths = {}
    paths["jsonl"] = folder / "a.jsonl"
    with paths["jsonl"].open("w", encoding="utf-8") as f:
        for i in range(n):
            text = "\n\n".join(PARA.format(i=i, k=j + 2) for j in range(6))
            f.write(json.dumps({"id": f"a{i}", "text": text, "published": "2024-03-05"}) + "\n")
    html_dir = folder / "html"
    html_dir.mkdir()
    for i in range(n // 5):
        (html_dir / f"p{i}.html").write_text(_page(i), encoding="utf-8")
    paths["html"] = html_dir
    paths["warc"] = folder / "b.warc.gz"
    with paths["warc"].open("wb") as out:
        w = WARCWriter(out, gzip=True)
        for i in range(n):
            body = _page(i).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://daily.example/{i}", "response", payload=io.BytesIO(body),
                                                length=len(body), http_headers=headers))
    items = "".join(f"<item><title>Attack {i}</title><link>https://daily.example/{i}</link>"
                    f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;{PARA.format(i=i, k=3)}"
                    f"&lt;/p&gt;</description></item>" for i in range(n * 10))
    paths["feed"] = folder / "c.rss"
    paths["feed"].write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>{items}'
                             "</channel></rss>", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500, help="records per input (HTML files: n/5, feed entries: n*10)")
    ap.add_argument("--memory", action="store_true", help="also trace peak Python memory (tracemalloc; slows it down)")
    args = ap.parse_args(argv)
    list(read_path(Path(__file__).with_name("cases")))  # warm up: trafilatura, langid, rules
    with tempfile.TemporaryDirectory() as d:
        paths = build(Path(d), args.n)
        print(f"{'input':8} {'articles':>8} {'rejects':>7} {'seconds':>8} {'per sec':>8}"
              + (f" {'peak MiB':>8}" if args.memory else ""))
        for name, path in paths.items():
            if args.memory:
                tracemalloc.start()
            t0 = time.perf_counter()
            arts = rej = 0
            for item in read_path(path):
                if isinstance(item, Reject):
                    rej += 1
                else:
                    arts += 1
            dt = time.perf_counter() - t0
            line = f"{name:8} {arts:8d} {rej:7d} {dt:8.2f} {arts / dt:8.0f}"
            if args.memory:
                line += f" {tracemalloc.get_traced_memory()[1] / 2**20:8.1f}"
                tracemalloc.stop()
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
