"""Frozen data objects passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PASS = "pass"
PARTIAL = "partial"
FAIL = "fail"
WAIVED = "waived"
STATUSES = (PASS, PARTIAL, FAIL)

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

GOVERNMENT = "government"
DEPARTMENT = "department"
TOWNSHIP = "township"
REPORT_TYPES = (GOVERNMENT, DEPARTMENT, TOWNSHIP)


@dataclass(frozen=True)
class RawDocument:
    """What a loader read: text exactly as in the file, plus how it was read."""

    path: str
    text: str
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Line:
    """One logical line of the normalized text.

    `text` is used for matching (NFKC, simplified characters); `shown` is the
    same line as written in the file. `source_line` is 1-based in the file.
    """

    text: str
    shown: str
    source_line: int
    start: int  # offset of this line in Document.text
    # (offset in `text`, file line) for each file line this line was joined from
    breaks: tuple[tuple[int, int], ...] = ()

    def source_line_at(self, offset: int) -> int:
        """The file line holding an offset of this line's text."""
        line = self.source_line
        for start, number in self.breaks:
            if start <= offset:
                line = number
        return line


@dataclass(frozen=True)
class Document:
    path: str
    text: str  # normalized lines joined by "\n"
    lines: tuple[Line, ...]
    encoding: str
    title: str
    report_year: int | None
    report_type: str
    meta: dict[str, str] = field(default_factory=dict)
    traditional: bool = False

    @property
    def starts_with_title(self) -> bool:
        """True when the first line is the title (it is then no part of the body)."""
        return bool(self.title and self.lines and self.lines[0].text.strip("#* ") == self.title)

    def line_at(self, offset: int) -> Line:
        """The line holding a normalized offset."""
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.lines[lo]


@dataclass(frozen=True)
class Section:
    """A heading and the lines it governs (its own body and its children)."""

    id: str
    heading: str
    mark: str
    mark_kind: str
    level: int
    line_index: int  # index in Document.lines of the heading line
    end_index: int  # exclusive: first line index after this section
    inline: bool  # a lead sentence heading its own paragraph
    children: tuple[Section, ...] = ()
    parent_path: tuple[str, ...] = ()

    @property
    def path(self) -> tuple[str, ...]:
        return (*self.parent_path, self.heading)


@dataclass(frozen=True)
class Evidence:
    text: str
    line: int
    column: int = 1
    section: tuple[str, ...] = ()
    similarity: float = 100.0


@dataclass(frozen=True)
class Finding:
    rule: str
    title: str
    part: str
    status: str
    severity: str
    weight: float
    message: str
    suggestion: str
    evidence: tuple[Evidence, ...] = ()
    detail: str = ""  # why this status, in Chinese
    looked_in: str = ""  # where a gap was looked for
    values: tuple[str, ...] = ()  # figures a rule captured


@dataclass(frozen=True)
class Result:
    document: Document
    findings: tuple[Finding, ...]
    score: float
    passed: bool
    packs: tuple[str, ...]
    sections: tuple[Section, ...] = ()
    part_scores: dict[str, float] = field(default_factory=dict)
    part_titles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    title: str
    part: str
    severity: str
    weight: float
    basis: str
    message: str
    suggestion: str
    params: dict[str, Any] = field(default_factory=dict)
    applies_to: tuple[str, ...] = REPORT_TYPES
    source: str = ""


@dataclass(frozen=True)
class Pack:
    id: str
    version: str
    title: str
    path: str
    rules: tuple[Rule, ...]
    parts: dict[str, PartDef] = field(default_factory=dict)
    status_scores: dict[str, float] = field(default_factory=dict)
    fuzzy_threshold: float = 85.0


@dataclass(frozen=True)
class PartDef:
    """A part of the report: the headings that name it and topical headings that imply it."""

    id: str
    title: str
    headings: tuple[str, ...]
    topical: tuple[str, ...] = ()
    any_level: bool = False
