"""An element's text as lines: block elements and <br> end a line, table cells are marked."""

from __future__ import annotations

import re

from checker.load.html.tree import SPACES, Element, walk

_BLOCK_TAGS = frozenset(
    ("address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
     "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
     "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
     "table", "tbody", "tfoot", "thead", "tr", "ul")
)  # fmt: skip

HEADINGS = {f"h{n}": n for n in range(1, 7)}

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# A line break in the source between two Chinese characters is markup layout, not a space.
_SOURCE_BREAK = re.compile(rf"(?<=[{CJK}])[^\S\n]*\n\s*(?=[{CJK}])")

_CELL = "\x00"
CELLS = re.compile(r"\s*(?:\x00\s*)+")


class _LineBuilder:
    """Text gathered into lines: block elements and <br> end a line, table cells are marked."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, int | None]] = []
        self.parts: list[str] = []
        self.level: int | None = None

    def add(self, text: str) -> None:
        self.parts.append(text.replace(_CELL, ""))

    def cell(self) -> None:
        if "".join(self.parts).strip():
            self.parts.append(_CELL)

    def flush(self) -> None:
        raw = _SOURCE_BREAK.sub("", "".join(self.parts))
        text = SPACES.sub(" ", raw).strip().strip(_CELL).strip()
        if text:
            self.lines.append((text, self.level))
        self.parts = []


def rendered_lines(top: Element, skip_furniture: bool) -> list[tuple[str, int | None]]:
    """The lines of an element (cells still marked), with the heading level of each."""
    builder = _LineBuilder()
    skipping: Element | None = None
    pre = 0
    for kind, item in walk(top):
        if skipping is not None:
            if kind == "end" and item is skipping:
                skipping = None
            continue
        if isinstance(item, str):
            if pre:
                first, *more = item.split("\n")
                builder.add(first)
                for piece in more:
                    builder.flush()
                    builder.add(piece)
            else:
                builder.add(item)
        elif kind == "start" and item is not top and skipped(item, skip_furniture):
            skipping = item
        elif kind == "start":
            pre += item.tag == "pre"
            open_element(builder, item)
        else:
            pre -= item.tag == "pre"
            close_element(builder, item)
    builder.flush()
    return builder.lines


def skipped(element: Element, skip_furniture: bool) -> bool:
    """Left out of the lines: text never shown, and in the article also furniture and link lists."""
    if element.hidden or element.tag in ("script", "style", "head", "title", "template", "noscript"):
        return True
    is_block = element.tag in _BLOCK_TAGS or element.tag in ("td", "th")
    return skip_furniture and (element.furniture or (is_block and element.link_heavy))


def open_element(builder: _LineBuilder, element: Element) -> None:
    if element.tag == "br":
        builder.flush()
    elif element.tag in ("td", "th"):
        builder.cell()
    elif element.tag in HEADINGS:
        builder.flush()
        builder.level = HEADINGS[element.tag]
    elif element.tag in _BLOCK_TAGS:
        builder.flush()


def close_element(builder: _LineBuilder, element: Element) -> None:
    if element.tag in HEADINGS:
        builder.flush()
        builder.level = None
    elif element.tag in _BLOCK_TAGS:
        builder.flush()
