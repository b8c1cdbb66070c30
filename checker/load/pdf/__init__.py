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
is read (see `decoding.bounded_decoding`).

Locations are "第 P 页第 L 行": L counts every line of text on page P from the
top, running headers included, as a person counting on the page would.
"""

from __future__ import annotations

from checker.errors import InputError
from checker.load.pdf.furniture import drop_furniture
from checker.load.pdf.paragraphs import paragraph_blocks
from checker.load.pdf.reading import broken, read_pages
from checker.model import RawDocument

SCANNED = "这是扫描件（没有文字层），OCR 不受支持，请提供带文字层的 PDF 或 Word 文件"


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
