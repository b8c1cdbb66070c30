"""What the batch keeps of each checked report once its outputs are rendered: a few hundred bytes.

A worker renders its report's piece of every requested output itself (checker.render.pieces) and
sends back only this: the figures of the batch summary (screen table, CSV, Excel, Markdown and
HTML index), the verdict for the exit code, and each rule's status. It reads like a Result where
the summary renderers look (`document.path`, `score`, `findings[i].rule`), so they take either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from checker.model import Result


class DocumentSummary(NamedTuple):
    path: str
    title: str
    report_type: str
    report_year: int | None


class RuleStatus(NamedTuple):
    """A finding as the summaries read it: which rule, with what status."""

    rule: str
    status: str


@dataclass(frozen=True)
class Summary:
    document: DocumentSummary
    score: float
    passed: bool
    required_met: int
    required_total: int
    unmet: Mapping[str, int]
    counts: Mapping[str, int]
    missing_parts: tuple[str, ...]
    rules: tuple[str, ...]  # every finding's rule, in the result's order
    statuses: tuple[str, ...]  # ... and its status

    @classmethod
    def of(cls, result: Result) -> Summary:
        doc = result.document
        return cls(
            document=DocumentSummary(doc.path, doc.title, doc.report_type, doc.report_year),
            score=result.score,
            passed=result.passed,
            required_met=result.required_met,
            required_total=result.required_total,
            unmet=dict(result.unmet),
            counts=dict(result.counts),
            missing_parts=tuple(result.missing_parts),
            rules=tuple(f.rule for f in result.findings),
            statuses=tuple(f.status for f in result.findings),
        )

    @property
    def findings(self) -> tuple[RuleStatus, ...]:
        return tuple(RuleStatus(rule, status) for rule, status in zip(self.rules, self.statuses, strict=True))


class Shared:
    """One copy of each rule list and status seen in a batch: two thousand reports checked with the
    same packs share their rule ids, which would otherwise be held once per report."""

    def __init__(self) -> None:
        self._seen: dict[object, object] = {}

    def one(self, value: object) -> object:
        return self._seen.setdefault(value, value)

    def summary(self, summary: Summary) -> Summary:
        from dataclasses import replace

        one = self.one
        return replace(
            summary,
            rules=one(tuple(one(rule) for rule in summary.rules)),  # type: ignore[arg-type]
            statuses=tuple(one(status) for status in summary.statuses),  # type: ignore[misc]
        )
