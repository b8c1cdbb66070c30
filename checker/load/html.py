"""Web pages saved from a browser (.html/.htm): the article's lines, the page's metadata.

The standard library's html.parser builds a small tree (it never fetches anything and
never resolves entity declarations, so a page cannot pull in other files). The
article is the element whose class or id names it (TRS_Editor, zoom, content…), else
the innermost block holding most of the page's text; navigation, headers, footers,
share and font-size bars and link lists are left out. Metadata rows anywhere on the
page (发布日期, 索引号, 信息来源…) and <meta> tags give RawDocument.meta.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from checker.errors import InputError
from checker.load.text import detect_encoding
from checker.model import Block, RawDocument

NO_TEXT = "网页中没有找到正文"

# Elements that never hold the article.
_DROP_TAGS = frozenset(
    ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "template", "svg",
     "select", "button", "object", "embed", "canvas", "map", "audio", "video", "textarea", "input", "head", "title")
)  # fmt: skip
_VOID_TAGS = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    ("address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
     "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
     "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
     "table", "tbody", "tfoot", "thead", "tr", "ul")
)  # fmt: skip
# Open elements closed by the start of another of the same kind (<p>a<p>b, <li>a<li>b).
_SELF_CLOSING = frozenset(("p", "li", "tr", "td", "th", "dt", "dd", "option"))
_HEADINGS = {f"h{n}": n for n in range(1, 7)}

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
# An article-named element holding less than this share of the page's text is not the article.
_ARTICLE_SHARE = 0.4
# Descending into a child keeps the article while the child holds this share of its text.
_INNER_SHARE = 0.8

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# A line break in the source between two Chinese characters is markup layout, not a space.
_SOURCE_BREAK = re.compile(rf"(?<=[{_CJK}])[^\S\n]*\n\s*(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_CELL = "\x00"
_CELLS = re.compile(r"\s*(?:\x00\s*)+")

# Lines of page furniture: made only of these words, or starting a navigation or footer line.
_FURNITURE_WORDS = re.compile(
    r"(?:[\s【】\[\]|:：/·]|扫一扫在手机打开当前页|扫一扫在手机上查看当前页面|扫码使用手机浏览本页内容|字号|字体"
    r"|大|中|小|默认|打印本页|打印|关闭窗口|关闭|返回顶部|收藏|我要纠错|纠错|视力保护色)+"
)
_FURNITURE_START = re.compile(
    r"^[【\[]?(?:分享到|当前位置|您(?:当前)?的?位置|首页\s*[>＞»]|上一篇|下一篇|网站标识码|主办单位|承办单位"
    r"|版权所有|浏览次数|访问量|阅读次数|点击数)|ICP备|公网安备"
)
_MAX_FURNITURE_LINE = 100

_META_KEYS = {
    "索引号": "index_no",
    "发布日期": "published",
    "发布时间": "published",
    "发文日期": "published",
    "成文日期": "written",
    "发布单位": "issuer",
    "发布机构": "issuer",
    "发布机关": "issuer",
    "发文机关": "issuer",
    "发文单位": "issuer",
    "信息来源": "source",
    "来源": "source",
}
_META_ROW = re.compile(
    r"(?:^|(?<=[\s|【\[\x00]))(" + "|".join(sorted(_META_KEYS, key=len, reverse=True)) + r")(?:\s*[:：|\x00])+\s*"
)
# A value ends at a cell, a wide gap, a bracket or the next "键：".
_VALUE_END = re.compile(rf"\s*[|\x00【】\[\]]|\s{{2,}}|\s+[{_CJK}]{{2,6}}\s*[:：]")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_META_TAG_DATES = ("pubdate", "publishdate", "firstpublishedtime", "publishtime", "article:published_time")
_MAX_META_LINE = 200
# Inline styles that hide an element from the reader.
_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.I
)

_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I
)
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "hz": "gb18030"}
_TITLE_WORDS = ("报告", "情况", "总结", "法治政府")
# Elements inside a title candidate beyond which it is a wrapper, not a title (a title with a
# <span> or <font> around every character has a few dozen).
_MAX_TITLE_ELEMENTS = 100
_TITLE_SPLIT = re.compile(r"\s*(?:[_|－—]|\s-\s)\s*")


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


def load_html(path: str, data: bytes) -> RawDocument:
    """The article of a saved web page, its title first; InputError when there is none."""
    text, encoding = decode_html(path, data)
    root = parse_tree(text)
    count_text(root)
    meta = page_meta(root)
    body = article_element(root)
    lines = body_lines(body) if body is not None else []
    title = report_title(root, body, meta)
    lines = title_first(lines, title)
    if not lines:
        raise InputError(path, NO_TEXT)
    blocks = tuple(
        Block(text=line, location=f"第 {n} 段", heading_level=level, ref=n - 1)
        for n, (line, level) in enumerate(lines, 1)
    )
    return RawDocument(
        path=path,
        text="\n".join(block.text for block in blocks),
        encoding=encoding,
        meta=meta,
        blocks=blocks,
        kind="html",
    )


# --- decoding -----------------------------------------------------------------------------------


def decode_html(path: str, data: bytes) -> tuple[str, str]:
    """The page's text and the encoding it was read with: BOM, then the declared charset, then detection."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    declared = declared_charset(data[:4096])
    for encoding in candidate_encodings(data, declared):
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(path, "无法识别网页的编码（不是 UTF-8 或 GBK/GB18030），文件可能已损坏")


