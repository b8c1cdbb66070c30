"""`--format text`: one report's gaps in full with the rest folded per group, one line a report with -q,
every item with -v, and a batch short enough to read before its summary table."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from checker.model import Result
from checker.render import ALL, GAPS, QUIET, SEVERITY_NAME, STATUS_MARK
from checker.render.text import BATCH_HINT
from tests.render.kit import gaps, render, with_findings

QUIET_LINE = re.compile(
    r"^(?P<path>.+)：(?P<verdict>✓ 通过|✗ 未通过)  得分 (?P<score>[\d.]+)  必备 (?P<met>\d+)/(?P<of>\d+)$"
)
FOLDED = re.compile(r"✓ (?:另有 (\d+) 项符合|(\d+) 项全部符合)$")
SUMMARY_TITLE = "汇总（按得分排序）"


def text(results: list[Result], view: str = GAPS, errors=()) -> str:
    return render("text", results, list(errors), view=view).decode("utf-8")


def item_line(finding) -> str:
    """The first line of an item as the text report prints it."""
    return f"{STATUS_MARK[finding.status]} {finding.title}  [{SEVERITY_NAME[finding.severity]}] {finding.rule}"


def group_sections(result: Result, out: str) -> dict[str, list[str]]:
    """Group id -> the lines of its section, from its heading to the next one."""
    lines = out.splitlines()
    headings = [i for i, line in enumerate(lines) if line.startswith("━━ ")] + [len(lines)]
    sections = {}
    for group, _ in result.groups:
        start = next(i for i in headings if lines[i].startswith(f"━━ {result.group_titles[group]} ━━"))
        sections[group] = lines[start : headings[headings.index(start) + 1]]
    return sections


def shown_gaps(result: Result) -> list:
    """The gaps in the order the report shows them: group by group."""
    return [
        result.findings[i]
        for _, indexes in result.groups
        for i in indexes
        if result.findings[i].status not in ("pass", "n/a")
    ]


def test_folded_counts_equal_the_passed_items_of_each_group(results):
    for result in results:
        out = text([result])
        sections = group_sections(result, out)
        for group, indexes in result.groups:
            passed = [i for i in indexes if result.findings[i].status == "pass"]
            counts = [int(a or b) for line in sections[group] for a, b in FOLDED.findall(line)]
            assert counts == ([len(passed)] if passed else []), (group, sections[group])
            for i in passed:
                assert item_line(result.findings[i]) not in out, "a passed item is folded, not listed"
        assert f"已折叠：✓ 符合 {result.counts['pass']} 项，— 不适用 {len(result.not_applicable)} 项" in out
        na_heading = next(line for line in out.splitlines() if line.startswith("━━ 不适用"))
        assert na_heading.endswith(f"— {len(result.not_applicable)} 项")
        for i in result.not_applicable:
            assert result.findings[i].rule not in out


def test_every_gap_is_shown_with_its_evidence_and_suggestion(results):
    for result in results:
        out = text([result])
        lines = out.splitlines()
        for finding in gaps(result):
            at = lines.index(item_line(finding))
            block = []
            for line in lines[at + 1 :]:
                if not line.startswith("    "):
                    break
                block.append(line)
            assert block[-1] == f"    建议：{finding.suggestion}"
            for ev in finding.evidence:
                assert any(line.startswith("    证据：") and ev.text in line for line in block), ev
        item_lines = [line for line in lines if re.match(r"^[✓△✗—○] .*  \[(必备|建议|提示)\] ", line)]
        assert len(item_lines) == len(gaps(result))


def test_a_waived_item_stays_in_view_with_its_reason(results):
    result = results[0]
    at = result.findings.index(gaps(result)[0])
    waived = replace(result.findings[at], status="waived", waived_status="fail", waiver="本局不是复议机关")
    out = text([with_findings(result, (*result.findings[:at], waived, *result.findings[at + 1 :]))])
    assert item_line(waived) in out and "已豁免（原为缺失）：本局不是复议机关" in out


def test_show_passed_restores_every_item(results):
    for result in results:
        out = text([result], ALL)
        for finding in result.findings:
            assert out.count(item_line(finding) + "\n") == 1, finding.rule
        assert not FOLDED.search(out) and "已折叠" not in out
        assert len(out.splitlines()) > len(text([result]).splitlines())


def test_quiet_is_one_line_per_report(results):
    for result in results:
        out = text([result], QUIET)
        assert out.count("\n") == 1
        fields = QUIET_LINE.match(out.rstrip("\n"))
        assert fields, out
        assert fields["path"] == result.document.path
        assert fields["verdict"] == ("✓ 通过" if result.passed else "✗ 未通过")
        assert float(fields["score"]) == pytest.approx(result.score)
        assert (int(fields["met"]), int(fields["of"])) == (result.required_met, result.required_total)


def test_a_quiet_batch_prints_exactly_those_lines_before_its_summary(results):
    lines = text(results, QUIET).splitlines()
    before = lines[: lines.index(SUMMARY_TITLE)]
    assert before == [*(text([r], QUIET).rstrip("\n") for r in results), ""]


def test_a_batch_lists_each_reports_gaps_in_one_line_each(results):
    out = text(results)
    lines = out.splitlines()
    before = lines[: lines.index(SUMMARY_TITLE)]
    expected = []
    for result in results:
        expected.append(text([result], QUIET).rstrip("\n"))
        expected += [f"  {item_line(f)}" for f in shown_gaps(result)]
        expected.append(f"  ✓ 符合 {result.counts['pass']} 项，— 不适用 {len(result.not_applicable)} 项")
        expected.append("")
    assert before == expected
    # the evidence and the advice are each report's own: a batch leaves them to its hint
    assert not [line for line in lines if line.lstrip().startswith(("建议：", "证据："))]
    assert lines[-1] == BATCH_HINT
    # bounded: a line a report and a line a gap, whatever the number of passed and n/a items
    assert len(before) == sum(len(gaps(r)) + 3 for r in results)


def test_a_batch_with_show_passed_prints_every_report_whole(results):
    out = text(results, ALL)
    for result in results:
        assert text([result], ALL) in out
