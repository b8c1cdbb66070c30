"""PDF with a text layer: one Block per paragraph, page furniture dropped.

The text comes from pdfminer.six (optional extra `fzcheck[pdf]`). Measured against
pypdf and pypdfium2 on 100-page Chinese PDFs made with reportlab's STSong-Light CID
font: all three decode every character; in reading order (headers drawn before the
body, characters placed one by one) only pdfminer.six and pypdf's layout mode got
every line right. pdfminer.six also gives each line's box, which decides what is a
running header or footer (top or bottom of the page) and which lines were wrapped
(a line reaching the right margin continues, an indented line starts a paragraph).
It is the slower of the two (about 9-20 ms a page against 3-5), which a report of a
few dozen pages does not feel.

pdfminer.six inflates streams without limit (a 2 MB file, or an 11 KB one compressed
twice, inflates to gigabytes), so its decoders are swapped for bounded ones while a file
is read (see `bounded_decoding`).

Locations are "第 P 页第 L 行": L counts every line of text on page P from the
top, running headers included, as a person counting on the page would.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import math
import re
import statistics
import warnings
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from checker.errors import InputError
from checker.model import Block, RawDocument

# Reports run to a few dozen pages; far more is a compilation or the wrong file,
# and would take minutes to read.
MAX_PAGES = 500

NEED_EXTRA = "读取 PDF 需要安装可选依赖：pip install 'fzcheck[pdf]'"
SCANNED = "这是扫描件（没有文字层），OCR 不受支持，请提供带文字层的 PDF 或 Word 文件"

# Bytes one stream may decode to, and all streams of a file together. The largest streams of
# a real report are embedded Chinese fonts (10-20 MB when not subset) and page contents of
# some hundred kilobytes; a bomb is refused once it passes the cap, before more is inflated.
MAX_STREAM_MB = 64
MAX_DECODED_MB = 256
# Drawing instructions a page, and all pages, may hold once decoded. pdfminer interprets them at
# well under a megabyte a second, so these bound the time a file can take; a page of a real
# report holds tens of kilobytes of them (a dense table or chart some hundreds).
MAX_PAGE_CONTENT_MB = 2
MAX_CONTENT_MB = 12

UNREADABLE = "PDF 的文字层无法识别（字体缺少有效的 Unicode 映射，取出的不是文字），请提供 Word 文件或重新导出的 PDF"

# A share of unreadable characters above this means the text layer cannot be read.
_MAX_UNREADABLE = 0.3
_CID = re.compile(r"\(cid:\d+\)")
# What a broken ToUnicode map yields instead of text: private-use code points, U+FFFD,
# control characters, lone surrogates and noncharacters.
_UNREADABLE_CHAR = re.compile(
    "[\ue000-\uf8ff\U000f0000-\U0010ffff\ufffd\ufffe\uffff\ufdd0-\ufdef"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]"
)
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# pdfminer puts a space wherever glyphs are spaced out (justified text, Latin next to
# Chinese); between Chinese characters and digits such a space is layout, not text.
_LAYOUT_SPACE = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}0-9%.])|(?<=[{_CJK}0-9%.])\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")

# Page numbers as they are printed at the top or bottom of a page.
_PAGE_NUMBER = re.compile(
    r"^(?:第\d+页(?:[,，/]?共\d+页)?|共\d+页[,，]?第\d+页|[-－—–~]*\d+[-－—–~]*|\d+/\d+"
    r"|[\[【(（]\d+[\]】)）]|(?:page)?\d+(?:of\d+)?)$",
    re.IGNORECASE,
)
# How many lines at the top and at the bottom of a page may be header or footer.
_EDGE_LINES = 2
# A header or footer repeats on at least this share of pages (and on two at least).
_REPEATED_SHARE = 0.6

_SENTENCE_END = ("。", "！", "？", "；", "：", "!", "?", ";", ":")
_CLOSERS = "”’\"')）】」』》"
# Marks that start a heading or a numbered item: a line starting so never continues the one before.
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]"
    r"|第[一二三四五六七八九十]{1,3}(?:部分|章|节)|\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[)）]|[①-⑳])"
)


@dataclass(frozen=True)
class PdfLine:
    """One line of text on a page, with its box in PDF points (y grows upwards)."""

    text: str
    page: int  # 1-based
    number: int  # 1-based, counted from the top of the page
    x0: float
    x1: float
    top: float
    height: float

    @property
    def location(self) -> str:
        return f"第 {self.page} 页第 {self.number} 行"


@dataclass(frozen=True)
class Margins:
    """Where body lines start and end, the size of a character and the line step, in points."""

    left: float
    right: float
    char: float
    step: float  # usual distance from one line's top to the next one's
    indents: bool  # paragraphs start with an indented first line


def load_pdf(path: str, data: bytes) -> RawDocument:
    """The PDF's text layer as paragraphs; InputError for scans, broken or locked files."""
    pages = read_pages(path, data)
    if not pages:
        raise InputError(path, broken(path))
    body = drop_furniture(pages)
    if not body:
        raise InputError(path, SCANNED)
    blocks = paragraph_blocks(body)
    return RawDocument(
        path=path,
        text="\n".join(block.text for block in blocks),
        encoding="pdf",
        meta={"pages": str(len(pages))},
        blocks=tuple(blocks),
        kind="pdf",
    )


