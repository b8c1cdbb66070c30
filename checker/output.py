"""Writing outputs: atomically, and never over an input file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from checker.errors import FzcheckError


def same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def write_atomic(path: str, data: str, inputs: list[str]) -> None:
    """Write `data` to `path` through a temporary file and a rename."""
    if any(same_file(path, src) for src in inputs):
        raise FzcheckError(f"{path}：输出文件不能是被检查的输入文件")
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FzcheckError(f"{path}：输出目录不存在")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
