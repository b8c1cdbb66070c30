"""Year-over-year comparison of two reports of the same body (套路化: text carried over from last year).

The comparison only: its callers name the parts to compare (`fzcheck diff` those of the base pack for the
report's type, the reuse rule those of its pack), `fzcheck diff` renders it with checker.render.diff.

For this year's 存在的不足 and 下一年度 parts, every sentence (split at 。！？； and line ends) is
compared with every sentence of last year's same part (rapidfuzz `fuzz.ratio` on a key without
years, digits, punctuation and list markers such as 一是/（一）); the best match at or above the
similarity threshold makes the sentence "repeated". A part's share is its repeated characters over
all its characters. Figures (a number with 件/次/%/人/项) that appear after the same words with the
same value in both reports' measures parts are "unchanged".

No study quantifies how much overlap is too much (domain research §7.1 G11, §2.7): the 80 similarity
and 50 % share defaults are a heuristic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from checker.model import Document, PartDef, Section
from checker.parts import MEASURES, PREAMBLE, TITLE, PartMap, classify

SIMILARITY = 80.0
SHORTCOMINGS, NEXT_YEAR = "shortcomings", "next-year"
COMPARED_PARTS = (SHORTCOMINGS, NEXT_YEAR)
_SENTENCE = re.compile(r"[^。!?;！？；\n]+[。!?;！？；]*")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_MARKER = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十]+[)）、.]|\d+[.、)）]|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,]?)"
)
_NOT_KEY = re.compile(r"[\W\d_]+")
_MIN_KEY = 4  # shorter sentences (一是、) are not compared
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(件次|人次|件|次|%|人|项)")
_CLAUSE_END = re.compile(r"[\s\d.,，。、;；:：!！?？()（）\"'“”‘’《》【】\[\]%]")
_FIGURE_WORDS = 10  # characters before a figure that name it
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Sentence:
    text: str  # the sentence as written in the file (the normalized text when lines were joined)
    key: str  # what is compared
    line_index: int  # index in Document.lines
    start: int  # offsets in that line's text
    end: int
    line: int  # 1-based source line
    location: str  # 第 N 行 / 第 N 段 …

    @property
    def chars(self) -> int:
        return sum(1 for c in self.text if not c.isspace())


@dataclass(frozen=True)
class Repeat:
    sentence: Sentence
    previous: Sentence
    similarity: float


@dataclass(frozen=True)
class PartReuse:
    part: str
    title: str
    found: bool  # this year's report has the part
    found_previous: bool  # last year's has it
    sentences: tuple[Sentence, ...]
    repeats: tuple[Repeat, ...]

    @property
    def compared(self) -> bool:
        return self.found and self.found_previous and bool(self.sentences)

    @property
    def chars(self) -> int:
        return sum(s.chars for s in self.sentences)

    @property
    def repeated_chars(self) -> int:
        return sum(r.sentence.chars for r in self.repeats)

    @property
    def share(self) -> float:
        """Repeated characters over all characters of the part, in percent (0 when not compared)."""
        return round(100.0 * self.repeated_chars / self.chars, 1) if self.compared and self.chars else 0.0


@dataclass(frozen=True)
class Figure:
    words: str  # the words before the figure (审结、直接纠错率)
    value: str  # 72件, 12.5%
    line: int
    location: str
    previous_line: int
    previous_location: str


@dataclass(frozen=True)
class Comparison:
    current: Document
    previous: Document
    similarity: float
    parts: tuple[PartReuse, ...]
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Prepared:
    """A document with its sections and parts."""

    doc: Document
    sections: tuple[Section, ...]
    parts: PartMap


def prepare(doc: Document, parts: dict[str, PartDef], threshold: float, sections=None) -> Prepared:
    from checker.structure import build_sections

    sections = build_sections(doc) if sections is None else sections
    return Prepared(doc, sections, classify(doc, sections, parts, threshold))


# --- sentences ------------------------------------------------------------------------------


def sentence_key(text: str) -> str:
    """What two sentences are compared on: no years, digits, punctuation, spaces or list marker."""
    text = _YEAR.sub("", text)
    text = _MARKER.sub("", text)
    return _NOT_KEY.sub("", text)


def part_sentences(prepared: Prepared, pid: str) -> tuple[Sentence, ...]:
    """The sentences of a part, without the part's own heading (a lead heading's paragraph text kept)."""
    doc, partmap = prepared.doc, prepared.parts
    headings = {h.section.line_index: h.section for h in partmap.hits.get(pid, ())}
    out: list[Sentence] = []
    for index, parts in enumerate(partmap.line_parts):
        if pid not in parts:
            continue
        line = doc.lines[index]
        shown = line.shown if len(line.shown) == len(line.text) else line.text
        begin = 0
        if index in headings:
            section = headings[index]
            at = line.text.find(section.heading) if section.inline else -1
            if at < 0:
                continue
            begin = at + len(section.heading)
        for match in _SENTENCE.finditer(line.text, begin):
            key = sentence_key(match.group())
            if len(key) < _MIN_KEY:
                continue
            source = line.source_line_at(match.start())
            out.append(
                Sentence(
                    text=shown[match.start() : match.end()].strip(),
                    key=key,
                    line_index=index,
                    start=match.start(),
                    end=match.end(),
                    line=source,
                    location=doc.location_of(source),
                )
            )
    return tuple(out)


def compare_part(
    current: Prepared, previous: Prepared, pid: str, title: str, similarity: float = SIMILARITY
) -> PartReuse:
    """Which of this year's sentences of a part repeat a sentence of last year's same part."""
    mine = part_sentences(current, pid)
    theirs = part_sentences(previous, pid)
    found = bool(current.parts.hits.get(pid))
    found_previous = bool(previous.parts.hits.get(pid))
    repeats = []
    if found and found_previous and theirs:
        keys = [s.key for s in theirs]
        for sentence in mine:
            best = process.extractOne(sentence.key, keys, scorer=fuzz.ratio, score_cutoff=similarity)
            if best is not None:
                repeats.append(Repeat(sentence, theirs[best[2]], round(float(best[1]), 1)))
    return PartReuse(pid, title, found, found_previous, mine, tuple(repeats))


# --- figures --------------------------------------------------------------------------------


def measures_lines(prepared: Prepared) -> list[int]:
    """Lines of the measures part; without one, the body outside the other compared parts."""
    line_parts = prepared.parts.line_parts
    lines = [i for i, parts in enumerate(line_parts) if MEASURES in parts]
    if lines:
        return lines
    unwanted = {TITLE, PREAMBLE, *COMPARED_PARTS}
    return [i for i, parts in enumerate(line_parts) if parts and not parts & unwanted]


def figures_of(prepared: Prepared) -> dict[tuple[str, str], int]:
    """(words, value) -> index of the first line holding it, for the measures part."""
    found: dict[tuple[str, str], int] = {}
    for index in measures_lines(prepared):
        text = prepared.doc.lines[index].text
        for match in _FIGURE.finditer(text):
            words = figure_words(text, match.start())
            if words:
                found.setdefault((words, match.group(1) + match.group(2)), index)
    return found


def figure_words(text: str, at: int) -> str:
    """The words right before a figure, back to the clause's start (at most a few characters)."""
    start = at
    while start > 0 and not _CLAUSE_END.match(text[start - 1]):
        start -= 1
    words = text[start:at].strip()[-_FIGURE_WORDS:]
    return words if len(_CJK.findall(words)) >= 2 else ""


