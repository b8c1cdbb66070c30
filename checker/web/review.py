"""The reviewer's routes: login, unit upload links, the season page, renaming units and the season export."""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from checker.model import REPORT_TYPES
from checker.web import auth
from checker.web.app import content_disposition, login_required, not_found, page, problem, web_of
from checker.web.season import season_rows, season_xlsx, years_present
from checker.web.staff import CROSS_ORIGIN, XLSX

MAX_UNIT_NAME = 100


def reviewer_only(request: Request) -> Response | None:
    """None for the reviewer (or the local user); the login page for nobody; 404 for a unit."""
    viewer = web_of(request).viewer(request)
    if viewer.sees_all:
        return None
    if viewer.role == "nobody":
        return login_required(request)
    return not_found(request)


def set_cookie(request: Request, response: Response, value: str, max_age: int) -> None:
    response.set_cookie(
        auth.COOKIE,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


def client_of(request: Request) -> str:
    return request.client.host if request.client else "?"


async def login_page(request: Request) -> Response:
    if not web_of(request).config.shared:
        return RedirectResponse("/season", status_code=303)
    return page(request, "login.html")


async def login(request: Request) -> Response:
    web = web_of(request)
    if not web.config.shared:
        return RedirectResponse("/season", status_code=303)
    if not auth.same_origin(request.headers, request.url.scheme):
        return problem(request, 403, CROSS_ORIGIN)
    client = client_of(request)
    if web.sessions.throttled(client):
        return page(request, "login.html", 429, error="密码错误次数过多，请 5 分钟后再试")
    form = await request.form(max_files=0, max_fields=5, max_part_size=4096)
    password = str(form.get("password") or "")
    stored = web.store.setting(auth.PASSWORD_KEY)
    if not await asyncio.to_thread(auth.verify_password, password, stored):
        web.sessions.failed(client)
        return page(request, "login.html", 401, error="密码不正确")
    response = RedirectResponse("/season", status_code=303)
    set_cookie(request, response, *web.sessions.reviewer_cookie())
    return response


async def logout(request: Request) -> Response:
    if not auth.same_origin(request.headers, request.url.scheme):
        return problem(request, 403, CROSS_ORIGIN)
    response = RedirectResponse("/login" if web_of(request).config.shared else "/", status_code=303)
    response.delete_cookie(auth.COOKIE, path="/")
    return response


async def unit_link(request: Request) -> Response:
    """A unit's upload link: sets the unit session and leaves the token out of every later URL."""
    web = web_of(request)
    if not web.config.shared:
        return not_found(request)
    link = web.store.link_by_hash(auth.token_hash(request.path_params["token"]))
    if link is None:
        return not_found(request)
    response = RedirectResponse("/", status_code=303)
    set_cookie(request, response, *web.sessions.unit_cookie(link["id"]))
    return response


def filters(request: Request) -> tuple[str, int | None]:
    kind = request.query_params.get("type", "")
    year_text = request.query_params.get("year", "")
    return (kind if kind in REPORT_TYPES else ""), (int(year_text) if year_text.isdigit() else None)


def season_context(request: Request, **extra: Any) -> dict[str, Any]:
    web = web_of(request)
    kind, year = filters(request)
    rows = season_rows(web.store, kind, year)
    for row in rows:
        if row.previous_year is not None and row.repeat is None:
            previous = web.store.submission(row.previous_year)
            current = web.store.submission(row.submission)
            if previous is not None and current is not None:
                web.jobs.compare(current, previous)
    return {
        "rows": rows,
        "kind": kind,
        "year": year,
        "years": years_present(web.store),
        "links": web.store.links() if web.config.shared else [],
        "comparing": any(r.previous_year and r.repeat is None for r in rows),
        **extra,
    }


async def season(request: Request) -> Response:
    refused = reviewer_only(request)
    if refused is not None:
        return refused
    return page(request, "season.html", **season_context(request))


async def season_export(request: Request) -> Response:
    refused = reviewer_only(request)
    if refused is not None:
        return refused
    kind, year = filters(request)
    rows = season_rows(web_of(request).store, kind, year)
    data = await asyncio.to_thread(season_xlsx, rows)
    return Response(data, media_type=XLSX, headers={"content-disposition": content_disposition("各单位报告汇总.xlsx")})


async def small_form(request: Request) -> dict[str, str]:
    form = await request.form(max_files=0, max_fields=5, max_part_size=4096)
    return {key: str(value).strip() for key, value in form.items()}


def reviewer_post(request: Request) -> Response | None:
    """None for a reviewer's POST from this server's own page; else the response refusing it."""
    refused = reviewer_only(request)
    if refused is None and not auth.same_origin(request.headers, request.url.scheme):
        return problem(request, 403, CROSS_ORIGIN)
    return refused


async def unit_name_field(request: Request, key: str) -> str | Response:
    name = (await small_form(request)).get(key, "")
    if not name or len(name) > MAX_UNIT_NAME:
        return problem(request, 400, f"单位名称不能为空，且不超过 {MAX_UNIT_NAME} 个字")
    return name


async def rename_unit(request: Request) -> Response:
    refused = reviewer_post(request)
    if refused is not None:
        return refused
    web = web_of(request)
    unit_id = request.path_params["unit"]
    if web.store.unit(unit_id) is None:
        return not_found(request)
    name = await unit_name_field(request, "name")
    if isinstance(name, Response):
        return name
    web.store.rename_unit(unit_id, name)
    return RedirectResponse("/season", status_code=303)


async def create_link(request: Request) -> Response:
    refused = reviewer_post(request)
    if refused is not None:
        return refused
    web = web_of(request)
    if not web.config.shared:
        return not_found(request)
    name = await unit_name_field(request, "unit")
    if isinstance(name, Response):
        return name
    token = secrets.token_urlsafe(32)
    web.store.add_link(auth.token_hash(token), name)
    url = f"{str(request.base_url).rstrip('/')}/u/{token}"
    return page(request, "season.html", 201, **season_context(request, new_link=url, new_link_unit=name))


async def revoke_link(request: Request) -> Response:
    refused = reviewer_post(request)
    if refused is not None:
        return refused
    web_of(request).store.revoke_link(request.path_params["link"])
    return RedirectResponse("/season", status_code=303)


def routes() -> list[Route]:
    return [
        Route("/login", login_page),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/u/{token}", unit_link),
        Route("/season", season),
        Route("/season.xlsx", season_export),
        Route("/season/units/{unit:int}/rename", rename_unit, methods=["POST"]),
        Route("/season/links", create_link, methods=["POST"]),
        Route("/season/links/{link:int}/revoke", revoke_link, methods=["POST"]),
    ]
