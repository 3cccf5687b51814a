"""FastAPI app factory: store and pipeline injection, API-key auth, body limits, JSON errors, dashboard.

Reads are open unless ``private``; writes (``POST /articles``, ``DELETE``) need
the API key (``X-API-Key: KEY`` or ``Authorization: Bearer KEY``), compared in
constant time.  Every error is a JSON body ``{"error": ..., "detail": ...}``.
"""

from __future__ import annotations

import hmac
import logging
import os
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sigact import __version__
from sigact.errors import ConfigError, InputError, SigactError, StoreError

log = logging.getLogger(__name__)

__all__ = ["create_app", "AppState", "DEFAULT_MAX_BODY"]

DEFAULT_MAX_BODY = 5 * 1024 * 1024
_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key (or use Authorization: Bearer)")
_bearer = HTTPBearer(auto_error=False, description="API key as a bearer token")


@dataclass
class AppState:
    """What the routes need: the store, the (lazy) pipeline and settings."""

    store: Any
    api_key: str | None
    private: bool
    pipeline: Any = None
    max_body: int = DEFAULT_MAX_BODY
    tile_url: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    def get_pipeline(self) -> Any:
        """The injected pipeline, else the process-wide default (built on first use)."""
        if self.pipeline is None:
            from sigact.pipeline import get_pipeline

            self.pipeline = get_pipeline()
        return self.pipeline


def state_of(request: Request) -> AppState:
    """The :class:`AppState` of the app serving ``request``."""
    return request.app.state.sigact


def _given_key(api_key: str | None, bearer: HTTPAuthorizationCredentials | None) -> str | None:
    if api_key:
        return api_key
    if bearer is not None and bearer.scheme.lower() == "bearer":
        return bearer.credentials
    return None


def _check_key(state: AppState, given: str | None) -> None:
    if not state.api_key:
        raise HTTPException(401, "this server has no API key configured (set SIGACT_API_KEY): writes are disabled",
                            headers={"WWW-Authenticate": "Bearer"})
    if not given or not hmac.compare_digest(given.encode("utf-8"), state.api_key.encode("utf-8")):
        raise HTTPException(401, "missing or wrong API key (X-API-Key header or Authorization: Bearer)",
                            headers={"WWW-Authenticate": "Bearer"})


