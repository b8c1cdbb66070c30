"""What the format tests share: the examples they render, and how they read a result."""

from __future__ import annotations

from dataclasses import replace

from checker.model import Result
from checker.render import renderer
from checker.score import tallies

EXAMPLES = ("examples/gaps-2023.txt", "examples/complete-2024.txt")
ERRORS = [("missing/无此文件.txt", "文件不存在")]


def render(fmt: str, results: list[Result], errors=None, view: str | None = None) -> bytes:
    """A format's output; `view` (checker.render.VIEWS) only for a format whose reports fold."""
    options = {} if view is None else {"view": view}
    return renderer(fmt)(results, ERRORS if errors is None else errors, **options)


def gaps(result: Result) -> list:
    """Findings that ask for a change: neither passed nor n/a (nothing to check)."""
    return [f for f in result.findings if f.status not in ("pass", "n/a")]


def not_applicable(result: Result) -> list:
    return [f for f in result.findings if f.status == "n/a"]


def with_findings(result: Result, findings: tuple, **changes) -> Result:
    """The result holding other findings, its counts and groups recomputed as the score stage does."""
    return replace(result, findings=findings, **tallies(findings, result.part_titles, result.rule_groups), **changes)


def core(snippet: str) -> str:
    """An evidence snippet without the … that mark where it was cut."""
    return snippet.strip().removeprefix("…").removesuffix("…")
