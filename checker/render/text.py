"""`--format text`: the gap report for a person, in Chinese, colored on a terminal.

How much it shows is the view (checker.render.VIEWS): by default one report shows its gaps in full
(evidence, what to write) and folds the passed and n/a items into a count per group; a batch shows
each report's verdict and its gaps one line each, then the summary table (the evidence and advice are
for each report's drafter, who checks their own report; a reviewer ranks and sends back). `-q` is one
line per report, `-v` every item of every report.
"""

from __future__ import annotations

import io
import os
from typing import IO, TYPE_CHECKING

from checker.infer import issuer_of
from checker.model import Finding, Result
from checker.render import (
    ALL,
    GAPS,
    NA_TITLE,
    QUIET,
    SEVERITY_NAME,
    STATUS_MARK,
    STATUS_NAME,
    TYPE_NAME,
    folded_text,
    passed_count,
    required_text,
    unfolded,
    verdict_text,
)
from checker.render.plain import PlainConsole, Text, rich_would_color
from checker.safetext import terminal_safe as safe

if TYPE_CHECKING:
    from rich.console import Console
_STYLE = {"pass": "green", "partial": "yellow", "fail": "bold red", "n/a": "dim", "waived": "cyan"}
SHOW_ALL_HINT = "加 -v 显示全部检查项"
BATCH_HINT = "每项的证据和修改建议：单独检查一份报告，或用 --format html 生成报告；" + SHOW_ALL_HINT


def make_console(stream: IO[str], color: str) -> Console | PlainConsole:
    """A console that colors only on a terminal (or when asked); NO_COLOR is honoured by rich.

    Off a terminal the lines are written without rich (checker.render.plain), byte for byte as rich
    writes them, unless something calls for rich itself."""
    plain = color == "never" or bool(os.environ.get("NO_COLOR"))
    if not rich_would_color(stream, color, plain):
        return PlainConsole(stream, lambda: rich_console(stream, color, plain))
    return rich_console(stream, color, plain)


def rich_console(stream: IO[str], color: str, plain: bool) -> Console:
    from rich.console import Console

    terminal = stream.isatty()
    return Console(
        file=stream,
        force_terminal=True if color == "always" and not plain else None,
        color_system=None if plain else "auto",
        highlight=False,
        # Off a terminal, one line per item reads and greps better than wrapped lines.
        soft_wrap=not terminal,
        width=None if terminal else 160,  # the batch table needs room off a terminal
    )


def render_text(
    results: list[Result], errors: list[tuple[str, str]], stream: IO[str], color: str = "auto", view: str = GAPS
) -> None:
    console = make_console(stream, color)
    batch = len(results) + len(errors) > 1
    for index, result in enumerate(results):
        if index and view != QUIET:
            console.print()
        print_report(console, result, view, batch)
    print_tail(console, results, errors, view)


def print_report(console: Console | PlainConsole, result: Result, view: str, batch: bool) -> None:
    """One report as the view shows it: one line (QUIET), its gaps one line each (a batch's default), else in full.
    A batch's workers print their own reports with it (checker.render.pieces)."""
    if view == QUIET:
        console.print(quiet_line(result))
    elif batch and view == GAPS:
        print_gap_list(console, result)
    else:
        print_result(console, result, view)


def print_tail(console: Console | PlainConsole, results: list, errors: list[tuple[str, str]], view: str) -> None:
    """What follows the reports: a batch's table (results may be checker.summary records), or the unreadable file."""
    if len(results) + len(errors) > 1:
        print_summary(console, results, errors)
        if view == GAPS and results:
            console.print(Text(BATCH_HINT, style="dim"))
    elif errors:
        for path, message in errors:
            console.print(Text(safe(f"✗ 无法检查 {path}：{message}"), style="bold red"))


def render(results: list[Result], errors: list[tuple[str, str]], view: str = GAPS) -> bytes:
    """The report as a file holds it: never colored."""
    buffer = io.StringIO()
    render_text(results, errors, buffer, "never", view)
    return buffer.getvalue().encode("utf-8")


def quiet_line(result: Result) -> Text:
    """One report in one line (check -q): 文件：✗ 未通过  得分 39.2  必备 3/7"""
    verdict = ("✓ 通过", "bold green") if result.passed else ("✗ 未通过", "bold red")
    return Text.assemble(safe(result.document.path), "：", verdict, f"  得分 {result.score:g}  {required_text(result)}")


