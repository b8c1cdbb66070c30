"""Right for the right reason: what a part verdict cites must be what makes it that verdict.

- A part that passes cites, first, a heading that names it at the level the part is looked for:
  a top-level heading for parts named only at the top (not a sub-item), and for a part that may
  be named at any level a top-level heading whenever the report has one that names it.
- A partial never cites a heading that is that part (it would then be a pass).
"""

from __future__ import annotations

from checker.model import PARTIAL, PASS, Evidence, Result, Section
from checker.packs import load_pack, resolve_pack
from checker.parts import heading_hit, top_sections
from checker.structure import walk


def cited_section(result: Result, evidence: Evidence) -> Section | None:
    """The section whose heading a piece of evidence quotes from its start, if any.

    Several headings may share a file line (a scrape that lost its line breaks): the one whose
    normalized line the evidence opens with is the one cited.
    """
    doc = result.document
    quoted = evidence.text.rstrip("…")
    if evidence.text.startswith("…") or not quoted:
        return None
    for section in walk(result.sections):
        line = doc.lines[section.line_index]
        if line.source_line_at(0) != evidence.line:
            continue
        if any(text.startswith(quoted) or quoted.startswith(text) for text in (line.text, line.shown)):
            return section
    return None


def right_reason_problems(result: Result, threshold: float = 85.0) -> list[str]:
    """Every part verdict whose evidence is not the reason for it, described for an assertion message."""
    parts = load_pack(resolve_pack("national")).parts
    year = result.document.report_year
    top_ids = {s.id for s in top_sections(result.sections)}
    problems = []
    for finding in result.findings:
        if finding.rule_type != "part" or finding.part not in parts:
            continue
        part = parts[finding.part]
        naming = [
            s
            for s in walk(result.sections)
            if (s.id in top_ids or part.any_level) and heading_hit(s, part, threshold, year)
        ]
        cited = [cited_section(result, e) for e in finding.evidence]
        if finding.status == PASS:
            first = cited[0] if cited else None
            if first is None:
                problems.append(f"{finding.rule}: passes without citing a heading")
            elif first.id not in top_ids and not part.any_level:
                problems.append(f"{finding.rule}: passes on a sub-item 「{first.heading}」")
            elif part.any_level and first.id not in top_ids and any(s.id in top_ids for s in naming):
                problems.append(f"{finding.rule}: cites the sub-item 「{first.heading}」 before a top-level heading")
        elif finding.status == PARTIAL:
            own = {s.id for s in naming}
            for section in cited:
                if section is not None and section.id in own:
                    problems.append(f"{finding.rule}: partial while citing its own heading 「{section.heading}」")
    return problems
