"""The .docx zip archive, read within limits: inflated size and ratio, declared sizes, no DTD."""

from __future__ import annotations

import lzma
import zipfile
import zlib
from io import BytesIO

from checker.errors import InputError

# The limits on inflating a .docx, for every part anything in fzcheck opens (the reader and --annotate).
_PARTS_LIMIT = 200 * 1024 * 1024  # uncompressed bytes of the parts opened, in total: a zip bomb stops here
_RATIO_LIMIT = 200  # uncompressed/compressed of one part…
_RATIO_MIN_SIZE = 10 * 1024 * 1024  # …once it inflates beyond this (small XML parts compress well)


class Package:
    """A .docx archive whose parts are read within one budget: the limits count every part read so far."""

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.archive = open_archive(path, data)
        self.names = set(self.archive.namelist())
        if "word/document.xml" not in self.names:
            raise InputError(path, "不是 Word 文档（压缩包中没有 word/document.xml）")
        self.opened: list[zipfile.ZipInfo] = []

    def read(self, names: tuple[str, ...] | list[str], xml: bool = True) -> dict[str, bytes]:
        """The named parts present in the archive (absent ones are left out), checked before inflating.

        `xml`: the parts will be parsed as XML, so a DTD in them is refused (an HTML chunk, read by
        the HTML reader that expands no entities, may well start with <!DOCTYPE html>).
        """
        infos = [self.archive.getinfo(n) for n in dict.fromkeys(names) if n in self.names]
        refuse_inflation(self.path, [*self.opened, *infos])
        self.opened.extend(infos)
        parts = {i.filename: read_checked(self.path, self.archive, i) for i in infos}
        # OOXML parts never declare a DTD; one that does is refused, so entities are never expanded.
        # The whole part is searched: a prolog padded with comments could push a DTD past any window.
        if xml and any(b"<!DOCTYPE" in part or b"<!ENTITY" in part for part in parts.values()):
            raise InputError(self.path, "Word 文件中含有不允许的 XML 声明（DTD/实体），已拒绝读取")
        return parts


def open_archive(path: str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(BytesIO(data))
    # A damaged central directory may also claim a zip version or feature zipfile lacks
    # (NotImplementedError, a RuntimeError) or end early (EOFError).
    except (zipfile.BadZipFile, ValueError, RuntimeError, EOFError, OSError) as exc:
        raise InputError(path, "Word 文件已损坏（不是有效的 .docx 压缩包）") from exc


def refuse_inflation(path: str, infos: list[zipfile.ZipInfo]) -> None:
    """InputError when the parts, as their zip headers declare them, pass the limits (nothing is inflated)."""
    if sum(i.file_size for i in infos) > _PARTS_LIMIT or any(
        i.compress_size and i.file_size / i.compress_size > _RATIO_LIMIT and i.file_size > _RATIO_MIN_SIZE
        for i in infos
    ):
        raise InputError(path, f"Word 文件解压后过大（上限 {_PARTS_LIMIT // (1024 * 1024)} MB），可能是压缩炸弹")


def check_every_part(path: str, data: bytes) -> None:
    """InputError unless every member of the archive is within the limits and inflates to what its header says.

    For readers that open every part themselves (python-docx for --annotate): the headers are
    checked before anything is inflated, then each member is inflated in bounded pieces, never
    past its declared size, so its CRC check catches a header that lies.
    """
    archive = open_archive(path, data)
    infos = archive.infolist()
    refuse_inflation(path, infos)
    for info in infos:
        read_checked(path, archive, info, keep=False)


def read_checked(path: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, keep: bool = True) -> bytes:
    """read_member, with what a damaged member raises turned into one InputError."""
    try:
        return read_member(archive, info, keep)
    # Corrupt compressed data fails inside the decompressor (zlib.error, LZMAError) before the CRC
    # check (an unknown compression method raises NotImplementedError, a RuntimeError); offsets
    # pointing before the start of the file give ValueError (negative seek).
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        RuntimeError,
        ValueError,
        zlib.error,
        lzma.LZMAError,
    ) as exc:
        raise InputError(path, "Word 文件已损坏（无法解压）") from exc


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, keep: bool = True) -> bytes:
    """A part's bytes, never inflating more than its header declares (b"" when not kept).

    ZipFile.read() inflates in one unbounded call and only then cuts to the declared size, so
    a header that understates a bomb's size would still exhaust memory; reading a bounded
    amount stops at the declared size, and the CRC check then reports the lie.
    """
    with archive.open(info) as member:
        if keep:
            return member.read(info.file_size)
        left = info.file_size
        while left > 0:
            piece = member.read(min(left, 1 << 20))
            if not piece:
                break
            left -= len(piece)
        member.read(1)  # at the declared end: the CRC is checked here even for an empty member
        return b""