# --- reading ------------------------------------------------------------------------------------


def read_pages(path: str, data: bytes) -> list[list[PdfLine]]:
    """The lines of every page, top to bottom; InputError for whatever cannot be read."""
    miner = pdfminer_modules(path)
    with quiet_pdfminer(), bounded_decoding(path):
        document = open_document(path, data, miner)
        count = declared_page_count(document, miner)
        if count > MAX_PAGES:
            raise InputError(path, f"PDF 共 {count} 页，超过上限 {MAX_PAGES} 页；请只提供年度报告本身")
        layouts = page_layouts(path, document, miner)
        pages = [page_lines(layout, number, miner["LTTextLine"]) for number, layout in enumerate(layouts, 1)]
    if unreadable_share(pages) > _MAX_UNREADABLE:
        raise InputError(path, UNREADABLE)
    return [[replace_undecoded(line) for line in lines] for lines in pages]


def pdfminer_modules(path: str) -> dict[str, Any]:
    """pdfminer.six's parts, imported only when a PDF is read (it is an optional extra)."""
    try:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.layout import LAParams, LTTextLine
        from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import resolve1
    except ImportError as exc:
        raise InputError(path, NEED_EXTRA) from exc
    return {
        "PDFPageAggregator": PDFPageAggregator,
        "LAParams": LAParams,
        "LTTextLine": LTTextLine,
        "PDFDocument": PDFDocument,
        "PDFEncryptionError": PDFEncryptionError,
        "PDFPasswordIncorrect": PDFPasswordIncorrect,
        "PDFPageInterpreter": PDFPageInterpreter,
        "PDFResourceManager": PDFResourceManager,
        "PDFPage": PDFPage,
        "PDFParser": PDFParser,
        "resolve1": resolve1,
    }


@contextlib.contextmanager
def quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs and warns about every oddity of a file; the user sees one line or none."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


# --- bounded decoding -----------------------------------------------------------------------------
#
# pdfminer.six decodes a stream in PDFStream.decode with zlib.decompress (no size limit), falls
# back to decompress_corrupted (one byte at a time, concatenating bytes: quadratic), and has
# LZW and RunLength decoders that build the whole output too. PDFStream.decode looks these up
# as globals of pdfminer.pdftypes, so while a file is read they are swapped for versions that
# stop at a cap. Chosen over parsing in a child process under an address-space limit: the
# file is refused at the cap with its own message, before the memory is spent, rather than
# dying at some MemoryError; nothing is forked or pickled for each PDF, so normal files are as
# fast as before; and it works where RLIMIT_AS does not (Windows, macOS). Other filters only
# shrink their input (ASCII85, ASCIIHex, predictors) or are never decoded for text (images).
# Worker processes of a batch each read one file at a time, so the swap is never shared.


class StreamTooLarge(InputError):
    """A stream decoded past the cap; raised inside pdfminer, it reaches the user unchanged."""


