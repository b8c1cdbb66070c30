"""Round trip: each real report in ../shared/corpus, turned into other formats inside the test,
gets the same core verdicts as its .txt (the converted files live only in tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.packs import load_packs
from checker.pipeline import check_file
from checker.score import Gate

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
LABELS = CORPUS / "labels.yaml"
pytestmark = pytest.mark.skipif(
    not LABELS.is_file(), reason="../shared/corpus/labels.yaml is absent: the real-report corpus is not checked out"
)


def corpus() -> list[tuple[str, dict]]:
    if not LABELS.is_file():
        return []
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    return sorted(labels.items())


def verdicts(path: Path, rules: dict) -> dict[str, str]:
    result = check_file(str(path), load_packs(["national"]), Gate())
    return {f.rule: f.status for f in result.findings if f.rule in rules}


@pytest.mark.parametrize(("name", "spec"), corpus(), ids=[n for n, _ in corpus()])
def test_docx_round_trip(tmp_path, name, spec):
    pytest.importorskip("docx", reason="python-docx (extra 'docx') builds the .docx")
    from tests.docxkit import report_docx

    text = (CORPUS / name).read_text(encoding="utf-8")
    path = report_docx(tmp_path / "report.docx", text, numbered=True)
    assert verdicts(path, spec["expect"]) == spec["expect"]
