"""Shared mode (a host other than loopback): the reviewer logs in, units upload through their own links."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from checker.web import auth
from tests.web.conftest import SHARED_URL, checked, make_client, upload
from tests.web.reports import report_text

PASSWORD = "qingshan-2025-审核"
ORIGIN = {"origin": SHARED_URL}


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Iterator[TestClient]:
    client = make_client(tmp_path_factory.mktemp("web-shared"), shared=True)
    auth.set_password(client.app.state.web.store, PASSWORD)
    with client:
        yield client


def log_in(client: TestClient) -> None:
    client.cookies.clear()
    response = client.post("/login", data={"password": PASSWORD}, headers=ORIGIN)
    assert response.status_code == 303 and response.headers["location"] == "/season"


def new_link(client: TestClient, unit: str) -> str:
    """The token of a new upload link for `unit` (made by the reviewer, shown once)."""
    log_in(client)
    response = client.post("/season/links", data={"unit": unit}, headers=ORIGIN)
    assert response.status_code == 201
    return re.search(r'value="' + re.escape(SHARED_URL) + r'/u/([A-Za-z0-9_-]+)"', response.text).group(1)


def as_unit(client: TestClient, token: str) -> None:
    client.cookies.clear()
    response = client.get(f"/u/{token}")
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert auth.COOKIE in client.cookies


def test_without_a_session_pages_ask_for_login_and_the_api_says_401(shared):
    shared.cookies.clear()
    for path in ("/", "/season", "/batch/x", "/report/x", "/season.xlsx"):
        response = shared.get(path)
        assert response.status_code == 303 and response.headers["location"] == "/login", path
    assert shared.get("/api/batch/x").status_code == 401
    refused = upload(shared, [("a.txt", b"abc")])
    assert refused.status_code == 401 and "登录" in refused.json()["error"]
    assert shared.get("/login").status_code == 200
    assert shared.get("/healthz").text == "ok"


def test_wrong_password_and_wrong_token(shared):
    shared.cookies.clear()
    response = shared.post("/login", data={"password": "guess"}, headers=ORIGIN)
    assert response.status_code == 401 and "密码不正确" in response.text
    assert auth.COOKIE not in response.headers.get("set-cookie", "")
    wrong = shared.get("/u/" + "A" * 43)
    assert wrong.status_code == 404 and "set-cookie" not in wrong.headers
    assert shared.get("/season").status_code == 303


def test_reviewer_cookie_is_httponly_and_strict(shared):
    shared.cookies.clear()
    response = shared.post("/login", data={"password": PASSWORD}, headers=ORIGIN)
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert shared.get("/season").status_code == 200


def test_logout_ends_the_session(shared):
    log_in(shared)
    response = shared.post("/logout", headers=ORIGIN)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert 'fzcheck_session=""' in response.headers["set-cookie"] or "Max-Age=0" in response.headers["set-cookie"]
    assert shared.get("/season").status_code == 303


def test_login_from_another_site_is_refused(shared):
    shared.cookies.clear()
    response = shared.post("/login", data={"password": PASSWORD}, headers={"origin": "http://evil.example"})
    assert response.status_code == 403 and "set-cookie" not in response.headers


def test_units_see_only_their_own_submissions(shared):
    token_a, token_b = new_link(shared, "甲县司法局"), new_link(shared, "乙县司法局")
    as_unit(shared, token_a)
    body = checked(shared, [("甲.txt", report_text(leader=False).encode())])
    report = body["files"][0]["report"]
    batch = shared.get("/").text
    assert "甲.txt" in batch  # its own recent checks
    own = [report, report + "/annotated.docx", report + "/report.json", report + "/html"]
    for path in own:
        assert shared.get(path).status_code == 200, path
    batch_id = re.search(r'href="/batch/([^"]+)"', shared.get("/").text).group(1)

    as_unit(shared, token_b)
    for path in [*own, f"/batch/{batch_id}", f"/api/batch/{batch_id}", f"/batch/{batch_id}/summary.xlsx"]:
        assert shared.get(path).status_code == 404, path
    assert "甲.txt" not in shared.get("/").text
    for path in ("/season", "/season.xlsx"):  # the reviewer's pages do not exist for a unit
        assert shared.get(path).status_code == 404, path
    assert shared.post("/season/units/1/rename", data={"name": "x"}, headers=ORIGIN).status_code == 404

    log_in(shared)
    for path in [*own, f"/batch/{batch_id}"]:
        assert shared.get(path).status_code == 200, path
    season = shared.get("/season").text
    assert "甲县司法局" in season  # a link's report belongs to the link's unit


def test_a_revoked_link_ends_the_unit_session(shared):
    token = new_link(shared, "丙镇人民政府")
    link_id = shared.app.state.web.store.link_by_hash(auth.token_hash(token))["id"]
    as_unit(shared, token)
    assert shared.get("/").status_code == 200
    log_in(shared)
    assert shared.post(f"/season/links/{link_id}/revoke", headers=ORIGIN).status_code == 303
    shared.cookies.clear()
    assert shared.get(f"/u/{token}").status_code == 404


def test_password_and_tokens_are_stored_hashed_and_never_logged(shared, caplog):
    caplog.set_level(logging.DEBUG)
    token = new_link(shared, "丁县司法局")
    as_unit(shared, token)
    checked(shared, [("丁.txt", report_text().encode())])
    store = shared.app.state.web.store
    stored = store.setting(auth.PASSWORD_KEY)
    assert PASSWORD not in stored and stored.startswith("scrypt$")
    assert auth.verify_password(PASSWORD, stored) and not auth.verify_password(PASSWORD + "x", stored)
    dump = "\n".join(store.db.iterdump())
    assert token not in dump and auth.token_hash(token) in dump
    # What the server logged (the test client's own request log is not the server's).
    server_log = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore")))
    assert "GET /u/… 303" in server_log
    assert token not in server_log and PASSWORD not in server_log
    secret = (store.folder / auth.SECRET_FILE).stat()
    assert secret.st_mode & 0o777 == 0o600


def test_a_forged_or_tampered_cookie_is_nobody(shared):
    sessions = shared.app.state.web.sessions
    forged = auth.Sessions(sessions.store, b"x" * 32).reviewer_cookie()[0]
    shared.cookies.clear()
    shared.cookies.set(auth.COOKIE, forged)
    assert shared.get("/season").status_code == 303
    good = sessions.reviewer_cookie()[0]
    shared.cookies.set(auth.COOKIE, good.replace(good[5], "A" if good[5] != "A" else "B", 1))
    assert shared.get("/season").status_code == 303