class DecodingBudget:
    """Bytes that streams of one file may still decode to; a stream is refused past its share."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.left = MAX_DECODED_MB << 20
        self.refusal: StreamTooLarge | None = None

    def limit(self) -> int:
        """How many bytes the next stream may decode to."""
        return min(MAX_STREAM_MB << 20, self.left)

    def take(self, size: int) -> None:
        """Count a decoded stream; refuse the file once it is over the limit."""
        if size > self.limit():
            self.refuse()
        self.left -= size

    def refuse(self) -> NoReturn:
        if self.left < MAX_STREAM_MB << 20:
            problem = f"PDF 中的数据流解压后合计超过 {MAX_DECODED_MB} MB，已拒绝（可能是压缩炸弹）"
        else:
            problem = f"PDF 中有解压后过大的数据流（超过 {MAX_STREAM_MB} MB），已拒绝（可能是压缩炸弹）"
        self.refusal = StreamTooLarge(self.path, problem)
        raise self.refusal


class BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes: decompress stops at the budget."""

    error = zlib.error

    def __init__(self, budget: DecodingBudget) -> None:
        self.budget = budget

    def decompress(self, data: bytes) -> bytes:
        return inflated(data, self.budget)

    @staticmethod
    def decompressobj() -> Any:  # only decompress_corrupted uses it, and that is replaced too
        return zlib.decompressobj()


def inflated(data: bytes, budget: DecodingBudget) -> bytes:
    """A zlib stream inflated, never past the budget (one byte more refuses the file).

    zlib.error, as zlib.decompress raises it, for a stream that is corrupt, truncated or
    fails its checksum; pdfminer then falls back to decompress_corrupted.
    """
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, budget.limit() + 1)
    if not inflater.eof and len(out) <= budget.limit():
        raise zlib.error("incomplete or truncated stream")
    budget.take(len(out))
    return out


def inflated_without_checksum(budget: DecodingBudget) -> Any:
    """pdfminer's decompress_corrupted, bounded and linear: a truncated stream as far as it goes,
    a stream failing its checksum without the checksum."""

    def decompress_corrupted(data: bytes) -> bytes:
        for candidate in (data, data[:-4]):
            inflater = zlib.decompressobj()
            try:
                out = inflater.decompress(candidate, budget.limit() + 1)
            except zlib.error:
                continue
            budget.take(len(out))
            return out
        raise zlib.error("corrupt stream")

    return decompress_corrupted


def bounded_lzw(budget: DecodingBudget) -> Any:
    """pdfminer's lzwdecode, stopped as soon as its output passes the budget."""
    from pdfminer.lzw import LZWDecoder

    def lzwdecode(data: bytes) -> bytes:
        out = bytearray()
        limit = budget.limit()
        for piece in LZWDecoder(io.BytesIO(data)).run():
            out += piece
            if len(out) > limit:
                budget.take(len(out))
        budget.take(len(out))
        return bytes(out)

    return lzwdecode


def bounded_run_length(budget: DecodingBudget) -> Any:
    """pdfminer's rldecode (runs of up to 128 bytes, 128 ends the data), stopped past the budget."""

    def rldecode(data: bytes) -> bytes:
        out = bytearray()
        limit = budget.limit()
        i = 0
        while i < len(data) and data[i] != 128:
            length = data[i]
            if length < 128:
                out += data[i + 1 : i + 2 + length]
                i += 2 + length
            else:
                out += data[i + 1 : i + 2] * (257 - length)
                i += 2
            if len(out) > limit:
                budget.take(len(out))
        budget.take(len(out))
        return bytes(out)

    return rldecode


@contextlib.contextmanager
def bounded_decoding(path: str) -> Iterator[None]:
    """pdfminer's stream decoders bounded while the block runs; a refusal wins over any error it caused."""
    from pdfminer import pdftypes

    budget = DecodingBudget(path)
    replacements = {
        "zlib": BoundedZlib(budget),
        "decompress_corrupted": inflated_without_checksum(budget),
        "lzwdecode": bounded_lzw(budget),
        "rldecode": bounded_run_length(budget),
    }
    saved = {name: getattr(pdftypes, name) for name in replacements}
    for name, replacement in replacements.items():
        setattr(pdftypes, name, replacement)
    try:
        yield
    except Exception:
        # pdfminer may have turned the refusal into an error of its own on the way out.
        if budget.refusal is not None:
            raise budget.refusal from None
        raise
    finally:
        for name, original in saved.items():
            setattr(pdftypes, name, original)


