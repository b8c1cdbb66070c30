"""Uploads streamed straight into the data folder, with every limit checked while the bytes arrive.

python-multipart's streaming parser feeds each file part into a file of a server-chosen name
(random hex + the client's suffix, lowercased, from the loaders' allow-list) under the data
folder's uploads/, never the system temp folder. The client's file name is kept only to be shown.
Limits: the request's Content-Length (before reading) and its bytes as they come, the number of
files, each file's size, and small plain fields. A request over a limit is refused with 413 and
every file it had written is removed.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from checker.load import supported_suffixes

FILE_FIELDS = ("files", "previous")
MAX_FIELD_BYTES = 1024  # year and type are a few bytes
MAX_FIELDS = 20
MAX_NAME = 200  # characters of a file name kept for display
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SUFFIXES = tuple(sorted(set(supported_suffixes())))
SHOWN_SUFFIXES = ".docx、.pdf、.txt、.md、.html、.doc、.wps"


class UploadRefused(Exception):
    """The whole request is refused: an HTTP status and one Chinese sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Stored:
    """One uploaded file, written under the uploads folder."""

    field: str
    name: str  # as the client named it, for display only
    path: Path
    size: int = 0
    sha256: str = ""


@dataclass
class Upload:
    files: list[Stored] = field(default_factory=list)
    previous: Stored | None = None
    fields: dict[str, str] = field(default_factory=dict)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name, why) of files not kept

    def paths(self) -> list[Path]:
        return [f.path for f in self.files] + ([self.previous.path] if self.previous else [])

    def remove(self) -> None:
        for path in self.paths():
            path.unlink(missing_ok=True)


@dataclass(frozen=True)
class Limits:
    max_files: int
    max_file_bytes: int

    @property
    def max_request_bytes(self) -> int:
        # Every report, last year's report, and room for the form's own fields and part headers.
        return (self.max_files + 1) * self.max_file_bytes + 1024 * 1024


def display_name(raw: bytes) -> str:
    """The client's file name as text to show: UTF-8, its last path component, no control characters."""
    text = raw.decode("utf-8", errors="replace").replace("%22", '"')
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    return _CONTROL.sub("", text).strip()[:MAX_NAME] or "未命名文件"


def stored_suffix(name: str) -> str | None:
    """The suffix a stored copy gets: the client's, lowercased, when the loaders read such files."""
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if suffix in SUFFIXES else None


def megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):g} MB"


class Receiver:
    """The callbacks of python-multipart's MultipartParser for one request."""

    def __init__(self, folder: Path, limits: Limits) -> None:
        self.folder = folder
        self.limits = limits
        self.upload = Upload()
        self.header_name = b""
        self.header_value = b""
        self.disposition = b""
        self.current: Stored | None = None
        self.handle: Any = None
        self.digest: Any = None
        self.field_name: str | None = None
        self.field_data = bytearray()
        self.discard = False
        self.fields_seen = 0

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_part_begin": self.part_begin,
            "on_part_data": self.part_data,
            "on_part_end": self.part_end,
            "on_header_field": self.header_field,
            "on_header_value": self.header_value_part,
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
        }

    def part_begin(self) -> None:
        self.disposition = b""
        self.current, self.field_name, self.discard = None, None, False
        self.field_data = bytearray()

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def header_value_part(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def header_end(self) -> None:
        if self.header_name.lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name, self.header_value = b"", b""

    def headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        _, options = parse_options_header(self.disposition)
        name = options.get(b"name", b"").decode("utf-8", errors="replace")
        if b"filename" not in options:
            self.fields_seen += 1
            if self.fields_seen > MAX_FIELDS:
                raise UploadRefused(413, "表单内容过多")
            self.field_name = name
            return
        raw_name = options[b"filename"]
        if name not in FILE_FIELDS or not raw_name:
            self.discard = True  # an unknown field, or a file input left empty
            return
        shown = display_name(raw_name)
        if name == "files":
            if len(self.upload.files) >= self.limits.max_files:
                raise UploadRefused(413, f"一次最多上传 {self.limits.max_files} 个文件，请分批上传")
        elif self.upload.previous is not None:
            self.discard = True
            return
        suffix = stored_suffix(shown)
        if suffix is None:
            kind = PurePosixPath(shown).suffix or "无后缀"
            self.upload.refused.append((shown, f"不支持此类文件（{kind}），请上传 {SHOWN_SUFFIXES} 文件"))
            self.discard = True
            return
        path = self.folder / f"{secrets.token_hex(16)}{suffix}"
        self.handle = os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
        self.current = Stored(name, shown, path)
        if name == "files":
            self.upload.files.append(self.current)
        else:
            self.upload.previous = self.current
        self.digest = hashlib.sha256()

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self.discard:
            return
        chunk = data[start:end]
        if self.current is not None:
            self.current.size += len(chunk)
            if self.current.size > self.limits.max_file_bytes:
                limit = megabytes(self.limits.max_file_bytes)
                raise UploadRefused(
                    413, f"文件“{self.current.name}”超过大小上限（{limit}），请压缩图片或删去附件后再上传"
                )
            self.handle.write(chunk)
            self.digest.update(chunk)
            return
        self.field_data += chunk
        if len(self.field_data) > MAX_FIELD_BYTES:
            raise UploadRefused(413, "表单内容过长")

    def part_end(self) -> None:
        if self.current is not None:
            self.handle.close()
            self.handle = None
            self.current.sha256 = self.digest.hexdigest()
            self.current = None
        elif self.field_name is not None and not self.discard:
            self.upload.fields[self.field_name] = self.field_data.decode("utf-8", errors="replace").strip()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


async def receive(request: Any, folder: Path, limits: Limits) -> Upload:
    """The files and fields of a multipart request, the files written under `folder`; raises UploadRefused."""
    from python_multipart.exceptions import FormParserError
    from python_multipart.multipart import MultipartParser, parse_options_header
    from starlette.requests import ClientDisconnect

    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or not params.get(b"boundary"):
        raise UploadRefused(400, "请求格式不正确：请通过网页上的表单上传文件")
    declared = request.headers.get("content-length")
    limit = limits.max_request_bytes
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise UploadRefused(413, f"上传的内容过大（上限 {megabytes(limit)}），请减少文件数量或大小")
    receiver = Receiver(folder, limits)
    try:
        parser = MultipartParser(params[b"boundary"], receiver.callbacks())
        received = 0
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise UploadRefused(413, f"上传的内容过大（上限 {megabytes(limit)}），请减少文件数量或大小")
            parser.write(chunk)
        parser.finalize()
        if receiver.current is not None:
            raise UploadRefused(400, "上传不完整，请重试")
    except (FormParserError, ClientDisconnect) as exc:
        receiver.close()
        receiver.upload.remove()
        raise UploadRefused(400, "上传的内容无法解析或上传中断，请重试") from exc
    except BaseException:  # a refusal, a dropped connection, a cancelled request: nothing half-written stays
        receiver.close()
        receiver.upload.remove()
        raise
    return receiver.upload
