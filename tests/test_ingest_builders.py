"""Builders for the ingest tests: pages, feeds, WARCs and JSONL written in the test's tmp dir.

All article texts here were written for these tests (fictional reports).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

PARAS = [
    "Suspected ADF fighters killed five civilians in an overnight raid on a village outside Beni "
    "in North Kivu province, local officials said on Tuesday.",
    "The attackers arrived shortly after midnight and set fire to several houses before fleeing "
    "into the forest, according to the administrator of the area.",
    '"We have recovered five bodies and two people are still missing," a civil society leader told '
    "reporters, adding that the army had deployed to the village.",
    "The Congolese army and Ugandan troops have been conducting joint operations against the group "
    "since 2021, but attacks on villages have continued.",
]

COMMENT = "This is terrible, the government must do more to protect the people of the region."


def html_page(
    paras: list[str] = PARAS,
    *,
    title: str = "Militia attack kills five near Beni",
    url: str = "https://www.kivudaily.example/news/2024/03/militia-attack-beni",
    date: str = "2024-03-05T08:30:00+01:00",
    site: str = "Kivu Daily",
    charset: str = "utf-8",
) -> str:
    """A news page with navigation, a subscribe box, share buttons, comments and a comment form."""
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{date}">
<script>var tracking = "Subscribe now to read more";</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact us</a></li></ul></nav></header>
<div class="subscribe-box"><h3>Subscribe to our newsletter</h3>
<p>Get the latest news delivered to your inbox every morning.</p>
<form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>
<main><article>
<h1>{title}</h1>
<p class="byline">By Amani Kabila</p>
{body}
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
</article></main>
<section id="comments" class="comments"><h3>2 Comments</h3>
<div class="comment"><p class="comment-author">Jean</p><p>{COMMENT}</p></div>
<div class="comment"><p class="comment-author">Marie</p><p>Every week the same story, nobody is held accountable.</p></div>
<div id="respond"><h3>Leave a Reply</h3><form id="commentform">
<p>Your email address will not be published. Required fields are marked *</p>
<textarea name="comment"></textarea><input name="author"><input type="submit" value="Post Comment"></form></div>
</section>
<footer><p>© 2024 {site}. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>
</body></html>"""


def rss_feed(n: int = 3, *, with_content: bool = True) -> str:
    """An RSS 2.0 feed with ``n`` items (content:encoded HTML, or only a summary)."""
    items = []
    for i in range(n):
        content = (
            f"<content:encoded><![CDATA[<p>Gunmen attacked a checkpoint in district {i} on Monday, "
            f"killing {i + 2} police officers, the provincial police chief said.</p>"
            f"<p>No group has claimed the attack.</p><p>Share this:</p>]]></content:encoded>"
            if with_content
            else ""
        )
        items.append(
            f"""<item><title>Checkpoint attack {i}</title>
<link>https://www.frontierpost.example/news/{i}</link>
<guid>https://www.frontierpost.example/news/{i}</guid>
<pubDate>Mon, 0{1 + i % 9} Apr 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Gunmen attacked a checkpoint in district {i}, police said.&lt;/p&gt;</description>
{content}</item>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Frontier Post - Latest</title><link>https://www.frontierpost.example/</link>
<language>en</language>
{''.join(items)}
</channel></rss>"""


def atom_feed() -> str:
    """An Atom feed with two entries (one with HTML content, one with a text summary)."""
    return """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Sahel Monitor</title><id>urn:sahel-monitor</id><updated>2024-05-02T12:00:00Z</updated>
<entry><title>Jihadists ambush army convoy near Djibo</title>
<link href="https://sahelmonitor.example/2024/05/djibo-ambush"/>
<id>urn:sahel-monitor:1</id><published>2024-05-01T18:00:00Z</published><updated>2024-05-02T09:00:00Z</updated>
<content type="html">&lt;p&gt;Suspected jihadists ambushed an army convoy near Djibo on Tuesday, killing seven soldiers, security sources said.&lt;/p&gt;&lt;p&gt;Advertisement&lt;/p&gt;&lt;p&gt;The convoy was escorting supply trucks to the besieged town.&lt;/p&gt;</content>
</entry>
<entry><title>Protesters rally in Niamey</title>
<link href="https://sahelmonitor.example/2024/05/niamey-rally"/>
<id>urn:sahel-monitor:2</id><updated>2024-05-02T11:00:00Z</updated>
<summary>Thousands of protesters rallied in Niamey on Thursday to demand the departure of foreign troops.</summary>
</entry>
</feed>"""


def warc_bytes(pages: list[tuple[str, bytes, str]], *, gzip: bool = True) -> bytes:
    """A WARC with one HTTP response record per ``(url, body, content_type)``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "sigact tests"}))
    for url, body, ctype in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-03-06T10:00:00Z"},
        )
        writer.write_record(record)
    return buf.getvalue()


def jsonl_lines(records: list[object]) -> str:
    """JSONL text; a ``str`` element is written verbatim (for broken lines)."""
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def write(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` (creating folders) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
