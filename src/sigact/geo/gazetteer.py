"""Read-only access to the SQLite gazetteer (see ``build.py``).

One connection per :class:`Gazetteer`; lookups are cached (LRU) so repeated
names cost a dict hit.  Nothing is loaded into Python beyond the cache.
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sigact.geo.build import ensure_gazetteer, name_keys, skeleton_key

__all__ = ["Candidate", "Gazetteer", "ascii_name"]

_COLS = "p.id, p.name, p.kind, p.country, p.admin1, p.admin1_code, p.admin2, p.lat, p.lon, p.population, " \
        "p.geonameid, p.precision, p.countries"


def ascii_name(name: str) -> str:
    """``name`` without diacritics ("Ḩamāh" -> "Hamah")."""
    t = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in t if not unicodedata.combining(ch)).replace("‘", "'").replace("’", "'")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name may refer to.

    ``quality``: 0 primary name or curated alias, 1 GeoNames alternate name,
    2/3 the same after dropping articles ("al-", "el-").
    """

    id: int
    name: str
    kind: str
    country: str | None
    admin1: str | None
    admin1_code: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    precision: str
    countries: tuple[str, ...]
    quality: int

    @property
    def display_name(self) -> str:
        return ascii_name(self.name)

    @property
    def all_countries(self) -> tuple[str, ...]:
        """The country, or for seas and cross-border regions the states around them."""
        return (self.country,) if self.country else self.countries


class Gazetteer:
    """Name -> candidate places, backed by the on-disk SQLite gazetteer."""

    def __init__(self, path: Path | str | None = None):
        self.path = ensure_gazetteer(Path(path) if path else None)
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._conn = self._connect()
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)  # type: ignore[method-assign]
        self.admin1 = lru_cache(maxsize=10_000)(self._admin1)  # type: ignore[method-assign]
        self.country = lru_cache(maxsize=512)(self._country)  # type: ignore[method-assign]

    _default: "Gazetteer | None" = None
    _default_lock = threading.Lock()

    @classmethod
    def default(cls) -> "Gazetteer":
        """The process-wide gazetteer (built on disk on first use)."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    def _rows(self, sql: str, args: tuple) -> list[tuple]:
        with self._lock:
            if os.getpid() != self._pid:  # forked worker: never share the parent's SQLite handle
                self._pid, self._conn = os.getpid(), self._connect()
            return self._conn.execute(sql, args).fetchall()

    @staticmethod
    def _cand(row: tuple) -> Candidate:
        return Candidate(
            id=row[0], name=row[1], kind=row[2], country=row[3], admin1=row[4], admin1_code=row[5],
            admin2=row[6], lat=row[7], lon=row[8], population=row[9] or 0, geonameid=row[10],
            precision=row[11], countries=tuple((row[12] or "").split(",")) if row[12] else (), quality=row[13],
        )

    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        """Candidates for a name (case/accent/article-insensitive), curated and big places first."""
        keys = name_keys(name)
        if not keys:
            return ()
        marks = ",".join("?" * len(keys))
        rows = self._rows(
            f"SELECT {_COLS}, MIN(n.quality) FROM name n JOIN place p ON p.id = n.place_id "
            f"WHERE n.key IN ({marks}) AND n.quality < 4 GROUP BY p.id "
            "ORDER BY (p.kind != 'city') DESC, p.population DESC LIMIT 80",
            tuple(keys),
        )
        return tuple(self._cand(r) for r in rows)

    def fuzzy(self, name: str) -> tuple[Candidate, ...]:
        """Candidates whose consonant skeleton equals the name's ("Tall Refaat" ~ "Tall Rif'at").

        Loose: callers must confirm a hit with context (country named, parent admin1).
        """
        sk = skeleton_key(name)
        if sk is None:
            return ()
        rows = self._rows(
            f"SELECT {_COLS}, MIN(n.quality) FROM name n JOIN place p ON p.id = n.place_id "
            "WHERE n.key = ? GROUP BY p.id ORDER BY p.population DESC LIMIT 80",
            (sk,),
        )
        return tuple(self._cand(r) for r in rows)

    def _admin1(self, admin1_code: str) -> Candidate | None:
        """The admin1 unit with a GeoNames code like ``"IQ.01"``; ``None`` when unknown."""
        rows = self._rows(f"SELECT {_COLS}, 0 FROM place p WHERE p.kind = 'admin1' AND p.admin1_code = ?",
                          (admin1_code,))
        return self._cand(rows[0]) if rows else None

    def _country(self, iso3: str) -> Candidate | None:
        """The country entry (centroid, name) for an ISO3 code; ``None`` when unknown."""
        rows = self._rows(f"SELECT {_COLS}, 0 FROM place p WHERE p.kind = 'country' AND p.country = ?", (iso3,))
        return self._cand(rows[0]) if rows else None

    @lru_cache(maxsize=4096)  # noqa: B019 - one process-wide gazetteer; the cache is what makes it cheap
    def admin1_at(self, iso3: str, lat: float, lon: float) -> str | None:
        """The admin1 name of the nearest town of ``iso3`` within ~50 km of a point (for sites and towns
        the sources give no admin1: airports, curated bases); ``None`` when no town is that near."""
        d = 0.45
        rows = self._rows("SELECT admin1, lat, lon FROM place WHERE kind = 'city' AND country = ? AND admin1 IS NOT NULL"
                          " AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?", (iso3, lat - d, lat + d, lon - d, lon + d))
        if not rows:
            return None
        best = min(rows, key=lambda r: (r[1] - lat) ** 2 + ((r[2] - lon) * math.cos(math.radians(lat))) ** 2)
        return best[0]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
