"""An on-disk cache of validated packs, so a cold start does not re-read and re-check YAML.

Parsing and validating the default packs took about 25 ms of a 0.17 s cold check, plus 12 ms
to import PyYAML; unpickling the finished packs takes about 4 ms. An entry records every file
the pack was built from (the pack, what it extends, the parts it borrows) with their size,
modification time, inode and status-change time, and is used only while all of them are unchanged
and fzcheck's version is the same. The status-change time (ctime) cannot be set back by a program:
an edit that keeps the size and restores the modification time still changes it, and so does a
file replaced by another (a new inode).

The cache is a convenience, never a source of truth: any problem reading or writing it is
ignored and the pack is built from its YAML. Entries are pickles, so they are read only from a
folder and files owned by the current user that nobody else can write (SECURITY.md).
Set FZCHECK_NO_CACHE=1 to turn it off, FZCHECK_CACHE_DIR to move it.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker import __version__
from checker.startup import cache_folder, trusted

_FORMAT = 9


Stamp = tuple[str, int, int, int, int]  # path, size, mtime, inode, ctime


def stamp_of(path: str) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (path, st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


def stamps_of(sources: list[str]) -> list[Stamp] | None:
    """The stamps of the files a pack was built from, or None when one of them is missing."""
    stamps = [stamp_of(s) for s in dict.fromkeys(sources)]
    return None if any(s is None for s in stamps) else stamps  # type: ignore[return-value]


def unchanged(stamps: list[Stamp]) -> bool:
    """Every file is still the one it was, with the size, modification and status-change times it had."""
    return bool(stamps) and all(stamp_of(s[0]) == tuple(s) for s in stamps)


def entry_path(folder: str | Path, pack_path: Path) -> Path:
    # A name, not a secret: crc32 and adler32 of the key (zlib imports in well under a millisecond,
    # hashlib takes about 3 ms of a cold start).
    key = f"{_FORMAT}|{__version__}|{sys.version_info[:2]}|{os.path.realpath(pack_path)}".encode()
    return Path(folder, f"pack-{pack_path.stem[:40]}-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.pickle")


def cached_pack(pack_path: Path) -> tuple[list[Stamp], Any] | None:
    """The stamps and the pack stored for this file while every file it was built from is unchanged."""
    folder = cache_folder()
    if folder is None:
        return None
    entry = entry_path(folder, pack_path)
    if not (trusted(folder) and trusted(entry)):
        return None
    try:
        with open(entry, "rb") as fh:
            stamps, pack = pickle.load(fh)
    except Exception:  # a truncated or foreign entry is only a cache miss
        return None
    stamps = [tuple(s) for s in stamps]
    return (stamps, pack) if unchanged(stamps) else None


def store_pack(pack_path: Path, stamps: list[Stamp], pack: Any) -> None:
    """Keep a built pack with the stamps of its source files; silently skipped when not possible."""
    folder = cache_folder()
    if folder is None:
        return
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not trusted(folder):
            return
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".pack-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((stamps, pack), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry_path(folder, pack_path))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:
        return


def cached_or_built(name: Path, sources: list[str], build: Callable[[], Any]) -> Any:
    """A value worked out from the files `sources` (a folder among them: its files added or removed),
    kept in the cache under `name` like a pack while every one of them is unchanged."""
    hit = cached_pack(name)
    if hit is not None:
        return hit[1]
    stamps = stamps_of(sources)
    value = build()
    if stamps is not None:
        store_pack(name, stamps, value)
    return value