def declared_charset(head: bytes) -> str | None:
    """The charset a <meta> tag (or an XML declaration) names, widened to its superset; None if unknown."""
    match = _CHARSET.search(head)
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        # A tag read as ASCII cannot be in UTF-16 or UTF-32 text: browsers take it as UTF-8
        # (HTML's "prescan a byte stream" does the same).
        return "utf-8"
    return _WIDEN.get(name, name)


def candidate_encodings(data: bytes, declared: str | None) -> list[str]:
    """Encodings to try in order: pages often declare GB2312 but are UTF-8, or declare nothing."""
    candidates: list[str] = []
    if declared and declared.startswith(("utf", "gb", "big5", "euc", "cp9")):
        if declared.startswith("gb") and is_utf8_text(data):
            candidates.append("utf-8")
        candidates.append(declared)
    detected = detect_encoding(data)
    if detected:
        candidates.append(detected)
    return candidates


def is_utf8_text(data: bytes) -> bool:
    """True when the bytes are valid UTF-8 with non-ASCII characters (then they are not GBK)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


# --- tree ---------------------------------------------------------------------------------------


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
        own = sum(len(_SPACES.sub("", c)) for c in element.children if isinstance(c, str))
        is_link = element.tag == "a"
        element.text_len = own
        element.link_len = own if is_link else 0
        element.links = 1 if is_link and element.attrs.get("href") else 0
        for child in element.children:
            if isinstance(child, Element) and not child.furniture:
                element.text_len += child.text_len
                element.link_len += child.text_len if is_link else child.link_len
                element.links += child.links


# --- the article --------------------------------------------------------------------------------


def article_element(root: Element) -> Element | None:
    """The element holding the report: an article-named one if it holds enough text, else the densest block."""
    if root.score <= 0:
        return None
    named = [e for e in elements(root) if e.article_named and e.score > 0 and not e.in_furniture]
    return innermost_holding(named, root.score) or densest_block(root)


def innermost_holding(candidates: list[Element], page_score: int) -> Element | None:
    """The deepest candidate that still holds most of the best candidate's text.

    A wrapper named "content" holds the title, metadata and body; the TRS_Editor inside
    it holds nearly all of that text and is the article.
    """
    if not candidates:
        return None
    top = max(e.score for e in candidates)
    if top < _ARTICLE_SHARE * page_score:
        return None
    holding = [e for e in candidates if e.score >= _INNER_SHARE * top]
    return max(holding, key=lambda e: (e.depth, e.score, -e.order))


def densest_block(root: Element) -> Element:
    """From the root down, the child holding most of its parent's text, while one does."""
    node = root
    while True:
        children = [c for c in node.children if isinstance(c, Element) and not c.furniture]
        best = max(children, key=lambda c: c.score, default=None)
        if best is None or best.score < _INNER_SHARE * node.score:
            return node
        node = best


# --- lines --------------------------------------------------------------------------------------


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
        text = _SPACES.sub(" ", raw).strip().strip(_CELL).strip()
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
    elif element.tag in _HEADINGS:
        builder.flush()
        builder.level = _HEADINGS[element.tag]
    elif element.tag in _BLOCK_TAGS:
        builder.flush()


def close_element(builder: _LineBuilder, element: Element) -> None:
    if element.tag in _HEADINGS:
        builder.flush()
        builder.level = None
    elif element.tag in _BLOCK_TAGS:
        builder.flush()


