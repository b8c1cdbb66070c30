"""The CI gate over a folder with a config file and a waiver; a batch of 200 files with one broken."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.paths import ROOT
from tests.reportkit import run_fzcheck as fzcheck
from tests.sarifschema import sarif_errors

EXAMPLES = ROOT / "examples"


def drafts_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("complete-2024.txt", "gaps-2023.txt", "township-2022.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def test_batch_table_names_each_reports_issuing_body(tmp_path):
    drafts_folder(tmp_path)
    proc = fzcheck("check", "drafts", "--color", "never", "--jobs", "1", cwd=tmp_path)
    table = proc.stdout[proc.stdout.index("汇总（按得分排序）") :]
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in table.splitlines() if ".txt" in line}
    assert rows == {
        "drafts/complete-2024.txt": "清河县人民政府",
        "drafts/gaps-2023.txt": "清河县市场监督管理局",
        "drafts/township-2022.txt": "东湖镇",
    }


def test_gate_without_waivers_fails_on_the_draft_with_gaps(tmp_path):
    drafts_folder(tmp_path)
    proc = fzcheck("check", "drafts", "--format", "junit", "--output", "junit.xml", cwd=tmp_path)
    assert proc.returncode == 1
    suites = ET.parse(tmp_path / "junit.xml").getroot()
    failed = [s.get("name") for s in suites.iter("testsuite") if int(s.get("failures", 0))]
    assert any(name.endswith("gaps-2023.txt") for name in failed)


def test_gate_with_a_config_waiver_passes_and_every_format_shows_it(tmp_path):
    drafts_folder(tmp_path)
    gaps = json.loads(fzcheck("check", "--format", "json", "drafts/gaps-2023.txt", cwd=tmp_path).stdout)
    blocking = sorted(
        f["rule"] for f in gaps["documents"][0]["findings"] if f["severity"] == "error" and f["status"] != "pass"
    )
    assert blocking, "the draft with gaps has error-level gaps"
    reason = "市场监管局不是复议机关，数据由县政府报告统一反映"
    waivers = "".join(
        f'[[waivers]]\nrule = "{rule}"\nfile = "gaps-2023.txt"\nreason = "{reason}"\n' for rule in blocking
    )
    (tmp_path / "fzcheck.toml").write_text('formats = ["junit", "sarif", "github"]\n' + waivers, encoding="utf-8")
    proc = fzcheck("check", "drafts", "--output-dir", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    junit = ET.parse(tmp_path / "out" / "fzcheck.xml").getroot()
    skipped = [case for case in junit.iter("testcase") if case.find("skipped") is not None]
    assert {case.get("name").split()[0] for case in skipped} >= set(blocking)
    assert not any(
        case.find("failure") is not None and case.get("name").split()[0] in blocking for case in junit.iter("testcase")
    )
    sarif = json.loads((tmp_path / "out" / "fzcheck.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif_errors(sarif) == []
    waived = [r for r in sarif["runs"][0]["results"] if r["ruleId"] in blocking]
    assert waived and all(r.get("suppressions") for r in waived)
    github = (tmp_path / "out" / "fzcheck.github.txt").read_text(encoding="utf-8")
    assert "::error" not in github  # waived errors are not annotated; warnings still are
    assert "::warning" in github


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    drafts = folder / "drafts"
    drafts.mkdir()
    sources = sorted(EXAMPLES.glob("*.txt"))
    for index in range(199):
        shutil.copy(sources[index % len(sources)], drafts / f"r{index:03d}.txt")
    (drafts / "r199.docx").write_bytes(b"PK\x03\x04 broken")
    return folder


def test_batch_of_200_reports_the_broken_file_ranks_and_writes_spreadsheets(batch):
    pytest.importorskip("openpyxl", reason="openpyxl (extra 'xlsx') writes the workbook")
    proc = fzcheck(
        "check", "drafts", "--jobs", "2", "--format", "text", "--format", "csv", "--format", "xlsx",
        "--output", "summary.txt", "--output", "summary.csv", "--output", "summary.xlsx", cwd=batch,
    )  # fmt: skip
    assert proc.returncode == 2, "one broken file: exit 2 after all others were checked"
    assert "r199.docx" in proc.stderr
    rows = list(csv.reader(io.StringIO((batch / "summary.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1 + 200
    header = rows[0]
    scores = [float(r[header.index("得分")]) for r in rows[1:] if r[header.index("得分")]]
    assert len(scores) == 199
    import openpyxl

    book = openpyxl.load_workbook(batch / "summary.xlsx")
    assert book.sheetnames[:2] == ["汇总", "明细"]
    assert book["汇总"].max_row == 201
    table = (batch / "summary.txt").read_text(encoding="utf-8")
    ranking = table[table.index("汇总") :]
    # r000 is a copy of the complete report, r001 of the one with gaps.
    assert ranking.index("r000.txt") < ranking.index("r001.txt"), "the summary ranks the best score first"
