"""Batch results drop the report text unless a format shows it, and lose nothing else."""

from __future__ import annotations

from pathlib import Path

from checker.batch import Job, check_one
from checker.render.json import render_json
from checker.score import Gate
from tests.paths import ROOT
from tests.reportkit import run_fzcheck

EXAMPLE = str(ROOT / "examples" / "gaps-2023.txt")


def test_a_light_result_renders_the_same_json() -> None:
    full = check_one(Job(EXAMPLE, (), Gate(), None, None))
    light = check_one(Job(EXAMPLE, (), Gate(), None, None, keep_text=False))
    assert full.document.lines and not light.document.lines and not light.sections
    assert light.findings == full.findings and light.score == full.score
    assert render_json([light], []) == render_json([full], [])


def test_the_html_report_of_a_batch_still_shows_each_text(tmp_path: Path) -> None:
    out = tmp_path / "batch.html"
    done = run_fzcheck(
        "check", EXAMPLE, str(ROOT / "examples" / "complete-2024.txt"), "--format", "html", "-o", str(out)
    )
    assert done.returncode in (0, 1), done.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count('class="ln"') > 40  # the lines of both reports
