"""The web app under Starlette's TestClient: one app per test module, checks in a real worker pool."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra (starlette) is not installed")
pytest.importorskip("httpx2", reason="httpx2 (what Starlette's TestClient runs on) is not installed")

from starlette.testclient import TestClient

from checker.web.app import WebConfig, create_app

LOCAL_URL = "http://127.0.0.1"
SHARED_URL = "http://fzcheck.test"


def make_client(folder: Path, shared: bool = False, **options) -> TestClient:
    config = WebConfig(folder, options.pop("jobs", 1), options.pop("max_size_mb", 1), shared=shared, **options)
    return TestClient(create_app(config), base_url=SHARED_URL if shared else LOCAL_URL, follow_redirects=False)


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> Iterator[TestClient]:
    """A loopback-mode app (no login) with a 1 MB file limit and at most 3 files per upload."""
    with make_client(tmp_path_factory.mktemp("web-local"), max_files=3) as client:
        yield client


def upload(client: TestClient, files: list[tuple[str, bytes]], previous: tuple[str, bytes] | None = None, **fields):
    """POST /api/upload with these (name, content) files."""
    parts = [("files", (name, data)) for name, data in files]
    if previous:
        parts.append(("previous", previous))
    data = {"year": "", "type": "", **fields}
    return client.post("/api/upload", files=parts, data=data)


def wait_batch(client: TestClient, batch: str, timeout: float = 90.0) -> dict:
    """The batch's JSON once every file is done or failed."""
    deadline = time.monotonic() + timeout
    while True:
        response = client.get(f"/api/batch/{batch}")
        assert response.status_code == 200, response.text
        body = response.json()
        if body["done"]:
            return body
        assert time.monotonic() < deadline, f"batch not done in {timeout} s: {body}"
        time.sleep(0.2)


def checked(client: TestClient, files: list[tuple[str, bytes]], **kwargs) -> dict:
    response = upload(client, files, **kwargs)
    assert response.status_code == 202, response.text
    return wait_batch(client, response.json()["batch"])
