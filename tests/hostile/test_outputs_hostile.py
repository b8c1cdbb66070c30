"""Nothing lost: outputs are whole or absent, never over an input, and Ctrl-C writes nothing."""

from __future__ import annotations

import errno
import os
import pty
import re
import select
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.cli import main
from tests.hostile.kit import TIMEOUT, bounded, bounded_popen
from tests.paths import ROOT
from tests.reportkit import one_clear_line, report

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
    import checker.render.pieces

    def broken(*args):
        raise ValueError("boom")

    monkeypatch.setattr(checker.render.pieces, "html_document", broken)  # the HTML file's assembly
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


# --- outputs never destroy: targets that are not regular files, links, inputs -----------------

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mknod of a device stand-in needs root")


def json_args(draft: Path, target: str) -> list[str]:
    return ["check", str(draft), "--format", "json", "-o", target]


def finished(proc: subprocess.Popen) -> tuple[int, str]:
    """Exit code and stderr of a child started by bounded_popen, waited for within TIMEOUT, less the one-line
    summary (fzcheck：已写入 …) that a run writing nothing to the screen ends with."""
    _, err = proc.communicate(timeout=TIMEOUT)
    lines = err.decode("utf-8", "replace").splitlines(keepends=True)
    return proc.returncode, "".join(line for line in lines if not line.startswith("fzcheck：已写入 "))


def read_all_in_thread(opener) -> dict:
    """Read everything from opener() in a thread (a full pipe buffer would block the writer)."""
    import threading

    got: dict = {}

    def read() -> None:
        with opener() as fh:
            got["data"] = fh.read()

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    got["thread"] = thread
    return got


def assert_whole_json(data: bytes) -> None:
    import json

    assert json.loads(data.decode("utf-8"))["documents"][0]["score"] > 0


@needs_root
@pytest.mark.parametrize("where", ["--output", "--output-dir"])
def test_a_character_device_is_written_in_place_not_replaced(tmp_path, draft, where):
    # A stand-in for /dev/null (same device numbers) in a temp folder: the real one is never used.
    folder = tmp_path / "out"
    folder.mkdir()
    null = folder / ("fzcheck.json" if where == "--output-dir" else "null")
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    target = ["--output-dir", str(folder)] if where == "--output-dir" else ["-o", str(null)]
    done = bounded("check", str(draft), "--format", "json", *target)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(null.lstat().st_mode) and null.lstat().st_rdev == os.makedev(1, 3)
    assert leftovers(folder) == []


@needs_root
def test_a_block_device_is_refused(tmp_path, draft):
    # Device numbers no driver claims: even a wrong write could not reach a disk.
    blocker = tmp_path / "disk"
    os.mknod(blocker, stat.S_IFBLK | 0o600, os.makedev(4095, 4095))
    line = one_clear_line(bounded(*json_args(draft, str(blocker))), str(blocker))
    assert "块设备" in line
    assert stat.S_ISBLK(blocker.lstat().st_mode)


def test_a_fifo_is_written_in_place(tmp_path, draft):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    proc = bounded_popen(*json_args(draft, str(fifo)), cwd=tmp_path, stderr=subprocess.PIPE)
    got = read_all_in_thread(lambda: open(fifo, "rb"))  # noqa: SIM115 (closed by the reader)
    assert finished(proc) == (0, "")
    got["thread"].join(TIMEOUT)
    assert_whole_json(got["data"])
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("spelling", ["/dev/fd/{fd}", "/proc/self/fd/{fd}"])
def test_a_pipe_given_as_a_descriptor_path_gets_the_output(tmp_path, draft, spelling):
    # What `-o >(cmd)` passes; the pipe is this test's own, never the real stdout.
    read_end, write_end = os.pipe()
    proc = bounded_popen(
        *json_args(draft, spelling.format(fd=write_end)), cwd=tmp_path, pass_fds=(write_end,), stderr=subprocess.PIPE
    )
    os.close(write_end)
    got = read_all_in_thread(lambda: os.fdopen(read_end, "rb"))
    assert finished(proc) == (0, "")
    got["thread"].join(TIMEOUT)
    assert_whole_json(got["data"])


def test_a_file_given_as_a_descriptor_path_is_appended_to_not_replaced(tmp_path, draft):
    # `-o /dev/stdout > out.json` as the shell would set it up: the file keeps what was written before.
    out = tmp_path / "out.json"
    with open(out, "ab") as fh:
        fh.write(b"before\n")
        fh.flush()
        proc = bounded_popen(
            *json_args(draft, f"/dev/fd/{fh.fileno()}"), cwd=tmp_path, pass_fds=(fh.fileno(),), stderr=subprocess.PIPE
        )
        assert finished(proc) == (0, "")
    kept, _, written = out.read_bytes().partition(b"\n")
    assert kept == b"before"
    assert_whole_json(written)
    assert leftovers(tmp_path) == []


