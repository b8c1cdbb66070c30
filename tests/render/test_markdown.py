"""`--format markdown`: the batch summary, then a gap table a report, n/a items apart."""

from __future__ import annotations

import re
from dataclasses import replace

from checker.render.markdown import cell
from tests.render.kit import ERRORS, EXAMPLES, gaps, not_applicable, render, with_findings
from tests.rulesdoc import reference_anchors


def cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_markdown_summary_and_gap_tables(results):
    text = render("markdown", results).decode("utf-8")
    lines = text.splitlines()
    anchors = reference_anchors()
    summary_at = lines.index("| 文件 | 标题 | 得分 | 必备 | 结论 | 必备项未达标 | 建议项未达标 |")
    first_doc = next(i for i, line in enumerate(lines) if line.startswith("### "))
    assert summary_at < first_doc  # the batch summary comes first
    summary_rows = lines[summary_at + 2 : summary_at + 2 + len(results) + len(ERRORS)]
    assert [cells(r)[0].strip("`") for r in summary_rows] == [*EXAMPLES, ERRORS[0][0]]
    assert "❌ 未通过" in summary_rows[0] and "✅ 通过" in summary_rows[1]
    for row, result in zip(summary_rows, results, strict=False):
        assert cells(row)[3] == f"{result.required_met}/{result.required_total}"
        assert cells(row)[5:] == [str(result.unmet["error"]), str(result.unmet["warning"])]
    header = "| 状态 | 编号 | 检查项 | 说明 | 位置 |"
    headings = [i for i, line in enumerate(lines) if line.startswith("### `examples/")]
    assert len(headings) == len(results)
    for start, result in zip(headings, results, strict=True):
        assert result.document.path in lines[start]
        assert f"{result.score:g}" in lines[start]
        assert ("✅ 通过" if result.passed else "❌ 未通过") in lines[start]
        table = lines.index(header, start)
        rows = []
        for line in lines[table + 2 :]:
            if not line.startswith("|"):
                break
            rows.append(line)
        assert len(rows) == len(gaps(result))
        for row, finding in zip(rows, gaps(result), strict=True):
            assert len(cells(row)) == 5
            # The rule id links to its section of the reference (every built-in rule has one).
            page, _, anchor = finding.doc.partition("#")
            assert page == "docs/rules.md" and anchors[anchor][1] == finding.rule
            assert cells(row)[1] == f"[`{finding.rule}`]({finding.doc})"
        assert f"必备 {result.required_met}/{result.required_total}" in lines[start + 3]
        # n/a items are listed apart, after the gaps, never in the gap table
        listed = lines.index(
            f"<details><summary>— 不适用（无可检查的内容，不计分）：{len(not_applicable(result))} 项</summary>", table
        )
        items = [line for line in lines[listed:] if line.startswith("- `")][: len(not_applicable(result))]
        assert items == [f"- `{f.rule}` {f.title}：{f.detail}" for f in not_applicable(result)]


def test_markdown_escapes_pipes_and_lines(results):
    result = results[0]
    odd = replace(gaps(result)[0], message="甲|乙\n丙 <b>", title="A|B")
    text = render("markdown", [with_findings(result, (odd,))], []).decode("utf-8")
    row = next(line for line in text.splitlines() if f"`{odd.rule}`" in line)
    assert len(cells(row)) == 5
    assert "甲\\|乙 丙 &lt;b&gt;" in row and "A\\|B" in row


def table_rules(text: str) -> list[str]:
    """The rule ids of the gap table rows, in order."""
    return re.findall(r"^\| \S+ [^|]*\| \[?`([\w.-]+)`", text, re.M)


def test_markdown_counts_the_passed_items_in_one_line(results):
    for result in results:
        text = render("markdown", [result], []).decode("utf-8")
        assert table_rules(text) == [f.rule for f in gaps(result)]
        passed = result.counts["pass"]
        assert f"✓ 另有 {passed} 项符合（用 -v 列出）。" in text.splitlines()
        assert "<details><summary>— 不适用" in text  # folded, as before


def test_markdown_show_passed_lists_every_item_and_opens_the_na_list(results):
    for result in results:
        text = render("markdown", [result], [], view="all").decode("utf-8")
        applicable = [f for f in result.findings if f.status != "n/a"]
        assert table_rules(text) == [f.rule for f in applicable]
        for finding in applicable:
            if finding.status == "pass":
                row = next(line for line in text.splitlines() if f"`{finding.rule}`" in line)
                assert cells(row)[0].startswith("✓ 符合") and cells(row)[3] == cell(finding.detail)
                assert "**建议**" not in row  # nothing to change
        assert "另有" not in text
        assert (
            f"<details open><summary>— 不适用（无可检查的内容，不计分）：{len(not_applicable(result))} 项</summary>"
            in text
        )


def test_markdown_quiet_keeps_one_line_a_report(results):
    batch = render("markdown", results, [], view="quiet").decode("utf-8")
    assert "### " not in batch and table_rules(batch) == []
    rows = [line for line in batch.splitlines() if line.startswith("| `")]
    assert [cells(r)[0].strip("`") for r in rows] == list(EXAMPLES)
    single = render("markdown", results[:1], [], view="quiet").decode("utf-8")
    assert table_rules(single) == [] and "<details" not in single
    assert f"**得分：{results[0].score:g} / 100" in single
