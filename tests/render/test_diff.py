"""`fzcheck diff`: the year-over-year comparison as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.diffkit import fzcheck, write_reports


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path, Path]:
    return write_reports(tmp_path)


def test_diff_command_text_and_json(reports, tmp_path):
    previous, current, _ = reports
    proc = fzcheck("diff", str(previous), str(current), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "存在的不足和原因" in proc.stdout
    assert "重复句子：3 / 4 句" in proc.stdout
    assert "本年度第 11 行，上一年度第 10 行" in proc.stdout
    assert "培训执法人员430人" in proc.stdout
    proc = fzcheck("diff", str(previous), str(current), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    parts = {p["id"]: p for p in data["parts"]}
    assert len(parts["shortcomings"]["repeated"]) == 3
    assert parts["shortcomings"]["repeated"][0]["current"]["line"] == 11
    assert parts["shortcomings"]["repeated"][0]["previous"]["line"] == 10
    assert parts["shortcomings"]["repeated_share"] > 80
    assert parts["next-year"]["repeated_share"] == 0
    assert {"words": "直接纠错", "value": "6件"}.items() <= data["unchanged_figures"][0].items()
