"""Configuration discovery, waivers, ignored rules, batches in parallel, several output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.reportkit import report
from tests.reportkit import run_fzcheck as fzcheck

ROOT = Path(__file__).resolve().parent.parent
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
        ("fail_onn = 'error'\n", "是不是 fail_on"),
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


def test_batch_in_parallel_keeps_the_order_and_reports_unreadable_files(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    # More files than checker.batch keeps in one process, so the parallel path really runs.
    for index in range(60):
        text = report(year=2016 + index % 10) if index % 2 else GAPS
        (folder / f"r{index:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "r99.txt").write_bytes(b"")
    serial = fzcheck("check", "--format", "json", "--jobs", "1", "drafts", cwd=tmp_path)
    parallel = fzcheck("check", "--format", "json", "--jobs", "2", "drafts", cwd=tmp_path)
    assert serial.stdout == parallel.stdout
    assert parallel.returncode == 2, "one unreadable file: exit 2 after the others were checked"
    out = json.loads(parallel.stdout)
    assert [Path(d["path"]).name for d in out["documents"]] == [f"r{i:02d}.txt" for i in range(60)]
    assert [Path(e["path"]).name for e in out["errors"]] == ["r99.txt"]


def test_size_limit_option_refuses_a_file_alone_and_in_a_parallel_batch(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    big = folder / "big.txt"
    big.write_text(report() + "备注：" + "法治政府建设。" * 75_000 + "\n", encoding="utf-8")  # about 1.6 MB
    assert fzcheck("check", "drafts/big.txt", cwd=tmp_path).returncode in (0, 1), "read under the default limit"
    alone = fzcheck("check", "drafts/big.txt", "--max-size", "1", cwd=tmp_path)
    assert alone.returncode == 2 and "文件过大" in alone.stderr and "上限 1 MB" in alone.stderr
    # More files than checker.batch keeps in one process: the limit must reach the worker processes.
    for index in range(60):
        (folder / f"r{index:02d}.txt").write_text(report(year=2016 + index % 10), encoding="utf-8")
    batch = fzcheck("check", "drafts", "--jobs", "2", "--max-size", "1", "--format", "json", cwd=tmp_path)
    assert batch.returncode == 2
    out = json.loads(batch.stdout)
    assert len(out["documents"]) == 60
    assert [(Path(e["path"]).name, "上限 1 MB" in e["message"]) for e in out["errors"]] == [("big.txt", True)]


def test_glob_patterns_are_expanded(tmp_path):
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text(report(), encoding="utf-8")
    out = json.loads(fzcheck("check", "--format", "json", "*.txt", cwd=tmp_path).stdout)
    assert sorted(Path(d["path"]).name for d in out["documents"]) == ["a.txt", "b.txt"]


def test_several_formats_to_an_output_dir(tmp_path):
    (tmp_path / "r.txt").write_text(report(), encoding="utf-8")
    proc = fzcheck("check", "--format", "json", "--format", "text", "--output-dir", "out", "r.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "out" / "fzcheck.json").read_text(encoding="utf-8"))["documents"]
    assert "法治政府建设年度报告检查" in (tmp_path / "out" / "fzcheck.txt").read_text(encoding="utf-8")


def test_several_formats_need_destinations(tmp_path):
    (tmp_path / "r.txt").write_text(report(), encoding="utf-8")
    proc = fzcheck("check", "--format", "json", "--format", "text", "r.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "--output" in proc.stderr


def test_batch_summary_table_sorted_by_score(tmp_path):
    (tmp_path / "good.txt").write_text(report(), encoding="utf-8")
    (tmp_path / "gaps.txt").write_text(GAPS, encoding="utf-8")
    out = fzcheck("check", "gaps.txt", "good.txt", cwd=tmp_path).stdout
    table = out[out.index("汇总") :]
    assert table.index("good.txt") < table.index("gaps.txt")


def test_unreadable_file_keeps_its_row_in_the_summary(tmp_path):
    (tmp_path / "good.txt").write_text(report(), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = fzcheck("check", "good.txt", "empty.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    summary = proc.stdout[proc.stdout.index("汇总") :]
    assert "empty.txt" in summary and "无法检查" in summary
