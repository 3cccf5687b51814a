"""The dashboard in headless Debian chromium, served by uvicorn on 127.0.0.1, with every other host blocked.

Set ``SIGACT_UPDATE_SCREENSHOT=1`` to rewrite ``docs/dashboard.png``.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

import pytest

from api_seed import API_KEY, seed
from sigact.api import create_app
from sigact.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VENDOR = Path(__file__).resolve().parents[1] / "src/sigact/dashboard/static/vendor/leaflet/leaflet.js"
DOCS_PNG = Path(__file__).resolve().parents[1] / "docs/dashboard.png"
N = 150

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} not installed (make setup-system installs Debian chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
if not VENDOR.exists():
    pytest.skip("dashboard assets not installed: run `make setup-assets`", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _serving(app) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('dash') / 'dash.db'}"
    store = Store.open(db)
    events = seed(store, n=N)
    with _serving(create_app(store=store, api_key=API_KEY)) as base:
        yield base, events
    store.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(server, browser):
    base, _ = server
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def route(r):
        host = urlparse(r.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)  # e.g. CSP violations
    pg.goto(base + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=30_000)
    pg.wait_for_selector("#map[data-basemap='loaded']", timeout=30_000)
    yield pg, outside, errors
    ctx.close()


def _rows(pg) -> list[list[str]]:
    return pg.eval_on_selector_all("#events tbody tr[data-id]",
                                   "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")


def test_loads_offline_with_markers(page, server):
    pg, outside, errors = page
    _, events = server
    assert outside == [] and errors == []
    located = [e for e in events if e.factuality == "asserted" and e.location and e.location.lat is not None]
    assert int(pg.get_attribute("#map", "data-markers")) == len(located)
    # clusters or single markers are drawn on the map, and the basemap has country shapes
    assert pg.locator(".marker-cluster, .ev-marker").count() > 0
    assert pg.locator("#map path.leaflet-interactive, #map svg path").count() > 100
    assert len(_rows(pg)) == min(200, len([e for e in events if e.factuality == "asserted"]))
    assert pg.locator("#timeline rect").count() > 0 and pg.locator("#timeline #tl-deaths").count() == 1


def test_filter_changes_table_and_map(page, server):
    pg, outside, _ = page
    _, events = server
    before = len(_rows(pg))
    pg.select_option("#f-type", "Protests")
    pg.wait_for_function("() => document.body.getAttribute('data-loading') === '0'")
    rows = _rows(pg)
    expected = [e for e in events if e.factuality == "asserted" and e.acled_event_type == "Protests"]
    assert 0 < len(rows) == len(expected) < before
    assert {r[1] for r in rows} == {"Protests"}
    assert int(pg.get_attribute("#map", "data-markers")) == len(expected)
    assert "event_type=Protests" in pg.get_attribute("#export-link", "href")
    assert outside == []


def test_map_area_filter(page, server):
    pg, outside, _ = page
    _, events = server
    pg.evaluate("() => window.sigactDashboard.map.setView([33.3, 44.4], 7)")  # around Baghdad
    pg.check("#f-bbox")
    pg.wait_for_function("() => document.body.getAttribute('data-loading') === '0'")
    pg.wait_for_timeout(200)
    rows = _rows(pg)
    assert rows and all(r[4].endswith("IRQ") for r in rows)
    assert "bbox=" in pg.get_attribute("#export-link", "href")
    assert outside == []


def test_click_shows_evidence_sentence(page, server, tmp_path):
    pg, outside, _ = page
    pg.fill("#f-q", "limestone")
    pg.click("#filters button[type=submit]")
    pg.wait_for_function("() => document.querySelectorAll('#events tbody tr[data-id]').length === 1")
    pg.click("#events tbody tr[data-id='crafted:a1:1']")
    pg.wait_for_selector("#detail[data-event='crafted:a1:1']")
    text = pg.inner_text("#detail")
    assert "Militia fighters clashed with US troops near the limestone quarry on Thursday" in text
    marks = dict(pg.eval_on_selector_all("#detail mark[data-field]", "ms => ms.map(m => [m.dataset.field, m.textContent])"))
    assert marks["trigger"] == "clashed" and marks["actor1"] == "Militia fighters"
    assert marks["actor2"] == "US troops" and marks["date"] == "on Thursday" and marks["fatalities"] == "Four"
    assert marks["location"] == "Baghdad"
    assert "Example Times" in text and "Second Wire" in text  # both source articles
    # nested spans: the trigger "killed" inside the toll "killed four" is marked as the trigger
    pg.evaluate("() => window.sigactDashboard.showDetail('crafted:a2:1')")
    pg.wait_for_selector("#detail[data-event='crafted:a2:1']")
    pieces = pg.eval_on_selector_all("#detail mark[data-field]", "ms => ms.map(m => [m.dataset.field, m.textContent])")
    assert pieces == [["trigger", "killed"], ["fatalities", " four"]]
    assert outside == []


def test_api_docs_render_offline(server, browser):
    base, _ = server
    ctx = browser.new_context()
    pg = ctx.new_page()
    outside: list[str] = []

    def route(r):
        if urlparse(r.request.url).hostname in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.goto(base + "/docs")
    pg.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    paths = pg.eval_on_selector_all(".opblock-summary-path", "els => els.map(e => e.textContent)")
    assert any("/events" in p for p in paths) and any("/articles" in p for p in paths)
    assert outside == []
    ctx.close()


def test_private_server_asks_for_the_key(browser, tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'private.db'}")
    seed(store, n=5)
    with _serving(create_app(store=store, api_key=API_KEY, private=True)) as base:
        ctx = browser.new_context()
        pg = ctx.new_page()
        pg.goto(base + "/")
        pg.wait_for_selector("#keybox:not([hidden])", timeout=30_000)
        assert pg.locator("#events tbody tr[data-id]").count() == 0  # nothing readable without the key
        pg.fill("#apikey", API_KEY)
        pg.click("#keyform button")
        pg.wait_for_function("() => document.querySelectorAll('#events tbody tr[data-id]').length > 0", timeout=30_000)
        assert pg.locator("#keybox").is_hidden()
        ctx.close()
    store.close()


def test_table_lists_each_real_world_event_once(browser, tmp_path):
    """Two reports of one clash (clustered): one table row with 2 sources; its detail shows both articles."""
    store = Store.open(f"sqlite:///{tmp_path / 'clustered.db'}")
    seed(store, n=5)
    store.assign_clusters({"crafted:a2:1": "crafted:a1:1"})
    with _serving(create_app(store=store, api_key=API_KEY)) as base:
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        pg = ctx.new_page()
        pg.goto(base + "/")
        pg.wait_for_selector("body[data-ready='1']", timeout=30_000)
        pg.fill("#f-q", "quarry")
        pg.click("#filters button[type=submit]")
        pg.wait_for_function("() => document.body.dataset.loading === '0' && "
                             "document.querySelectorAll('#events tbody tr[data-id]').length > 0", timeout=30_000)
        rows = pg.eval_on_selector_all("#events tbody tr[data-id]", "rs => rs.map(r => [r.dataset.id, r.cells[r.cells.length - 1].textContent])")
        assert rows == [["crafted:a1:1", "2"]]
        assert pg.inner_text("#summary").startswith("1 events · 4 deaths")  # not 8: one clash, two reports
        pg.click("#events tbody tr[data-id='crafted:a1:1']")
        pg.wait_for_selector("#detail[data-event='crafted:a1:1']")
        text = pg.inner_text("#detail")
        assert "Example Times" in text and "Second Wire" in text
        # the export link downloads the table's rows: one ACLED row for the clash
        href = pg.get_attribute("#export-link", "href")
        assert "level=canonical" in href
        csv_text = pg.evaluate("(u) => fetch(u).then(r => r.text())", href)
        assert len(csv_text.strip().splitlines()) == 2 and "crafted:a1:1" in csv_text
        ctx.close()
    store.close()


def test_screenshot(page, tmp_path):
    pg, outside, _ = page
    pg.click("#events tbody tr:nth-child(2)")
    pg.wait_for_selector("#detail:not([hidden]) mark")
    pg.wait_for_timeout(300)
    target = DOCS_PNG if os.environ.get("SIGACT_UPDATE_SCREENSHOT") == "1" else tmp_path / "dashboard.png"
    pg.screenshot(path=str(target))
    assert target.stat().st_size > 20_000 and outside == []