def print_gap_list(console: Console | PlainConsole, result: Result) -> None:
    """One report of a batch: its verdict line, then each gap (and waived item) in one line, the rest counted."""
    console.print(quiet_line(result))
    shown = [i for _, indexes in result.groups for i in unfolded(result, indexes)]
    for index in shown:
        console.print(Text.assemble("  ", *finding_title(result.findings[index])))
    folded = folded_counts(result)
    if folded:
        console.print(Text(f"  {folded}", style="dim"))


def folded_counts(result: Result) -> str:
    """✓ 符合 15 项，— 不适用 27 项: what a report's gap view leaves out ("" when nothing)."""
    parts = []
    if result.counts.get("pass"):
        parts.append(f"{STATUS_MARK['pass']} 符合 {result.counts['pass']} 项")
    if result.not_applicable:
        parts.append(f"{STATUS_MARK['n/a']} 不适用 {len(result.not_applicable)} 项")
    return "，".join(parts)


def print_result(console: Console | PlainConsole, result: Result, view: str = GAPS) -> None:
    """One report: its gaps in full, the rest folded per group (view ALL: every item in full).

    Every text from the report, its file name or a pack goes through `safe`: it is shown as Text
    (never parsed as rich markup) with control characters made visible."""
    doc = result.document
    console.print(Text("法治政府建设年度报告检查（fzcheck）", style="bold"))
    console.print(field("文件", doc.path))
    if doc.title:
        console.print(field("标题", doc.title))
    year_note = "由 --year 指定" if doc.meta.get("year_from") == "option" else "从报告推断"
    type_note = "由 --type 指定" if doc.meta.get("type_from") == "option" else "从报告推断"
    year = f"{doc.report_year} 年（{year_note}）" if doc.report_year else "未能确定（可用 --year 指定）"
    console.print(field("报告年度", year))
    console.print(field("报告类型", f"{TYPE_NAME.get(doc.report_type, doc.report_type)}（{type_note}）"))
    if doc.meta.get("published"):
        console.print(field("发布日期", str(doc.meta["published"])))
    if doc.traditional:
        console.print(field("提示", "原文含繁体字，已转为简体进行比对，证据按原文显示"))
    console.print(verdict_line(result))
    for group, indexes in result.groups:
        console.print()
        print_group(
            console,
            result,
            Text(safe(f"━━ {result.group_titles.get(group, group)} ━━"), style="bold cyan"),
            indexes,
            view,
        )
    if result.not_applicable:  # shown apart, after every scored group
        console.print()
        print_not_applicable(console, result, view)
    if view != ALL and folded_counts(result):
        console.print()
        console.print(Text(f"已折叠：{folded_counts(result)}；{SHOW_ALL_HINT}", style="dim"))


def print_group(
    console: Console | PlainConsole, result: Result, heading: Text, indexes: tuple[int, ...], view: str
) -> None:
    """A group's heading and items: every one (view ALL), else its gaps in brief and its passed items counted."""
    if view == ALL:
        console.print(heading)
        for index in indexes:
            print_finding(console, result.findings[index])
        return
    shown, passed = unfolded(result, indexes), passed_count(result, indexes)
    if not shown:  # nothing to change in this group: its heading and a count, on one line
        console.print(Text.assemble(heading, "  ", folded_line(passed, 0)))
        return
    console.print(heading)
    for index in shown:
        print_finding(console, result.findings[index], brief=True)
    if passed:
        console.print(folded_line(passed, len(shown)))


def print_not_applicable(console: Console | PlainConsole, result: Result, view: str) -> None:
    """The n/a items under their own heading: every one (view ALL), else counted on the heading's line."""
    heading = Text(f"━━ {NA_TITLE} ━━", style="bold dim")
    if view != ALL:
        count = Text(f"{STATUS_MARK['n/a']} {len(result.not_applicable)} 项", style="dim")
        console.print(Text.assemble(heading, "  ", count))
        return
    console.print(heading)
    for index in result.not_applicable:
        print_finding(console, result.findings[index])


def folded_line(passed: int, shown: int) -> Text:
    return Text(f"{STATUS_MARK['pass']} {folded_text(passed, shown)}", style=_STYLE["pass"])


def field(name: str, value: str) -> Text:
    return Text.assemble((f"{name}：", "bold"), safe(value))


def verdict_line(result: Result) -> Text:
    """得分：72 / 100   必备 5/7    结论：✗ 未通过（2 项必备内容未达标）"""
    verdict = (verdict_text(result), "bold green" if result.passed else "bold red")
    return Text.assemble(
        ("得分：", "bold"),
        (f"{result.score:g} / 100", "bold"),
        "   ",
        (required_text(result), "bold"),
        "    ",
        ("结论：", "bold"),
        verdict,
    )


