"""--statistics: per rule, in how many reports it is missing or partly met, most often unmet first."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from checker.stats import rule_tallies, statistics_text
from tests.paths import ROOT
from tests.reportkit import report, run_here

GAPS = (ROOT / "examples" / "gaps-2023.txt").read_text(encoding="utf-8")


@pytest.fixture
def batch(tmp_path, monkeypatch) -> Path:
    """Two department reports with gaps and a complete one, as the cwd."""
    folder = tmp_path / "各单位"
    folder.mkdir()
    (folder / "a.txt").write_text(GAPS, encoding="utf-8")
    (folder / "b.txt").write_text(GAPS.replace("行政复议", "复议"), encoding="utf-8")
    (folder / "c.txt").write_text(report(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def expected_counts(json_text: str) -> dict[str, tuple[int, int]]:
    """rule -> (reports where it is fail, reports where it is partial), from the JSON's findings."""
    failed, partial = Counter(), Counter()
    for doc in json.loads(json_text)["documents"]:
        for finding in doc["findings"]:
            if finding["status"] == "fail":
                failed[finding["rule"]] += 1
            elif finding["status"] == "partial":
                partial[finding["rule"]] += 1
    return {rule: (failed[rule], partial[rule]) for rule in failed | partial}


def table_rows(text: str) -> list[tuple[int, int, str]]:
    """(fail, partial, rule) of each row of the statistics table in `text`, in order."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("规则统计（"))
    assert lines[start + 1].split() == ["缺失", "部分", "编号", "标题"]
    rows = []
    for line in lines[start + 2 :]:
        failed, partial, rule, *_title = line.split()
        rows.append((int(failed), int(partial), rule))
    return rows


def test_statistics_follow_the_text_report_and_match_the_findings(batch, capsys):
    code, out, err = run_here(capsys, "check", "各单位", "--no-config", "--statistics",
                              "--format", "text", "--format", "json:全部.json")  # fmt: skip
    assert code == 1
    assert "规则统计（3 份报告）：" in out and "规则统计" not in err
    rows = table_rows(out)
    counts = expected_counts((batch.parent / "全部.json").read_text(encoding="utf-8"))
    assert {rule: (f, p) for f, p, rule in rows} == counts
    unmet = [f + p for f, p, _ in rows]
    assert unmet == sorted(unmet, reverse=True), "most often unmet first"
    assert counts["enforcement.three-systems"] == (2, 0), "missing in both department drafts, met in c.txt"


def test_statistics_go_to_stderr_when_stdout_carries_json(batch, capsys):
    code, out, err = run_here(capsys, "check", "各单位", "--no-config", "--statistics", "--format", "json")
    assert code == 1
    assert len(json.loads(out)["documents"]) == 3, "the JSON on stdout is untouched"
    assert {rule: (f, p) for f, p, rule in table_rows(err)} == expected_counts(out)


def test_no_gap_says_so(tmp_path):
    from checker.pipeline import check_file
    from checker.score import Gate

    path = tmp_path / "ok.txt"
    path.write_text(report(), encoding="utf-8")
    result = check_file(str(path), None, Gate(select=("part.measures",)))
    assert rule_tallies([result]) == []
    assert statistics_text([result]) == "\n规则统计（1 份报告）：没有未达标的项目\n"
