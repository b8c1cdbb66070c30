"""The command line: exit codes, bad input, output formats, the gate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT
from tests.reportkit import one_clear_line, report

EXAMPLES = ROOT / "examples"


def fzcheck(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=full_env,
        cwd=cwd or ROOT,
    )


def test_complete_report_exits_0(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text(report(), encoding="utf-8")
    proc = fzcheck("check", str(path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "通过" in proc.stdout


def test_report_with_gaps_exits_1():
    proc = fzcheck("check", str(EXAMPLES / "gaps-2023.txt"))
    assert proc.returncode == 1
    assert "未通过" in proc.stdout


def test_missing_file(tmp_path):
    line = one_clear_line(fzcheck("check", str(tmp_path / "无此文件.txt")), "无此文件.txt")
    assert "不存在" in line


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\x81\x30\xff\xfe\x00\x00\xc3\x28\xa0\xa1" * 50)
    one_clear_line(fzcheck("check", str(path)), "broken.txt")


def test_docx_named_txt_is_refused_by_content(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert "Word" in one_clear_line(fzcheck("check", str(path)), "draft.txt")


def test_unknown_pack(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text(report(), encoding="utf-8")
    line = one_clear_line(fzcheck("check", str(path), "--pack", "nosuchpack"), "nosuchpack")
    assert "national" in line  # names the packs that exist


def test_pack_that_is_not_valid_yaml(tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text("rules: [\n  - id: x\n  bad: : :\n", encoding="utf-8")
    doc = tmp_path / "ok.txt"
    doc.write_text(report(), encoding="utf-8")
    assert "YAML" in one_clear_line(fzcheck("check", str(doc), "--pack", str(pack)), "bad.yaml")


def test_pack_with_rule_missing_basis(tmp_path):
    pack = tmp_path / "nobasis.yaml"
    pack.write_text(
        "id: p\nparts: {}\nrules:\n  - id: a.b\n    type: keywords\n    title: t\n    severity: error\n"
        "    message: m\n    suggestion: s\n    any: [法治]\n",
        encoding="utf-8",
    )
    doc = tmp_path / "ok.txt"
    doc.write_text(report(), encoding="utf-8")
    line = one_clear_line(fzcheck("check", str(doc), "--pack", str(pack)), "nobasis.yaml")
    assert "basis" in line


def test_unknown_option_is_a_usage_error_in_chinese():
    proc = fzcheck("check", "--nope", "x.txt")
    assert proc.returncode == 2
    assert "未知选项" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_input_among_good_files_is_reported_and_others_checked(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(report(), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = fzcheck("check", "--format", "json", str(good), str(empty))
    assert proc.returncode == 2
    out = json.loads(proc.stdout)
    assert [Path(d["path"]).name for d in out["documents"]] == ["good.txt"]
    assert [Path(e["path"]).name for e in out["errors"]] == ["empty.txt"]


def test_json_is_deterministic_and_has_the_documented_fields():
    args = ("check", "--format", "json", str(EXAMPLES / "gaps-2023.txt"), str(EXAMPLES / "complete-2024.txt"))
    first, second = fzcheck(*args), fzcheck(*args)
    assert first.stdout == second.stdout
    out = json.loads(first.stdout)
    assert out["schema_version"] == "2.0"
    assert len(out["documents"]) == 2
    for doc in out["documents"]:
        documented = {
            "path",
            "report_year",
            "report_type",
            "score",
            "passed",
            "counts",
            "required",
            "unmet",
            "findings",
        }
        assert documented <= set(doc)
        assert 0 <= doc["score"] <= 100
        statuses = [f["status"] for f in doc["findings"]]
        assert doc["counts"] == {s: statuses.count(s) for s in ("pass", "partial", "fail", "n/a", "waived")}
        required = [f["status"] for f in doc["findings"] if f["severity"] == "error" and f["status"] != "n/a"]
        assert doc["required"] == {"met": required.count("pass"), "total": len(required)}
        for f in doc["findings"]:
            assert {"rule", "status", "severity", "message", "evidence"} <= set(f)
            assert f["status"] in ("pass", "partial", "fail", "n/a")
            assert f["evidence"] or f["looked_in"] or f["rule"] == "year.next-plan"


def test_folder_gives_one_document_per_report(tmp_path):
    for name in ("a.txt", "b.md"):
        (tmp_path / name).write_text(report(), encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    out = json.loads(fzcheck("check", "--format", "json", str(tmp_path)).stdout)
    assert sorted(Path(d["path"]).name for d in out["documents"]) == ["a.txt", "b.md"]


def test_fail_under_and_fail_on(tmp_path):
    gaps = str(EXAMPLES / "gaps-2023.txt")
    assert fzcheck("check", gaps, "--fail-on", "never").returncode == 0
    assert fzcheck("check", gaps, "--fail-on", "never", "--fail-under", "99").returncode == 1
    complete = tmp_path / "ok.txt"
    no_causes = report(shortcomings=["执法不规范。"], headings={"shortcomings": "三、存在的问题"})
    complete.write_text(no_causes, encoding="utf-8")
    assert fzcheck("check", str(complete)).returncode == 0
    assert fzcheck("check", str(complete), "--fail-on", "warning").returncode == 1


def test_plain_text_when_not_a_terminal_or_no_color():
    gaps = str(EXAMPLES / "gaps-2023.txt")
    assert "\x1b[" not in fzcheck("check", gaps).stdout
    assert "\x1b[" not in fzcheck("check", gaps, "--color", "always", env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" in fzcheck("check", gaps, "--color", "always").stdout


def test_gap_report_gives_evidence_and_a_suggestion_for_every_gap():
    out = fzcheck("check", str(EXAMPLES / "gaps-2023.txt")).stdout
    assert "报告年度：2023" in out
    assert "政府部门" in out
    gaps = sum(1 for line in out.splitlines() if line.startswith(("✗ ", "△ ")))
    assert gaps >= 5
    assert out.count("建议：") == gaps
    assert "证据：第 " in out


BATCH = (
    "examples/complete-2024.txt",
    "examples/gaps-2023.txt",
    "examples/township-2022.txt",
    "tests/fixtures/holdout/h01_lanjiang_county_2023.txt",
    "tests/fixtures/holdout/h08_linying_market_bureau_2023.txt",
)


def test_quiet_prints_one_line_a_report_then_the_summary():
    single = fzcheck("check", "-q", "examples/gaps-2023.txt")
    assert single.returncode == 1
    assert single.stdout.splitlines() == ["examples/gaps-2023.txt：✗ 未通过  得分 39.2  必备 3/7"]
    batch = fzcheck("check", "--quiet", *BATCH).stdout.splitlines()
    before = batch[: batch.index("汇总（按得分排序）")]
    assert [line.split("：", 1)[0] for line in before[:-1]] == list(BATCH) and before[-1] == ""


def test_a_batch_shows_its_gaps_one_line_each_and_verbose_every_item():
    default = fzcheck("check", *BATCH).stdout.splitlines()
    verbose = fzcheck("check", "-v", *BATCH).stdout.splitlines()
    quiet = fzcheck("check", "-q", *BATCH).stdout.splitlines()
    table = len(quiet) - len(BATCH)  # a blank line, the summary table and its closing line
    gap_lines = [line for line in default if line.startswith(("  ✗ ", "  △ ", "  ○ "))]
    # per report a line, its gaps and its folded count; a blank line between reports; the table; a hint
    assert len(default) == 2 * len(BATCH) + len(gap_lines) + (len(BATCH) - 1) + table + 1
    assert not any(line.startswith("    建议：") for line in default)
    assert sum(line.startswith("✓ ") for line in verbose) > 0 and len(verbose) > 5 * len(default)


def test_show_passed_and_verbose_show_every_item_and_quiet_refuses_them():
    gaps = str(EXAMPLES / "gaps-2023.txt")
    default = fzcheck("check", gaps).stdout
    verbose = fzcheck("check", "-v", gaps).stdout
    assert fzcheck("check", "--show-passed", gaps).stdout == verbose != default
    assert "✓ 上一年度推进法治政府建设的主要举措和成效  [必备] part.measures" in verbose.splitlines()
    assert "part.measures" not in default
    for flag in ("-v", "--show-passed"):
        proc = fzcheck("check", "-q", flag, gaps)
        assert proc.returncode == 2  # a usage error: the problem, then which --help to read
        assert proc.stderr.splitlines() == [
            "fzcheck：-q 不能与 -v 或 --show-passed 同时使用",
            "用 fzcheck check --help 查看用法",
        ]


def test_the_view_leaves_json_alone():
    gaps = str(EXAMPLES / "gaps-2023.txt")
    default = fzcheck("check", "--format", "json", gaps).stdout
    assert default and fzcheck("check", "-q", "--format", "json", gaps).stdout == default
    assert fzcheck("check", "-v", "--format", "json", gaps).stdout == default


def test_output_file_is_written_and_input_untouched(tmp_path):
    src = tmp_path / "draft.txt"
    src.write_text(report(), encoding="utf-8")
    os.utime(src, (1_600_000_000, 1_600_000_000))
    before = (src.read_bytes(), src.stat().st_mtime)
    out = tmp_path / "result.json"
    assert fzcheck("check", str(src), "--format", "json", "--output", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["passed"] is True
    assert (src.read_bytes(), src.stat().st_mtime) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_equal_to_input_is_refused(tmp_path):
    src = tmp_path / "draft.txt"
    src.write_text(report(), encoding="utf-8")
    before = src.read_bytes()
    proc = fzcheck("check", str(src), "--output", str(src))
    one_clear_line(proc, "draft.txt")
    assert src.read_bytes() == before


def test_rules_list_shows_the_stable_ids():
    out = fzcheck("rules", "list").stdout
    for rule in ("part.measures", "part.leader-duty", "data.review", "year.next-plan"):
        assert rule in out


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help(option):
    proc = fzcheck(option)
    assert proc.returncode == 0
    assert proc.stdout.strip()
