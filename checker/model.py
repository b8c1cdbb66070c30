"""Frozen data objects passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.settings import DEFAULT_THRESHOLD

PASS = "pass"
PARTIAL = "partial"
FAIL = "fail"
WAIVED = "waived"
# Not applicable: the rule had nothing to check (no figures to cross-check, no dated term, no
# publication date in a draft). Shown apart and left out of the score, like a waived item.
NA = "n/a"
STATUSES = (PASS, PARTIAL, FAIL)  # what a rule's check concludes; status_scores may weight these
ALL_STATUSES = (PASS, PARTIAL, FAIL, NA, WAIVED)  # every status a finding may carry, in display order
UNMET = (PARTIAL, FAIL)  # statuses that are gaps

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

GOVERNMENT = "government"
DEPARTMENT = "department"
TOWNSHIP = "township"
REPORT_TYPES = (GOVERNMENT, DEPARTMENT, TOWNSHIP)


@dataclass(frozen=True)
class Block:
    """One unit of a structured source (a .docx paragraph or table row, a PDF line, an HTML block).

    Its text is one line of RawDocument.text; `location` says where a person finds it
    ("第 12 段", "第 3 页第 14 行"); `heading_level` comes from a heading style or outline
    level; `ref` is the loader's own index (e.g. the paragraph to annotate).
    """

    text: str
    location: str = ""
    heading_level: int | None = None
    ref: int = -1


@dataclass(frozen=True)
class RawDocument:
    """What a loader read: text exactly as in the file, plus how it was read.

    Plain text has no blocks: its lines are the file's lines. Structured formats give
    one Block per line of `text`.
    """

    path: str
    text: str
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)
    blocks: tuple[Block, ...] = ()
    kind: str = "text"  # text, docx, pdf, html


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
    blocks: tuple[Block, ...] = ()  # of the source, indexed by source line - 1
    kind: str = "text"

    def location_of(self, source_line: int) -> str:
        """Where a person finds a source line: a paragraph, a page and line, or the line."""
        if 0 < source_line <= len(self.blocks) and self.blocks[source_line - 1].location:
            return self.blocks[source_line - 1].location
        return f"第 {source_line} 行"

    def heading_level_of(self, source_line: int) -> int | None:
        if 0 < source_line <= len(self.blocks):
            return self.blocks[source_line - 1].heading_level
        return None

    @property
    def starts_with_title(self) -> bool:
        """True when the first line is the title (it is then no part of the body)."""
        return bool(self.title and self.lines and self.lines[0].text.strip("#* ") == self.title)


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
    line: int  # 1-based line of the source text (for .txt: of the file)
    column: int = 1
    section: tuple[str, ...] = ()
    similarity: float = 100.0
    location: str = ""  # where a person finds it: 第 N 行 / 第 N 段 / 第 P 页第 N 行


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
    rule_type: str = ""  # the rule's type (part, keywords, figure, ...)
    waiver: str = ""  # the reason, when the status is waived
    waived_status: str = ""  # what the status was before the waiver
    basis: str = ""  # the rule's basis (依据): the document or article that asks for it
    # The rule's reference section, relative to the project: "docs/rules.md#partleader-duty" for a rule of
    # a built-in pack, "" for one only a user's pack defines. Not in the JSON output.
    doc: str = ""


@dataclass(frozen=True)
class Result:
    """A checked report: its findings, and every figure renderers show, computed once by checker.score."""

    document: Document
    findings: tuple[Finding, ...]
    score: float
    passed: bool
    packs: tuple[str, ...]
    sections: tuple[Section, ...] = ()
    part_scores: dict[str, float] = field(default_factory=dict)  # groups with something scored only
    part_titles: dict[str, str] = field(default_factory=dict)  # the packs' parts, id -> title, in their order
    counts: dict[str, int] = field(default_factory=dict)  # findings per status, every status of ALL_STATUSES
    required_met: int = 0  # required (error) findings that pass ...
    required_total: int = 0  # ... of those neither n/a nor waived
    unmet: dict[str, int] = field(default_factory=dict)  # severity -> findings partial or fail
    # Applicable findings (not n/a) by group, groups in display order: (group, indexes into findings).
    groups: tuple[tuple[str, tuple[int, ...]], ...] = ()
    group_titles: dict[str, str] = field(default_factory=dict)  # group -> its heading, for every group of `groups`
    rule_groups: dict[str, str] = field(default_factory=dict)  # the packs' groups (no parts), id -> title, in order
    not_applicable: tuple[int, ...] = ()  # indexes of the n/a findings, shown apart
    missing_parts: tuple[str, ...] = ()  # titles of the report parts (non-info part rules) that fail


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
    source: str = ""  # file:line:column of the rule in its pack
    examples: tuple[RuleExample, ...] = ()
    years: tuple[int, int] | None = None  # report years the rule applies to (inclusive)
    # The type's settings checked and typed when the pack loaded (checker.ruletypes.registry.Settings):
    # what `evaluate` reads; `params` keeps the YAML as written.
    settings: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RuleExample:
    """A text a rule must pass (`expect` = "pass") or must not pass ("fail"), run by `fzcheck rules test`."""

    expect: str
    text: str
    year: int | None = None
    report_type: str | None = None
    status: str | None = None  # for a fail example, optionally the exact status (partial / fail)
    previous: str | None = None  # last year's report, for a rule that compares with it (type reuse)


@dataclass(frozen=True)
class Pack:
    id: str
    version: str
    title: str
    path: str
    rules: tuple[Rule, ...]
    parts: dict[str, PartDef] = field(default_factory=dict)
    status_scores: dict[str, float] = field(default_factory=dict)
    fuzzy_threshold: float = float(DEFAULT_THRESHOLD)
    applies_to: tuple[str, ...] = REPORT_TYPES
    basis: str = ""
    extends: tuple[str, ...] = ()
    raw_rules: tuple[dict[str, Any], ...] = ()  # merged YAML of each rule, for packs that extend this one
    years: tuple[int, int] | None = None  # report years the pack is for (its rules' default)
    # heading similarity for its parts: that of the pack defining them
    parts_threshold: float = float(DEFAULT_THRESHOLD)
    note: str = ""  # what a user should know about the pack (shown by `rules list`)
    groups: dict[str, GroupDef] = field(default_factory=dict)  # rule groups that are no part: id -> title, order


@dataclass(frozen=True)
class Concept:
    """A combination of ideas: a text holds it when it has a word of each group and none of `unless`.

    Real headings combine a few ideas in endless wordings (党政主要负责人 + 履行/带头 + 法治), so a
    part is recognised by its concepts rather than by a list of whole headings.
    """

    groups: tuple[tuple[str, ...], ...]
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupDef:
    """A group of findings shown together that is no part of the report: rules without a `part`, by their id's
    prefix (freshness.x -> freshness), with the group's title and its rank after the parts."""

    id: str
    title: str
    order: int | None = None  # smaller first; groups without one follow those with one


@dataclass(frozen=True)
class PartDef:
    """A part of the report: the concepts and headings that name it, and topical headings that imply it."""

    id: str
    title: str
    headings: tuple[str, ...] = ()
    topical: tuple[str, ...] = ()
    any_level: bool = False
    concepts: tuple[Concept, ...] = ()
