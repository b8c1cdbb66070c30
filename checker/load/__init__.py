"""Load stage: path -> RawDocument, the reader chosen by the file's content."""

from __future__ import annotations

import os
from pathlib import Path

from checker.errors import InputError
from checker.model import RawDocument

# Files above this size are refused before they are read into memory.
MAX_BYTES = 20 * 1024 * 1024

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")

_SIGNATURES = (
    (b"PK\x03\x04", "Word 文档（.docx）或 zip 压缩包"),
    (b"%PDF", "PDF 文件"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office 文件（.doc/.wps）"),
    (b"{\\rtf", "RTF 文件"),
)


def supported_suffixes() -> tuple[str, ...]:
    """Suffixes a folder walk picks up."""
    return TEXT_SUFFIXES


def read_bytes(path: str) -> bytes:
    """The file's bytes, or an InputError saying why they cannot be had."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "文件不存在")
    if p.is_dir():
        raise InputError(path, "这是一个文件夹，不是文件")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(path, f"无法读取文件信息（{exc.strerror}）") from exc
    if size > MAX_BYTES:
        raise InputError(path, f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_BYTES // (1024 * 1024)} MB）")
    try:
        with open(p, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except PermissionError as exc:
        raise InputError(path, "没有读取权限") from exc
    except OSError as exc:
        raise InputError(path, f"无法读取文件（{exc.strerror}）") from exc


def unsupported_kind(data: bytes) -> str | None:
    """A Chinese name for a binary format this version cannot read, if sniffed."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            return name
    return None


def load(path: str) -> RawDocument:
    """Read a report from disk. Never writes."""
    from checker.load.text import decode_text

    data = read_bytes(path)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(path, "文件为空")
    kind = unsupported_kind(data)
    if kind is not None:
        raise InputError(path, f"内容是{kind}，当前版本只能读取纯文本（.txt/.md）；请另存为 .txt 后再检查")
    text, encoding = decode_text(path, data)
    return RawDocument(path=os.fspath(path), text=text, encoding=encoding)
