"""`reuse`: the shortcomings and the plan are not last year's text again (quality.boilerplate-reuse,
run by `fzcheck check --previous`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.pipeline import check_file
from checker.score import Gate
from tests.diffkit import fzcheck, write_reports


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path, Path]:
    return write_reports(tmp_path)


def reuse_status(result) -> str | None:
    return next((f.status for f in result.findings if f.rule == "quality.boilerplate-reuse"), None)


def test_check_previous_flags_boilerplate_reuse(reports):
    previous, current, rewritten = reports
    result = check_file(str(current), None, Gate(), previous_path=str(previous))
    finding = next(f for f in result.findings if f.rule == "quality.boilerplate-reuse")
    assert finding.status == "fail" and finding.severity == "warning"
    assert "存在的不足和原因" in finding.detail
    assert [e.line for e in finding.evidence] == [11, 12, 13]
    assert "quality" in result.packs
    assert reuse_status(check_file(str(rewritten), None, Gate(), previous_path=str(previous))) == "pass"
    # Without a previous report the rule is not run at all.
    assert reuse_status(check_file(str(current), None, Gate())) is None
    # With packs named, the quality pack is still added for --previous.
    from checker.packs import load_packs

    named = check_file(str(current), load_packs(["national"]), Gate(), previous_path=str(previous))
    assert reuse_status(named) == "fail"


OWN_PARTS_PACK = """id: own-parts
parts:
  measures: {title: 主要举措和成效, headings: [主要举措和成效]}
rules:
  - id: own.reuse
    type: reuse
    title: 不照搬上年
    severity: warning
    basis: 依据
    message: 说明
    suggestion: 建议
"""


def test_reuse_reads_the_base_packs_parts_when_its_pack_lacks_them(reports, tmp_path):
    from checker.packs import load_pack

    previous, current, rewritten = reports
    path = tmp_path / "own-parts.yaml"
    path.write_text(OWN_PARTS_PACK, encoding="utf-8")
    pack = load_pack(path)
    assert "shortcomings" not in pack.parts

    def status(report: Path) -> str:
        result = check_file(str(report), [pack], Gate(), previous_path=str(previous))
        return next(f.status for f in result.findings if f.rule == "own.reuse")

    assert status(current) == "fail"
    assert status(rewritten) == "pass"


def test_check_command_previous(reports, tmp_path):
    previous, current, rewritten = reports

    def status(path: Path, *extra: str) -> str | None:
        proc = fzcheck("check", str(path), "--format", "json", "--fail-on", "never", *extra, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        findings = json.loads(proc.stdout)["documents"][0]["findings"]
        return next((f["status"] for f in findings if f["rule"] == "quality.boilerplate-reuse"), None)

    assert status(current, "--previous", str(previous)) == "fail"
    assert status(rewritten, "--previous", str(previous)) == "pass"
    assert status(current) is None
    proc = fzcheck("check", str(current), str(rewritten), "--previous", str(previous), cwd=tmp_path)
    assert proc.returncode == 2 and "--previous" in proc.stderr
    proc = fzcheck("check", str(current), "--previous", str(tmp_path / "没有.txt"), cwd=tmp_path)
    assert proc.returncode == 2 and "没有.txt" in proc.stderr


def test_quality_pack_examples_run_with_and_without_last_years_report(tmp_path):
    proc = fzcheck("rules", "test", "--coverage", "quality", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "✓ quality.boilerplate-reuse：3/3" in proc.stdout