def body_lines(body: Element) -> list[tuple[str, int | None]]:
    """The article's lines: cells shown as " | ", furniture lines and metadata rows left out."""
    lines = []
    for text, level in rendered_lines(body, skip_furniture=True):
        shown = _CELLS.sub(" | ", text).strip(" |")
        if shown and not is_furniture_line(shown) and not is_metadata_row(text):
            lines.append((shown, level))
    return lines


def is_furniture_line(text: str) -> bool:
    if len(text) > _MAX_FURNITURE_LINE:
        return False
    return bool(_FURNITURE_WORDS.fullmatch(text) or _FURNITURE_START.search(text))


def is_metadata_row(text: str) -> bool:
    """A short line starting with a metadata key: it went into RawDocument.meta."""
    match = _META_ROW.search(text)
    return bool(match) and match.start() <= 2 and len(text) <= 120


# --- metadata -----------------------------------------------------------------------------------


def page_meta(root: Element) -> dict[str, str]:
    """published, written, issuer, source, index_no from the page's rows and <meta> tags; page_title."""
    meta: dict[str, str] = {}
    for text, _ in rendered_lines(root, skip_furniture=False):
        if len(text) <= _MAX_META_LINE:
            for key, value in metadata_pairs(text):
                meta.setdefault(key, value)
    for key, value in meta_tag_values(root).items():
        if key != "article_title":  # a hint for the title, not metadata of the report
            meta.setdefault(key, value)
    if "published" not in meta and "written" in meta:
        meta["published"] = meta["written"]
    page_title = title_tag_text(root)
    if page_title:
        meta["page_title"] = page_title
    return meta


def metadata_pairs(text: str) -> Iterator[tuple[str, str]]:
    """(key, value) of each "发布日期：2025-02-28"-like pair in a line; dates as YYYY-MM-DD."""
    for match in _META_ROW.finditer(text):
        key = _META_KEYS[match.group(1)]
        rest = text[match.end() :]
        end = _VALUE_END.search(rest)
        value = rest[: end.start() if end else len(rest)].strip(" :：")
        if key in ("published", "written"):
            date = iso_date(value)
            if date:
                yield key, date
        elif 2 <= len(value) <= 60:
            yield key, value


def iso_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def meta_tag_values(root: Element) -> dict[str, str]:
    """What <meta name=…> tags say: PubDate and the like, ContentSource, ArticleTitle."""
    found: dict[str, str] = {}
    for element in elements(root):
        if element.tag != "meta":
            continue
        name = (element.attrs.get("name") or element.attrs.get("property") or "").lower()
        content = _SPACES.sub(" ", element.attrs.get("content", "")).strip()
        if not content:
            continue
        if name in _META_TAG_DATES and iso_date(content):
            found.setdefault("published", iso_date(content) or "")
        elif name == "contentsource":
            found.setdefault("source", content)
        elif name == "articletitle":
            found.setdefault("article_title", content)
    return found


def title_tag_text(root: Element) -> str:
    for element in elements(root):
        if element.tag == "title":
            text = "".join(c for c in element.children if isinstance(c, str))
            return _SPACES.sub(" ", text).strip()
    return ""


# --- the report's title ---------------------------------------------------------------------------


def report_title(root: Element, body: Element | None, meta: dict[str, str]) -> tuple[str, int | None] | None:
    """The report's title and its heading level: the best-named heading or title element, else <title>."""
    hint = meta_tag_values(root).get("article_title", "")
    page_title = meta.get("page_title", "")
    scored = []
    for element in title_candidates(root, body):
        text = "".join(line for line, _ in rendered_lines(element, skip_furniture=True))
        text = _CELLS.sub(" ", text).strip()
        if 4 <= len(text) <= 120:
            scored.append((title_score(element, text, hint, page_title), element.order, text, element))
    if scored:
        score, _, text, element = max(scored, key=lambda s: (s[0], s[1]))
        if score >= 2:
            return text, _HEADINGS.get(element.tag)
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


def is_header(element: Element) -> bool:
    return element.tag == "header" or "header" in element.names


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
    key = _SPACES.sub("", title[0])
    for index, (text, _) in enumerate(lines[:3]):
        if _SPACES.sub("", text) == key:
            return [lines[index], *lines[:index], *lines[index + 1 :]]
    return [title, *lines]
