"""`--format text`: the gap report for a person, in Chinese, colored on a terminal."""

from __future__ import annotations

import io
import os
from typing import IO, TYPE_CHECKING

from checker.model import Finding, Result
from checker.render import (
    NA_TITLE,
    SEVERITY_NAME,
    STATUS_MARK,
    STATUS_NAME,
    TYPE_NAME,
    required_text,
)
from checker.render.plain import PlainConsole, Text, rich_would_color
from checker.safetext import terminal_safe as safe

if TYPE_CHECKING:
    from rich.console import Console
_STYLE = {"pass": "green", "partial": "yellow", "fail": "bold red", "n/a": "dim", "waived": "cyan"}


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


def render_text(results: list[Result], errors: list[tuple[str, str]], stream: IO[str], color: str = "auto") -> None:
    console = make_console(stream, color)
    for index, result in enumerate(results):
        if index:
            console.print()
        print_result(console, result)
    if len(results) + len(errors) > 1:
        print_summary(console, results, errors)
    elif errors:
        for path, message in errors:
            console.print(Text(safe(f"✗ 无法检查 {path}：{message}"), style="bold red"))


def render(results: list[Result], errors: list[tuple[str, str]]) -> bytes:
    """The report as a file holds it: never colored."""
    buffer = io.StringIO()
    render_text(results, errors, buffer, "never")
    return buffer.getvalue().encode("utf-8")


def print_result(console: Console | PlainConsole, result: Result) -> None:
    """One report's gaps. Every text from the report, its file name or a pack goes through `safe`:
    it is shown as Text (never parsed as rich markup) with control characters made visible."""
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
        console.print(Text(safe(f"━━ {result.group_titles.get(group, group)} ━━"), style="bold cyan"))
        for index in indexes:
            print_finding(console, result.findings[index])
    if result.not_applicable:  # shown apart, after every scored group
        console.print()
        console.print(Text(f"━━ {NA_TITLE} ━━", style="bold dim"))
        for index in result.not_applicable:
            print_finding(console, result.findings[index])


def field(name: str, value: str) -> Text:
    return Text.assemble((f"{name}：", "bold"), safe(value))


def verdict_line(result: Result) -> Text:
    """得分：72 / 100   必备 5/7    结论：✗ 未通过（2 项必备内容未达标）"""
    bad = result.unmet.get("error", 0)
    if result.passed:
        verdict = ("✓ 通过", "bold green")
    else:
        verdict = (f"✗ 未通过（{bad} 项必备内容未达标）" if bad else "✗ 未通过", "bold red")
    return Text.assemble(
        ("得分：", "bold"),
        (f"{result.score:g} / 100", "bold"),
        "   ",
        (required_text(result), "bold"),
        "    ",
        ("结论：", "bold"),
        verdict,
    )


def print_finding(console: Console | PlainConsole, finding: Finding) -> None:
    style = _STYLE.get(finding.status, "")
    console.print(
        Text.assemble(
            (f"{STATUS_MARK[finding.status]} ", style),
            (safe(finding.title), "bold"),
            f"  [{SEVERITY_NAME.get(finding.severity, finding.severity)}] ",
            (safe(finding.rule), "dim"),
        )
    )
    status = STATUS_NAME[finding.status]
    if finding.status == "waived":
        original = STATUS_NAME.get(finding.waived_status, finding.waived_status)
        console.print(Text(safe(f"    {status}（原为{original}）：{finding.waiver}"), style=style))
        return
    if finding.status in ("pass", "n/a"):
        console.print(Text(safe(f"    {status}：{finding.detail}"), style=style))
    else:
        console.print(Text(safe(f"    {status}：{finding.message}"), style=style))
        if finding.detail:
            console.print(Text(safe(f"    情况：{finding.detail}")))
    for ev in finding.evidence:
        similarity = "" if ev.similarity >= 100 else f"（相似度 {ev.similarity:g}）"
        where = safe(ev.location or f"第 {ev.line} 行")
        console.print(Text.assemble("    证据：", (where, "cyan"), f"  {safe(ev.text)}{similarity}"))
    if finding.status not in ("pass", "n/a"):  # nothing to fix
        if finding.looked_in:
            console.print(Text(safe(f"    查找范围：{finding.looked_in}"), style="dim"))
        console.print(Text.assemble(("    建议：", "bold"), safe(finding.suggestion)))


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
            Text(safe(doc.title[:24])),
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
