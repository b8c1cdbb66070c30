""".docx: the body read straight from the XML (zipfile + ElementTree).

Body paragraphs and table rows come out in document order; headers, footers,
footnotes and comments are not read; text boxes are. Tracked changes read as
accepted (w:ins kept, w:del dropped). Automatic numbering from numbering.xml is
put back in front of its paragraph, so a heading whose 二、 comes from Word's
numbering is still seen as 二、. Reading the XML directly is several times faster
than python-docx's object model (see docs/performance.md) and needs no extra.
"""

from __future__ import annotations

from checker.errors import InputError
from checker.load import DEFAULT_MAX_BYTES
from checker.load.docx.archive import Package
from checker.load.docx.body import BlockWriter
from checker.load.docx.chunks import read_chunks
from checker.load.docx.numbering import Numbering, read_numbering
from checker.load.docx.ooxml import W, attr, parse
from checker.load.docx.styles import read_styles
from checker.model import RawDocument

_BASE_PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml")


def load_docx(path: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """A .docx's body as Blocks: one per paragraph or table row, with its location.

    `max_bytes` is the input size limit: the altChunk parts together may not exceed it.
    """
    package = Package(path, data)
    parts = package.read(_BASE_PARTS)
    body = parse(path, parts["word/document.xml"]).find(W + "body")
    if body is None:
        raise InputError(path, "Word 文档中没有正文")
    used = {attr(e) or "" for e in body.iter(W + "pStyle")}
    styles = read_styles(path, parts.get("word/styles.xml"), used)
    numbered = body.find(f".//{W}numPr") is not None or bool(styles.num)
    numbering = read_numbering(path, parts.get("word/numbering.xml")) if numbered else Numbering()
    chunks = read_chunks(package, body, max_bytes)
    refs = {id(p): i for i, p in enumerate(body.iter(W + "p"))}
    try:
        blocks = BlockWriter(styles, numbering, refs, chunks).walk(body)
    except RecursionError as exc:
        # The walk recurses into nested elements; Word nests a few levels, a damaged or hostile
        # file thousands (ElementTree itself parses such nesting without complaint).
        raise InputError(path, "Word 文件结构异常（元素嵌套过深），无法读取") from exc
    if not any(b.text.strip() for b in blocks):
        raise InputError(path, "Word 文档中没有文字")
    return RawDocument(
        path=path,
        text="\n".join(b.text for b in blocks),
        encoding="docx",
        blocks=tuple(blocks),
        kind="docx",
    )