def open_document(path: str, data: bytes, miner: dict[str, Any]) -> Any:
    """The parsed PDF document; a file with only an owner password opens, one with a user password does not."""
    try:
        return miner["PDFDocument"](miner["PDFParser"](io.BytesIO(data)), password="")
    except miner["PDFPasswordIncorrect"] as exc:
        raise InputError(path, "PDF 设有打开密码（已加密），无法读取；请取消密码后再检查") from exc
    except miner["PDFEncryptionError"] as exc:
        raise InputError(path, "PDF 使用了不支持的加密方式，无法读取；请取消加密后再检查") from exc
    except InputError:  # a stream past the decoding cap
        raise
    # A parser of untrusted bytes may fail in any way; the user gets one line, not a traceback.
    except Exception as exc:
        raise InputError(path, broken(path)) from exc


def broken(path: str, page: int | None = None) -> str:
    """The broken-file sentence; it names the suffix when the file only pretends not to be a PDF."""
    suffix = Path(path).suffix.lower()
    lead = f"内容是 PDF（文件后缀却是 {suffix}），但" if suffix and suffix != ".pdf" else ""
    where = f"第 {page} 页无法读取" if page else "无法读取其中的文字"
    return f"{lead}文件已损坏，{where}"


def declared_page_count(document: Any, miner: dict[str, Any]) -> int:
    """The page count the file declares (0 when it declares none): read before any page is parsed."""
    try:
        count = miner["resolve1"](document.catalog["Pages"])["Count"]
    except Exception:  # a broken page tree shows itself when the pages are read
        return 0
    return count if isinstance(count, int) else 0


def page_layouts(path: str, document: Any, miner: dict[str, Any]) -> Iterator[Any]:
    """pdfminer's layout of each page, at most MAX_PAGES of them."""
    manager = miner["PDFResourceManager"](caching=True)
    # all_texts: text inside form objects (figures) is laid out into lines too. boxes_flow=None:
    # text boxes are not grouped into a reading order (page_lines orders lines by position);
    # that grouping made a page of thousands of scattered words take seconds.
    laparams = miner["LAParams"](all_texts=True, boxes_flow=None)
    device = miner["PDFPageAggregator"](manager, laparams=laparams)
    interpreter = miner["PDFPageInterpreter"](manager, device)
    pages = miner["PDFPage"].create_pages(document)
    number = content = 0
    while True:
        number += 1
        try:
            page = next(pages, None)
            if page is None:
                return
            if number > MAX_PAGES:
                raise InputError(path, f"PDF 超过 {MAX_PAGES} 页的上限；请只提供年度报告本身")
            content += page_content_size(path, page, number, miner)
            if content > MAX_CONTENT_MB << 20:
                raise InputError(path, f"PDF 的页面内容解压后合计超过 {MAX_CONTENT_MB} MB，已拒绝（读取将耗时过长）")
            interpreter.process_page(page)
        except InputError:
            raise
        except Exception as exc:  # as in open_document: one line for a broken page
            raise InputError(path, broken(path, number)) from exc
        yield device.get_result()


def page_content_size(path: str, page: Any, number: int, miner: dict[str, Any]) -> int:
    """Decoded bytes of a page's content streams; InputError past MAX_PAGE_CONTENT_MB.

    pdfminer keeps what a stream decoded to, so interpreting the page afterwards decodes nothing twice.
    """
    size = 0
    for stream in page.contents or ():
        data = miner["resolve1"](stream)
        if hasattr(data, "get_data"):
            size += len(data.get_data())
    if size > MAX_PAGE_CONTENT_MB << 20:
        raise InputError(path, f"PDF 第 {number} 页的内容解压后超过 {MAX_PAGE_CONTENT_MB} MB，已拒绝（读取将耗时过长）")
    return size


