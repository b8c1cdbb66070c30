"""Evaluate stage: Document + Sections + Pack -> Findings.

Each rule type is a module in checker/ruletypes registered by its `type:` name; a
rule reads the document through a Context and never sees other rules' state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from checker.match import Hit, ScopeText, find_term, fuzzy_candidates, fuzzy_hit
from checker.model import Document, Evidence, Finding, Pack, Rule, Section
from checker.parts import PREAMBLE, TITLE, PartMap, part_maps, parts_key
from checker.structure import innermost

_SNIPPET = 36


@dataclass(frozen=True)
class Verdict:
    """What a rule type decides; evaluate() adds the rule's own fields."""

    status: str
    evidence: tuple[Evidence, ...] = ()
    detail: str = ""
    looked_in: str = ""
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class LineHit:
    line_index: int
    hit: Hit


@dataclass
class Context:
    """Everything a rule may read about one document under one pack."""

    doc: Document
    sections: tuple[Section, ...]
    pack: Pack
    region: str = ""
    previous: Document | None = None  # last year's report of the same body (check --previous)
    # Shared by the packs run on one document: most of them classify the same parts the same way.
    parts_cache: dict[tuple, PartMap] = field(default_factory=dict)
    _scope_cache: dict[tuple, list[int]] = field(default_factory=dict)
    _text_cache: dict[int, tuple[list[int], ScopeText]] = field(default_factory=dict)

    @cached_property
    def parts(self) -> PartMap:
        key = parts_key(self.pack)
        if key not in self.parts_cache:  # a pack evaluated on its own (rule examples, diff)
            self.parts_cache.update(part_maps(self.doc, self.sections, [self.pack]))
        return self.parts_cache[key]

    @cached_property
    def variables(self) -> dict[str, str]:
        year = self.doc.report_year
        return {
            "year": str(year) if year else "",
            "next_year": str(year + 1) if year else "",
            "prev_year": str(year - 1) if year else "",
            "region": self.region or self.doc.meta.get("region", ""),
        }

    def expand(self, term: str) -> str:
        """A term with {year}, {next_year}, {prev_year}, {region} filled in."""
        if "{" not in term:
            return term
        return re.sub(r"\{(\w+)\}", lambda m: self.variables.get(m.group(1), m.group(0)), term)

    def wording(self, text: str) -> str:
        """A message with variables filled; an unknown year reads 本/下一/上一."""
        if self.doc.report_year is None:
            text = text.replace("{year}", "本").replace("{next_year}", "下一").replace("{prev_year}", "上一")
        return self.expand(text)

    def terms(self, raw: list[str] | tuple[str, ...]) -> list[str]:
        """Expanded terms, without those whose variable is unknown."""
        out = []
        for term in raw:
            value = self.expand(str(term))
            if value and "{" not in value:
                out.append(value)
        return out

    def lines_in(
        self, scope: tuple[str, ...] = (), exclude: tuple[str, ...] = (), body_only: bool = False
    ) -> list[int]:
        """Indexes of lines inside the scope parts (all when empty), outside `exclude`."""
        key = (scope, exclude, body_only)
        if key not in self._scope_cache:
            wanted, unwanted = set(scope), set(exclude) | {TITLE}
            if body_only and self.sections:
                unwanted.add(PREAMBLE)
            self._scope_cache[key] = [
                i
                for i, parts in enumerate(self.parts.line_parts)
                if (not wanted or parts & wanted) and not parts & unwanted
            ]
        return self._scope_cache[key]

    def find(self, term: str, line_indexes: list[int], threshold: float, limit: int = 3) -> list[LineHit]:
        """Hits of a term in the given lines: every exact hit first, else the best fuzzy one."""
        scope = self.scope_text(line_indexes)
        if term in scope.joined:
            exact: list[LineHit] = []
            for index, text in zip(scope.indexes, scope.texts, strict=True):
                if term in text:
                    exact.extend(LineHit(index, h) for h in find_term(text, term, 100.0))
                    if len(exact) >= limit:
                        return exact[:limit]
            if exact:
                return exact
        # No line holds the term exactly: only the fuzzy search is left, on the lines that can reach
        # the threshold (one pass in C instead of a call per line).
        best: LineHit | None = None
        for index in fuzzy_candidates(term, scope, threshold):
            hit = fuzzy_hit(self.doc.lines[index].text, term, threshold)
            if hit and (best is None or hit.similarity > best.hit.similarity):
                best = LineHit(index, hit)
        return [best] if best else []

    def scope_text(self, line_indexes: list[int]) -> ScopeText:
        """The lines of a scope as one text, built once per scope (lines_in caches the list)."""
        key = id(line_indexes)
        cached = self._text_cache.get(key)
        if cached is None or cached[0] is not line_indexes:
            texts = tuple(self.doc.lines[i].text for i in line_indexes)
            cached = (line_indexes, ScopeText(tuple(line_indexes), texts, "\n".join(texts)))
            self._text_cache[key] = cached
        return cached[1]

    def evidence(self, line_index: int, start: int, end: int, similarity: float = 100.0) -> Evidence:
        """Evidence for a span of a normalized line, shown as written in the file."""
        line = self.doc.lines[line_index]
        source = line.shown if len(line.shown) == len(line.text) else line.text
        lo = max(0, start - _SNIPPET // 3)
        hi = min(len(source), max(end, lo + _SNIPPET))
        snippet = ("…" if lo else "") + source[lo:hi] + ("…" if hi < len(source) else "")
        section = innermost(self.sections, line_index)
        column = start - max((b for b, _ in line.breaks if b <= start), default=0) + 1
        source_line = line.source_line_at(start)
        return Evidence(
            text=snippet,
            line=source_line,
            column=column,
            section=section.path if section else (),
            similarity=similarity,
            location=self.doc.location_of(source_line),
        )

    def heading_evidence(self, section: Section, similarity: float = 100.0) -> Evidence:
        line = self.doc.lines[section.line_index]
        end = min(len(line.text), len(section.mark) + len(section.heading) + 1)
        return self.evidence(section.line_index, 0, end, similarity)

    def describe(self, parts: tuple[str, ...]) -> str:
        """Chinese names of parts, for 'where it looked'."""
        names = [self.pack.parts[p].title if p in self.pack.parts else p for p in parts]
        return "、".join(f"“{n}”" for n in names)


def evaluate(
    doc: Document,
    sections: tuple[Section, ...],
    pack: Pack,
    previous: Document | None = None,
    parts_cache: dict[tuple, PartMap] | None = None,
) -> list[Finding]:
    """Findings of every rule of the pack that applies to this report type."""
    from checker.ruletypes import RULE_TYPES

    ctx = Context(doc, sections, pack, previous=previous, parts_cache={} if parts_cache is None else parts_cache)
    findings = []
    for rule in pack.rules:
        if not rule_applies(rule, doc.report_year, doc.report_type):
            continue
        verdict = RULE_TYPES[rule.type].evaluate(rule, ctx)
        if verdict is None:  # the rule type says it does not apply (reuse without a previous report)
            continue
        findings.append(finding_of(rule, verdict, ctx))
    return findings


def rule_applies(rule: Rule, year: int | None, report_type: str) -> bool:
    """Whether a rule runs on a report of this year and type."""
    return report_type in rule.applies_to and in_years(rule, year)


def in_years(rule: Rule, year: int | None) -> bool:
    """A rule limited to some report years (an outline's period) applies inside them only.

    With the report year unknown, no such rule applies: the outlines' packs would otherwise all
    apply at once (the report header says the year is unknown and how to give it).
    """
    if rule.years is None:
        return True
    return year is not None and rule.years[0] <= year <= rule.years[1]


def finding_of(rule: Rule, verdict: Verdict, ctx: Context) -> Finding:
    return Finding(
        rule=rule.id,
        title=rule.title,
        part=rule.part,
        status=verdict.status,
        severity=rule.severity,
        weight=rule.weight,
        message=ctx.wording(rule.message),
        suggestion=ctx.wording(rule.suggestion),
        evidence=verdict.evidence,
        detail=verdict.detail,
        looked_in=verdict.looked_in,
        values=verdict.values,
        rule_type=rule.type,
        basis=rule.basis,
        doc=rule_doc(rule),
    )


RULES_DOC = "docs/rules.md"  # the generated rule reference: one `## <rule id>` section per built-in rule


def doc_anchor(rule_id: str) -> str:
    """The anchor GitHub and GitLab give the heading `## <rule id>`: part.leader-duty -> partleader-duty."""
    return re.sub(r"[^\w\- ]", "", rule_id.strip().lower()).replace(" ", "-")


@lru_cache(maxsize=1)
def _builtin_dir() -> str:
    from checker.packs import PackError, builtin_dir

    try:
        return str(builtin_dir())
    except PackError:  # an incomplete install: no built-in rule is documented
        return ""


def rule_doc(rule: Rule) -> str:
    """docs/rules.md#<anchor> for a rule written in a built-in pack (the reference documents those only), else ""."""
    where = rule.source.rsplit(":", 2)[0] if rule.source.count(":") >= 2 else rule.source
    if not where or not _in_builtin_dir(where):
        return ""
    return f"{RULES_DOC}#{doc_anchor(rule.id)}"


@lru_cache(maxsize=64)
def _in_builtin_dir(where: str) -> bool:
    # Once per pack file, not per finding: resolving the path for each finding took about 1.7 ms of an 8 ms check.
    builtin = _builtin_dir()
    return bool(builtin) and str(Path(where).resolve().parent) == builtin
