"""Parts stage: which sections of a report are which of the pack's parts.

A heading is a part when it carries one of the part's concepts (a word of each group:
党政主要负责人 + 履行 + 法治) or one of its headings, compared without years, marks and
filler. Only headings make parts; a heading may serve two parts (存在问题及明年工作思路).
A numbered heading (一、, 第一部分, 1.) is never a title wrapper: only an unnumbered title
line is. When no heading names the measures part, the top-level sections that no other part
claims and that come before the shortcomings or the plan are the measures part (reports that
open with the year's work under topical or slogan headings).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from checker.match import best_similarity
from checker.model import Concept, Document, Pack, PartDef, Section
from checker.structure import MAX_LEAD, heading_mark, walk

MEASURES = "measures"
PREAMBLE = "preamble"
TITLE = "title"
_YEARS = re.compile(r"(?:19|20)\d{2}\s*年度?|[上本今]年度|年度")
# Words that carry no meaning for naming a part: 推进法治政府建设的主要举措 = 主要举措.
_FILLER = re.compile(r"推进|工作|相关|有关|的")
_CONNECTORS = re.compile(r"以及|及|与|、|并|暨")
_MARKS = re.compile(r"[\s\"'“”‘’「」『』《》〈〉<>()（）\[\]【】·•*#.,，。:：;；!?！？—\-_~]+")
# A run-in heading (一、2015年主要工作情况：一年来……) names its part before its colon.
_LEAD = re.compile(r"[:：]")
_CLAUSES = re.compile(r"[,，;；]")
_CITED = re.compile(r"《[^》]*(?:》|$)")
_CUT_LEAD = 30  # the opening words of a lead sentence that ran into its body


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
    # What the rules of every pack sharing this map read of the document, worked out once for all of
    # them (Context.lines_in, scope_text, pieces): a scope's lines, their joined text, a line's sentences.
    reads: dict[tuple, Any] = field(default_factory=dict, compare=False, repr=False)


def is_title_wrapper(section: Section) -> bool:
    """An unnumbered heading (a styled or Markdown title line) that may wrap the report's parts."""
    if section.mark_kind.startswith(("md", "style")):
        return heading_mark(section.heading) is None
    return False