class _Piece(NamedTuple):
    """A line as pdfminer laid it out; pieces at one height make one line of the page."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str


def page_lines(layout: Any, page: int, line_type: type) -> list[PdfLine]:
    """The page's text lines, top to bottom; pieces side by side (table cells) make one line."""
    pieces = sorted(text_pieces(layout, line_type), key=lambda p: (-p.top, p.x0))
    rows: list[list[_Piece]] = []
    for piece in pieces:
        if rows and same_row(rows[-1][0], piece):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    return [row_line(row, page, number) for number, row in enumerate(rows, 1)]


def text_pieces(item: Any, line_type: type) -> Iterator[_Piece]:
    """Every non-blank text line (pdfminer's LTTextLine) in a layout item, in text boxes and figures."""
    for child in item if hasattr(item, "__iter__") else ():
        if isinstance(child, line_type):
            text = clean(child.get_text())
            if text:
                yield _Piece(child.x0, child.x1, child.y1, child.y0, text)
        else:
            yield from text_pieces(child, line_type)


def same_row(first: _Piece, piece: _Piece) -> bool:
    """True when a piece's middle lies within the first piece's height: they share a line."""
    return first.bottom <= (piece.top + piece.bottom) / 2 <= first.top


def row_line(row: list[_Piece], page: int, number: int) -> PdfLine:
    """One line of the page from its pieces, left to right."""
    row = sorted(row, key=lambda p: p.x0)
    text = row[0].text
    for before, piece in itertools.pairwise(row):
        # A gap wider than a character separates cells; a narrower one is the same run of text.
        wide = piece.x0 - before.x1 > piece.top - piece.bottom
        text += (" " if wide else "") + piece.text
    top = max(p.top for p in row)
    height = top - min(p.bottom for p in row)
    # Not cleaned again: the space between cells is kept even next to Chinese characters.
    return PdfLine(text, page, number, row[0].x0, max(p.x1 for p in row), top, height)


def clean(text: str) -> str:
    """One line: spacing that is only layout removed, other whitespace collapsed."""
    return _SPACES.sub(" ", _LAYOUT_SPACE.sub("", text)).strip()


def unreadable_share(pages: list[list[PdfLine]]) -> float:
    """The share of glyphs that are no text: unmapped ("(cid:N)" from pdfminer) or mapped to unusable characters."""
    text = "".join(line.text for lines in pages for line in lines)
    if not text:
        return 0.0
    undecoded = _CID.findall(text)
    glyphs = len(text) - sum(len(u) for u in undecoded) + len(undecoded)
    return (len(undecoded) + len(_UNREADABLE_CHAR.findall(text))) / max(1, glyphs)


def replace_undecoded(line: PdfLine) -> PdfLine:
    if "(cid:" not in line.text:
        return line
    return PdfLine(_CID.sub("\ufffd", line.text), line.page, line.number, line.x0, line.x1, line.top, line.height)


# --- page furniture -----------------------------------------------------------------------------


def drop_furniture(pages: list[list[PdfLine]]) -> list[PdfLine]:
    """Body lines in reading order: running headers and footers and page numbers left out."""
    repeated = repeated_edge_texts(pages)
    body: list[PdfLine] = []
    for lines in pages:
        edges = edge_lines(lines)
        for line in lines:
            if line in edges and (is_page_number(line.text) or is_running_text(line.text, repeated)):
                continue
            body.append(line)
    return body


def edge_lines(lines: list[PdfLine]) -> list[PdfLine]:
    """The lines where headers and footers stand: the first and last few of a page."""
    return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]