def finding_title(finding: Finding) -> tuple:
    """The pieces of an item's first line: ✗ 标题  [必备] rule.id"""
    return (
        (f"{STATUS_MARK[finding.status]} ", _STYLE.get(finding.status, "")),
        (safe(finding.title), "bold"),
        f"  [{SEVERITY_NAME.get(finding.severity, finding.severity)}] ",
        (safe(finding.rule), "dim"),
    )


def print_finding(console: Console | PlainConsole, finding: Finding, brief: bool = False) -> None:
    """An item in full; `brief` (a gap in the default view): why, the evidence and what to write, without the
    rule's own statement (its title and the suggestion say what is asked; -v shows it)."""
    style = _STYLE.get(finding.status, "")
    console.print(Text.assemble(*finding_title(finding)))
    status = STATUS_NAME[finding.status]
    if finding.status == "waived":
        original = STATUS_NAME.get(finding.waived_status, finding.waived_status)
        console.print(Text(safe(f"    {status}（原为{original}）：{finding.waiver}"), style=style))
        return
    gap = finding.status not in ("pass", "n/a")  # something to fix
    if not gap:
        console.print(Text(safe(f"    {status}：{finding.detail}"), style=style))
    elif brief:
        where = f"；查找范围：{finding.looked_in}" if finding.looked_in and not finding.evidence else ""
        console.print(Text(safe(f"    {status}：{finding.detail or finding.message}{where}"), style=style))
    else:
        console.print(Text(safe(f"    {status}：{finding.message}"), style=style))
        if finding.detail:
            console.print(Text(safe(f"    情况：{finding.detail}")))
    for where, text in evidence_lines(finding):
        console.print(Text.assemble("    证据：", (where, "cyan"), f"  {text}"))
    if gap:
        if finding.looked_in and not brief:
            console.print(Text(safe(f"    查找范围：{finding.looked_in}"), style="dim"))
        console.print(Text.assemble(("    建议：", "bold"), safe(finding.suggestion)))


def evidence_lines(finding: Finding) -> list[tuple[str, str]]:
    """(where, snippet) of each evidence, shown once each (two terms of a rule may find the same passage)."""
    lines = []
    for ev in finding.evidence:
        similarity = "" if ev.similarity >= 100 else f"（相似度 {ev.similarity:g}）"
        lines.append((safe(ev.location or f"第 {ev.line} 行"), f"{safe(ev.text)}{similarity}"))
    return list(dict.fromkeys(lines))


def print_summary(console: Console | PlainConsole, results: list[Result], errors: list[tuple[str, str]] = ()) -> None:
    """The batch table, best score first: file, body, type, year, score, required met, gaps, missing parts."""
    from rich.table import Table

    console.print()
    table = Table(title="汇总（按得分排序）", show_lines=False)
    for name, justify in (("文件", "left"), ("报告主体", "left"), ("类型", "left"), ("年度", "right"),
                          ("得分", "right"), ("必备", "right"), ("结论", "left"), ("必备未达标", "right"),
                          ("建议未达标", "right"), ("缺失部分", "left")):  # fmt: skip
        table.add_column(name, justify=justify)
    for result in sorted(results, key=lambda r: (-r.score, r.document.path)):
        doc = result.document
        # Cells are Text, not str: rich would read "[bold]" in a file name or title as markup.
        table.add_row(
            Text(safe(doc.path)),
            Text(safe(issuer_shown(doc)[:24] or "—")),
            TYPE_NAME.get(doc.report_type, doc.report_type),
            str(doc.report_year or "—"),
            f"{result.score:g}",
            f"{result.required_met}/{result.required_total}",
            Text("通过", style="green") if result.passed else Text("未通过", style="bold red"),
            str(result.unmet.get("error", 0)),
            str(result.unmet.get("warning", 0)),
            Text(safe("、".join(result.missing_parts) or "—")),
        )
    for path, message in errors:  # an unreadable file keeps its row, below the ranked ones
        table.add_row(
            Text(safe(path)),
            Text(safe(message), style="red"),
            *("—", "—", "—", "—", Text("无法检查", style="bold red"), "—", "—", "—"),
        )
    console.print(table)
    passed = sum(r.passed for r in results)
    tail = f"，无法检查 {len(errors)} 份" if errors else ""
    console.print(
        Text(f"共 {len(results) + len(errors)} 份，通过 {passed} 份，未通过 {len(results) - passed} 份{tail}")
    )


def issuer_shown(doc: object) -> str:
    """The issuing body of a report, as its batch summary (checker.summary) carries it or from its lines."""
    issuer = getattr(doc, "issuer", None)
    return issuer if isinstance(issuer, str) else issuer_of(doc)  # type: ignore[arg-type]
