"""altChunk: content a .docx imports whole from another format (HTML, MHT, plain text)."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from checker.errors import InputError
from checker.load.docx.archive import Package
from checker.load.docx.ooxml import RELS, R, W, parse

_DOCUMENT_RELS = "word/_rels/document.xml.rels"

_MIME_VERSION = re.compile(rb"(?im)^mime-version[ \t]*:")
_LINE_END = re.compile(r"\r\n|\r|\n")  # as in normalize.source_pieces
_NOT_READ = {"docx": "Word（.docx）", "zip": "压缩包", "pdf": "PDF", "legacy": "RTF 或 .doc", "encrypted": "加密文档"}


def read_chunks(package: Package, body: ET.Element, max_bytes: int) -> dict[str, list[tuple[str, int | None]]]:
    """The lines (and heading levels) of each altChunk in the body, by relationship id.

    Word imports such a part's content when it opens the file; skipping it would lose text the
    reader sees. Chunks count towards the inflation limits, and together may not exceed
    `max_bytes`, the size limit of a file of their own.
    """
    ids = [element.get(R + "id") or "" for element in body.iter(W + "altChunk")]
    if not ids:
        return {}
    path = package.path
    rels = package.read([_DOCUMENT_RELS]).get(_DOCUMENT_RELS)
    targets = chunk_targets(path, rels) if rels else {}
    if any(targets.get(rid) not in package.names for rid in ids):
        raise InputError(path, "Word 文件已损坏（嵌入的内容块 altChunk 找不到对应的部件）")
    names = [targets[rid] for rid in ids]
    size = sum(package.archive.getinfo(n).file_size for n in set(names))
    if size > max_bytes:
        megabytes, limit = size // (1024 * 1024), max_bytes // (1024 * 1024)
        raise InputError(path, f"Word 文档中嵌入的内容块（altChunk）过大（{megabytes} MB，上限 {limit} MB）")
    parts = package.read(names, xml=False)
    lines = {name: chunk_lines(path, parts[name]) for name in set(names)}
    return {rid: lines[targets[rid]] for rid in ids}


def chunk_targets(path: str, rels: bytes) -> dict[str, str]:
    """Relationship id -> archive member of the document's altChunk (aFChunk) relationships."""
    targets = {}
    for rel in parse(path, rels).iter(RELS + "Relationship"):
        kind, target = rel.get("Type") or "", rel.get("Target") or ""
        if not kind.endswith("/aFChunk") or rel.get("TargetMode") == "External" or not target:
            continue
        target = unquote(target)
        member = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("word", target))
        targets[rel.get("Id") or ""] = member
    return targets


def chunk_lines(path: str, data: bytes) -> list[tuple[str, int | None]]:
    """An altChunk's lines with heading levels: HTML and MHT through the HTML reader, text through the text reader."""
    from checker.load import sniff

    if _MIME_VERSION.search(data[:4096].split(b"\r\n\r\n")[0].split(b"\n\n")[0]):
        return mht_lines(path, data)
    kind = sniff("chunk", data)
    if kind == "html":
        return html_lines(path, data)
    if kind == "text":
        from checker.load.text import decode_text

        text, _ = decode_text(path, data)
        return [(line.strip(), None) for line in _LINE_END.split(text) if line.strip()]
    raise InputError(
        path,
        f"Word 文档中嵌入的内容块（altChunk）是 {_NOT_READ.get(kind, kind)} 格式，无法读取；"
        "请在 Word 中打开后另存为 .docx 再检查",
    )


def html_lines(path: str, data: bytes, text: str | None = None) -> list[tuple[str, int | None]]:
    """Every line of an HTML chunk (not only an article: the whole chunk is content), as the HTML reader renders it."""
    from checker.load.html.article import body_lines
    from checker.load.html.decoding import decode_html
    from checker.load.html.tree import count_text, parse_tree

    root = parse_tree(text if text is not None else decode_html(path, data)[0])
    count_text(root)
    return body_lines(root)


def mht_lines(path: str, data: bytes) -> list[tuple[str, int | None]]:
    """The lines of a web archive chunk (MHT): its HTML part, else its plain-text part."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    parts = [p for p in message.walk() if not p.is_multipart()]
    for wanted in ("text/html", "text/plain"):
        for part in parts:
            if part.get_content_type() != wanted:
                continue
            payload = part.get_payload(decode=True) or b""
            text = decoded(payload, part.get_content_charset())
            if wanted == "text/plain":
                lines = _LINE_END.split(text if text is not None else payload.decode("utf-8", "replace"))
                return [(line.strip(), None) for line in lines if line.strip()]
            return html_lines(path, payload, text)
    raise InputError(path, "Word 文档中嵌入的网页内容块（altChunk）中没有正文，无法读取")


def decoded(payload: bytes, charset: str | None) -> str | None:
    """The payload in its declared charset; None when there is none or it does not fit."""
    if not charset:
        return None
    try:
        return payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None