def test_a_unix_socket_is_written_to_not_replaced(tmp_path, draft):
    import socket

    path = tmp_path / "out.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    server.settimeout(TIMEOUT)
    proc = bounded_popen(*json_args(draft, str(path)), cwd=tmp_path, stderr=subprocess.PIPE)

    def accept():
        conn, _ = server.accept()
        return conn.makefile("rb")

    got = read_all_in_thread(accept)
    assert finished(proc) == (0, "")
    got["thread"].join(TIMEOUT)
    server.close()
    assert_whole_json(got["data"])
    assert stat.S_ISSOCK(path.lstat().st_mode)


def test_dash_is_standard_output(tmp_path, draft):
    done = bounded(*json_args(draft, "-"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert_whole_json(done.stdout.encode("utf-8"))
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_symlink_to_a_file_is_written_through_and_stays_a_link(tmp_path, draft, name):
    options, target = writer_args(tmp_path, name)
    real = tmp_path / "real" / f"saved{target.suffix}"
    real.parent.mkdir()
    real.write_bytes(b"old")
    real.chmod(0o640)
    target.symlink_to(real)
    done = bounded("check", str(draft), *options)
    assert done.returncode == 0, done.stderr
    assert target.is_symlink() and os.readlink(target) == str(real)
    assert real.read_bytes() != b"old" and real.stat().st_size > 0
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the old file's mode is kept
    assert leftovers(tmp_path) == leftovers(real.parent) == []


def test_a_symlink_loop_is_refused(tmp_path, draft):
    (tmp_path / "a.json").symlink_to("b.json")
    (tmp_path / "b.json").symlink_to("a.json")
    line = one_clear_line(bounded(*json_args(draft, "a.json"), cwd=tmp_path), "a.json")
    assert "循环的符号链接" in line
    assert (tmp_path / "a.json").is_symlink() and (tmp_path / "b.json").is_symlink()


def other_input(kind: str, tmp_path: Path, draft: Path) -> tuple[list[str], Path]:
    """Options naming an input that is not the report, and that input's file."""
    if kind == "previous":
        previous = tmp_path / "2023.txt"
        previous.write_text(report(2023), encoding="utf-8")
        return ["--previous", str(previous)], previous
    if kind == "pack":
        pack = tmp_path / "mine.yaml"
        pack.write_text((ROOT / "rules" / "national.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        return ["--pack", str(pack)], pack
    if kind == "parent-pack":
        parent = tmp_path / "parent.yaml"
        parent.write_text((ROOT / "rules" / "national.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        child = tmp_path / "child.yaml"
        child.write_text("id: child\nversion: '1'\ntitle: 子规则包\nextends: [parent.yaml]\nrules: []\n", "utf-8")
        return ["--pack", str(child)], parent
    config = tmp_path / "fzcheck.toml"
    config.write_text('fail_on = "error"\n', encoding="utf-8")
    return (["--config", str(config)] if kind == "config" else []), config


@pytest.mark.parametrize("kind", ["previous", "pack", "parent-pack", "config", "found-config"])
@pytest.mark.parametrize("option", ["--output", "--output-dir", "--annotate"])
def test_an_output_naming_any_input_is_refused(tmp_path, draft, kind, option):
    options, victim = other_input(kind, tmp_path, draft)
    if option == "--annotate":
        pytest.importorskip("docx", reason="python-docx is not installed (extra 'docx')")
        alias = tmp_path / "alias.docx"
        alias.symlink_to(victim)
        target = ["--annotate", str(alias)]
    elif option == "--output-dir":
        alias = tmp_path / "fzcheck.json"  # the file --output-dir writes, a link to the input
        alias.symlink_to(victim)
        target = ["--format", "json", "--output-dir", str(tmp_path)]
    else:
        alias = tmp_path / "sub" / ".." / victim.name
        (tmp_path / "sub").mkdir()
        target = ["--format", "json", "-o", str(alias)]
    before = victim.read_bytes()
    line = one_clear_line(bounded("check", str(draft), *options, *target, cwd=tmp_path), str(alias))
    assert "输出文件不能是" in line and victim.name in line
    assert victim.read_bytes() == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("second", ["same.out", "./same.out", "sub/../same.out", "-"])
def test_two_formats_given_one_output_are_refused(tmp_path, draft, second):
    (tmp_path / "sub").mkdir()
    first = "-" if second == "-" else "same.out"
    args = ["check", str(draft), "--format", "json", "-o", first, "--format", "csv", "-o", second]
    proc = bounded(*args, cwd=tmp_path)
    if second == "-":  # a usage error: the problem, then which --help to read
        assert proc.returncode == 2 and proc.stderr.splitlines()[0].startswith("fzcheck：只能有一种格式输出到屏幕")
    else:
        assert "不能写入同一个文件" in one_clear_line(proc, second)
    assert not (tmp_path / "same.out").exists()
