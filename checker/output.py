"""Writing outputs: the one way fzcheck writes a result, never destroying what is at the target.

- `-` is standard output.
- /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N are written through the descriptor
  itself (what `-o >(cmd)` passes), so a pipe or a socket there works and a file there is
  appended to at its current position, as the shell's redirection left it.
- A character device or a FIFO is written in place (opened, never created, truncated or
  renamed over); a socket file is connected to and written; a block device or a folder is refused.
- A regular file (or none yet) is written to a temporary file in its folder and renamed over the
  target, keeping the old file's mode; a symlink is followed to the file it leads to, which is
  replaced the same way, so the link stays a link.
- An output that names an input (the report, --previous, a --pack file, the config file) is
  refused, also through a symlink, a hard link or '..'.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from checker.errors import FzcheckError

STDOUT = "-"
REPORT = "被检查的输入文件"  # what an input is, as the refusal names it
# Paths whose file is an open descriptor of this process (bash's >(cmd) passes /dev/fd/63).
_FD_PATH = re.compile(r"/dev/fd/(\d+)|/proc/self/fd/(\d+)|/dev/(stdout)|/dev/(stderr)")
_STD_FD = {"stdout": 1, "stderr": 2}


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file: the same resolved path (symlinks followed), or, when both
    exist, the same inode (a hard link, or a path through a bind mount)."""
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a symlink loop on older Pythons
        return False


def refuse_inputs(path: str, inputs: Mapping[str, str]) -> None:
    """Refuse an output that would overwrite an input (`inputs`: path -> what it is, in Chinese,
    naming it: 上年报告 2023.txt（--previous）)."""
    if path == STDOUT:
        return
    # same_file for each input, with the output resolved and looked at once (a batch has thousands of inputs).
    try:
        resolved = Path(path).resolve()
    except (OSError, RuntimeError, ValueError):
        return  # same_file finds no input the same then
    info = stat_or_none(path)
    for source, kind in inputs.items():
        if names_output(source, resolved, info):
            raise FzcheckError(f"{path}：输出文件不能是{kind}")


def names_output(source: str, resolved: Path, info: os.stat_result | None) -> bool:
    """same_file(output, source), given the output's resolved path and what is there (None: nothing)."""
    try:
        if Path(source).resolve() == resolved:
            return True
    except (OSError, RuntimeError, ValueError):
        return False
    if info is None:
        return False
    other = stat_or_none(source)
    return other is not None and os.path.samestat(info, other)


def make_parent(path: str) -> None:
    """Create the folder an output goes into, or say in one line why it cannot be."""
    parent = Path(path).parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FzcheckError(f"{path}：无法创建输出目录 {parent}（{exc.strerror or exc}）") from exc


def write_output(path: str, chunks: Iterable[bytes], inputs: Mapping[str, str] | Iterable[str] = ()) -> None:
    """Write the chunks to `path` by the rules of this module (see its docstring)."""
    if path == STDOUT:
        write_stdout(chunks)
        return
    inputs = inputs if isinstance(inputs, Mapping) else dict.fromkeys(inputs, REPORT)
    refuse_inputs(path, inputs)
    descriptor = fd_of_path(path)
    if descriptor is not None:
        write_descriptor(path, descriptor, chunks)
        return
    info = stat_or_none(path)
    if info is not None and not stat.S_ISREG(info.st_mode):
        write_special(path, info, chunks)
        return
    target = link_target(path)
    make_parent(target)
    write_atomic_chunks(target, chunks, mode_of(info), shown=path)


def write_atomic_bytes(path: str, data: bytes, inputs: Mapping[str, str] | Iterable[str] = ()) -> None:
    """Write `data` (e.g. a .docx) to `path`; see write_output."""
    write_output(path, [data], inputs)


