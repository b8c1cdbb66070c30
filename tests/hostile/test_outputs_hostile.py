"""Nothing lost: outputs are whole or absent, never over an input, and Ctrl-C writes nothing."""

from __future__ import annotations

import errno
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.cli import main
from tests.hostile.kit import TIMEOUT, bounded
from tests.reportkit import one_clear_line, report

ROOT = Path(__file__).resolve().parents[2]

WRITERS = {
    # name: (options after the input, the file written, the module needed)
    "json": (["--format", "json", "--output", "{out}.json"], "{out}.json", None),
    "html": (["--format", "html", "--output", "{out}.html"], "{out}.html", None),
    "xlsx": (["--format", "xlsx", "--output", "{out}.xlsx"], "{out}.xlsx", "openpyxl"),
    "annotate": (["--annotate", "{out}.docx"], "{out}.docx", "docx"),
}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def writer_args(tmp_path: Path, name: str) -> tuple[list[str], Path]:
    options, target, module = WRITERS[name]
    if module:
        pytest.importorskip(module, reason=f"{module} is not installed (an optional extra)")
    out = str(tmp_path / "结果")
    return [o.replace("{out}", out) for o in options], Path(target.replace("{out}", out))


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(report(), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, draft, name, monkeypatch, capsys):
    options, target = writer_args(tmp_path, name)
    target.write_bytes(b"old")

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("checker.output.os.replace", disk_full)
    assert main(["check", str(draft), *options]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert err == [f"fzcheck：{target}：无法写入输出文件（No space left on device）"]
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writer_replaces_the_file_in_one_rename(tmp_path, draft, name, monkeypatch):
    # Each writer goes through checker.output: the target appears only by os.replace of a temp file.
    options, target = writer_args(tmp_path, name)
    renamed = []
    real_replace = os.replace

    def replace(src, dst):
        assert Path(src).parent == target.parent and Path(src).name.endswith(".tmp")
        renamed.append(Path(dst))
        real_replace(src, dst)

    monkeypatch.setattr("checker.output.os.replace", replace)
    assert main(["check", str(draft), *options]) == 0
    assert target in renamed and target.stat().st_size > 0
    assert leftovers(tmp_path) == []


def test_a_failed_render_writes_none_of_the_outputs(tmp_path, draft, monkeypatch, capsys):
    import checker.render.html

    def broken(results, errors):
        raise ValueError("boom")

    monkeypatch.setattr(checker.render.html, "render", broken)
    first, second = tmp_path / "结果.json", tmp_path / "结果.html"
    args = [
        "check",
        str(draft),
        "--format",
        "json",
        "--output",
        str(first),
        "--format",
        "html",
        "--output",
        str(second),
    ]
    assert main(args) == 2
    assert len([line for line in capsys.readouterr().err.splitlines() if line.strip()]) == 1
    assert not first.exists() and not second.exists()
    assert leftovers(tmp_path) == []


def same_as_input(kind: str, draft: Path, out: Path) -> Path:
    """A path naming the input file another way: a symlink, a hard link or a detour through '..'."""
    if kind == "symlink":
        out.symlink_to(draft)
    elif kind == "hardlink":
        os.link(draft, out)
    else:
        sub = draft.parent / "sub"
        sub.mkdir()
        return sub / ".." / draft.name
    return out


REFUSAL = {"--output": "输出文件不能是被检查的输入文件", "--annotate": "批注版不能覆盖被检查的文件"}


@pytest.mark.parametrize("kind", ["symlink", "hardlink", "dotdot"])
@pytest.mark.parametrize("option", ["--output", "--annotate"])
def test_output_naming_the_input_another_way_is_refused(tmp_path, draft, kind, option):
    if option == "--annotate":
        pytest.importorskip("docx", reason="python-docx is not installed (extra 'docx')")
        draft = draft.rename(draft.with_suffix(".docx"))
        from tests.docxkit import report_docx

        report_docx(draft, report())
    alias = same_as_input(kind, draft, tmp_path / f"alias{draft.suffix}")
    before = (draft.read_bytes(), draft.stat().st_mtime_ns)
    line = one_clear_line(bounded("check", str(draft), option, str(alias)), str(alias))
    assert REFUSAL[option] in line
    assert (draft.read_bytes(), draft.stat().st_mtime_ns) == before
    assert leftovers(tmp_path) == []


def test_ctrl_c_during_a_batch_writes_nothing_and_says_what_was_done(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    total = 400
    for i in range(total):
        (folder / f"r{i:03d}.txt").write_text(report(), encoding="utf-8")
    out = tmp_path / "out.json"
    master, slave = pty.openpty()  # stderr on a terminal: the progress bar shows when the batch has begun
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", "reports", "--format", "json", "--output", str(out)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
        start_new_session=True,  # its own process group, as a terminal's foreground job
        preexec_fn=default_sigint,  # …which gets Ctrl-C even when the test runner was started ignoring it
    )
    os.close(slave)
    try:
        seen = read_until(master, re.compile(rb" [1-9]\d?%"), time.monotonic() + TIMEOUT)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole group gets SIGINT
        seen += read_until(master, None, time.monotonic() + TIMEOUT)
        proc.wait(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    err = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode("utf-8", "replace")).replace("\r", "\n")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    found = re.search(r"fzcheck：已中断；已检查 (\d+) 个文件，未写出任何结果文件", err)
    assert found, err
    done = int(found.group(1))
    listed = re.findall(r"已检查：(\S+)", err)
    assert 0 < done < total and len(listed) == done
    assert listed == [f"reports/r{i:03d}.txt" for i in range(done)]  # in order, each named
    assert not out.exists()
    assert leftovers(tmp_path) == []


def default_sigint() -> None:
    """SIGINT at its default disposition: a shell ignores it in background jobs (`pytest &`), and the
    child would inherit that, so Ctrl-C would never reach fzcheck."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def read_until(fd: int, pattern: re.Pattern[bytes] | None, deadline: float) -> bytes:
    """What the terminal shows until `pattern` appears (None: until the other side closes)."""
    seen = b""
    while time.monotonic() < deadline:
        if pattern is not None and pattern.search(seen):
            return seen
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: every writer has closed the terminal
            chunk = b""
        if not chunk:
            if pattern is None:
                return seen
            raise AssertionError(f"fzcheck ended before {pattern.pattern!r} appeared: {seen[-500:]!r}")
        seen += chunk
    raise AssertionError(f"timed out waiting for {pattern.pattern if pattern else 'the end'!r}: {seen[-500:]!r}")


def test_an_output_folder_that_is_a_file_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "报告"
    blocker.write_text("不是文件夹", encoding="utf-8")
    target = str(blocker / "out.json")
    done = bounded("check", str(ROOT / "examples" / "complete-2024.txt"), "--format", "json", "-o", target)
    line = one_clear_line(done, target)
    assert "无法创建输出目录" in line and "内部错误" not in line
    assert blocker.read_text(encoding="utf-8") == "不是文件夹"
