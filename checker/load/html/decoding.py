"""The encoding of a saved web page: its BOM, then the charset it declares, then detection."""

from __future__ import annotations

import codecs
import re

from checker.errors import InputError
from checker.load.text import detect_encoding

_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I
)
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "hz": "gb18030"}


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
