"""`--format markdown`: a pull-request / merge-request comment (GitHub-flavoured Markdown).

For several documents (or any unreadable file) a summary table comes first, in the order given;
then per document a heading with the path, score and verdict, a table of the gaps, the passed items
counted in one line, and the n/a items (nothing to check) listed apart in a folded <details>. The view
(checker.render.VIEWS) changes how much: QUIET keeps the summary (or a single document's heading and
score line), ALL puts the passed items in the table too and opens the n/a list.
"""

from __future__ import annotations

import re

from checker.model import Finding, Result
from checker.render import (
    ALL,
    FOLDED,
    GAPS,
    NA_TITLE,
    QUIET,
    SEVERITY_NAME,
    STATUS_MARK,
    STATUS_NAME,
    TYPE_NAME,
    folded_text,
    required_text,
)
from checker.render.doclink import doc_link, docs_base_url
from checker.safetext import terminal_safe

# Markdown punctuation that could make report text a link or an image ([…](…), ![…](…), […][…]: no
# link without its brackets), emphasis, code or a column break.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]~|])")


def cell(text: object) -> str:
    """Report text safe inside a table cell or a list item: literal, whatever it holds.

    No HTML (<, >, & as entities), no link or image ([ and ] escaped), no emphasis or code span,
    no column break (|), no line break, and no control character."""
    one_line = " ".join(str(text).replace("\r", "\n").split("\n")).strip()
    out = one_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return terminal_safe(_MARKDOWN_PUNCTUATION.sub(r"\\\1", out))


def code(text: str) -> str:
    """An inline code span (nothing inside is a link) that survives backticks, pipes and line breaks."""
    inner = terminal_safe(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", inner)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {inner} {fence}" if longest else f"`{inner}`"


def verdict(result: Result) -> str:
    return "✅ 通过" if result.passed else "❌ 未通过"


def render(results: list[Result], errors: list[tuple[str, str]], view: str = GAPS) -> bytes:
    out = ["## fzcheck 法治政府建设年度报告检查", ""]
    batch = len(results) > 1 or errors
    if batch:
        out += summary(results, errors)
    for result in results:
        if view != QUIET:
            out += document(result, view)
        elif not batch:  # the summary table is a batch's one line per report
            out += document_heading(result)
    if errors:
        out += ["### 无法检查的文件", ""]
        out += [f"- {code(path)}：{cell(message)}" for path, message in errors]
        out.append("")
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def summary(results: list[Result], errors: list[tuple[str, str]]) -> list[str]:
    passed = sum(r.passed for r in results)
    out = [
        f"共 {len(results) + len(errors)} 份：通过 {passed} 份，未通过 {len(results) - passed} 份"
        + (f"，无法检查 {len(errors)} 份" if errors else ""),
        "",
        "| 文件 | 标题 | 得分 | 必备 | 结论 | 必备项未达标 | 建议项未达标 |",
        "|---|---|---:|---:|---|---:|---:|",
    ]
    for result in results:
        doc = result.document
        out.append(
            f"| {code(doc.path)} | {cell(doc.title)} | {result.score:g} "
            f"| {result.required_met}/{result.required_total} | {verdict(result)} "
            f"| {result.unmet.get('error', 0)} | {result.unmet.get('warning', 0)} |"
        )
    for path, message in errors:
        out.append(f"| {code(path)} |  | — | — | ⚠️ 无法检查：{cell(message)} | — | — |")
    out.append("")
    return out


def document_heading(result: Result) -> list[str]:
    """A document's heading and its facts, score and verdict."""
    doc = result.document
    errors = result.unmet.get("error", 0)
    note = f"（{errors} 项必备内容未达标）" if errors and not result.passed else ""
    out = [f"### {code(doc.path)} — {result.score:g} 分 {verdict(result)}", ""]
    facts = []
    if doc.title:
        facts.append(f"标题：{cell(doc.title)}")
    facts.append(f"报告年度：{doc.report_year} 年" if doc.report_year else "报告年度：未能确定")
    facts.append(f"报告类型：{TYPE_NAME.get(doc.report_type, doc.report_type)}")
    out += [
        "　".join(facts) + "  ",
        f"**得分：{result.score:g} / 100　{required_text(result)}　结论：{verdict(result)}**{note}",
        "",
    ]
    return out


def document(result: Result, view: str) -> list[str]:
    """A document's heading, its table (the gaps; view ALL: every applicable item) and its n/a items."""
    out = document_heading(result)
    shown = [f for f in result.findings if f.status != "n/a" and (view == ALL or f.status not in FOLDED)]
    passed = result.counts.get("pass", 0)
    if shown:
        out += ["| 状态 | 编号 | 检查项 | 说明 | 位置 |", "|---|---|---|---|---|"]
        out += [gap_row(f) for f in shown]
        if passed and view != ALL:
            out += ["", f"{STATUS_MARK['pass']} {folded_text(passed, len(shown))}（用 -v 列出）。"]
    else:
        out.append("全部检查项符合。")
    out.append("")
    return out + not_applicable(result, view)


def not_applicable(result: Result, view: str = GAPS) -> list[str]:
    """The n/a items, apart from the gaps: one line each, folded away (they need no change) unless view is ALL."""
    if not result.not_applicable:
        return []
    opened = " open" if view == ALL else ""
    summary = f"{STATUS_MARK['n/a']} {NA_TITLE}：{len(result.not_applicable)} 项"
    out = [f"<details{opened}><summary>{summary}</summary>", ""]
    for index in result.not_applicable:
        finding = result.findings[index]
        out.append(f"- {code(finding.rule)} {cell(finding.title)}：{cell(finding.detail)}")
    return [*out, "", "</details>", ""]


def gap_row(finding: Finding) -> str:
    """A table row: a gap says what is asked, why and what to write; a passed item what was found."""
    status = f"{STATUS_MARK.get(finding.status, '')} {STATUS_NAME.get(finding.status, finding.status)}"
    severity = SEVERITY_NAME.get(finding.severity, finding.severity)
    if finding.status == "pass":
        explain = cell(finding.detail)
    else:
        explain = cell(finding.message)
        if finding.detail:
            explain += f"<br>情况：{cell(finding.detail)}"
        if finding.status == "waived" and getattr(finding, "waiver", ""):
            explain += f"<br>豁免理由：{cell(finding.waiver)}"
        explain += f"<br>**建议**：{cell(finding.suggestion)}"
    if finding.evidence:
        where = "、".join(dict.fromkeys(cell(ev.location or f"第 {ev.line} 行") for ev in finding.evidence))
    elif finding.looked_in:
        where = f"未找到（查找范围：{cell(finding.looked_in)}）"
    else:
        where = "未找到"
    rule = code(finding.rule)
    link = doc_link(finding, docs_base_url())
    if link:
        rule = f"[{rule}]({link})"
    return f"| {status}（{severity}） | {rule} | {cell(finding.title)} | {explain} | {where} |"