async def require_key(request: Request, api_key: str | None = Depends(_key_header),
                bearer: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    """Dependency: the request carries the API key (raises 401 otherwise)."""
    _check_key(state_of(request), _given_key(api_key, bearer))


async def require_read(request: Request, api_key: str | None = Depends(_key_header),
                 bearer: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    """Dependency: reads are open, or (``private``) need the API key."""
    state = state_of(request)
    if state.private:
        _check_key(state, _given_key(api_key, bearer))


class BodyLimit:
    """ASGI middleware: 413 for bodies over ``limit`` bytes (by Content-Length, or counted while streaming)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.limit
                except ValueError:
                    too_big = False
                if too_big:
                    await _reject(send, self.limit)
                    return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge()
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await _reject(send, self.limit)


class _BodyTooLarge(Exception):
    pass


async def _reject(send: Send, limit: int) -> None:
    resp = JSONResponse({"error": "request body too large", "detail": f"the limit is {limit} bytes"},
                        status_code=413)
    await resp({"type": "http"}, _noop_receive, send)


async def _noop_receive() -> Message:  # pragma: no cover - JSONResponse does not read
    return {"type": "http.disconnect"}


def _static_dir() -> str:
    return str(resources.files("sigact.dashboard").joinpath("static"))


def create_app(store_url: str | None = None, *, store: Any = None, api_key: str | None = None,
               private: bool = False, pipeline: Any = None, max_body: int = DEFAULT_MAX_BODY,
               tile_url: str | None = None) -> FastAPI:
    """The sigact API and dashboard.

    ``store`` (a ``sigact.store.Store``) is used as given; otherwise one is opened
    at ``store_url`` (default ``$SIGACT_DB`` or ``sqlite:///sigact.db``).
    ``api_key`` defaults to ``$SIGACT_API_KEY``; ``tile_url`` to ``$SIGACT_TILE_URL``.
    ``pipeline`` (an object with ``process(article) -> list[Event]``) extracts
    posted articles; the default pipeline is built on the first post.
    Returns a FastAPI app with OpenAPI docs at ``/docs``.
    """
    if store is None:
        from sigact.store import Store

        store = Store.open(store_url or os.environ.get("SIGACT_DB") or "sqlite:///sigact.db")
    state = AppState(
        store=store,
        api_key=api_key if api_key is not None else (os.environ.get("SIGACT_API_KEY") or None),
        private=private,
        pipeline=pipeline,
        max_body=max_body,
        tile_url=tile_url if tile_url is not None else (os.environ.get("SIGACT_TILE_URL") or None),
    )
    app = FastAPI(
        title="sigact",
        version=__version__,
        description="Conflict events coded from news text: who did what to whom, where, when, with what toll. "
                    "Reads are open unless the server runs with --private; writes need the API key.",
        docs_url=None,  # served below from the package's own Swagger UI copy: no CDN
        redoc_url=None,
    )
    app.state.sigact = state
    app.add_middleware(BodyLimit, limit=max_body)
    _install_errors(app)

    from sigact.api.routes import router, write_router

    app.include_router(router, dependencies=[Depends(require_read)])
    app.include_router(write_router, dependencies=[Depends(require_key)])

    static = _static_dir()
    app.mount("/static", StaticFiles(directory=static, check_dir=False), name="static")

    csp = _dashboard_csp(state.tile_url)

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(os.path.join(static, "index.html"), media_type="text/html",
                            headers={"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
                                     "Referrer-Policy": "no-referrer"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="sigact API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg",
                                   swagger_ui_parameters={"validatorUrl": None})

    @app.get("/config.json", include_in_schema=False)
    def config() -> dict[str, Any]:
        vendor = os.path.isdir(os.path.join(static, "vendor", "leaflet"))
        return {"tile_url": state.tile_url, "private": state.private, "version": __version__,
                "vendor_assets": vendor}

    return app


def _dashboard_csp(tile_url: str | None) -> str:
    """The dashboard's Content-Security-Policy: everything from this server (plus the tile host, if set)."""
    from urllib.parse import urlsplit

    img = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        if parts.scheme in ("http", "https") and parts.netloc:
            host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
            img += f" {parts.scheme}://{host}"
    return (f"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src {img}; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": _phrase(exc.status_code), "detail": exc.detail}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        return JSONResponse({"error": "invalid request", "detail": errors}, status_code=422)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"error": "invalid request", "code": exc.code, "detail": str(exc)}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return JSONResponse({"error": "database unavailable", "code": exc.code, "detail": str(exc)},
                            status_code=503)

    @app.exception_handler(ConfigError)
    async def config_error(request: Request, exc: ConfigError) -> JSONResponse:
        log.error("configuration error: %s", exc)
        return JSONResponse({"error": "service misconfigured", "code": exc.code, "detail": str(exc)},
                            status_code=503)

    @app.exception_handler(SigactError)
    async def sigact_error(request: Request, exc: SigactError) -> JSONResponse:
        return JSONResponse({"error": "request failed", "code": exc.code, "detail": str(exc)}, status_code=400)


def _phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase.lower()
    except ValueError:
        return "error"


def app_from_env() -> FastAPI:
    """The app configured by environment (``SIGACT_DB``, ``SIGACT_API_KEY``, ``SIGACT_PRIVATE``,
    ``SIGACT_TILE_URL``): the uvicorn factory used by ``sigact serve`` (one per worker)."""
    return create_app(os.environ.get("SIGACT_DB") or None,
                      private=os.environ.get("SIGACT_PRIVATE", "") not in ("", "0", "false"))
