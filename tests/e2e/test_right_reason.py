"""Verdicts right for the right reason (tests/rightreason.py): over every fixture and every rule example,
and the check itself catches a tampered result."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.packs import load_pack, load_packs, resolve_pack
from checker.pipeline import check_file
from checker.score import Gate
from tests.paths import ROOT
from tests.reportkit import finding
from tests.rightreason import right_reason_problems


def fixture_files() -> list[Path]:
    files = sorted((ROOT / "tests" / "fixtures" / "holdout").glob("h*.txt"))
    files += sorted((ROOT / "examples").glob("*.txt"))
    # The real reports beside the project, when they are there (read in place, never copied).
    for folder in ("corpus", "realworld"):
        shared = ROOT.parent / "shared" / folder
        if shared.is_dir():
            files += sorted(shared.glob("*.txt"))
    return files


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_every_part_verdict_cites_its_reason(path):
    result = check_file(str(path), None, Gate())
    assert right_reason_problems(result) == []


def test_every_rule_example_cites_its_reason():
    from checker.pipeline import check_text as check_memory

    for pack in load_packs(["national", "department", "township"]):
        for rule in pack.rules:
            for example in rule.examples:
                result = check_memory(example.text, [pack], Gate(), example.year, example.report_type)
                assert right_reason_problems(result) == [], (rule.id, example.text[:40])


def test_right_reason_check_catches_a_sub_item_cited_as_the_part():
    from dataclasses import replace

    path = ROOT / "examples" / "complete-2024.txt"
    result = check_file(str(path), [load_pack(resolve_pack("national"))], Gate())
    measures = finding(result, "part.measures")
    sub = next(s for s in result.sections[0].children)
    line = result.document.lines[sub.line_index]
    wrong = replace(measures, evidence=(replace(measures.evidence[0], line=line.source_line, text=line.shown),))
    tampered = replace(result, findings=tuple(wrong if f is measures else f for f in result.findings))
    assert right_reason_problems(tampered) and "sub-item" in right_reason_problems(tampered)[0]
    # A partial that quotes the part's own heading is caught too.
    partial = replace(measures, status="partial")
    quoting = replace(result, findings=tuple(partial if f is measures else f for f in result.findings))
    assert any("own heading" in p for p in right_reason_problems(quoting))
