"""The report's title on a page: the best-named heading or title element, else the <title>."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.load.html.lines import CELLS, HEADINGS, rendered_lines
from checker.load.html.metadata import meta_tag_values
from checker.load.html.tree import SPACES, Element, elements

_TITLE_WORDS = ("报告", "情况", "总结", "法治政府")
# Elements inside a title candidate beyond which it is a wrapper, not a title (a title with a
# <span> or <font> around every character has a few dozen).
_MAX_TITLE_ELEMENTS = 100
_TITLE_SPLIT = re.compile(r"\s*(?:[_|－—]|\s-\s)\s*")


def report_title(root: Element, body: Element | None, meta: dict[str, str]) -> tuple[str, int | None] | None:
    """The report's title and its heading level: the best-named heading or title element, else <title>."""
    hint = meta_tag_values(root).get("article_title", "")
    page_title = meta.get("page_title", "")
    scored = []
    for element in title_candidates(root, body):
        text = "".join(line for line, _ in rendered_lines(element, skip_furniture=True))
        text = CELLS.sub(" ", text).strip()
        if 4 <= len(text) <= 120:
            scored.append((title_score(element, text, hint, page_title), element.order, text, element))
    if scored:
        score, _, text, element = max(scored, key=lambda s: (s[0], s[1]))
        if score >= 2:
            return text, HEADINGS.get(element.tag)
    for fallback in (hint, _TITLE_SPLIT.split(page_title)[0] if page_title else ""):
        if any(w in fallback for w in _TITLE_WORDS):
            return fallback, None
    return None


def title_candidates(root: Element, body: Element | None) -> Iterator[Element]:
    """h1-h3 and elements named "title" before the article or inside it, outside navigation and footers."""
    for element in elements(root):
        if element.tag not in ("h1", "h2", "h3") and ("title" not in element.names or element.tag == "title"):
            continue
        if body is not None and not (element.order < body.order or body.contains(element)):
            continue
        # A title is a handful of elements at most; one holding many is a wrapper, and reading
        # every wrapper of a deeply nested page would take time quadratic in the nesting.
        if element.no_title or element.last - element.order > _MAX_TITLE_ELEMENTS:
            continue
        yield element


def title_score(element: Element, text: str, hint: str, page_title: str) -> int:
    """How much a candidate reads like the report's title: named so by the page, or by its words."""
    score = 0
    if hint and (text in hint or hint in text):
        score += 3
    if page_title and text in page_title:
        score += 2
    if any(w in text for w in _TITLE_WORDS):
        score += 2
    return score + (element.tag == "h1")


def title_first(
    lines: list[tuple[str, int | None]], title: tuple[str, int | None] | None
) -> list[tuple[str, int | None]]:
    """The lines with the title as the first: moved up if it is among the first few, else added."""
    if title is None:
        return lines
    key = SPACES.sub("", title[0])
    for index, (text, _) in enumerate(lines[:3]):
        if SPACES.sub("", text) == key:
            return [lines[index], *lines[:index], *lines[index + 1 :]]
    return [title, *lines]
