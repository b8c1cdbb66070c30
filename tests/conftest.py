"""Session-wide settings and guards shared by every test."""

from __future__ import annotations

import hashlib
import os
import tempfile

import pytest

from tests.paths import ROOT


def pytest_configure(config) -> None:
    # Packs the tests build would otherwise land in the user's ~/.cache/fzcheck (packs.cache);
    # subprocesses started by the tests inherit this too.
    if "FZCHECK_CACHE_DIR" not in os.environ:
        os.environ["FZCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="fzcheck-test-cache-")


# Inputs the tests read and must never change: fzcheck never writes an input file.
WATCHED = [ROOT / "tests" / "fixtures", ROOT / "examples", ROOT / "rules", ROOT.parent / "shared" / "corpus"]


def snapshot() -> dict[str, tuple[str, int]]:
    """sha256 and mtime (ns) of every file under the watched folders that exist."""
    out = {}
    for folder in WATCHED:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out[str(path)] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return out


@pytest.fixture(scope="session", autouse=True)
def inputs_unchanged():
    """Fails the session (an error at teardown) if any watched input file was changed, added or removed."""
    before = snapshot()
    yield
    after = snapshot()
    changed = sorted(p for p in before.keys() & after.keys() if before[p] != after[p])
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    if changed or added or removed:
        lines = [f"changed: {p}" for p in changed] + [f"added: {p}" for p in added] + [f"removed: {p}" for p in removed]
        pytest.fail("input files were modified during the test session:\n" + "\n".join(lines), pytrace=False)


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    """A folder, made the current one, holding gaps.txt (examples/gaps-2023.txt: a department report with gaps)
    and ok.txt (a complete report that passes)."""
    from tests.reportkit import report

    (tmp_path / "gaps.txt").write_bytes((ROOT / "examples" / "gaps-2023.txt").read_bytes())
    (tmp_path / "ok.txt").write_text(report(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path
