"""A page's metadata: rows such as 发布日期 and 索引号, <meta> tags and the <title>."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.load.html.lines import rendered_lines
from checker.load.html.tree import SPACES, Element, elements
from checker.metadata import DATE_KEYS, KEY_ALTERNATION, META_KEYS, VALUE_END, iso_date

_META_ROW = re.compile(r"(?:^|(?<=[\s|【\[\x00]))(" + KEY_ALTERNATION + r")(?:\s*[:：|\x00])+\s*")
_META_TAG_DATES = ("pubdate", "publishdate", "firstpublishedtime", "publishtime", "article:published_time")
_MAX_META_LINE = 200


def is_metadata_row(text: str) -> bool:
    """A short line starting with a metadata key: it went into RawDocument.meta."""
    match = _META_ROW.search(text)
    return bool(match) and match.start() <= 2 and len(text) <= 120


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
        key = META_KEYS[match.group(1)]
        rest = text[match.end() :]
        end = VALUE_END.search(rest)
        value = rest[: end.start() if end else len(rest)].strip(" :：")
        if key in DATE_KEYS:
            date = iso_date(value)
            if date:
                yield key, date
        elif 2 <= len(value) <= 60:
            yield key, value


def meta_tag_values(root: Element) -> dict[str, str]:
    """What <meta name=…> tags say: PubDate and the like, ContentSource, ArticleTitle."""
    found: dict[str, str] = {}
    for element in elements(root):
        if element.tag != "meta":
            continue
        name = (element.attrs.get("name") or element.attrs.get("property") or "").lower()
        content = SPACES.sub(" ", element.attrs.get("content", "")).strip()
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
            return SPACES.sub(" ", text).strip()
    return ""
