"""Shared test fixtures.

* ``sqlite_url``: a SQLite database file in the test's tmp dir.
* ``pg_cluster``: a throwaway PostgreSQL 15 server the tests start themselves
  (initdb + pg_ctl from /usr/lib/postgresql/15/bin, a free 127.0.0.1 port),
  once per session; skipped, saying why, only when the binaries are missing.
* ``pg_url``: a fresh empty database on that server for one test.
* ``db_url``: parametrised over both backends (``sqlite`` and ``postgres``).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Iterator

import pytest

PG_BIN = Path(os.environ.get("SIGACT_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    """A running throwaway PostgreSQL server (trust auth, user ``postgres``)."""

    def __init__(self, host: str, port: int, base: Path):
        self.host, self.port, self.base = host, port, base

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@{self.host}:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run one statement (outside a transaction) on the ``postgres`` database."""
        import psycopg

        with psycopg.connect(host=self.host, port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    initdb, pg_ctl = PG_BIN / "initdb", PG_BIN / "pg_ctl"
    if not (initdb.exists() and pg_ctl.exists()):
        pytest.skip(f"PostgreSQL 15 server binaries not found in {PG_BIN} (apt-get install postgresql-15)")
    wrap: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="sigact-pg-"))
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as the postgres user
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(base, ignore_errors=True)
            pytest.skip("running as root and there is no 'postgres' user to run initdb as")
        os.chown(base, pw.pw_uid, pw.pw_gid)
        wrap = ["runuser", "-u", "postgres", "--"] if shutil.which("runuser") else \
            ["setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--init-groups", "--"]
    data, log = base / "data", base / "server.log"
    port = _free_port()
    subprocess.run(wrap + [str(initdb), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                           "--locale=C", "--no-sync"], check=True, capture_output=True)
    opts = (f"-p {port} -h 127.0.0.1 -k {base} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=50")
    started = subprocess.run(wrap + [str(pg_ctl), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", opts,
                                     "start"], capture_output=True, text=True)
    if started.returncode != 0:
        detail = log.read_text() if log.exists() else started.stderr
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"could not start PostgreSQL: {started.stderr}\n{detail}")
    try:
        yield PgCluster("127.0.0.1", port, base)
    finally:
        subprocess.run(wrap + [str(pg_ctl), "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> Iterator[str]:
    """A SQLAlchemy URL of a fresh, empty PostgreSQL database (dropped afterwards)."""
    name = "t_" + uuid.uuid4().hex[:12]
    pg_cluster.admin(f'CREATE DATABASE "{name}"')
    yield pg_cluster.url(name)
    pg_cluster.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLAlchemy URL of a SQLite file in the test's tmp dir."""
    return f"sqlite:///{tmp_path / 'sigact.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on SQLite and on PostgreSQL 15."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once for the test session."""
    from sigact.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def geo():
    """The default geo resolver (on-disk gazetteer), built once for the test session."""
    from sigact.geo import GeoResolver

    return GeoResolver.default()
