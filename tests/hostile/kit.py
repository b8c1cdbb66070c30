"""Running fzcheck on hostile input: a child process with a time limit and a memory limit.

A limit that is hit fails the test (subprocess.TimeoutExpired, or a MemoryError reported as
something other than the refusal the test expects), so "done in seconds, memory bounded" is
asserted by every test that runs through `bounded`, not only hoped for.
"""

from __future__ import annotations

import ctypes
import os
import resource
import struct
import zlib
from pathlib import Path

from tests.paths import ROOT
from tests.reportkit import run_fzcheck

# Generous for a normal run (about 60 MB of address space for a text report, a few hundred
# with pdfminer), far below what inflating a bomb or reading a 200 MB file several times takes.
MEMORY_LIMIT = 1536 * 1024 * 1024
TIMEOUT = 30  # seconds; a hostile case takes well under 2 s on a quiet machine

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def limit_memory_and_permissions() -> None:
    """Also drop root's right to ignore file modes, so a mode-000 file is unreadable even to root."""
    limit_memory()
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def bounded(*args: str, cwd: Path | None = None, preexec_fn=limit_memory):
    """fzcheck ARGS in a child process limited to TIMEOUT seconds and MEMORY_LIMIT bytes."""
    return run_fzcheck(*args, cwd=cwd, timeout=TIMEOUT, preexec_fn=preexec_fn)


def deflated_zeros(megabytes: int) -> bytes:
    """A raw deflate stream inflating to `megabytes` MiB of zeros, built without compressing them all.

    A full flush ends a block on a byte boundary with no back-references across it, so one
    compressed mebibyte can be repeated.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = packer.compress(b"\0" * (1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    return chunk * megabytes + b"\x03\x00"  # an empty final block


def zip_bomb(path: Path, megabytes: int, declared_megabytes: int | None = None) -> Path:
    """A .docx-looking zip whose word/document.xml inflates to `megabytes` MiB.

    `declared_megabytes` is the size its headers claim (default: the truth); the CRC is not the
    real one, which a reader only notices after inflating everything it was going to.
    """
    members = [(b"[Content_Types].xml", b"<Types/>", 0, len(b"<Types/>"), 0)]
    declared = (declared_megabytes if declared_megabytes is not None else megabytes) << 20
    members.append((b"word/document.xml", deflated_zeros(megabytes), 8, declared, 0xDEADBEEF))
    local, central = b"", b""
    for name, data, method, size, crc in members:
        if method == 0:
            crc = zlib.crc32(data)
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(data), size, len(name), 0)
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, len(data), size, len(name), 0, 0, 0, 0, 0,
            len(local),
        ) + name  # fmt: skip
        local += header + name + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(local), 0)
    path.write_bytes(local + central + end)
    return path


def bounded_popen(*args: str, cwd: Path, env: dict[str, str] | None = None, pass_fds: tuple[int, ...] = (), **kw):
    """fzcheck ARGS started under the memory limit, for tests that talk to it while it runs
    (a FIFO, a pipe or a socket as its output) or give it descriptors and environment of their own.
    The caller waits with TIMEOUT."""
    import subprocess
    import sys

    return subprocess.Popen(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})},
        pass_fds=pass_fds,
        preexec_fn=limit_memory,
        **kw,
    )
