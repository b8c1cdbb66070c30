"""The Starlette application: configuration, middleware, error pages and the shared helpers of the routes.

Routes live in staff.py (upload, batch, report, downloads) and review.py (login, unit links, season).
Every page is Chinese; an error is one sentence, never a traceback (unexpected ones are logged here).
"""

from __future__ import annotations

import logging
import re
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from checker.render import STATUS_MARK, STATUS_NAME, TYPE_NAME
from checker.web import auth
from checker.web.jobs import QUEUE_LIMIT, Jobs
from checker.web.season import local_time
from checker.web.store import Store
from checker.web.upload import SHOWN_SUFFIXES, Limits

log = logging.getLogger("fzcheck.web")
HERE = Path(__file__).parent
NOT_FOUND = "找不到此页面：链接可能有误，或者此检查记录不属于您"
SERVER_ERROR = "服务器内部错误，请稍后重试；如仍出错，请联系管理员"
LOOPBACK_ONLY = "本机模式只接受通过 http://127.0.0.1 访问"
_TOKEN_PATH = re.compile(r"^/u/[^/?]*")
CSP = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class WebConfig:
    data_dir: Path
    jobs: int
    max_size_mb: int
    max_files: int = 20
    shared: bool = False  # logins and unit links (a host other than loopback, or --shared)
    queue_limit: int = QUEUE_LIMIT


class Web:
    """What every route needs: the configuration, store, worker pool, sessions and templates."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.store = Store(config.data_dir)
        self.jobs = Jobs(self.store, config.jobs, config.max_size_mb, config.queue_limit)
        self.sessions = auth.Sessions(self.store, auth.load_secret(config.data_dir))
        self.limits = Limits(config.max_files, config.max_size_mb * 1024 * 1024)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.globals.update(
            STATUS_MARK=STATUS_MARK, STATUS_NAME=STATUS_NAME, TYPE_NAME=TYPE_NAME, SUFFIXES=SHOWN_SUFFIXES
        )
        self.templates.env.filters["localtime"] = local_time

    def viewer(self, request: Request) -> auth.Viewer:
        if not self.config.shared:
            return auth.LOCAL
        return self.sessions.viewer(request.cookies.get(auth.COOKIE))


def web_of(request: Request) -> Web:
    return request.app.state.web


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    web = web_of(request)
    context.setdefault("viewer", web.viewer(request))
    context.setdefault("config", web.config)
    return web.templates.TemplateResponse(request, name, context, status_code=status)


def problem(request: Request, status: int, message: str) -> Response:
    """One Chinese sentence: JSON for the API, a page otherwise."""
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return page(request, "message.html", status, message=message)


def not_found(request: Request) -> Response:
    return problem(request, 404, NOT_FOUND)


def login_required(request: Request) -> Response:
    """What someone without a session gets: 401 from the API, the login page otherwise."""
    if wants_json(request):
        return JSONResponse({"error": "请先登录，或使用审核人发给本单位的上传链接"}, status_code=401)
    return RedirectResponse("/login", status_code=303)


def content_disposition(name: str) -> str:
    """attachment with an ASCII fallback and the Chinese name (RFC 6266 / 5987)."""
    from urllib.parse import quote

    suffix = Path(name).suffix
    return f"attachment; filename=\"fzcheck{suffix}\"; filename*=UTF-8''{quote(name)}"


def redacted(path: str) -> str:
    """A path fit for a log: a unit link's token is never written."""
    return _TOKEN_PATH.sub("/u/…", path)


def host_is_loopback(host_header: str) -> bool:
    host = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
    if host_header.startswith("["):
        host = host_header[1:].split("]", 1)[0]
    return auth.is_loopback(host)


class Guard:
    """Pure ASGI middleware: the loopback Host check, security headers, and a request log without tokens."""

    def __init__(self, app: Any, local: bool) -> None:
        self.app = app
        self.local = local

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if self.local and not host_is_loopback(headers.get(b"host", b"").decode("latin-1")):
            response = PlainTextResponse(LOOPBACK_ONLY, status_code=400)
            await response(scope, receive, send)
            return
        path = scope.get("path", "")
        status = {"code": 0}

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                if not path.startswith("/static/"):
                    extra += [(b"cache-control", b"no-store"), (b"content-security-policy", CSP.encode())]
                message["headers"] = list(message.get("headers") or []) + extra
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            log.info("%s %s %s", scope.get("method"), redacted(path), status["code"] or "-")


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return not_found(request)
    if exc.status_code == 405:
        return problem(request, 405, "不支持此操作")
    return problem(request, exc.status_code, "请求无法处理")


async def server_error(request: Request, exc: Exception) -> Response:
    log.error("unexpected error on %s %s", request.method, redacted(request.url.path), exc_info=exc)
    return problem(request, 500, SERVER_ERROR)


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


def create_app(config: WebConfig) -> Starlette:
    """The web app over a data folder (created when missing)."""
    from checker.web import review, staff

    web = Web(config)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        web.jobs.start()
        resumed = web.jobs.resume_unfinished()
        if resumed:
            log.info("queued again %d file(s) left unchecked by the last run", resumed)
        yield
        await web.jobs.shutdown()
        web.store.close()

    routes = [
        Route("/healthz", healthz),
        *staff.routes(),
        *review.routes(),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.state.web = web
    app.add_middleware(Guard, local=not config.shared)
    return app
