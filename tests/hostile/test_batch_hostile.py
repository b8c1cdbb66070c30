"""A batch stopped from outside: Ctrl-C at any moment, and a worker process killed by the kernel."""

from __future__ import annotations

import json
import os
import pty
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.hostile.kit import TIMEOUT, bounded, limit_memory
from tests.hostile.test_outputs_hostile import default_sigint, leftovers, read_until
from tests.paths import ROOT
from tests.reportkit import report

# More files than checker.batch keeps in one process, so worker processes really run.
BATCH = 60
CPU_SECONDS = 2  # what the kernel lets each process of the batch use before it kills it


def reports_folder(tmp_path: Path, count: int = BATCH) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(count):
        (folder / f"r{i:03d}.txt").write_text(report(), encoding="utf-8")
    return folder


def test_ctrl_c_while_the_worker_pool_starts_stops_cleanly(tmp_path):
    # The moment the progress bar appears the worker processes are being started: a Ctrl-C raised
    # as KeyboardInterrupt there broke concurrent.futures (an internal error, a hang at exit, or a
    # batch that ran on to the end and exited 0).
    reports_folder(tmp_path, 400)
    out = tmp_path / "out.json"
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", "reports", "--jobs", "2", "--format", "json", "-o", str(out)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
        start_new_session=True,
        preexec_fn=default_sigint,
    )
    os.close(slave)
    try:
        seen = read_until(master, re.compile("检查中".encode()), time.monotonic() + TIMEOUT)
        os.killpg(proc.pid, signal.SIGINT)
        seen += read_until(master, None, time.monotonic() + TIMEOUT)
        proc.wait(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        os.close(master)
    err = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode("utf-8", "replace"))
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "内部错误" not in err and "Exception ignored" not in err
    assert re.search(r"fzcheck：已中断；已检查 \d+ 个文件，未写出任何结果文件", err), err
    assert not out.exists()
    assert leftovers(tmp_path) == []


def limit_memory_and_cpu() -> None:
    """The hostile-test memory limit, and a CPU-time limit at which the kernel sends SIGKILL."""
    limit_memory()
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))  # soft = hard: SIGKILL, not SIGXCPU
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def test_a_worker_the_kernel_kills_costs_only_its_file(tmp_path):
    folder = reports_folder(tmp_path)
    # About 19 MB of text: checking it takes several times the CPU limit (each process of the
    # batch has its own), the other files a few hundredths of a second each.
    victim = folder / "r030-huge.txt"
    victim.write_text(report() + "法治政府建设取得新进展，全年办理案件12件。\n" * 300_000, encoding="utf-8")
    out = tmp_path / "out.json"
    proc = bounded(
        "check", "reports", "--jobs", "2", "--format", "json", "--output", str(out),
        cwd=tmp_path, preexec_fn=limit_memory_and_cpu,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, proc.stderr
    assert "r030-huge.txt" in lines[0] and "进程意外终止" in lines[0]
    assert lines[1] == f"fzcheck：已写入 {out}；检查 61 份报告：60 份通过，0 份未通过，1 份无法读取"
    assert "内部错误" not in proc.stderr and "Traceback" not in proc.stderr
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [Path(d["path"]).name for d in written["documents"]] == [f"r{i:03d}.txt" for i in range(BATCH)]
    assert [Path(e["path"]).name for e in written["errors"]] == ["r030-huge.txt"]