def top_sections(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """The level that holds the report's parts (below a lone unnumbered title heading, if any)."""
    while len(sections) == 1 and sections[0].children and is_title_wrapper(sections[0]):
        sections = sections[0].children
    return sections


@lru_cache(maxsize=4096)
def named_text(heading: str) -> str:
    """The words of a heading that may name a part: before a run-in colon, without quotes or spaces.

    A document's title cited in a heading (《党政主要负责人履行……规定》) names no part; a lead sentence
    cut at MAX_LEAD ran into its body with no punctuation (a scrape that lost it), so only its
    opening words can be the heading.
    """
    mark = heading_mark(heading)
    if mark is not None and not mark.kind.startswith("md"):
        heading = heading[len(mark.mark) :].lstrip()
    if len(heading) >= MAX_LEAD:
        heading = heading[:_CUT_LEAD]
    lead = _LEAD.split(heading, maxsplit=1)[0] if _LEAD.search(heading[1:]) else heading
    lead = _CITED.sub("", lead or heading)
    return re.sub(r"[\s\"'“”‘’「」『』]+", "", lead)


@lru_cache(maxsize=4096)
def heading_key(heading: str) -> str:
    """A heading as compared with a part's headings: no years, filler, marks; 和/及/与/、 alike."""
    text = _YEARS.sub("", named_text(heading))
    text = _FILLER.sub("", text)
    text = _CONNECTORS.sub("和", text)
    return _MARKS.sub("", text)


def year_words(year: int | None) -> dict[str, str]:
    """Values of the variables a concept word may hold ({next_year}年)."""
    if year is None:
        return {}
    return {"year": str(year), "next_year": str(year + 1), "prev_year": str(year - 1)}


def expanded(word: str, variables: dict[str, str]) -> str | None:
    """A concept word with its variables filled; None when one is unknown."""
    if "{" not in word:
        return word
    out = re.sub(r"\{(\w+)\}", lambda m: variables.get(m.group(1), m.group(0)), word)
    return None if "{" in out else out


@lru_cache(maxsize=512)
def concept_for_year(concept: Concept, year: int | None) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """A concept's groups and unless words with the year's variables filled (words with unknown ones dropped)."""
    variables = year_words(year)

    def words(raw: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(w for w in (expanded(r, variables) for r in raw) if w)

    return tuple(words(g) for g in concept.groups), words(concept.unless)


def concept_words(text: str, concept: Concept, year: int | None) -> tuple[str, ...] | None:
    """The word of each group a text holds, or None when a group has none or an `unless` word is there."""
    groups, unless = concept_for_year(concept, year)
    if any(word in text for word in unless):
        return None
    found = []
    for group in groups:
        word = next((w for w in group if w in text), None)
        if word is None:
            return None
        found.append(word)
    return tuple(found)


def naming_words(text: str, concepts: tuple[Concept, ...], year: int | None) -> tuple[str, ...] | None:
    """The words of the first concept a text holds."""
    # Most headings hold none of a part's concepts: one regular expression turns them down.
    if concepts and not naming_test(concepts, year).match(text):
        return None
    for concept in concepts:
        words = concept_words(text, concept, year)
        if words is not None:
            return words
    return None


def naming_test(concepts: tuple[Concept, ...], year: int | None) -> re.Pattern[str]:
    """A regular expression matching (at the start) the texts that hold any of the concepts in a year.

    Kept per tuple of concepts, found by identity (as parts_key does): hashing the concepts for every
    heading cost more than the test saves.
    """
    known = _NAMING_TESTS.get((id(concepts), year))
    if known is None or known[0] is not concepts:
        if len(_NAMING_TESTS) > 4096:  # packs read by a long-running process (the web app) come and go
            _NAMING_TESTS.clear()
        tests = "|".join(concept_test(*concept_for_year(concept, year)) for concept in concepts)
        known = _NAMING_TESTS[(id(concepts), year)] = (concepts, re.compile(f"(?s)(?:{tests})"))
    return known[1]


def concept_test(groups: tuple[tuple[str, ...], ...], unless: tuple[str, ...]) -> str:
    """Lookaheads that hold when a text has a word of each group and none of `unless` (concept_words)."""

    def alternation(words: tuple[str, ...]) -> str:
        return "|".join(map(re.escape, words))

    none_of = f"(?!.*(?:{alternation(unless)}))" if unless else ""
    return none_of + "".join(f"(?=.*(?:{alternation(group)}))" if group else "(?!)" for group in groups)


_NAMING_TESTS: dict[tuple[int, int | None], tuple[tuple[Concept, ...], re.Pattern[str]]] = {}


def heading_hit(
    section: Section, part: PartDef, threshold: float, year: int | None, implicit: bool = False
) -> HeadingHit | None:
    """How a heading names a part: by a concept, or by one of the part's headings (exact, then fuzzy)."""
    words = naming_words(named_text(section.heading), part.concepts, year)
    if words is not None:
        return HeadingHit(section, 100.0, "+".join(dict.fromkeys(words)), implicit)
    if not part.headings:
        return None
    similarity, alias = best_similarity(heading_key(section.heading), alias_keys(part.headings), threshold)
    if similarity >= threshold:
        return HeadingHit(section, similarity, alias, implicit)
    return None


@lru_cache(maxsize=256)
def alias_keys(headings: tuple[str, ...]) -> tuple[str, ...]:
    """A part's headings compared the way report headings are (heading_key)."""
    return tuple(dict.fromkeys(k for k in (heading_key(h) for h in headings) if k))


def classify(doc: Document, sections: tuple[Section, ...], parts: dict[str, PartDef], threshold: float) -> PartMap:
    top = top_sections(sections)
    top_ids = {s.id for s in top}
    year = doc.report_year
    hits: dict[str, list[HeadingHit]] = {pid: [] for pid in parts}
    own: dict[str, set[str]] = {}

    def claim(pid: str, hit: HeadingHit) -> None:
        hits[pid].append(hit)
        own.setdefault(hit.section.id, set()).add(pid)

    for section in walk(sections):
        for pid, part in parts.items():
            if section.id in top_ids or part.any_level:
                hit = heading_hit(section, part, threshold, year)
                if hit is not None:
                    claim(pid, hit)
    drop_measures_claimed_by_others(hits, own)
    for section in wrappers_of_parts(top, own, parts, threshold, year):
        for child in section.children:
            for pid, part in parts.items():
                if pid != MEASURES and not part.any_level and (hit := heading_hit(child, part, threshold, year)):
                    claim(pid, hit)
    if MEASURES in parts and not hits[MEASURES]:
        for hit in implicit_measures(top, own, parts, threshold, year):
            claim(MEASURES, hit)
    section_parts = inherited_parts(sections, own)
    return PartMap(
        hits={pid: tuple(sorted(h, key=hit_rank)) for pid, h in hits.items()},
        section_parts=section_parts,
        line_parts=line_parts(doc, sections, section_parts),
        top=top,
    )


def parts_key(pack: Pack) -> tuple:
    """What a pack's part map depends on: its part definitions and their heading threshold.

    Packs with equal definitions get the same key. The key is a small token, worked out once per
    pack: hashing and comparing the definitions themselves for every pack of every report took
    about 4 % of a batch.
    """
    known = _PACK_KEYS.get(id(pack))
    if known is None or known[0] is not pack:
        if len(_PACK_KEYS) > 512:  # packs read by a long-running process (the web app) come and go
            _PACK_KEYS.clear()
            _TOKENS.clear()  # tokens are never reused (_NEXT_TOKEN), so none can name other definitions
        definitions = (tuple(pack.parts.items()), pack.parts_threshold)
        token = _TOKENS.setdefault(definitions, next(_NEXT_TOKEN))
        known = _PACK_KEYS[id(pack)] = (pack, ("parts", token))
    return known[1]


_PACK_KEYS: dict[int, tuple[Pack, tuple]] = {}  # id(pack) -> (the pack, its key)
_TOKENS: dict[tuple, int] = {}  # part definitions -> their token
_NEXT_TOKEN = itertools.count()


def part_maps(doc: Document, sections: tuple[Section, ...], packs: list[Pack]) -> dict[tuple, PartMap]:
    """The parts stage: one PartMap per distinct set of part definitions among the packs run on a report."""
    maps: dict[tuple, PartMap] = {}
    for pack in packs:
        key = parts_key(pack)
        if key not in maps:
            maps[key] = classify(doc, sections, pack.parts, pack.parts_threshold)
    return maps


def hit_rank(hit: HeadingHit) -> tuple[bool, int, float, int]:
    """The heading that best makes a part comes first: a named one, at the top, exact, earliest."""
    return (hit.implicit, hit.section.level, -hit.similarity, hit.section.line_index)


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


def wrappers_of_parts(
    top: tuple[Section, ...], own: dict[str, set[str]], parts: dict[str, PartDef], threshold: float, year: int | None
) -> list[Section]:
    """Top-level sections named by no part whose sub-headings hold the later parts (三、几点思考 → （一）存在问题).

    Never the first top-level section: that one holds the year's work, whose sub-items (短板问题回头看)
    are not the report's parts.
    """
    out = []
    for section in top[1:]:
        if own.get(section.id):
            continue
        later = [p for pid, p in parts.items() if pid != MEASURES and not p.any_level]
        if any(heading_hit(child, p, threshold, year) for child in section.children for p in later):
            out.append(section)
    return out


def implicit_measures(
    top: tuple[Section, ...],
    own: dict[str, set[str]],
    parts: dict[str, PartDef],
    threshold: float,
    year: int | None,
) -> list[HeadingHit]:
    """The year's work under headings that do not name it: top-level sections before the later parts.

    A section no part claims is the measures part; one that only a part found at any level claims
    (the leader duty) is too when a clause of its heading is a topical area (一、坚持党的领导，切实
    履行第一责任人职责 serves both). A heading with nothing under it holds no work.
    """
    part = parts[MEASURES]
    found = []
    for section in top:
        claimed = own.get(section.id, set())
        if claimed - {p for p in claimed if parts[p].any_level}:
            break  # the shortcomings, the plan or another part begins
        if section.end_index - section.line_index < 2 and not section.children and not section.inline:
            continue
        if not claimed:
            found.append(HeadingHit(section, 100.0, "", implicit=True))
            continue
        for clause in _CLAUSES.split(named_text(section.heading)):
            part_of = clause_section(section, clause)
            if any(heading_hit(part_of, parts[p], threshold, year) for p in claimed):
                continue
            similarity, alias = best_similarity(clause, part.topical, threshold) if part.topical else (0.0, "")
            if similarity >= threshold:
                found.append(HeadingHit(section, similarity, alias, implicit=True))
                break
    return found


def clause_section(section: Section, clause: str) -> Section:
    """A section standing for one clause of its heading (to ask which parts the clause names)."""
    return replace(section, heading=clause)


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
