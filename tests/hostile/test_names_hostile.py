"""File names that are not UTF-8 and consoles in a legacy encoding, through the real command line.

Unzipping a Windows archive leaves names in GBK bytes (报告 is b"\\xb1\\xa8\\xb8\\xe6"); such a file is
checked and named with its undecodable bytes escaped (\\xb1), in every output format, and the
rest of the batch is not lost. A console or a redirect in GBK (Chinese Windows) gets stand-ins
(√ for ✓) instead of a UnicodeEncodeError.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.hostile.kit import TIMEOUT, bounded, bounded_popen
from tests.reportkit import one_clear_line, report
from tests.sarifschema import sarif_errors

GBK_NAME = b"\xb1\xa8\xb8\xe6.txt"  # 报告.txt as a Windows archive stores it
SHOWN = "\\xb1\\xa8\\xb8\\xe6.txt"  # how fzcheck names it
EMPTY_NAME = b"\xbf\xd5.txt"  # 空.txt in GBK, an empty file: an error row that names it
EMPTY_SHOWN = "\\xbf\\xd5.txt"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Reports from a Windows archive: one named in GBK bytes, one empty so named, one ordinary."""
    reports = tmp_path / "reports"
    reports.mkdir()
    with open(os.path.join(os.fsencode(reports), GBK_NAME), "wb") as fh:
        fh.write(report().encode("utf-8"))
    open(os.path.join(os.fsencode(reports), EMPTY_NAME), "wb").close()
    (reports / "good.txt").write_text(report(), encoding="utf-8")
    return reports


def no_crash(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr and "内部错误" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, proc.stdout + proc.stderr  # the empty file is an error


def the_empty_file_is_named(proc: subprocess.CompletedProcess, written: str = "") -> None:
    """The empty file is the one error on stderr; a run that wrote only `written` then sums up in one line."""
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    summary = [f"fzcheck：已写入 {written}；检查 3 份报告：2 份通过，0 份未通过，1 份无法读取"] if written else []
    assert lines == [f"fzcheck：reports/{EMPTY_SHOWN}：文件为空", *summary]


def test_a_batch_with_non_utf8_names_is_checked_and_named_on_screen(folder):
    proc = bounded("check", "reports", cwd=folder.parent)
    no_crash(proc)
    the_empty_file_is_named(proc)
    reports = [line.split("：", 1)[0] for line in proc.stdout.splitlines() if line.startswith("reports/")]
    assert sorted(reports) == sorted([f"reports/{SHOWN}", "reports/good.txt"])  # each report's own line
    table = proc.stdout[proc.stdout.index("汇总") :]
    assert f"reports/{SHOWN}" in table and f"reports/{EMPTY_SHOWN}" in table and "reports/good.txt" in table
    assert "共 3 份，通过 2 份" in table


def documents_of(fmt: str, data: bytes) -> str:
    """The output decoded (and parsed where it has a syntax), as text to look for names in."""
    text = data.decode("utf-8")  # strict: an escaped name is plain UTF-8
    if fmt in ("json", "sarif"):
        return "\n".join(strings_in(json.loads(text)))
    if fmt == "junit":
        return ET.tostring(ET.fromstring(data), encoding="unicode")
    if fmt == "csv":
        return "\n".join(",".join(row) for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return text


def strings_in(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "csv", "markdown", "github", "html", "text"])
def test_every_format_names_a_non_utf8_file_with_escapes(folder, fmt):
    out = folder.parent / f"out.{fmt}"
    proc = bounded("check", "reports", "--format", fmt, "-o", str(out), cwd=folder.parent)
    no_crash(proc)
    the_empty_file_is_named(proc, str(out))
    text = documents_of(fmt, out.read_bytes())
    if fmt == "sarif":  # a URI: the name's own bytes, percent-encoded
        assert sarif_errors(json.loads(out.read_bytes())) == []
        assert "reports/%B1%A8%B8%E6.txt" in text and "reports/%BF%D5.txt" in text
    else:
        assert f"reports/{SHOWN}" in text and f"reports/{EMPTY_SHOWN}" in text
    assert "reports/good.txt" in text


def test_xlsx_names_a_non_utf8_file_with_escapes(folder):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed (an optional extra)")
    out = folder.parent / "out.xlsx"
    proc = bounded("check", "reports", "--format", "xlsx", "-o", str(out), cwd=folder.parent)
    no_crash(proc)
    cells = {str(c.value) for row in openpyxl.load_workbook(out).active.iter_rows() for c in row if c.value}
    assert any(SHOWN in cell for cell in cells) and any("good.txt" in cell for cell in cells)


def test_a_non_utf8_name_given_on_the_command_line_is_checked(folder):
    path = os.path.join(b"reports", GBK_NAME)
    proc = bounded("check", os.fsdecode(path), "--format", "json", cwd=folder.parent)
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["documents"][0]["path"] == f"reports/{SHOWN}"


def test_a_missing_non_utf8_name_is_one_clear_line(tmp_path):
    proc = bounded("check", os.fsdecode(b"\xb2\xbb.txt"), cwd=tmp_path)
    assert "文件不存在" in one_clear_line(proc, "\\xb2\\xbb.txt")


def run_with_encoding(encoding: str, cwd: Path, *args: str) -> tuple[int, bytes, bytes]:
    """fzcheck with PYTHONIOENCODING set and stdout redirected to a file, as `… > out.txt` does."""
    out = cwd / "redirected.txt"
    with open(out, "wb") as stdout:
        proc = bounded_popen(*args, cwd=cwd, env={"PYTHONIOENCODING": encoding}, stdout=stdout, stderr=subprocess.PIPE)
        _, err = proc.communicate(timeout=TIMEOUT)
    return proc.returncode, out.read_bytes(), err


def test_a_gbk_console_gets_stand_ins_not_a_crash(tmp_path):
    (tmp_path / "r.txt").write_text(report(), encoding="utf-8")
    code, out, err = run_with_encoding("gbk", tmp_path, "check", "r.txt")
    assert (code, err) == (0, b"")
    text = out.decode("gbk")  # strict: all of it is GBK
    assert "√ 通过" in text and "结论" in text and "✓" not in text


def test_a_gbk_console_shows_a_batch_with_non_utf8_names(folder):
    code, out, err = run_with_encoding("gbk", folder.parent, "check", "reports")
    assert code == 2
    assert err.decode("gbk").strip() == f"fzcheck：reports/{EMPTY_SHOWN}：文件为空"
    text = out.decode("gbk")
    assert f"reports/{SHOWN}" in text and "共 3 份，通过 2 份" in text


def test_an_ascii_console_gets_question_marks_not_a_crash(tmp_path):
    (tmp_path / "r.txt").write_text(report(), encoding="utf-8")
    code, out, err = run_with_encoding("ascii", tmp_path, "check", "r.txt")
    assert (code, err) == (0, b"")
    out.decode("ascii")


def test_json_on_a_gbk_console_is_utf8(tmp_path):
    # Machine formats are bytes in UTF-8 whatever the console: a JSON reader expects it.
    (tmp_path / "r.txt").write_text(report(), encoding="utf-8")
    code, out, err = run_with_encoding("gbk", tmp_path, "check", "r.txt", "--format", "json")
    assert (code, err) == (0, b"")
    assert json.loads(out.decode("utf-8"))["documents"][0]["score"] > 0
