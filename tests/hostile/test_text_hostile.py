"""Text reports that are text after all, through the real command line: a stray NUL byte, NEL
(U+0085) line ends, or a leading HTML comment do not get a report refused or read as a web page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.kit import bounded
from tests.reportkit import report

CORE = ("part.measures", "part.leader-duty", "part.shortcomings", "part.next-year", "data.review", "data.litigation")


def json_document(path: Path) -> dict:
    """The JSON result of a run that finished with a verdict (exit 0 or 1), without errors."""
    proc = bounded("check", str(path), "--format", "json")
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)["documents"][0]


def core_statuses(document: dict) -> set[str]:
    return {f["status"] for f in document["findings"] if f["rule"] in CORE}


def review_line(document: dict) -> int:
    """The file line the review data's evidence is on."""
    return next(f for f in document["findings"] if f["rule"] == "data.review")["evidence"][0]["line"]


REVIEW_LINE = 1 + next(i for i, line in enumerate(report().splitlines()) if "行政复议申请64件" in line)


def test_text_with_a_stray_nul_is_read(tmp_path):
    text = report()
    middle = len(text) // 2
    path = tmp_path / "nul.txt"
    path.write_bytes(text[:middle].encode() + b"\x00" + text[middle:].encode())
    document = json_document(path)
    assert document["title"] == report().splitlines()[0]
    assert core_statuses(document) == {"pass"}


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_text_with_nel_line_ends_is_read(tmp_path, encoding):
    path = tmp_path / f"nel-{encoding}.txt"
    path.write_bytes(report().replace("\n", "\x85").encode(encoding))
    document = json_document(path)
    assert document["title"] == report().splitlines()[0]
    assert core_statuses(document) == {"pass"}
    assert review_line(document) == REVIEW_LINE  # each NEL ends a line


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_text_starting_with_an_html_comment_is_read_as_text(tmp_path, suffix):
    lines = report().splitlines()
    markdown = "\n".join([f"# {lines[0]}", *lines[1:]]) + "\n"
    path = tmp_path / f"comment{suffix}"
    path.write_text("<!-- 草稿，内部传阅，请勿外传 -->\n" + markdown, encoding="utf-8")
    document = json_document(path)
    assert document["title"] == lines[0]
    assert core_statuses(document) == {"pass"}
    assert review_line(document) == REVIEW_LINE + 1  # the comment is line 1


def test_a_real_html_page_after_a_comment_is_still_html(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in report().splitlines())
    path = tmp_path / "page.txt"
    path.write_text(f"<!-- saved from url=(0014)about:internet -->\n<html><body>{body}</body></html>", "utf-8")
    proc = bounded("check", str(path), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    assert "<p>" not in proc.stdout
