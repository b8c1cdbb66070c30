"""Render stage: Result -> bytes, one module per format. Renderers never evaluate."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.model import Result

# Each status's mark and Chinese name, declared once for every format.
STATUS_MARK = {"pass": "✓", "partial": "△", "fail": "✗", "n/a": "—", "waived": "○"}
STATUS_NAME = {"pass": "符合", "partial": "部分符合", "fail": "缺失", "n/a": "不适用", "waived": "已豁免"}
NA_TITLE = "不适用（无可检查的内容，不计分）"  # heading of the n/a items, shown apart
SEVERITY_NAME = {"error": "必备", "warning": "建议", "info": "提示"}
TYPE_NAME = {"government": "人民政府", "department": "政府部门", "township": "乡镇（街道）"}

# How much of each report the formats read by a person (text, Markdown, HTML) show, declared once:
# QUIET one line per report (check -q), GAPS the gaps in full and the passed and n/a items folded into a
# count (the default), ALL every item (check -v / --show-passed).
QUIET, GAPS, ALL = "quiet", "gaps", "all"
VIEWS = (QUIET, GAPS, ALL)
FOLDED = ("pass", "n/a")  # statuses folded into a count unless every item is asked for (nothing to change)


def required_text(result: Result) -> str:
    """必备 5/7: the required items met over those scored (see docs/scoring.md)."""
    return f"必备 {result.required_met}/{result.required_total}"


def unfolded(result: Result, indexes: tuple[int, ...] | list[int]) -> list[int]:
    """The findings among `indexes` shown when the rest is folded: the gaps and the waived items
    (a waiver hides a gap: a reviewer must see it and its reason)."""
    return [i for i in indexes if result.findings[i].status not in FOLDED]


def passed_count(result: Result, indexes: tuple[int, ...] | list[int]) -> int:
    return sum(result.findings[i].status == "pass" for i in indexes)


def folded_text(passed: int, shown: int) -> str:
    """A group's passed items folded into one line: 另有 12 项符合, or 5 项全部符合 when nothing else is shown."""
    return f"另有 {passed} 项符合" if shown else f"{passed} 项全部符合"


def verdict_text(result: Result) -> str:
    """✓ 通过, or ✗ 未通过（2 项必备内容未达标）."""
    if result.passed:
        return f"{STATUS_MARK['pass']} 通过"
    bad = result.unmet.get("error", 0)
    return f"{STATUS_MARK['fail']} 未通过（{bad} 项必备内容未达标）" if bad else f"{STATUS_MARK['fail']} 未通过"


@dataclass(frozen=True)
class Format:
    """An output format: what `--format NAME` writes, and how.

    Its module is imported only when the format is asked for (so `--format json` never imports rich
    or openpyxl); the module has render(results, errors) -> bytes, the whole output as a file holds it.
    """

    name: str
    extension: str  # the file --output-dir writes: fzcheck.<extension>
    description: str  # in Chinese, after the name in --help and the README's --format row ("" for none)
    module: str
    streams: bool = False  # render_chunks(results, errors) yields the bytes report by report, never held whole
    binary: bool = False  # not text: written only to a file, never to the screen
    needs_text: bool = False  # shows the report's text itself, not only the evidence of findings
    raw_names: bool = False  # encodes a file name's undecodable bytes itself (the others get \xNN escapes)
    console: bool = False  # on the screen, render_text(results, errors, stream, color, view) writes it (color, width)
    views: bool = False  # render takes view= (one of VIEWS): how much of each report it shows (check -q / -v)

    def function(self, name: str) -> Callable[..., Any]:
        import importlib

        return getattr(importlib.import_module(self.module), name)

    def render(self, results: list[Result], errors: list[tuple[str, str]], view: str = GAPS) -> bytes:
        """The whole output; `view` is passed on to a format whose reports fold (the others show one thing)."""
        if self.views:
            return self.function("render")(results, errors, view=view)
        return self.function("render")(results, errors)

    def chunks(self, results: list[Result], errors: list[tuple[str, str]], view: str = GAPS) -> Iterator[bytes]:
        """The output piece by piece: report by report when the format streams, else whole."""
        if self.streams:
            return self.function("render_chunks")(results, errors)
        return iter([self.render(results, errors, view)])


# Every output format, in the order --help and the README list them. The one list: the CLI's --format
# choices, --output-dir's file names and the README's --format row (checked by a test) come from it.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", "txt", "默认", "checker.render.text", console=True, views=True),
        Format("json", "json", "", "checker.render.json", streams=True),
        Format("junit", "xml", "", "checker.render.junit"),
        Format("sarif", "sarif", "", "checker.render.sarif", raw_names=True),
        Format("github", "github.txt", "GitHub 工作流注释", "checker.render.github"),
        Format("markdown", "md", "PR 评论", "checker.render.markdown", views=True),
        Format("html", "html", "可离线打开、可打印的报告", "checker.render.html", needs_text=True, views=True),
        Format("csv", "csv", "", "checker.render.csv"),
        Format("xlsx", "xlsx", "批量汇总", "checker.render.xlsx", binary=True),
    )
}


def format_list(quote: str = "") -> str:
    """The formats as --help and the README list them: text（默认）、json、… (quote: "`" for Markdown)."""
    named = [f"{quote}{f.name}{quote}" + (f"（{f.description}）" if f.description else "") for f in FORMATS.values()]
    return "、".join(named)


def format_and_path(spec: str) -> tuple[str, str | None]:
    """`--format json:结果.json` -> ("json", "结果.json"); `--format json` -> ("json", None).

    Split at the first colon: no format name has one, while a Windows path does (sarif:C:\\out.sarif).
    """
    name, colon, path = spec.partition(":")
    return name, path if colon else None


def type_list() -> str:
    """The report types as --help lists them: government 人民政府、department 政府部门、…"""
    return "、".join(f"{name} {title}" for name, title in TYPE_NAME.items())


def renderer(fmt: str) -> Callable[[list[Result], list[tuple[str, str]]], bytes]:
    """The render function of a format, imported only when that format is asked for."""
    from checker.errors import FzcheckError

    if fmt not in FORMATS:
        raise FzcheckError(f"不支持的输出格式：{fmt}")
    return FORMATS[fmt].function("render")
