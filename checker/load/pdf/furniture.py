"""PDF page furniture: running headers and footers and page numbers, found by place and repetition."""

from __future__ import annotations

import math
import re
from collections import Counter

from checker.load.pdf.paragraphs import HEADING_START
from checker.load.pdf.reading import PdfLine

_DIGITS = re.compile(r"\d+")

# Page numbers as they are printed at the top or bottom of a page.
_PAGE_NUMBER = re.compile(
    r"^(?:第\d+页(?:[,，/]?共\d+页)?|共\d+页[,，]?第\d+页|[-－—–~]*\d+[-－—–~]*|\d+/\d+"
    r"|[\[【(（]\d+[\]】)）]|(?:page)?\d+(?:of\d+)?)$",
    re.IGNORECASE,
)
# How many lines at the top and at the bottom of a page may be header or footer.
_EDGE_LINES = 2
# A header or footer repeats on at least this share of pages (and on two at least).
_REPEATED_SHARE = 0.6


def drop_furniture(pages: list[list[PdfLine]]) -> list[PdfLine]:
    """Body lines in reading order: running headers and footers and page numbers left out."""
    repeated = repeated_edge_texts(pages)
    body: list[PdfLine] = []
    for lines in pages:
        edges = edge_lines(lines)
        for line in lines:
            if line in edges and (is_page_number(line.text) or is_running_text(line.text, repeated)):
                continue
            body.append(line)
    return body


def edge_lines(lines: list[PdfLine]) -> list[PdfLine]:
    """The lines where headers and footers stand: the first and last few of a page."""
    return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]


def repeated_edge_texts(pages: list[list[PdfLine]]) -> set[str]:
    """Texts (numbers folded) found at the top or bottom of most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({furniture_key(line.text) for line in edge_lines(lines)})
    need = max(2, math.ceil(_REPEATED_SHARE * len(pages)))
    return {key for key, n in counts.items() if n >= need}


def is_running_text(text: str, repeated: set[str]) -> bool:
    """A running header or footer; a heading that happens to open every page is not one."""
    return furniture_key(text) in repeated and not HEADING_START.match(text)


def furniture_key(text: str) -> str:
    """A line with its numbers folded, so "第 1 页" and "第 2 页" count as the same footer."""
    return _DIGITS.sub("#", text.replace(" ", ""))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.replace(" ", "")))
