"""``sigact serve``: the REST API and the offline dashboard (uvicorn)."""

from __future__ import annotations

import click

DEFAULT_DB = "sqlite:///sigact.db"


@click.command("serve")
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="SIGACT_DB", help="Database URL.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port to listen on.")
@click.option("--private", is_flag=True, help="Require the API key for reads too.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="uvicorn worker processes.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              help="uvicorn log level (info logs every request).")
def serve_cmd(db: str, host: str, port: int, private: bool, workers: int, log_level: str) -> None:
    """Serve the API (docs at /docs) and the dashboard (at /).

    Writes need SIGACT_API_KEY (sent as X-API-Key or Authorization: Bearer).
    SIGACT_TILE_URL adds a tile layer over the built-in offline basemap.

    Example: sigact serve --db sqlite:///sigact.db --port 8000
    """
    import os

    import uvicorn

    from sigact.errors import SigactError

    os.environ["SIGACT_DB"] = db
    if private:
        os.environ["SIGACT_PRIVATE"] = "1"
    if private and not os.environ.get("SIGACT_API_KEY"):
        raise click.UsageError("--private needs SIGACT_API_KEY to be set")
    try:
        from sigact.store import Store

        Store.open(db).close()  # fail fast, one line, on a bad URL or unreachable database
    except SigactError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"sigact: serving {db} on http://{host}:{port}/ (API docs: /docs)", err=True)
    uvicorn.run("sigact.api.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level=log_level)
