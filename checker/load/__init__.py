"""Load stage: path -> RawDocument, the reader chosen by the file's content."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from checker.errors import InputError
from checker.model import RawDocument

# Files above this size are refused before they are read into memory (check --max-size,
# max_size_mb in fzcheck.toml; see SECURITY.md). Annual reports are well under 5 MB.
DEFAULT_MAX_MB = 20
# How far the limit may be raised: a file is held in memory several times over while it is checked.
MAX_SIZE_CEILING_MB = 1024
# The limit every reader applies when it is given none.
DEFAULT_MAX_BYTES = DEFAULT_MAX_MB * 1024 * 1024

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
DOCX_SUFFIXES = (".docx", ".docm")
PDF_SUFFIXES = (".pdf",)
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
LEGACY_SUFFIXES = (".doc", ".wps", ".rtf")
# An encrypted .docx is an OLE file holding this stream (UTF-16 name).
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
# A comment still open at the end of the sniffed head (a long one) counts as HTML, as it always did.
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<meta|<body|<div|<p[\s>]|<!--)", re.I)
# Comments before the first tag: a web page may open with one (<!-- saved from url=… -->), and so
# may a Markdown or text report; what follows them decides.
_LEADING_COMMENTS = re.compile(rb"^(?:\s*<!--.*?-->)+", re.S)


def supported_suffixes() -> tuple[str, ...]:
    """Suffixes a folder walk picks up."""
    return TEXT_SUFFIXES + DOCX_SUFFIXES + PDF_SUFFIXES + HTML_SUFFIXES + LEGACY_SUFFIXES


def size_limit(megabytes: int | None) -> int:
    """The file-size limit in bytes for a limit in MB (check --max-size, max_size_mb); None: the default."""
    return megabytes * 1024 * 1024 if megabytes else DEFAULT_MAX_BYTES


def sniff(path: str, data: bytes) -> str:
    """The format by content: docx, pdf, html, legacy (doc/wps/rtf), encrypted, zip, or text."""
    if data.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
    if data.startswith(b"%PDF") or data[:1024].lstrip().startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "encrypted" if _ENCRYPTED in data else "legacy"
    if data.startswith(b"{\\rtf"):
        return "legacy"
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(after_comments(head)) or (Path(path).suffix.lower() in HTML_SUFFIXES and b"<" in head):
        return "html"
    return "text"


def after_comments(head: bytes) -> bytes:
    """The start of a file past its leading comments (<!-- … -->)."""
    return _LEADING_COMMENTS.sub(b"", head, count=1)


def read_bytes(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or an InputError saying why they cannot be had (one above `max_bytes` among them)."""
    limit = max_bytes
    info = file_status(path)
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "这是一个文件夹，不是文件")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or a device (/dev/zero) would block or never end.
        raise InputError(path, "不是普通文件（可能是设备或管道），无法检查")
    if info.st_size > limit:
        raise InputError(path, f"文件过大（{info.st_size // (1024 * 1024)} MB，上限 {limit // (1024 * 1024)} MB）")
    try:
        with open(path, "rb") as fh:
            # Asked for the size stat() gave, not the limit: read(limit + 1) allocates (and frees) a
            # buffer of the limit for every file, three times the cost of reading a report.
            want = min(info.st_size, limit) + 1
            data = fh.read(want)
            if len(data) == want and want <= limit:  # it grew after stat()
                data += fh.read(limit + 1 - want)
    except PermissionError as exc:
        raise InputError(path, "没有读取权限") from exc
    except OSError as exc:
        raise InputError(path, f"无法读取文件（{exc.strerror}）") from exc
    if len(data) > limit:  # it grew after stat()
        raise InputError(path, f"文件过大（超过上限 {limit // (1024 * 1024)} MB）")
    return data


def file_status(path: str) -> os.stat_result:
    """os.stat of the file, or an InputError naming why there is none (missing, symlink loop...)."""
    try:
        return os.stat(path)
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise InputError(path, "符号链接指向的文件不存在") from exc
        raise InputError(path, "文件不存在") from exc
    except PermissionError as exc:
        raise InputError(path, "没有访问权限（所在文件夹不可读）") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "符号链接形成循环，无法读取") from exc
        raise InputError(path, f"无法读取文件信息（{exc.strerror}）") from exc


def load(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read a report from disk, by what its bytes are (not only its suffix). Never writes.

    `max_bytes` bounds the file, and what a .docx embeds (altChunk parts) or a converted .doc becomes.
    """
    data = read_bytes(path, max_bytes=max_bytes)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(path, "文件为空")
    kind = sniff(path, data)
    if kind == "docx":
        from checker.load.docx import load_docx

        return load_docx(path, data, max_bytes=max_bytes)
    if kind == "pdf":
        from checker.load.pdf import load_pdf

        return load_pdf(path, data)
    if kind == "html":
        from checker.load.html import load_html

        return load_html(path, data)
    if kind == "encrypted":
        raise InputError(path, "文件设有打开密码（已加密），请在 Word/WPS 中取消密码后再检查")
    if kind == "legacy":
        from checker.load.legacy import load_legacy

        return load_legacy(path, data, load, max_bytes=max_bytes)
    if kind == "zip" and Path(path).suffix.lower() in DOCX_SUFFIXES:
        from checker.load.docx import load_docx

        return load_docx(path, data, max_bytes=max_bytes)  # says what is wrong with it (corrupt, no document part...)
    if kind == "zip":
        raise InputError(path, "内容是 zip 压缩包，不是 Word 文档或文本；请解压后检查其中的报告")
    from checker.load.text import decode_text

    text, encoding = decode_text(path, data)
    return RawDocument(path=os.fspath(path), text=text, encoding=encoding)
