"""Which sections of a report are which of the pack's parts.

Only headings make parts; a heading may serve two parts (存在问题及明年工作思路).
Reports without an umbrella heading for their measures go straight to topical
parts (一、坚持党的全面领导……): those count as the measures part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.match import best_similarity
from checker.model import Document, PartDef, Section
from checker.structure import walk

MEASURES = "measures"
PREAMBLE = "preamble"
TITLE = "title"
_YEARS = re.compile(r"(?:19|20)\d{2}\s*年度?")


@dataclass(frozen=True)
class HeadingHit:
    section: Section
    similarity: float
    alias: str
    implicit: bool = False


@dataclass(frozen=True)
class PartMap:
    """Parts per section and per line, and the headings that made each part."""

    hits: dict[str, tuple[HeadingHit, ...]]
    section_parts: dict[str, frozenset[str]]
    line_parts: tuple[frozenset[str], ...]
    top: tuple[Section, ...] = field(default_factory=tuple)


def top_sections(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """The level that holds the report's parts (below a lone title heading, if any)."""
    while len(sections) == 1 and sections[0].children:
        sections = sections[0].children
    return sections


def heading_key(heading: str) -> str:
    """A heading without years, for matching against part names."""
    return _YEARS.sub("", heading)


def classify(doc: Document, sections: tuple[Section, ...], parts: dict[str, PartDef], threshold: float) -> PartMap:
    top = top_sections(sections)
    top_ids = {s.id for s in top}
    hits: dict[str, list[HeadingHit]] = {pid: [] for pid in parts}
    own: dict[str, set[str]] = {}
    for section in walk(sections):
        for pid in parts_named_by(section, parts, threshold, top_level=section.id in top_ids):
            hits[pid].append(pid_hit(section, parts[pid], threshold))
            own.setdefault(section.id, set()).add(pid)
    # A top-level part named by no part (三、问题与展望) may hold the parts one level down.
    for section in top:
        if own.get(section.id):
            continue
        for child in section.children:
            for pid in parts_named_by(child, parts, threshold, top_level=True):
                if pid != MEASURES and not parts[pid].any_level:
                    hits[pid].append(pid_hit(child, parts[pid], threshold))
                    own.setdefault(child.id, set()).add(pid)
    drop_measures_claimed_by_others(hits, own)
    if MEASURES in parts and not hits[MEASURES]:
        hits[MEASURES] = implicit_measures(top, own, parts[MEASURES], threshold)
        for hit in hits[MEASURES]:
            own.setdefault(hit.section.id, set()).add(MEASURES)
    section_parts = inherited_parts(sections, own)
    return PartMap(
        hits={pid: tuple(h) for pid, h in hits.items()},
        section_parts=section_parts,
        line_parts=line_parts(doc, sections, section_parts),
        top=top,
    )


def parts_named_by(section: Section, parts: dict[str, PartDef], threshold: float, top_level: bool) -> list[str]:
    """The parts a heading names (a heading may name two)."""
    key = heading_key(section.heading)
    return [
        pid
        for pid, part in parts.items()
        if (top_level or part.any_level) and best_similarity(key, part.headings, threshold)[0] >= threshold
    ]


def pid_hit(section: Section, part: PartDef, threshold: float) -> HeadingHit:
    similarity, alias = best_similarity(heading_key(section.heading), part.headings, threshold)
    return HeadingHit(section, similarity, alias)


def drop_measures_claimed_by_others(hits: dict[str, list[HeadingHit]], own: dict[str, set[str]]) -> None:
    """A heading that names another part (存在问题及下一步工作) is not the measures part."""
    if MEASURES not in hits:
        return
    kept = []
    for hit in hits[MEASURES]:
        others = own.get(hit.section.id, set()) - {MEASURES}
        if others:
            own[hit.section.id].discard(MEASURES)
        else:
            kept.append(hit)
    hits[MEASURES] = kept


def implicit_measures(
    top: tuple[Section, ...], own: dict[str, set[str]], part: PartDef, threshold: float
) -> list[HeadingHit]:
    """Top-level topical sections that belong to no other part."""
    found = []
    for section in top:
        if own.get(section.id):
            continue
        similarity, alias = best_similarity(section.heading, part.topical, threshold)
        if similarity >= threshold:
            found.append(HeadingHit(section, similarity, alias, implicit=True))
    return found


def inherited_parts(sections: tuple[Section, ...], own: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Each section's parts: its own and its ancestors'."""
    out: dict[str, frozenset[str]] = {}

    def visit(children: tuple[Section, ...], inherited: frozenset[str]) -> None:
        for section in children:
            mine = inherited | frozenset(own.get(section.id, ()))
            out[section.id] = mine
            visit(section.children, mine)

    visit(sections, frozenset())
    return out


def line_parts(
    doc: Document, sections: tuple[Section, ...], section_parts: dict[str, frozenset[str]]
) -> tuple[frozenset[str], ...]:
    """The parts each line lies in; lines before the first heading are the preamble."""
    result: list[frozenset[str]] = [frozenset({PREAMBLE})] * len(doc.lines)
    if doc.starts_with_title:
        result[0] = frozenset({TITLE})
    # Pre-order: a child's range overwrites its parent's, and its parts include the parent's.
    for section in walk(sections):
        parts = section_parts.get(section.id, frozenset())
        for index in range(section.line_index, section.end_index):
            result[index] = parts
    return tuple(result)
