"""Structure stage: Document -> a tree of Sections from Chinese heading marks.

A heading's level comes from the order in which mark kinds first appear in
this document (some reports put 1、 at the top), not from a fixed table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.model import Document, Section

_CN_DIGITS = "一二三四五六七八九十"
_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(r"^第([一二三四五六七八九十]{1,3})部分[、.:\s]*")),
    ("cn", re.compile(r"^([一二三四五六七八九十]{1,3})[、.]\s*")),
    ("cn_paren", re.compile(r"^\(([一二三四五六七八九十]{1,3})\)\s*")),
    ("arabic_paren", re.compile(r"^\((\d{1,2})\)\s*")),
    ("arabic", re.compile(r"^(\d{1,2})(?:、|\.(?!\d))\s*")),
    ("circled", re.compile(r"^([\u2460-\u2473])[、.\s]*")),
    ("md", re.compile(r"^(#{1,6})\s+")),
)
# Whether any mark starts a line: one test for the many lines that are no heading.
_ANY_MARK = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _MARKS))
# A heading line is short and holds no sentence break before its end.
_MAX_HEADING = 50
MAX_LEAD = 60  # a lead sentence longer than this is cut here: its heading ran into the body
_SENTENCE_BREAK = re.compile(r"[。；!?！？]")


@dataclass(frozen=True)
class HeadingMark:
    kind: str
    number: int
    mark: str
    heading: str
    inline: bool


def cn_number(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十 -> 20."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.index(text[1]) + 1
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.index(tens) + 1) * 10 + (_CN_DIGITS.index(ones) + 1 if ones else 0)
    return _CN_DIGITS.index(text[0]) + 1


def heading_mark(text: str) -> HeadingMark | None:
    """The heading mark at the start of a line, with the heading it introduces."""
    if not _ANY_MARK.match(text):
        return None
    for kind, pattern in _MARKS:
        match = pattern.match(text)
        if not match:
            continue
        token = match.group(1)
        if kind == "md":
            kind, number = f"md{len(token)}", 1
        elif kind == "circled":
            number = ord(token) - 0x2460 + 1  # ① is 1
        elif token.isdigit():
            number = int(token)
        else:
            number = cn_number(token)
        rest = text[match.end() :]
        if not rest.strip():
            return None
        heading, inline = heading_text(rest)
        if inline and kind == "circled":
            return None  # ①完善……；②加强……。 lists items inside a paragraph
        return HeadingMark(kind, number, text[: match.end()].strip(), heading, inline)
    return None


def styled_heading(text: str, style_level: int | None) -> HeadingMark | None:
    """A heading known from its style or outline level (a .docx Heading 2 without a number)."""
    if style_level is None or not text.strip() or len(text) > MAX_LEAD * 2:
        return None
    return HeadingMark(f"style{style_level}", 1, "", text.strip().rstrip("。.;；:： "), False)


def heading_text(rest: str) -> tuple[str, bool]:
    """The heading after its mark, and whether it only leads a paragraph."""
    stripped = rest.rstrip("。.;；:： ")
    if len(stripped) <= _MAX_HEADING and not _SENTENCE_BREAK.search(stripped):
        return stripped, False
    brk = _SENTENCE_BREAK.search(rest)
    end = brk.start() if brk and brk.start() <= MAX_LEAD else MAX_LEAD
    return rest[:end].strip(), True


def build_sections(doc: Document) -> tuple[Section, ...]:
    """The top-level sections of a document, each holding its sub-sections."""
    flat = flat_headings(doc)
    return tuple(nest(flat, 0, len(flat), (), len(doc.lines)))


@dataclass(frozen=True)
class _Flat:
    index: int
    level: int
    mark: HeadingMark


def flat_headings(doc: Document) -> list[_Flat]:
    """Headings in document order with their levels."""
    levels: dict[str, int] = {}
    stack: list[int] = []  # levels of the open headings
    flat: list[_Flat] = []
    start = 1 if doc.starts_with_title else 0
    for index in range(start, len(doc.lines)):
        line = doc.lines[index]
        mark = heading_mark(line.text) or styled_heading(line.text, doc.heading_level_of(line.source_line))
        if mark is None:
            continue
        if mark.kind not in levels:
            if mark.number != 1 and mark.inline:
                continue  # a stray "3.…。" paragraph before any "1." is text, not a heading
            levels[mark.kind] = (stack[-1] if stack else 0) + 1
        level = levels[mark.kind]
        while stack and stack[-1] >= level:
            stack.pop()
        stack.append(level)
        flat.append(_Flat(index, level, mark))
    return flat


def nest(
    flat: list[_Flat], lo: int, hi: int, parent_path: tuple[str, ...], end_of_doc: int, prefix: str = ""
) -> list[Section]:
    """Sections built from flat[lo:hi], all children of the same parent."""
    out: list[Section] = []
    i = lo
    while i < hi:
        head = flat[i]
        j = i + 1
        while j < hi and flat[j].level > head.level:
            j += 1
        # Ends at the next heading of its level or above (flat[j]), else at the end.
        end = flat[j].index if j < len(flat) else end_of_doc
        sid = f"{prefix}{len(out) + 1}"
        # The children first, so the section is made once (dataclasses.replace is slow).
        children = nest(flat, i + 1, j, (*parent_path, head.mark.heading), end_of_doc, sid + ".")
        section = Section(
            id=sid,
            heading=head.mark.heading,
            mark=head.mark.mark,
            mark_kind=head.mark.kind,
            level=head.level,
            line_index=head.index,
            end_index=end,
            inline=head.mark.inline,
            children=tuple(children),
            parent_path=parent_path,
        )
        out.append(section)
        i = j
    return out


def walk(sections: tuple[Section, ...]) -> list[Section]:
    """Every section, in document order."""
    out: list[Section] = []
    for section in sections:
        out.append(section)
        out.extend(walk(section.children))
    return out


def innermost(sections: tuple[Section, ...], line_index: int) -> Section | None:
    """The deepest section holding a line."""
    for section in sections:
        if section.line_index <= line_index < section.end_index:
            return innermost(section.children, line_index) or section
    return None
