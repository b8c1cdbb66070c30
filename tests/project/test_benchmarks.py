"""The benchmark harness keeps working (its --quick run); no timing is asserted here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT


def test_quick_run_prints_all_five_measurements() -> None:
    pytest.importorskip("docx", reason="the harness builds .docx inputs with python-docx (extra `test`)")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| (")]
    assert {row[3] for row in rows} == {"a", "b", "c", "d", "e"}
    ratios = [row for row in rows if ") ratio " in row]
    # (a) from CPU and wall time; (b) JSON and text to a pipe, each from CPU and wall time
    assert len(ratios) == 6 and all(float(row.split("|")[2]) > 0 for row in ratios)
    assert all("CPU" in row for row in rows if row.startswith(("| (a) `", "| (b) `", "| (d) one report")))
    assert any("cold check (--format json) / import floor, CPU" in row for row in ratios)
    assert any("cold check (text to a pipe) / import floor, CPU" in row for row in ratios)
    assert any(row.startswith("| (c) ") and "largest single process" in row and "≤ 50 MB" in row for row in rows)
    assert any(row.startswith("| (e) load .docx") for row in rows)
    assert "Traceback" not in done.stderr


def test_naive_script_scores_seven_items(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("存在的不足和原因。行政复议案件32件。负责人出庭应诉率100%。", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "naive.py"), str(tmp_path)], capture_output=True, text=True
    )
    name, *scores = done.stdout.strip().split("\t")
    assert name == "a.txt" and len(scores) == 7
    assert scores[1] == "100" and scores[5] == "100" and scores[6] == "100"


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_txt_check_to_a_pipe_imports_no_heavy_module(fmt: str) -> None:
    from benchmarks.run import imported_modules

    modules = imported_modules(ROOT / "examples" / "complete-2024.txt", fmt)
    assert "checker.pipeline" in modules  # the check did run
    for heavy in ("rich", "opencc", "docx", "pdfminer", "openpyxl", "multiprocessing", "concurrent.futures"):
        assert heavy not in modules, heavy
    assert not {m for m in modules if m.startswith(("checker.load.docx", "checker.load.pdf", "checker.load.html"))}


def test_web_quick_run_answers_every_upload() -> None:
    pytest.importorskip("starlette", reason="the web benchmark needs the web app (starlette, extra `test`)")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "web", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    rows = {row.split("|")[1].strip(): row.split("|")[2].strip() for row in done.stdout.splitlines() if "| (w)" in row}
    assert rows["(w) 4 concurrent uploads, 1 round: results done / error / lost"] == "4 / 0 / 0"
    assert "Traceback" not in done.stderr


def test_synthetic_reports_are_all_different_and_reproducible() -> None:
    from benchmarks.synth import synthetic_report

    texts = [synthetic_report(index) for index in range(60)]
    assert len(set(texts)) == len(texts)
    assert synthetic_report(7) == texts[7]
    assert all("法治政府建设" in text.splitlines()[0] and len(text) > 1000 for text in texts)
