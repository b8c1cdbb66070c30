"""20 uploads at once against one `fzcheck serve`: every result arrives, belongs to its upload, and says
what `fzcheck check` says for the same file. No timing is asserted (benchmarks/web.py measures it)."""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.web.drafts import example_variants
from tests.web.server import Server, fzcheck_command, request, serve, upload, wait_batch

UPLOADS = 20


@pytest.fixture
def server(tmp_path: Path):
    with serve(data=tmp_path / "data", jobs=2) as running:
        yield running


def cli_results(folder: Path) -> dict[str, dict]:
    """What `fzcheck check` says for each file of `folder`, by file name."""
    out = folder / "cli.json"
    done = subprocess.run(
        [*fzcheck_command(), "check", str(folder), "--format", "json", "-o", str(out), "--no-config"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    documents = json.loads(out.read_text(encoding="utf-8"))["documents"]
    return {Path(d["path"]).name: d for d in documents}


def upload_one(server: Server, name: str, text: str) -> tuple[str, dict]:
    answer = upload(server, [(name, text.encode("utf-8"))])
    assert answer["url"] == f"/batch/{answer['batch']}"
    return answer["batch"], wait_batch(server, answer["batch"], timeout=180)


def test_twenty_concurrent_uploads_all_answered_correctly(server: Server, tmp_path: Path) -> None:
    reports = example_variants(UPLOADS)
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in reports:
        (folder / name).write_text(text, encoding="utf-8")
    expected = cli_results(folder)
    assert len(expected) == UPLOADS

    with ThreadPoolExecutor(max_workers=UPLOADS) as pool:
        futures = [pool.submit(upload_one, server, name, text) for name, text in reports]
        answers = [future.result(timeout=240) for future in futures]

    batches = [batch for batch, _ in answers]
    assert len(set(batches)) == UPLOADS, "two uploads were given the same batch"
    for (name, _), (batch, state) in zip(reports, answers, strict=True):
        assert state["done"] is True
        assert [f["name"] for f in state["files"]] == [name], (batch, state)
        (result,) = state["files"]
        assert result["state"] == "done" and not result.get("error"), result
        want = expected[name]
        assert result["passed"] == want["passed"], (name, result, want["passed"])
        assert round(result["score"], 1) == want["score"], (name, result, want["score"])
        assert result["required"] == "{met}/{total}".format(**want["required"]), (name, result)
        assert result["report"] and result["report"].startswith("/report/"), result
        # The report page is there and names this upload's own unit.
        page = server_get(server, result["report"])
        assert want["title"] in page, name
    assert server.process.poll() is None, "the server died under load:\n" + server.stderr()


def server_get(server: Server, path: str) -> str:
    resp = request(server.at(path), timeout=30)
    assert resp.status == 200, (path, resp.status)
    return resp.text
