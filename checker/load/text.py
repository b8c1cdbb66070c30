"""Plain text (.txt/.md): the encoding is detected from the bytes, not the suffix."""

from __future__ import annotations

import codecs
import re
import unicodedata

from checker.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Detectors name GB2312/GBK for Chinese bytes; GB18030 is their superset.
# Printable ASCII, CJK punctuation and unified ideographs (all assigned), full-width forms.
_COMMON = re.compile("[\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff01-\uff9f\uffe0-\uffe6]+")

_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "hz": "gb18030", "big5": "big5hkscs"}


def decode_text(path: str, data: bytes) -> tuple[str, str]:
    """The decoded text and the name of the encoding it was read with."""
    encoding = detect_encoding(data)
    if encoding is None:
        raise InputError(path, "无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030/GBK 文本），可能是二进制文件")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(path, f"按 {encoding} 解码失败，文件可能已损坏") from exc
    if looks_binary(text):
        raise InputError(path, "内容是二进制数据，不是文本")
    return without_strays(text), encoding


def without_strays(text: str) -> str:
    """The text with stray NULs dropped, and NEL (U+0085) made LF in a file that ends its lines with NEL.

    Only CR and LF end a line downstream; a file written with NEL line ends (and no CR or LF)
    would otherwise be one long line. Where CR or LF end the lines, a NEL stays a character and
    the line numbers stay those an editor shows. A NUL shows as nothing and is dropped.
    """
    if "\x00" in text:
        text = text.replace("\x00", "")
    if "\x85" in text and "\n" not in text and "\r" not in text:
        text = text.replace("\x85", "\n")
    return text


def detect_encoding(data: bytes) -> str | None:
    """BOM first, then strict UTF-8, then UTF-16 without BOM, then a detector."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if b"\x00" in data:
        # UTF-8 and GB18030 text holds no NUL bytes but a stray one; UTF-16 holds many.
        wide = utf16_without_bom(data)
        if wide is not None or not stray_nuls(data):
            return wide
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        gb_text = data.decode("gb18030")
    except UnicodeDecodeError:
        gb_text = None
    if gb_text is not None and reads_as_common_chinese(gb_text):
        return "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        name = _WIDEN.get(best.encoding, best.encoding)
        if name.startswith(("gb", "big5", "utf", "cp9", "euc", "hz")):
            return name
    return "gb18030" if gb_text is not None else None


def reads_as_common_chinese(text: str) -> bool:
    """True when most Chinese characters are in GB2312's level 1 (the 3,755 most common).

    Real GBK/GB18030 text passes; Big5 or other bytes forced through GB18030 give
    rare characters and fail. Detectors guess badly on short Chinese files, so
    this check comes first.
    """
    cjk = [ch for ch in text[:20_000] if "\u4e00" <= ch <= "\u9fff"]
    if len(cjk) < 2:
        return False
    common = sum(1 for ch in cjk if gb2312_level1(ch))
    return common >= 0.8 * len(cjk)


def gb2312_level1(ch: str) -> bool:
    try:
        return 0xB0 <= ch.encode("gb2312")[0] <= 0xD7
    except UnicodeEncodeError:
        return False


def utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le/be when the bytes look like UTF-16 text (NULs at one parity)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    # ASCII-heavy UTF-16 has NULs on one side; Chinese UTF-16 has few NULs, so try decoding.
    for name, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros > half * 0.3:
            return name
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        if cjk > len(text) * 0.5:
            return name
    return None


def stray_nuls(data: bytes) -> bool:
    """True when NUL bytes are few enough to be strays in text (the share looks_binary allows)."""
    return data.count(0) <= max(2, len(data) // 100)


def looks_binary(text: str) -> bool:
    """True when control characters (line ends aside, NEL included) make up more than 1% of the text."""
    if not text:
        return False
    sample = text[:100_000]
    # Only characters outside the common ranges can be control, surrogate, private or unassigned:
    # asking unicodedata about them alone keeps this a C-speed pass over a normal report.
    rare = _COMMON.sub("", sample)
    # NEL (U+0085) is a line end, as some editors write them.
    bad = sum(1 for ch in rare if ch not in "\t\n\r\f\v\x85" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"))
    return bad > max(2, len(sample) // 100)
