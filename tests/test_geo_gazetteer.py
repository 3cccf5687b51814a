"""Tests for the SQLite gazetteer (build, lookup, normalisation, atomic build)."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from sigact.geo import build as gbuild
from sigact.geo.build import display_admin1, name_keys, strip_articles
from sigact.geo.countries import haversine_km


def test_name_keys_strip_accents_case_and_articles():
    assert name_keys("Ain al-Asad") == ["ain al asad", "ain asad"]
    assert name_keys("Ḩamāh") == ["hamah"]
    assert name_keys("CÔTE D'IVOIRE")[0] == "cote d ivoire"
    assert strip_articles("as sweida") == "sweida"
    assert name_keys("") == []


def test_display_admin1():
    assert display_admin1("Basra Governorate") == "Basra"
    assert display_admin1("Muhafazat Kirkuk") == "Kirkuk"
    assert display_admin1("Central Region") == "Central"
    assert display_admin1("Region") == "Region"


def test_ensure_gazetteer_builds_once_when_processes_race(tmp_path, monkeypatch):
    calls = []

    def fake_build(path: Path) -> None:
        calls.append(path)
        time.sleep(0.2)
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t(x)")
        conn.commit()
        conn.close()

    monkeypatch.setattr(gbuild, "build_gazetteer", fake_build)
    target = tmp_path / "gaz.sqlite"
    results = []
    threads = [threading.Thread(target=lambda: results.append(gbuild.ensure_gazetteer(target))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [target] * 3
    assert len(calls) == 1  # the others waited on the lock and found the file
    assert target.exists()
    assert not list(tmp_path.glob("*.tmp"))  # the temp file was renamed, not left behind


def test_cache_dir_honours_env(monkeypatch, tmp_path):
    monkeypatch.setenv("SIGACT_CACHE", str(tmp_path))
    assert gbuild.gazetteer_path().parent == tmp_path
    assert f"v{gbuild.GAZETTEER_VERSION}" in gbuild.gazetteer_path().name


@pytest.fixture(scope="module")
def gaz():
    from sigact.geo.gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.mark.slow
def test_lookup_cities_admin1_and_curated(gaz):
    baghdad = [c for c in gaz.lookup("Baghdad") if c.kind == "city"][0]
    assert baghdad.country == "IRQ" and baghdad.admin1 == "Baghdad"
    assert haversine_km(baghdad.lat, baghdad.lon, 33.34, 44.40) < 15
    # article and accent insensitive
    assert any(c.country == "SYR" and c.kind == "city" for c in gaz.lookup("Hamah"))
    asad = [c for c in gaz.lookup("Ain al-Asad airbase") if c.kind == "site"][0]
    assert haversine_km(asad.lat, asad.lon, 33.80, 42.44) < 25 and asad.admin1 == "Al Anbar"
    assert any(c.kind == "water" and "YEM" in c.countries for c in gaz.lookup("Bab al-Mandab"))
    assert any(c.kind == "camp" and c.country == "SDN" for c in gaz.lookup("Zamzam camp"))
    # ACLED-style admin1 names
    assert any(c.kind == "admin1" and c.country == "COD" for c in gaz.lookup("Nord-Kivu"))
    assert any(c.kind == "admin1" and c.country == "IRQ" for c in gaz.lookup("Al Anbar"))
    assert any(c.kind == "country" and c.country == "CIV" for c in gaz.lookup("Côte d'Ivoire"))
    assert gaz.lookup("Xqzzyville") == ()


@pytest.mark.slow
def test_lookup_speed(gaz):
    names = ["Kano", "Tripoli", "Homs", "Goma", "Beni", "Mosul", "Aleppo", "Kharkiv", "Gao", "Mopti"] * 5
    gaz.lookup.cache_clear()
    t = time.perf_counter()
    for n in names[:10]:
        gaz.lookup(n)
    cold = (time.perf_counter() - t) / 10
    assert cold < 0.05  # indexed: milliseconds per uncached name


@pytest.mark.slow
def test_lookups_from_threads_and_forked_process(gaz):
    import multiprocessing as mp
    from concurrent.futures import ThreadPoolExecutor

    names = ["Kano", "Mosul", "Goma", "Aleppo", "Gao", "Kharkiv"] * 10
    with ThreadPoolExecutor(4) as ex:
        got = list(ex.map(lambda n: gaz.lookup(n)[0].country, names))
    assert got[:6] == ["NGA", "IRQ", "COD", "SYR", "MLI", "UKR"]
    ctx = mp.get_context("fork")
    with ctx.Pool(1) as pool:
        assert pool.apply(_country_of_first, ("Mosul",)) == "IRQ"


def _country_of_first(name: str) -> str | None:
    from sigact.geo.gazetteer import Gazetteer

    g = Gazetteer.default()
    g.lookup.cache_clear()
    return g.lookup(name)[0].country
