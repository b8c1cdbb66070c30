"""Scraping and layout damage undone on one folded line, so that it reads as the words.

Each function takes and returns the text of one file line (already NFKC-folded, except
for circled numbers, see `nfkc_keeping_circled`). They run inside normalize.fold, per
file line and before lines are re-joined, so the map from normalized offsets back to
file lines stays what normalize builds; only `Line.text` changes, `Line.shown` keeps
the line as written.
"""

from __future__ import annotations

import re
import unicodedata

# Ideographs (with extension A).
# A Chinese character, as a negated class: not ASCII, not general or CJK punctuation, not a full-width
# form. After NFKC a report's other characters are in practice ideographs, and a class of the ideograph
# ranges themselves costs ~10 ms of regex compilation at every start (wide ranges compile to big charsets).
_HAN = "^\x00-\x7f\u2000-\u206f\u3000-\u303f\uff00-\uffef"
# Single characters spread out by spaces (党 政 主 要), and spaces between characters and digits
# (2023 年, 共 12 件). Spaces between words (中共青石县委 青石县人民政府) are kept.
# A tab is no layout space: it separates the cells of a pasted table (收案数<TAB>14).
_SPREAD = re.compile(rf"(?<![{_HAN}])[{_HAN}](?:[ ]+[{_HAN}](?![{_HAN}]))+")
_DIGIT_SPACE = re.compile(rf"(?<=[0-9])[ ]+(?=[{_HAN}])|(?<=[{_HAN}])[ ]+(?=[0-9])")
_BLANKS = re.compile(r"[ ]+")
# Characters a reader never sees: soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# ① … ⑳: NFKC would make them bare digits ("①加强" -> "1加强"), which no longer read as a mark.
_CIRCLED = re.compile("[\u2460-\u2473]")
_NOT_CIRCLED = re.compile("[^\u2460-\u2473]+")
# A lost indent: full-width spaces that became ? or U+FFFD when the page was re-encoded.
_LOST_INDENT = re.compile("^[?\ufffd]+[ \t]*(?=[^\\x00-\\x7f])")
_LOST_SPACES = re.compile(r"(?<=[^\x00-\x2b\x2d-\x39\x3c-\x7f\ufffd])[?\ufffd]{2,}(?=[^\x00-\x27\x29-\x7f\ufffd])")
# A pinyin gloss right after a character: 责(zé)任, 法治(fǎ zhì). Tone marks make it pinyin.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_TONE_MARK = re.compile(f"[{_TONED}]")
_PINYIN = re.compile(rf"(?<=[{_HAN}])\((?=[^)]*[{_TONED}])[a-zA-Z{_TONED} ]{{1,40}}\)")
# A heading mark followed by a stray second punctuation mark: 一,、 一、、 (一)、 1.、 ; 一, alone.
_CN = "一二三四五六七八九十"
_DOUBLED_MARK = re.compile(rf"^([{_CN}]{{1,3}}[、.])[、.,]+")
_COMMA_MARK = re.compile(rf"^([{_CN}]{{1,3}}),[、.,]*(?!\d)")
_PAREN_STRAY = re.compile(rf"^(\((?:[{_CN}]{{1,3}}|\d{{1,2}})\))[、.,]+")
_ARABIC_STRAY = re.compile(r"^(\d{1,2}(?:、|\.(?!\d)))[、.,]+")


# The full-width punctuation of almost every Chinese line, each with what NFKC makes of it.
_FULL_WIDTH = (*((chr(c), chr(c - 0xFEE0)) for c in map(ord, "，：；（）！？％")), ("\u3000", " "))


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), computed faster for the usual Chinese line.

    Full NFKC costs about 0.1 µs a character, most of normalize's time, while a line is usually
    NFKC already but for its full-width punctuation. Replacing such a character by its
    decomposition leaves the NFKD of the text unchanged, so when the result passes the quick
    check it is the NFKC of the text.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    folded = text
    for wide, narrow in _FULL_WIDTH:
        if wide in folded:
            folded = folded.replace(wide, narrow)
    return folded if unicodedata.is_normalized("NFKC", folded) else unicodedata.normalize("NFKC", text)


