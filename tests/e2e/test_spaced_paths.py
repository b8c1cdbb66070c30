"""Paths with spaces and Chinese characters, typed in double quotes as README's Windows section shows them.

The commands go through a POSIX shell here (cmd.exe and PowerShell read "…" the same way for these paths):
check, --output, --annotate, a folder, a wildcard that fzcheck expands itself, and a GBK console.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.paths import ROOT

EXAMPLE = ROOT / "examples" / "gaps-2023.txt"
NAME = "清河县 市场监管局 2023年 总结.txt"


def shell(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """`fzcheck …` run by /bin/sh, with fzcheck standing for this interpreter's `python -m checker`."""
    fzcheck = f'"{sys.executable}" -m checker'
    return subprocess.run(
        ["/bin/sh", "-c", command.replace("fzcheck ", f"{fzcheck} ", 1)],
        cwd=cwd,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **env},
        timeout=300,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    spaced = tmp_path / "2024年 报告 (汇总)"
    spaced.mkdir()
    shutil.copy(EXAMPLE, spaced / NAME)
    return spaced


def test_check_with_output_and_annotate_in_a_spaced_chinese_folder(folder):
    pytest.importorskip("docx", reason="python-docx（可选依赖 docx）未安装")
    report, out, annotated = folder / NAME, folder / "结果 文件.json", folder / "草稿 批注.docx"
    proc = shell(f'fzcheck check "{report}" --format json --output "{out}" --annotate "{annotated}"', cwd=folder.parent)
    assert proc.returncode == 1, proc.stderr.decode()  # the draft has gaps
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["path"] == str(report)
    with zipfile.ZipFile(annotated) as docx:
        assert "word/comments.xml" in docx.namelist()
    assert f"批注版已写入 {annotated}" in proc.stderr.decode()


def test_folder_and_wildcard_with_spaces(folder):
    shutil.copy(ROOT / "examples" / "complete-2024.txt", folder / "清河县 人民政府 2024.txt")
    for target in (f'"{folder}"', f'"{folder}/*.txt"'):
        proc = shell(f"fzcheck check {target} --format csv", cwd=folder.parent)
        assert proc.returncode == 1, proc.stderr.decode()
        rows = proc.stdout.decode("utf-8-sig").splitlines()[1:]
        assert sorted(row.split(",")[0] for row in rows) == sorted(str(p) for p in folder.glob("*.txt"))


def test_a_gbk_console_shows_the_chinese_path(folder):
    # Chinese Windows' console code page: the name and the marks come out as GBK, with stand-ins for ✓ ✗.
    proc = shell(f'fzcheck check "{folder / NAME}"', cwd=folder.parent, PYTHONIOENCODING="gbk")
    assert proc.returncode == 1 and proc.stderr == b""
    text = proc.stdout.decode("gbk")  # strict: all of it is GBK
    assert f"文件：{folder / NAME}" in text and "× 未通过" in text
