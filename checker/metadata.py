"""The metadata rows of a government web page (索引号, 发布日期, 发布机构…): one list for the .html loader and
for text pasted or saved from such a page (checker/normalize.py), so that both read the same keys."""

from __future__ import annotations

import re

# Row label -> key of Document.meta.
META_KEYS: dict[str, str] = {
    "索引号": "index_no",
    "发文日期": "published",
    "发布日期": "published",
    "发布时间": "published",
    "成文日期": "written",
    "发布单位": "issuer",
    "发布机构": "issuer",
    "发布机关": "issuer",
    "发文机关": "issuer",
    "发文单位": "issuer",
    "信息来源": "source",
    "来源": "source",
    "文号": "doc_no",
    "主题分类": "topic",
    "时效": "validity",
    "作者": "author",
}
# The labels as one regex alternation, longest first (信息来源 before 来源).
KEY_ALTERNATION = "|".join(sorted(META_KEYS, key=len, reverse=True))
DATE_KEYS = ("published", "written")
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# A value ends at a table cell, a wide gap, a bracket or the next "label：", known or not (生成日期：…).
VALUE_END = re.compile(rf"\s*[|\x00【】\[\]]|\s{{2,}}|\s+[{_CJK}]{{2,6}}\s*[:：]")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def iso_date(text: str) -> str | None:
    """The first date in `text` as YYYY-MM-DD (2025年2月28日, 2025-02-28, 2025/2/28…); None without a valid one."""
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
