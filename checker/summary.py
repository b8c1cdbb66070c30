"""What the batch keeps of each checked report once its outputs are rendered: a few hundred bytes.

A worker renders its report's piece of every requested output itself (checker.render.pieces) and
sends back only this: the figures of the batch summary (screen table, CSV, Excel, Markdown and
HTML index), the verdict for the exit code and the stderr line, and each finding's rule, status and
title (for --statistics and the waiver notices). It reads like a Result where those readers look
(`document.path`, `score`, `findings[i].rule`), so they take either.
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
    issuer: str  # checker.infer.issuer_of the document, which needs its lines


class RuleStatus(NamedTuple):
    """A finding as the summaries read it: which rule, with what status, under what title."""

    rule: str
    status: str
    title: str


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
    statuses: tuple[str, ...]  # ... its status
    titles: tuple[str, ...]  # ... and its title
    source_path: str  # the file's own name (document.path shows its undecodable bytes as \xNN)

    @classmethod
    def of(cls, result: Result, source_path: str | None = None) -> Summary:
        from checker.infer import issuer_of

        doc = result.document
        return cls(
            document=DocumentSummary(doc.path, doc.title, doc.report_type, doc.report_year, issuer_of(doc)),
            score=result.score,
            passed=result.passed,
            required_met=result.required_met,
            required_total=result.required_total,
            unmet=dict(result.unmet),
            counts=dict(result.counts),
            missing_parts=tuple(result.missing_parts),
            rules=tuple(f.rule for f in result.findings),
            statuses=tuple(f.status for f in result.findings),
            titles=tuple(f.title for f in result.findings),
            source_path=doc.path if source_path is None else source_path,
        )

    @property
    def findings(self) -> tuple[RuleStatus, ...]:
        return tuple(map(RuleStatus, self.rules, self.statuses, self.titles))

    def at_source_path(self) -> Summary:
        """The summary under the file's own name, as the waivers match it (checker.waivers)."""
        if self.source_path == self.document.path:
            return self
        from dataclasses import replace

        return replace(self, document=self.document._replace(path=self.source_path))


class Shared:
    """One copy of each rule list, title list and status seen in a batch: two thousand reports checked
    with the same packs share their rule ids and titles, which would otherwise be held once per report."""

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
            titles=one(tuple(one(title) for title in summary.titles)),  # type: ignore[arg-type]
        )
