"""The on-disk pack cache: used while a pack's files are unchanged, ignored whenever in doubt."""

from __future__ import annotations

import os
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from checker.packs import cache as packcache
from checker.packs import forget_packs, load_pack

PACK = """\
id: cached-example
title: 缓存示例
extends: national
rules:
  - id: extra.xingzheng-fuyi
    type: keywords
    title: 提到行政复议
    part: measures
    severity: info
    basis: 《法治政府建设实施纲要（2021—2025年）》
    message: 未提到行政复议工作。
    suggestion: 写明行政复议案件的收案、审结和纠错情况。
    any: [行政复议]
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FZCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("FZCHECK_NO_CACHE", raising=False)
    forget_packs()
    yield folder
    forget_packs()


def write_pack(tmp_path: Path, text: str = PACK) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def plant(cache: Path, pack_path: Path, title: str) -> None:
    """Replace the stored pack by one with another title, keeping the stamps (as a stale entry would)."""
    entry = packcache.entry_path(cache, pack_path)
    stamps, pack = pickle.loads(entry.read_bytes())
    entry.write_bytes(pickle.dumps((stamps, replace(pack, title=title))))
    forget_packs()


def test_a_loaded_pack_is_stored_and_then_read_from_the_cache(cache: Path, tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    assert load_pack(path).title == "缓存示例"
    assert packcache.entry_path(cache, path).is_file()
    plant(cache, path, "来自缓存")
    assert load_pack(path).title == "来自缓存"


def test_an_edited_pack_is_read_again(cache: Path, tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    load_pack(path)
    plant(cache, path, "来自缓存")
    path.write_text(PACK.replace("缓存示例", "改过的标题"), encoding="utf-8")
    assert load_pack(path).title == "改过的标题"


def test_an_edited_parent_pack_is_read_again(cache: Path, tmp_path: Path) -> None:
    parent = tmp_path / "parent.yaml"
    parent.write_text(PACK.replace("cached-example", "parent"), encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("id: child\nextends: parent.yaml\n", encoding="utf-8")
    assert "extra.xingzheng-fuyi" in {r.id for r in load_pack(child).rules}
    parent.write_text(PACK.replace("cached-example", "parent").replace("extra.xingzheng-fuyi", "extra.renamed"))
    forget_packs()
    assert "extra.renamed" in {r.id for r in load_pack(child).rules}


def test_a_corrupt_entry_is_a_miss(cache: Path, tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    load_pack(path)
    packcache.entry_path(cache, path).write_bytes(b"\x80\x05not a pickle")
    forget_packs()
    assert load_pack(path).title == "缓存示例"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file ownership and modes are POSIX")
def test_an_entry_others_can_write_is_never_unpickled(cache: Path, tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    load_pack(path)
    plant(cache, path, "来自缓存")
    packcache.entry_path(cache, path).chmod(0o666)
    assert load_pack(path).title == "缓存示例"


def test_no_cache_setting_writes_nothing(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FZCHECK_NO_CACHE", "1")
    path = write_pack(tmp_path)
    assert load_pack(path).title == "缓存示例"
    assert not cache.exists()


def test_an_unwritable_cache_folder_is_no_error(cache: Path, tmp_path: Path) -> None:
    cache.write_text("a file where the folder should be", encoding="utf-8")
    path = write_pack(tmp_path)
    assert load_pack(path).title == "缓存示例"


def test_an_edit_that_keeps_size_and_mtime_is_seen_through_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from tests.hostile.kit import bounded
    from tests.reportkit import report

    path = write_pack(tmp_path)
    draft = tmp_path / "r.txt"
    draft.write_text(report(), encoding="utf-8")
    monkeypatch.setenv("FZCHECK_CACHE_DIR", str(tmp_path / "cache"))  # the child inherits it
    monkeypatch.delenv("FZCHECK_NO_CACHE", raising=False)

    def title() -> str:
        proc = bounded("check", str(draft), "--pack", str(path), "--format", "json")
        findings = json.loads(proc.stdout)["documents"][0]["findings"]
        return next(f["title"] for f in findings if f["rule"] == "extra.xingzheng-fuyi")

    assert title() == "提到行政复议"
    assert list((tmp_path / "cache").glob("pack-*.pickle")), "the second run reads the cache"
    before = path.stat()
    edited = PACK.replace("title: 提到行政复议", "title: 提到行政诉讼")
    assert len(edited.encode()) == before.st_size
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # what a careless sync tool leaves
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert title() == "提到行政诉讼"


def test_the_default_packs_are_resolved_once_per_process_until_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    import checker.packs.resolve as resolve
    from checker.packs import default_packs

    forget_packs()
    first = default_packs("government")

    def load_again(*args: object) -> None:
        raise AssertionError("resolved again")

    monkeypatch.setattr(resolve, "load_pack", load_again)
    assert default_packs("government") is first  # no file looked at again
    forget_packs()
    with pytest.raises(AssertionError, match="resolved again"):
        default_packs("government")