def nfkc_lines(lines: list[str]) -> list[str]:
    """nfkc_keeping_circled of each line, the usual report in a few calls for all its lines.

    Lines are separated by starters that never combine (CR, LF), so the NFKC of the joined lines is the
    joined NFKC of each; only lines that fail the quick check after the punctuation swap take the slow path.
    """
    joined = "\n".join(lines)
    folded = joined
    for wide, narrow in _FULL_WIDTH:
        if wide in folded:
            folded = folded.replace(wide, narrow)
    if folded is not joined and unicodedata.is_normalized("NFKC", folded):
        return folded.split("\n")
    if folded is joined and unicodedata.is_normalized("NFKC", joined):
        return list(lines)
    return [
        line if unicodedata.is_normalized("NFKC", line) else nfkc_keeping_circled(original)
        for line, original in zip(folded.split("\n"), lines, strict=True)
    ]


def nfkc_keeping_circled(text: str) -> str:
    """NFKC, except that circled numbers stay circled (they are heading marks, not digits)."""
    if not _CIRCLED.search(text):
        return nfkc(text)
    return _NOT_CIRCLED.sub(lambda m: nfkc(m.group()), text)


def without_invisibles(text: str) -> str:
    """The text without characters that are never seen (they split words for matching)."""
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


def without_layout_spaces(text: str) -> str:
    """Spaces that spread characters out for layout removed: 党 政 主 要 reads 党政主要, 2023 年 reads 2023年.

    Spaces between words and next to Latin words are kept.
    """
    if " " not in text:
        return text
    text = _SPREAD.sub(lambda m: _BLANKS.sub("", m.group()), text)
    return _DIGIT_SPACE.sub("", text)


def without_lost_indent(text: str) -> str:
    """? or U+FFFD runs where full-width spaces were lost, dropped (at the start, or between characters)."""
    if "?" not in text and "\ufffd" not in text:
        return text
    return _LOST_SPACES.sub("", _LOST_INDENT.sub("", text))


def without_pinyin(text: str) -> str:
    """Pinyin glosses after characters removed: 责(zé)任 reads 责任."""
    return _PINYIN.sub("", text) if "(" in text else text


_MARK_FIRST = frozenset(_CN + "(")  # with a digit, the characters a heading mark starts with


def with_single_mark(text: str) -> str:
    """A heading mark with one punctuation mark: 一,、 -> 一、, (一)、 -> (一), 1.、 -> 1."""
    if not text or not (text[0] in _CN or text[0] == "(" or text[0].isdigit()):
        return text
    for pattern in (_DOUBLED_MARK, _PAREN_STRAY, _ARABIC_STRAY):
        found = pattern.match(text)
        if found:
            return found.group(1) + text[found.end() :]
    comma = _COMMA_MARK.match(text)
    if comma:
        return comma.group(1) + "、" + text[comma.end() :]
    return text


def undamaged(text: str) -> str:
    """One folded line with all the damage above undone, outer spaces stripped."""
    text = without_lost_indent(without_invisibles(text).strip())
    text = without_layout_spaces(without_pinyin(text)).strip()
    return with_single_mark(text)


def undamaged_lines(lines: list[str]) -> list[str]:
    """undamaged of each line; a repair whose sign is nowhere in the lines is not tried line by line."""
    joined = "\n".join(lines)
    invisible = _INVISIBLE.search(joined) is not None
    lost = "?" in joined or "\ufffd" in joined
    toned = "(" in joined and _TONE_MARK.search(joined) is not None
    space = " " in joined
    out = []
    for text in lines:
        text = (without_invisibles(text) if invisible else text).strip()
        if lost:
            text = without_lost_indent(text)
        if toned:
            text = without_pinyin(text)
        text = (without_layout_spaces(text) if space and " " in text else text).strip()
        out.append(with_single_mark(text) if text[:1] in _MARK_FIRST or text[:1].isdigit() else text)
    return out