def repeated_edge_texts(pages: list[list[PdfLine]]) -> set[str]:
    """Texts (numbers folded) found at the top or bottom of most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({furniture_key(line.text) for line in edge_lines(lines)})
    need = max(2, math.ceil(_REPEATED_SHARE * len(pages)))
    return {key for key, n in counts.items() if n >= need}


def is_running_text(text: str, repeated: set[str]) -> bool:
    """A running header or footer; a heading that happens to open every page is not one."""
    return furniture_key(text) in repeated and not _HEADING_START.match(text)


def furniture_key(text: str) -> str:
    """A line with its numbers folded, so "第 1 页" and "第 2 页" count as the same footer."""
    return _DIGITS.sub("#", text.replace(" ", ""))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.replace(" ", "")))


# --- paragraphs ---------------------------------------------------------------------------------


def paragraph_blocks(body: list[PdfLine]) -> list[Block]:
    """Wrapped lines joined into their paragraphs, each located at its first line."""
    margins = body_margins(body)
    blocks: list[Block] = []
    start = body[0]
    text = start.text
    for line, following in itertools.pairwise(body):
        if continues(line, following, margins):
            text = joined(text, following.text)
            continue
        blocks.append(Block(text=text, location=start.location, ref=len(blocks)))
        start, text = following, following.text
    blocks.append(Block(text=text, location=start.location, ref=len(blocks)))
    return blocks


def body_margins(body: list[PdfLine]) -> Margins:
    """The left edge wrapped lines start at, the right edge full lines reach, the usual line height."""
    starts = Counter(round(line.x0) for line in body)
    # First lines of paragraphs are indented; the body's edge is the leftmost frequent start.
    frequent = [x for x, n in starts.items() if n >= max(2, 0.05 * len(body))]
    left = min(frequent) if frequent else starts.most_common(1)[0][0]
    ends = sorted(line.x1 for line in body)
    right = ends[math.ceil(0.95 * (len(ends) - 1))]
    char = statistics.median(line.height for line in body)
    steps = [a.top - b.top for a, b in itertools.pairwise(body) if a.page == b.page and a.top > b.top]
    step = statistics.median(steps) if steps else 2 * char
    # Chinese paragraphs are set with a two-character first-line indent, when they are indented at all.
    indented = sum(1 for line in body if 1.5 * char <= line.x0 - left <= 2.5 * char)
    return Margins(left, right, char, step, indents=indented >= max(2, 0.05 * len(body)))


def continues(line: PdfLine, following: PdfLine, margins: Margins) -> bool:
    """True when the paragraph of `line` goes on in `following` (the line was wrapped)."""
    if _HEADING_START.match(following.text):
        return False
    ends_sentence = line.text.rstrip(_CLOSERS).endswith(_SENTENCE_END)
    if centered(following, margins) and same_middle(line, following, margins):
        # A centred title, wrapped: the rest is centred under it, in the same size, on the same page.
        same_size = abs(line.height - following.height) < 1
        return not ends_sentence and line.page == following.page and same_size
    # A line stopping short of the right margin ends its paragraph (headings, titles,
    # last lines); an indented line, or one after a wider gap, starts one.
    reaches_right = line.x1 >= margins.right - 1.5 * margins.char
    indented = following.x0 > margins.left + margins.char
    gap = line.page == following.page and line.top - following.top > 1.6 * margins.step
    if not reaches_right or indented or gap:
        return False
    # Where indents mark paragraphs, a full line ending in 。 or ； is a wrap that fell after
    # the punctuation; without indents, the punctuation is the only sign of a paragraph's end.
    return margins.indents or not ends_sentence


def centered(line: PdfLine, margins: Margins) -> bool:
    """True when a line stands well clear of both margins (more than an indent), as far from each."""
    left_gap = line.x0 - margins.left
    right_gap = margins.right - line.x1
    return min(left_gap, right_gap) > 2.5 * margins.char and abs(left_gap - right_gap) < 2 * margins.char


def same_middle(line: PdfLine, following: PdfLine, margins: Margins) -> bool:
    """True when two lines are centred on the same point (a wrapped centred title)."""
    return abs((line.x0 + line.x1) - (following.x0 + following.x1)) / 2 < 1.5 * margins.char


def joined(text: str, more: str) -> str:
    """Two pieces of one paragraph: Chinese runs on without a space, Latin words keep one."""
    if text[-1:].isascii() and text[-1:].isalpha() and more[:1].isascii() and more[:1].isalpha():
        return f"{text} {more}"
    return text + more
