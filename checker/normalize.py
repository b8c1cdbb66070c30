"""Normalize stage: RawDocument -> Document.

Every normalized line remembers the line of the file it came from, so that
evidence always points into the file the user has, even after lines were
re-joined, split or converted from traditional characters.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from checker.damage import nfkc_keeping_circled, nfkc_lines, undamaged, undamaged_lines
from checker.metadata import DATE_KEYS, KEY_ALTERNATION, META_KEYS, VALUE_END, iso_date
from checker.model import Document, Line, RawDocument
from checker.toc import toc_indexes

# One kind of quote after NFKC (which already folds full-width brackets and colons).
_QUOTES = {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"'}

_SENTENCE_END = "。！？；：!?;:…\"')）】》"

# Web-page furniture that is not part of the report.
_BOILERPLATE = re.compile(
    r"^(扫一扫在手机打开当前页|扫一扫在手机上查看当前页面|扫码使用手机浏览本页内容|"
    r"字号[:：]?\s*(大\s*中\s*小)?|大\s*中\s*小|【?打印本页】?|【?关闭窗口】?|【?打印】?\s*【?关闭】?|"
    r"分享到[:：]?.*|浏览次数[:：]?\s*\d*|访问量[:：]?\s*\d*|\[?(打印|关闭|返回顶部|收藏)\]?|"
    r"当前位置[:：].*|首页\s*>.*|您当前的位置[:：].*)$"
)
_META_KEY_RE = re.compile("(" + KEY_ALTERNATION + r")\s*[:：|]")
_META_KEY_NEAR_START = re.compile("(?s).{0,2}(?:" + KEY_ALTERNATION + r")\s*[:：|]")  # at one of the first 3

# Heading marks that may start a new paragraph inside text whose line breaks were lost.
_MARK = (
    r"(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]{1,3}部分"
    r"|\d{1,2}[、.](?!\d)|\(\d{1,2}\))"
)
_SPLIT_BEFORE = re.compile(r"(?<=[。！？；：!?;:])\s*(?=" + _MARK + ")")
# The first child mark right after a heading ("一、工作情况1、坚持……"): the heading ends there.
_FIRST_CHILD = re.compile(r"(?:\(一\)|\(1\)|1[、.](?!\d)|一是)")
_HEAD_MARK = re.compile("^(?:" + _MARK + "|[\u2460-\u2473])")  # ① starts a paragraph too
_SENTENCE_END_RE = re.compile(r"[。！？；!?;]")
_FLAT_LINE = 600
_FLAT_SHORT = 150  # in a file of a few lines, a line this long is flattened text too
_GLUED_TITLE = re.compile(r"^(.{6,60}?(?:情况的报告|情况报告|年度报告|工作报告|工作总结|的报告|的汇报))(?=\S)(?!》)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADER_BITS = re.compile(
    r"\s*(?:(?:当前位置[:：]\s*)?首页(?:\s*>\s*[^\s>]+)+"
    r"|(?:" + KEY_ALTERNATION + r")\s*[:：]\s*"
    r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|[^\s:：]*)"
    r"|扫一扫在手机(?:上)?打开当前页(?:面)?|扫码使用手机浏览本页内容|字号[:：]?\s*大\s*中\s*小|【?打印本页】?|【?关闭窗口】?)\s*"
)


class _Piece(NamedTuple):  # one per file line: a named tuple is made faster than a frozen dataclass
    """A stretch of normalized text and the file line it came from."""

    text: str
    shown: str
    source_line: int
    breaks: tuple[tuple[int, int], ...] = ()


def normalize(raw: RawDocument) -> Document:
    """The document as the later stages see it."""
    from checker.infer import infer_region, infer_report_type, infer_report_year, infer_title

    pieces = source_pieces(raw.text)
    traditional = has_traditional(pieces)
    if traditional:
        pieces = to_simplified(pieces)
    pieces, meta = drop_boilerplate(pieces)
    pieces, header_meta = peel_page_header(pieces)
    meta = {**header_meta, **meta}
    pieces = without_toc(pieces)
    pieces = split_flattened(pieces)
    pieces = rejoin_wrapped(pieces)
    lines = build_lines(pieces)
    text = "\n".join(line.text for line in lines)
    title = infer_title(lines)
    region = infer_region(title)
    if region:
        meta = {**meta, "region": region}
    return Document(
        path=raw.path,
        text=text,
        lines=lines,
        encoding=raw.encoding,
        title=title,
        report_year=infer_report_year(title, lines, meta),
        report_type=infer_report_type(title, lines, {**raw.meta, **meta}),
        meta={**raw.meta, **meta},
        traditional=traditional,
        blocks=raw.blocks,
        kind=raw.kind,
    )


def fold(text: str) -> str:
    """NFKC (circled numbers kept), one quote style, scraping damage undone, outer spaces stripped.

    Rule terms are folded the same way, so a term and the text it should match agree.
    """
    text = nfkc_keeping_circled(text)
    # str.translate with a mapping looks up every character (most of normalize's time); a
    # search per quote mark is C-speed and usually finds none.
    for quote, plain in _QUOTES.items():
        if quote in text:
            text = text.replace(quote, plain)
    return undamaged(text)


def fold_lines(lines: list[str]) -> list[str]:
    """fold of each line, each step done for all the lines at once where it can be (a call per line and
    step was most of normalize's time)."""
    joined = "\n".join(nfkc_lines(lines))
    for quote, plain in _QUOTES.items():
        if quote in joined:
            joined = joined.replace(quote, plain)
    return undamaged_lines(joined.split("\n"))


def source_pieces(text: str) -> list[_Piece]:
    """One piece per non-blank line of the file, with its 1-based line number."""
    # Only CR/LF end a line: str.splitlines() would also break at \f, \v, \x85, \u2028…
    # and shift every later line number away from what an editor shows.
    lines = _LINE_BREAK.split(text) if "\r" in text else text.split("\n")  # the same lines; str.split is C-speed
    return [
        _Piece(folded, line.strip(), number)
        for number, (line, folded) in enumerate(zip(lines, fold_lines(lines), strict=True), start=1)
        if folded
    ]


def has_traditional(pieces: list[_Piece]) -> bool:
    """True when the text holds traditional characters.

    Characters outside GB2312 are only candidates: many simplified characters of
    names and places (埇, 浉, 堃, 喆) lie outside it too. OpenCC is asked about
    the candidates alone, so a plain simplified report never loads it.
    """
    try:  # the usual report: one encoding of all its text
        "\n".join(piece.text for piece in pieces).encode("gb2312")
        return False
    except UnicodeEncodeError:
        pass
    outside: set[str] = set()
    for piece in pieces:
        try:
            piece.text.encode("gb2312")
        except UnicodeEncodeError:
            outside.update(ch for ch in piece.text if is_cjk(ch) and not encodable_gb2312(ch))
    if not outside:
        return False
    converter = t2s_converter()
    return sum(1 for ch in outside if converter.convert(ch) != ch) >= 1


def t2s_converter():
    import opencc

    return opencc.OpenCC("t2s")


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def encodable_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def to_simplified(pieces: list[_Piece]) -> list[_Piece]:
    """Traditional characters converted for matching; `shown` keeps them as written."""
    converter = t2s_converter()
    out = []
    for piece in pieces:
        converted = converter.convert(piece.text)
        if len(converted) != len(piece.text):
            # Phrase conversions may change the length; fall back to one character at a time.
            converted = "".join(converter.convert(ch) or ch for ch in piece.text)
        out.append(_Piece(converted, piece.shown, piece.source_line))
    return out


def drop_boilerplate(pieces: list[_Piece]) -> tuple[list[_Piece], dict[str, str]]:
    """Pieces without page furniture, and the metadata read from metadata rows."""
    kept: list[_Piece] = []
    meta: dict[str, str] = {}
    for index, piece in enumerate(pieces):
        # Furniture is short; a long line that starts like it is page text glued together.
        if len(piece.text) < 100 and _BOILERPLATE.match(piece.text):
            continue
        found = metadata_of(piece.text)
        # A metadata row sits in the page header: only near the top, and only short rows.
        if found and (index < 12 or len(piece.text) < 80) and len(piece.text) < 200:
            for key, value in found.items():
                meta.setdefault(key, value)
            continue
        kept.append(piece)
    return kept, meta


def peel_page_header(pieces: list[_Piece]) -> tuple[list[_Piece], dict[str, str]]:
    """A page header glued to the report when line breaks were lost, taken off the first line.

    (首页 > 政务公开 > … 索引号：… 发布时间：… 扫一扫在手机打开当前页 字号：大 中 小 标题……)
    """
    if not pieces or len(pieces[0].text) < _FLAT_SHORT:
        return pieces, {}
    text, meta = pieces[0].text, {}
    while True:
        match = _HEADER_BITS.match(text)
        if not match or not match.group().strip():
            break
        meta.update({k: v for k, v in metadata_of(match.group().strip()).items() if k not in meta})
        text = text[match.end() :]
    if text == pieces[0].text:
        return pieces, {}
    first = _Piece(text, text, pieces[0].source_line)
    return [first, *pieces[1:]], meta


def without_toc(pieces: list[_Piece]) -> list[_Piece]:
    """Pieces without table-of-contents lines: they list headings, they are not headings."""
    from checker.structure import heading_mark

    drop = toc_indexes([p.shown for p in pieces], [p.text for p in pieces], lambda text: heading_mark(text) is not None)
    return [p for i, p in enumerate(pieces) if i not in drop] if drop else pieces


def metadata_of(text: str) -> dict[str, str]:
    """Key/value pairs of a web page's metadata row ("发文日期 | 2025-02-28 | ...")."""
    # A row starts with its key: the usual line is turned down without a search to its end.
    if not _META_KEY_NEAR_START.match(text):
        return {}
    matches = list(_META_KEY_RE.finditer(text))
    meta: dict[str, str] = {}
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip(" |:：\t")
        cut = VALUE_END.search(value)  # an unknown label after the value (生成日期：…) ends it too
        value = value[: cut.start()].strip(" |:：\t") if cut else value
        key = META_KEYS[match.group(1)]
        if key in DATE_KEYS:
            date = iso_date(value)
            if date:
                meta.setdefault(key, date)
        elif value:
            meta.setdefault(key, value)
    return meta


def split_flattened(pieces: list[_Piece]) -> list[_Piece]:
    """Text whose line breaks were lost split again: before heading marks, and after a glued title."""
    few = len(pieces) <= 5
    out = []
    for index, piece in enumerate(pieces):
        if len(piece.text) < _FLAT_LINE and not (few and len(piece.text) >= _FLAT_SHORT):
            out.append(piece)
            continue
        text = piece.text
        if index == 0:
            title = _GLUED_TITLE.match(text)
            if title:
                out.append(_Piece(title.group(1), title.group(1), piece.source_line))
                text = text[title.end() :]
        parts = [p.strip() for p in _SPLIT_BEFORE.split(text) if p and p.strip()]
        if len(parts) == 1:
            out.append(piece if text == piece.text else _Piece(text, text, piece.source_line))
            continue
        for part in parts:
            for chunk in heading_then_body(part):
                out.append(_Piece(chunk, chunk, piece.source_line))
    return out


def heading_then_body(text: str) -> list[str]:
    """A heading glued to its first sub-heading or body split in two."""
    mark = _HEAD_MARK.match(text)
    if not mark:
        return [text]
    child = _FIRST_CHILD.search(text, mark.end() + 2, mark.end() + 50)
    if not child or _SENTENCE_END_RE.search(text, mark.end(), child.start()):
        return [text]
    # The body may itself start with a heading glued to its first child: (一)…1.…
    return [text[: child.start()].strip(), *heading_then_body(text[child.start() :].strip())]


def wrap_width(pieces: list[_Piece]) -> int | None:
    """The width a hard-wrapped file was wrapped at, if it was."""
    lengths = [len(p.text) for p in pieces if len(p.text) >= 20]
    if len(lengths) < 8:
        return None
    width = Counter(lengths).most_common(1)[0][0]
    near = sum(1 for n in lengths if width - 2 <= n <= width)
    # Wrapped text has many lines at the width; a handful of equal lengths is chance.
    return width if near >= max(6, 0.35 * len(lengths)) and width <= 120 else None


def rejoin_wrapped(pieces: list[_Piece]) -> list[_Piece]:
    """Lines broken at a fixed width joined back into their paragraphs."""
    width = wrap_width(pieces)
    if width is None:
        return pieces
    out: list[_Piece] = []
    carry: list[_Piece] = []
    for index, piece in enumerate(pieces):
        carry.append(piece)
        following = pieces[index + 1].text if index + 1 < len(pieces) else ""
        ends_paragraph = len(piece.text) < width - 2 or piece.text.endswith(("。", "!", "?", "！", "？"))
        # A heading mark on the next line starts a new paragraph, except after 、
        # (…第一、/ 二、三季度…), where the wrap fell inside a list.
        heading_next = bool(_HEAD_MARK.match(following)) and not piece.text.endswith("、")
        if ends_paragraph or not following or heading_next:
            out.append(merge(carry))
            carry = []
    return out


def merge(pieces: list[_Piece]) -> _Piece:
    """One piece from several, remembering where each file line starts in it."""
    if len(pieces) == 1:
        return pieces[0]
    breaks = []
    pos = 0
    for part in pieces:
        breaks.append((pos, part.source_line))
        pos += len(part.text)
    return _Piece(
        "".join(p.text for p in pieces),
        "".join(p.shown for p in pieces),
        pieces[0].source_line,
        tuple(breaks),
    )


def build_lines(pieces: list[_Piece]) -> tuple[Line, ...]:
    """Lines with their offsets in the joined text and their file line breaks."""
    lines = []
    offset = 0
    for piece in pieces:
        if not piece.text.strip():
            continue  # a line that held only page widgets (字号：大 中 小) is no line of the report
        breaks = piece.breaks or ((0, piece.source_line),)
        lines.append(Line(piece.text, piece.shown, piece.source_line, offset, breaks))
        offset += len(piece.text) + 1
    return tuple(lines)
