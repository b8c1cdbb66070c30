"""Wrapped PDF lines joined back into paragraphs, by margins, indents and line spacing."""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from checker.load.pdf.reading import PdfLine
from checker.model import Block

_SENTENCE_END = ("。", "！", "？", "；", "：", "!", "?", ";", ":")
_CLOSERS = "”’\"')）】」』》"
# Marks that start a heading or a numbered item: a line starting so never continues the one before.
HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]"
    r"|第[一二三四五六七八九十]{1,3}(?:部分|章|节)|\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[)）]|[①-⑳])"
)


@dataclass(frozen=True)
class Margins:
    """Where body lines start and end, the size of a character and the line step, in points."""

    left: float
    right: float
    char: float
    step: float  # usual distance from one line's top to the next one's
    indents: bool  # paragraphs start with an indented first line


def paragraph_blocks(body: list[PdfLine]) -> list[Block]:
    """Wrapped lines joined into their paragraphs, each located at its first line."""
    margins = body_margins(body)
    blocks: list[Block] = []
    start = body[0]
    text = start.text
    for line, following in itertools.pairwise(body):
        if continues(line, following, margins):
            text = joined(text, following.text)
            continue
        blocks.append(Block(text=text, location=start.location, ref=len(blocks)))
        start, text = following, following.text
    blocks.append(Block(text=text, location=start.location, ref=len(blocks)))
    return blocks


def body_margins(body: list[PdfLine]) -> Margins:
    """The left edge wrapped lines start at, the right edge full lines reach, the usual line height."""
    starts = Counter(round(line.x0) for line in body)
    # First lines of paragraphs are indented; the body's edge is the leftmost frequent start.
    frequent = [x for x, n in starts.items() if n >= max(2, 0.05 * len(body))]
    left = min(frequent) if frequent else starts.most_common(1)[0][0]
    ends = sorted(line.x1 for line in body)
    right = ends[math.ceil(0.95 * (len(ends) - 1))]
    char = statistics.median(line.height for line in body)
    steps = [a.top - b.top for a, b in itertools.pairwise(body) if a.page == b.page and a.top > b.top]
    step = statistics.median(steps) if steps else 2 * char
    # Chinese paragraphs are set with a two-character first-line indent, when they are indented at all.
    indented = sum(1 for line in body if 1.5 * char <= line.x0 - left <= 2.5 * char)
    return Margins(left, right, char, step, indents=indented >= max(2, 0.05 * len(body)))


def continues(line: PdfLine, following: PdfLine, margins: Margins) -> bool:
    """True when the paragraph of `line` goes on in `following` (the line was wrapped)."""
    if HEADING_START.match(following.text):
        return False
    ends_sentence = line.text.rstrip(_CLOSERS).endswith(_SENTENCE_END)
    if centered(following, margins) and same_middle(line, following, margins):
        # A centred title, wrapped: the rest is centred under it, in the same size, on the same page.
        same_size = abs(line.height - following.height) < 1
        return not ends_sentence and line.page == following.page and same_size
    # A line stopping short of the right margin ends its paragraph (headings, titles,
    # last lines); an indented line, or one after a wider gap, starts one.
    reaches_right = line.x1 >= margins.right - 1.5 * margins.char
    indented = following.x0 > margins.left + margins.char
    gap = line.page == following.page and line.top - following.top > 1.6 * margins.step
    if not reaches_right or indented or gap:
        return False
    # Where indents mark paragraphs, a full line ending in 。 or ； is a wrap that fell after
    # the punctuation; without indents, the punctuation is the only sign of a paragraph's end.
    return margins.indents or not ends_sentence


def centered(line: PdfLine, margins: Margins) -> bool:
    """True when a line stands well clear of both margins (more than an indent), as far from each."""
    left_gap = line.x0 - margins.left
    right_gap = margins.right - line.x1
    return min(left_gap, right_gap) > 2.5 * margins.char and abs(left_gap - right_gap) < 2 * margins.char


def same_middle(line: PdfLine, following: PdfLine, margins: Margins) -> bool:
    """True when two lines are centred on the same point (a wrapped centred title)."""
    return abs((line.x0 + line.x1) - (following.x0 + following.x1)) / 2 < 1.5 * margins.char


def joined(text: str, more: str) -> str:
    """Two pieces of one paragraph: Chinese runs on without a space, Latin words keep one."""
    if text[-1:].isascii() and text[-1:].isalpha() and more[:1].isascii() and more[:1].isalpha():
        return f"{text} {more}"
    return text + more
