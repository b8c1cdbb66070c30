"""A forgiving element tree of a page (html.parser), with text counts and hidden and furniture marks."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that never hold the article.
_DROP_TAGS = frozenset(
    ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "template", "svg",
     "select", "button", "object", "embed", "canvas", "map", "audio", "video", "textarea", "input", "head", "title")
)  # fmt: skip
_VOID_TAGS = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")
)  # fmt: skip

# Open elements closed by the start of another of the same kind (<p>a<p>b, <li>a<li>b).
_SELF_CLOSING = frozenset(("p", "li", "tr", "td", "th", "dt", "dd", "option"))

# class/id words of page furniture, and of the article itself (which wins when both match).
_FURNITURE_NAMES = (
    "nav", "menu", "header", "footer", "foot", "breadcrumb", "crumb", "share", "sidebar", "toolbar",
    "print", "fontsize", "font-size", "qrcode", "ewm", "position", "location", "dqwz", "copyright",
    "banner", "logo", "search", "login", "bottom", "related", "friendlink", "links",
)  # fmt: skip
_ARTICLE_NAMES = (
    "content", "article", "zoom", "trs_editor", "custom_unionstyle", "artibody", "main-text", "main_text",
    "maintext", "detail", "zhengwen",
)  # fmt: skip

SPACES = re.compile(r"\s+")

# Inline styles that hide an element from the reader.
_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.I
)


@dataclass(eq=False)
class Element:
    """One element of the page: its children are Elements and text strings."""

    tag: str
    names: str  # class and id, lower case
    parent: Element | None
    order: int  # position in document order
    children: list[Element | str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    last: int = 0  # order of its last descendant
    text_len: int = 0  # characters of text outside furniture
    link_len: int = 0  # of which inside links
    links: int = 0
    article_named: bool = False
    furniture: bool = False
    hidden: bool = False  # never shown: the hidden attribute, display:none or visibility:hidden
    # Filled from the parent when the element is made, so that no question about an
    # element's ancestors walks them (pages nest tens of thousands of elements).
    depth: int = 0
    in_furniture: bool = False  # some ancestor is furniture
    no_title: bool = False  # it or an ancestor is hidden, or furniture other than a page header

    def __post_init__(self) -> None:
        self.hidden = "hidden" in self.attrs or bool(_HIDING_STYLE.search(self.attrs.get("style", "")))
        self.article_named = any(n in self.names for n in _ARTICLE_NAMES)
        # Navigation, page header or footer, toolbars: by tag, or by class/id unless it names an article.
        self.furniture = self.tag in _DROP_TAGS or (
            not self.article_named and any(n in self.names for n in _FURNITURE_NAMES)
        )
        parent = self.parent
        # A page header (by tag or name) may hold the article's title; other furniture does not.
        self.no_title = self.hidden or (self.furniture and not is_header(self))
        if parent is not None:
            self.depth = parent.depth + 1
            self.in_furniture = parent.furniture or parent.in_furniture
            self.no_title = self.no_title or parent.no_title

    def contains(self, other: Element) -> bool:
        return self.order <= other.order <= self.last

    @property
    def score(self) -> int:
        """Characters of text outside links: what an article has much of and a menu little."""
        return self.text_len - self.link_len

    @property
    def link_heavy(self) -> bool:
        """A list of links (related articles, previous/next, site links) rather than text."""
        return self.links >= 2 and 2 * self.link_len >= self.text_len


class _TreeBuilder(HTMLParser):
    """A forgiving tree: unknown end tags are ignored, unclosed elements close with their parent."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", "", None, 0)
        self.stack = [self.root]
        self.open_tags: Counter[str] = Counter()  # how many elements of each tag the stack holds
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SELF_CLOSING and self.stack[-1].tag == tag:
            self.close_element(self.stack[-1])
        self.count += 1
        values = {k: v or "" for k, v in attrs}
        names = f"{values.get('class', '')} {values.get('id', '')}".lower()
        element = Element(tag, names, self.stack[-1], self.count, attrs=values)
        self.stack[-1].children.append(element)
        if tag in _VOID_TAGS:
            element.last = element.order
        else:
            self.stack.append(element)
            self.open_tags[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.close_element(self.stack[-1])

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost open element of the tag; an end tag nothing matches costs nothing.

        The search from the top stops at the element it closes, and everything it passed is
        closed with it, so end tags cost time linear in the page, matched or not.
        """
        if not self.open_tags[tag]:
            return
        index = len(self.stack) - 1
        while self.stack[index].tag != tag:
            index -= 1
        self.close_element(self.stack[index])

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """<![CDATA[…]]> and the like; an unknown keyword (<![foo …>) is skipped up to its >.

        Python 3.11's parser raises AssertionError for an unknown keyword; browsers read such a
        section as a bogus comment, so it is dropped here instead of failing the whole page.
        """
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def close_element(self, element: Element) -> None:
        """Pop the element and every element still open inside it."""
        while len(self.stack) > 1:
            top = self.stack.pop()
            self.open_tags[top.tag] -= 1
            top.last = self.count
            if top is element:
                return

    def finish(self) -> Element:
        """The root, once the parser's buffered text is flushed and open elements closed."""
        self.close()
        self.close_element(self.root)
        self.root.last = self.count
        return self.root


def parse_tree(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    return builder.finish()


def walk(root: Element) -> Iterator[tuple[str, Element | str]]:
    """("start", element), ("text", str) and ("end", element) in document order, without recursion.

    Saved pages may nest thousands of unclosed <font> tags; recursion would overflow.
    """
    stack: list[tuple[Element, int]] = [(root, 0)]
    yield "start", root
    while stack:
        element, index = stack.pop()
        if index >= len(element.children):
            yield "end", element
            continue
        stack.append((element, index + 1))
        child = element.children[index]
        if isinstance(child, str):
            yield "text", child
        else:
            yield "start", child
            stack.append((child, 0))


def elements(root: Element) -> Iterator[Element]:
    for kind, item in walk(root):
        if kind == "start" and isinstance(item, Element):
            yield item


def count_text(root: Element) -> None:
    """Fill text_len, link_len and links of every element; text in furniture counts for nothing."""
    ended = [item for kind, item in walk(root) if kind == "end" and isinstance(item, Element)]
    for element in ended:  # children end before their parents
        if element.hidden:
            continue  # hidden text is no content: its counts stay zero
        own = sum(len(SPACES.sub("", c)) for c in element.children if isinstance(c, str))
        is_link = element.tag == "a"
        element.text_len = own
        element.link_len = own if is_link else 0
        element.links = 1 if is_link and element.attrs.get("href") else 0
        for child in element.children:
            if isinstance(child, Element) and not child.furniture:
                element.text_len += child.text_len
                element.link_len += child.text_len if is_link else child.link_len
                element.links += child.links


def is_header(element: Element) -> bool:
    return element.tag == "header" or "header" in element.names
