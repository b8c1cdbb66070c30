"""pdfminer.six driven page by page within the page and content caps: the text lines of each page."""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from checker.errors import InputError
from checker.load.pdf.decoding import bounded_decoding

# Reports run to a few dozen pages; far more is a compilation or the wrong file,
# and would take minutes to read.
MAX_PAGES = 500


def need_extra() -> str:
    """What to say when pdfminer.six is missing."""
    from checker.install import install_hint

    return f"读取 PDF 需要安装可选依赖 pdf，{install_hint('pdf')}"


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
        raise InputError(path, need_extra()) from exc
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
