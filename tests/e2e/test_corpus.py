"""The real published reports in ../shared/corpus get exactly the reviewer's verdicts (labels.yaml).

The corpus texts stay outside the project; this test reads them where they are.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.paths import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = CORPUS / "labels.yaml"

pytestmark = pytest.mark.skipif(
    not LABELS.is_file(), reason="../shared/corpus/labels.yaml is absent: the real-report corpus is not checked out"
)


@pytest.fixture(scope="module")
def labels() -> dict:
    return yaml.safe_load(LABELS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents(labels) -> dict[str, dict]:
    names = sorted(labels)
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--format", "json", *[str(CORPUS / n) for n in names]],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return {Path(d["path"]).name: d for d in json.loads(proc.stdout)["documents"]}


def expected_verdicts() -> list[tuple[str, str, str]]:
    if not LABELS.is_file():
        return []
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    return [(name, rule, status) for name in sorted(data) for rule, status in data[name]["expect"].items()]


@pytest.mark.parametrize(("name", "rule", "status"), expected_verdicts())
def test_corpus_verdict(documents, name, rule, status):
    found = [f["status"] for f in documents[name]["findings"] if f["rule"] == rule]
    assert found == [status]


def test_corpus_year_and_type(documents, labels):
    for name, spec in labels.items():
        assert documents[name]["report_year"] == spec["report_year"], name
        assert documents[name]["report_type"] == spec["report_type"], name
        if "published" in spec:
            assert documents[name]["meta"]["published"] == str(spec["published"]), name


def test_every_corpus_finding_has_evidence_or_a_place_it_looked(documents):
    for name, doc in documents.items():
        for finding in doc["findings"]:
            assert finding["evidence"] or finding["looked_in"] or finding["detail"], (name, finding["rule"])