def unchanged_figures(current: Prepared, previous: Prepared) -> tuple[Figure, ...]:
    mine, theirs = figures_of(current), figures_of(previous)
    out = []
    for (words, value), index in mine.items():
        if (words, value) not in theirs:
            continue
        line = current.doc.lines[index].source_line
        previous_line = previous.doc.lines[theirs[(words, value)]].source_line
        out.append(
            Figure(
                words,
                value,
                line,
                current.doc.location_of(line),
                previous_line,
                previous.doc.location_of(previous_line),
            )
        )
    return tuple(out)


# --- whole comparison -----------------------------------------------------------------------


def read_reports(previous_path: str, current_path: str) -> tuple[Document, Document]:
    """Both reports, read and normalized; raises InputError for unreadable input."""
    from checker.load import load
    from checker.normalize import normalize

    previous = normalize(load(previous_path))
    current = normalize(load(current_path))
    return previous, current


def compare_with_previous(
    current: Document,
    previous: Document,
    wanted: tuple[str, ...],
    similarity: float,
    *,
    sections: tuple[Section, ...],
    partmap: PartMap | None,
    parts: dict[str, PartDef],
    heading_threshold: float,
) -> tuple[PartReuse, ...]:
    """The parts `wanted` of a checked report compared with last year's report (the reuse rule).

    `parts` and `heading_threshold` name the parts in both reports; `sections` are those the report was
    checked with, and `partmap` its parts as checked (None when `parts` are not the ones it was checked with).
    """
    if partmap is not None:
        mine = Prepared(current, sections, partmap)
    else:
        mine = prepare(current, parts, heading_threshold, sections)
    theirs = prepare(previous, parts, heading_threshold)
    return tuple(
        compare_part(mine, theirs, pid, parts[pid].title if pid in parts else pid, similarity) for pid in wanted
    )


def compare_documents(
    previous: Document,
    current: Document,
    parts: dict[str, PartDef],
    heading_threshold: float,
    similarity: float = SIMILARITY,
) -> Comparison:
    """`fzcheck diff`: the compared parts and the unchanged figures, the parts named by `parts`."""
    mine, theirs = prepare(current, parts, heading_threshold), prepare(previous, parts, heading_threshold)
    compared = tuple(
        compare_part(mine, theirs, pid, parts[pid].title, similarity) for pid in COMPARED_PARTS if pid in parts
    )
    return Comparison(current, previous, similarity, compared, unchanged_figures(mine, theirs))
