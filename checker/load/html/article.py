"""The article of a page: the element holding the report, and its lines without furniture or metadata."""

from __future__ import annotations

import re

from checker.load.html.lines import CELLS, rendered_lines
from checker.load.html.metadata import is_metadata_row
from checker.load.html.tree import Element, elements

# An article-named element holding less than this share of the page's text is not the article.
_ARTICLE_SHARE = 0.4
# Descending into a child keeps the article while the child holds this share of its text.
_INNER_SHARE = 0.8

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


def body_lines(body: Element) -> list[tuple[str, int | None]]:
    """The article's lines: cells shown as " | ", furniture lines and metadata rows left out."""
    lines = []
    for text, level in rendered_lines(body, skip_furniture=True):
        shown = CELLS.sub(" | ", text).strip(" |")
        if shown and not is_furniture_line(shown) and not is_metadata_row(text):
            lines.append((shown, level))
    return lines


def is_furniture_line(text: str) -> bool:
    if len(text) > _MAX_FURNITURE_LINE:
        return False
    return bool(_FURNITURE_WORDS.fullmatch(text) or _FURNITURE_START.search(text))
