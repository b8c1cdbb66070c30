"""Web pages saved from a browser (.html/.htm): the article's lines, the page's metadata.

The standard library's html.parser builds a small tree (it never fetches anything and
never resolves entity declarations, so a page cannot pull in other files). The
article is the element whose class or id names it (TRS_Editor, zoom, content…), else
the innermost block holding most of the page's text; navigation, headers, footers,
share and font-size bars and link lists are left out. Metadata rows anywhere on the
page (发布日期, 索引号, 信息来源…) and <meta> tags give RawDocument.meta.
"""

from __future__ import annotations

from checker.errors import InputError
from checker.load.html.article import article_element, body_lines
from checker.load.html.decoding import decode_html
from checker.load.html.metadata import page_meta
from checker.load.html.title import report_title, title_first
from checker.load.html.tree import count_text, parse_tree
from checker.model import Block, RawDocument

NO_TEXT = "网页中没有找到正文"


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
