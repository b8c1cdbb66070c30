"""Writing outputs: atomically, and never over an input file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from checker.errors import FzcheckError


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file: the same resolved path (symlinks followed), or, when both
    exist, the same inode (a hard link, or a path through a bind mount)."""
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on older Pythons
        return False


def make_parent(path: str) -> None:
    """Create the folder an output goes into, or say in one line why it cannot be."""
    parent = Path(path).parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FzcheckError(f"{path}：无法创建输出目录 {parent}（{exc.strerror or exc}）") from exc


def write_atomic(path: str, data: str, inputs: list[str]) -> None:
    """Write `data` to `path` through a temporary file and a rename."""
    # UTF-8 bytes with "\n" line ends are what the text-mode write produced before.
    write_atomic_bytes(path, data.encode("utf-8"), inputs)


def write_atomic_bytes(path: str, data: bytes, inputs: list[str]) -> None:
    """Write `data` (e.g. a .docx) to `path` through a temporary file and a rename."""
    write_atomic_chunks(path, [data], inputs)


def write_atomic_chunks(path: str, chunks: Iterable[bytes], inputs: list[str]) -> None:
    """Write the chunks, as they come, to a temporary file renamed to `path` once all are written."""
    if any(same_file(path, src) for src in inputs):
        raise FzcheckError(f"{path}：输出文件不能是被检查的输入文件")
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FzcheckError(f"{path}：输出目录不存在")
    import tempfile  # ~5 ms to import: not for a check that prints to the screen

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FzcheckError(f"{path}：无法写入输出文件（{exc.strerror}）") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; an output is an ordinary file
        os.replace(tmp, target)
    except BaseException as exc:
        # Whatever stopped the write (a full disk, Ctrl-C), the target keeps its old content.
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise FzcheckError(f"{path}：无法写入输出文件（{exc.strerror or exc}）") from exc
        raise


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