def write_stdout(chunks: Iterable[bytes]) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    for chunk in chunks:
        if stream is not None:
            stream.write(chunk)
        else:  # a text-only stdout (embedding, tests)
            sys.stdout.write(chunk.decode("utf-8"))
    sys.stdout.flush()


def fd_of_path(path: str) -> int | None:
    """The descriptor number a /dev/fd/N-like path names, else None."""
    found = _FD_PATH.fullmatch(path)
    if not found:
        return None
    number, proc_number, *named = found.groups()
    if number or proc_number:
        return int(number or proc_number)
    return _STD_FD[next(name for name in named if name)]


def write_descriptor(path: str, descriptor: int, chunks: Iterable[bytes]) -> None:
    """Write to an open descriptor of this process through a duplicate (the original stays open)."""
    try:
        handle = os.fdopen(os.dup(descriptor), "wb")
    except OSError as exc:
        raise FzcheckError(f"{path}：无法写入输出文件（{exc.strerror or exc}）") from exc
    write_handle(path, handle, chunks)


def stat_or_none(path: str) -> os.stat_result | None:
    """What is at `path` (links followed), or None when nothing is (or a link leads nowhere)."""
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def write_special(path: str, info: os.stat_result, chunks: Iterable[bytes]) -> None:
    """A target that is not a regular file is written in place or refused, never replaced."""
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise FzcheckError(f"{path}：输出位置是文件夹，请指定文件名")
    if stat.S_ISBLK(mode):
        raise FzcheckError(f"{path}：输出位置是块设备，为免破坏其中的数据，拒绝写入")
    if stat.S_ISSOCK(mode):
        write_handle(path, socket_handle(path), chunks)
        return
    # A character device or a FIFO: opened for writing as it is (a FIFO waits for its reader).
    try:
        handle = os.fdopen(os.open(path, os.O_WRONLY | os.O_NOCTTY), "wb")
    except OSError as exc:
        raise FzcheckError(f"{path}：无法写入输出文件（{exc.strerror or exc}）") from exc
    write_handle(path, handle, chunks)


def socket_handle(path: str):
    """A writable file object on a Unix stream socket listening at `path`."""
    import socket

    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except OSError as exc:
        sock.close()
        raise FzcheckError(f"{path}：无法连接输出套接字（{exc.strerror or exc}）") from exc
    handle = sock.makefile("wb")
    sock.close()  # the file object keeps the connection open
    return handle


def write_handle(path: str, handle, chunks: Iterable[bytes]) -> None:
    try:
        with handle:
            for chunk in chunks:
                handle.write(chunk)
    except OSError as exc:
        raise FzcheckError(f"{path}：无法写入输出文件（{exc.strerror or exc}）") from exc


def link_target(path: str) -> str:
    """The file a symlink leads to (the link itself is kept), or `path` when it is no link."""
    if not os.path.islink(path):
        return path
    target = os.path.realpath(path)
    if os.path.islink(target):  # realpath gives up on a loop and returns a link
        raise FzcheckError(f"{path}：输出文件是循环的符号链接，无法写入")
    return target


def mode_of(info: os.stat_result | None) -> int:
    """The permission bits the output gets: the old file's, else what a new file gets."""
    return stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~current_umask()


def write_atomic_chunks(path: str, chunks: Iterable[bytes], mode: int, shown: str) -> None:
    """Write the chunks, as they come, to a temporary file renamed to `path` once all are written."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FzcheckError(f"{shown}：输出目录不存在")
    import tempfile  # ~5 ms to import: not for a check that prints to the screen

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FzcheckError(f"{shown}：无法写入输出文件（{exc.strerror}）") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        os.chmod(tmp, mode)  # mkstemp makes 0600; an output is an ordinary file
        os.replace(tmp, target)
    except BaseException as exc:
        # Whatever stopped the write (a full disk, Ctrl-C), the target keeps its old content.
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise FzcheckError(f"{shown}：无法写入输出文件（{exc.strerror or exc}）") from exc
        raise


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
