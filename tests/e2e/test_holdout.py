"""Invented reports in tests/fixtures/holdout (see its README) get the labelled verdicts.

They cover situations the real corpus lacks: leader-duty placed first or only in the plan,
第一部分 marks, 1、 at the top, departments and townships, figures in Chinese numerals,
a page scraped into one line, traditional characters, a PDF-style hard wrap, no title.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.paths import ROOT

HOLDOUT = ROOT / "tests" / "fixtures" / "holdout"
LABELS = yaml.safe_load((HOLDOUT / "labels.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents() -> dict[str, dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--format", "json", *[str(HOLDOUT / n) for n in sorted(LABELS)]],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return {Path(d["path"]).name: d for d in json.loads(proc.stdout)["documents"]}


@pytest.mark.parametrize(
    ("name", "rule", "status"),
    [(name, rule, status) for name in sorted(LABELS) for rule, status in LABELS[name]["expect"].items()],
)
def test_holdout_verdict(documents, name, rule, status):
    assert [f["status"] for f in documents[name]["findings"] if f["rule"] == rule] == [status]


@pytest.mark.parametrize("name", sorted(LABELS))
def test_holdout_year_and_type(documents, name):
    assert documents[name]["report_year"] == LABELS[name]["report_year"]
    assert documents[name]["report_type"] == LABELS[name]["report_type"]
