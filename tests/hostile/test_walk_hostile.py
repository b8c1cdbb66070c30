"""Folders are walked as a user expects: lock files, hidden files and README-like files are left out."""

from __future__ import annotations

import json
from pathlib import Path

from tests.hostile.kit import bounded
from tests.reportkit import one_clear_line, report

SKIPPED = {
    "~$报告.docx": "锁定文件",  # what Word/WPS leave next to an open document (162 bytes, not a zip)
    ".~lock.报告.docx#": None,  # LibreOffice's: no report suffix, never picked up at all
    ".草稿.txt": "隐藏文件",
    ".git/说明.md": "隐藏文件",
    "README.md": "说明文件",
    "LICENSE.txt": "说明文件",
    "子目录/readme.txt": "说明文件",
    "说明.txt": "说明文件",
}


def messy_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "各单位"
    for name in ("报告.txt", "子目录/乙单位.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(report(), encoding="utf-8")
    for name in SKIPPED:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"\x0bWPS owner\x00" * 15)
    (folder / "空白.txt").write_bytes(b"")  # a real report file that cannot be read: still named
    return folder


def test_a_walk_skips_lock_hidden_and_readme_files_but_names_unreadable_ones(tmp_path):
    folder = messy_folder(tmp_path)
    proc = bounded("check", str(folder), "--format", "json")
    assert "空白.txt" in one_clear_line(proc, "空白.txt") and "文件为空" in proc.stderr
    documents = [Path(d["path"]).relative_to(folder).as_posix() for d in json.loads(proc.stdout)["documents"]]
    assert sorted(documents) == sorted(["报告.txt", "子目录/乙单位.txt"])


def test_verbose_says_what_was_skipped_and_why(tmp_path):
    folder = messy_folder(tmp_path)
    proc = bounded("check", str(folder), "--format", "json", "--verbose")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("fzcheck：跳过 ")]
    expected = {str(folder / name): reason for name, reason in SKIPPED.items() if reason}
    assert len(lines) == len(expected), proc.stderr
    for path, reason in expected.items():
        assert any(line.startswith(f"fzcheck：跳过 {path}：{reason}") for line in lines), (path, proc.stderr)


def test_show_passed_shows_the_items_but_not_the_skipped_files(tmp_path):
    folder = messy_folder(tmp_path)
    verbose = bounded("check", str(folder), "-v")
    shown = bounded("check", str(folder), "--show-passed")
    assert verbose.stdout == shown.stdout and "✓ 上一年度推进法治政府建设的主要举措和成效" in shown.stdout
    assert "fzcheck：跳过 " in verbose.stderr and "fzcheck：跳过 " not in shown.stderr


def test_a_glob_skips_lock_files_too(tmp_path):
    folder = messy_folder(tmp_path)
    (folder / "报告.docx").write_bytes((folder / "~$报告.docx").read_bytes())  # broken, but a report: named
    proc = bounded("check", str(folder / "*.docx"))
    line = one_clear_line(proc, "报告.docx")
    assert "~$" not in line


def test_a_file_named_on_the_command_line_is_never_skipped(tmp_path):
    folder = messy_folder(tmp_path)
    (folder / "README.txt").write_text(report(), encoding="utf-8")
    proc = bounded("check", str(folder / "README.txt"), str(folder / "~$报告.docx"), "--format", "json")
    assert "~$报告.docx" in one_clear_line(proc, "~$报告.docx")
    assert [Path(d["path"]).name for d in json.loads(proc.stdout)["documents"]] == ["README.txt"]


def test_a_folder_holding_only_skipped_files_is_one_clear_line(tmp_path):
    folder = tmp_path / "只有说明"
    folder.mkdir()
    (folder / "README.md").write_text(report(), encoding="utf-8")
    (folder / "~$报告.docx").write_bytes(b"\x0bWPS owner")
    assert "没有可检查的报告" in one_clear_line(bounded("check", str(folder)), "只有说明")
