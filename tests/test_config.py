"""Configuration: found upward from the current folder, or in pyproject.toml; waivers, ignored rules, bad keys."""

from __future__ import annotations

import json

import pytest

from tests.paths import ROOT
from tests.reportkit import report
from tests.reportkit import run_fzcheck as fzcheck

GAPS = (ROOT / "examples" / "gaps-2023.txt").read_text(encoding="utf-8")


def test_config_is_found_upward_and_waivers_keep_the_reason(tmp_path):
    (tmp_path / "fzcheck.toml").write_text(
        'fail_on = "error"\n'
        "[[waivers]]\n"
        'rule = "enforcement.three-systems"\n'
        'reason = "本局无行政执法职能"\n'
        "[[waivers]]\n"
        'rule = "data.*"\n'
        'file = "gaps.txt"\n'
        'reason = "复议应诉数据另行报送"\n'
        "[[waivers]]\n"
        'rule = "part.leader-duty"\n'
        'reason = "已在党组报告中单列"\n',
        encoding="utf-8",
    )
    drafts = tmp_path / "drafts" / "sub"
    drafts.mkdir(parents=True)
    (drafts / "gaps.txt").write_text(GAPS, encoding="utf-8")
    proc = fzcheck("check", "--format", "json", "gaps.txt", cwd=drafts)
    out = json.loads(proc.stdout)
    findings = {f["rule"]: f for f in out["documents"][0]["findings"]}
    three = findings["enforcement.three-systems"]
    assert three["status"] == "waived"
    assert three["waiver"] == "本局无行政执法职能"
    assert three["waived_status"] == "fail"
    assert findings["data.litigation"]["status"] == "waived"
    assert proc.returncode == 0, "every error-level gap is waived: the gate passes"
    text = fzcheck("check", "gaps.txt", cwd=drafts).stdout
    assert "已豁免" in text and "本局无行政执法职能" in text


def test_no_config_ignores_the_file(tmp_path):
    (tmp_path / "fzcheck.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    (tmp_path / "gaps.txt").write_text(GAPS, encoding="utf-8")
    assert fzcheck("check", "gaps.txt", cwd=tmp_path).returncode == 0
    assert fzcheck("check", "--no-config", "gaps.txt", cwd=tmp_path).returncode == 1


def test_pyproject_tool_section_and_ignore(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.fzcheck]\nignore = ["outline.*", "freshness.*"]\n', encoding="utf-8"
    )
    (tmp_path / "r.txt").write_text(report(), encoding="utf-8")
    out = json.loads(fzcheck("check", "--format", "json", "r.txt", cwd=tmp_path).stdout)
    rules = [f["rule"] for f in out["documents"][0]["findings"]]
    assert rules and not any(r.startswith(("outline.", "freshness.")) for r in rules)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("fail_onn = 'error'\n", "是不是 fail_on？"),
        ("[[waivers]]\nrule = 'part.other'\n", "reason"),
        ("type = 'city'\n", "type"),
        ("jobs = 'many'\n", "jobs"),
        ("not toml = = 1\n", "TOML"),
    ],
)
def test_bad_config_is_one_clear_line(tmp_path, content, words):
    (tmp_path / "fzcheck.toml").write_text(content, encoding="utf-8")
    (tmp_path / "r.txt").write_text(report(), encoding="utf-8")
    proc = fzcheck("check", "r.txt", cwd=tmp_path)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "fzcheck.toml" in lines[0] and words in lines[0]
    assert "Traceback" not in proc.stderr
