"""Year-over-year comparison: `fzcheck diff` and `fzcheck check --previous` (quality.boilerplate-reuse)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.diff import compare_documents, read_reports, sentence_key
from checker.packs import load_packs
from checker.pipeline import check_file
from checker.score import Gate

REPORT_2023 = """\
青石县人民政府关于2023年度法治政府建设情况的报告

一、2023年度推进法治政府建设的主要举措和成效
全年收到行政复议申请64件，受理58件，审结51件，直接纠错6件，直接纠错率11.8%。
全县行政诉讼一审案件41件，败诉3件，行政机关负责人出庭应诉率100%。
组织执法人员培训12次，培训执法人员430人。
二、党政主要负责人履行推进法治建设第一责任人职责情况
县长主持召开县政府常务会议专题研究法治政府建设3次，年终述法。
三、存在的不足和原因
一是基层行政执法力量相对薄弱，乡镇综合执法队伍专业化水平不高，原因是编制和经费保障不足。二是部分单位领导干部运用法治思维和法治方式解决问题的能力有待提升，学法用法的主动性不强。三是规范性文件合法性审核的质量还需提高，个别部门报送审核不及时。
四、2024年推进法治政府建设的主要安排
一是深入学习贯彻习近平法治思想，落实领导干部集体学法制度。二是加强乡镇综合执法队伍建设，开展执法人员轮训。三是严格规范性文件合法性审核，推行审核意见书制度。
"""

# Shortcomings copied from 2023 with tiny changes (还/不够) plus one new sentence; a new plan.
REPORT_2024 = """\
青石县人民政府关于2024年度法治政府建设情况的报告

一、2024年度推进法治政府建设的主要举措和成效
全年收到行政复议申请86件，受理79件，审结72件，直接纠错6件，直接纠错率8.3%。
全县行政诉讼一审案件41件，败诉2件，行政机关负责人出庭应诉率100%。
组织执法人员培训15次，培训执法人员430人。
新建村（社区）法律顾问微信群126个。
二、党政主要负责人履行推进法治建设第一责任人职责情况
县长主持召开县政府常务会议专题研究法治政府建设4次，年终述法。
三、存在的不足和原因
一是基层行政执法力量相对薄弱，乡镇综合执法队伍专业化水平不高，原因是编制和经费保障不足。
二是部分单位领导干部运用法治思维和法治方式解决问题的能力还有待提升，学法用法的主动性不强。
三是规范性文件合法性审核的质量还需提高，个别部门报送审核不够及时。四是行政复议决定书的说理还不够充分。
四、2025年推进法治政府建设的主要安排
一是推进行政复议案件繁简分流，年内建成网上复议平台。二是制定乡镇赋权事项清单动态调整办法。三是开展涉企行政检查专项整治，压减重复检查。
"""

# The same body's 2024 report with both parts rewritten.
REPORT_2024_NEW = REPORT_2024.replace(
    REPORT_2024[REPORT_2024.index("一是基层") : REPORT_2024.index("四、2025年")],
    "一是行政复议决定书的说理还不够充分，原因是办案人员少、案件多。\n"
    "二是涉企行政检查仍有重复检查现象，部门之间检查计划统筹不够。\n",
)


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path, Path]:
    paths = tmp_path / "2023.txt", tmp_path / "2024.txt", tmp_path / "2024-new.txt"
    for path, text in zip(paths, (REPORT_2023, REPORT_2024, REPORT_2024_NEW), strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def fzcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def compared(previous: Path, current: Path):
    """The comparison `fzcheck diff` makes of two government reports: the parts as the national pack names them."""
    national = load_packs(["national"])[0]
    return compare_documents(*read_reports(str(previous), str(current)), national.parts, national.parts_threshold)


def test_sentence_key_ignores_years_digits_markers_and_punctuation():
    assert sentence_key("一是2023年全县审结51件，") == sentence_key("二是2024年全县审结72件。")
    assert sentence_key("（一）加强培训") == "加强培训"


def test_repeated_sentences_shares_and_unchanged_figures(reports):
    previous, current, _ = reports
    comparison = compared(previous, current)
    shortcomings, plan = comparison.parts
    assert (shortcomings.part, plan.part) == ("shortcomings", "next-year")
    assert len(shortcomings.sentences) == 4
    repeated = [(r.sentence.line, r.previous.line, r.similarity) for r in shortcomings.repeats]
    assert [(line, before) for line, before, _ in repeated] == [(11, 10), (12, 10), (13, 10)]
    assert repeated[0][2] == 100.0
    assert all(80 <= similarity < 100 for _, _, similarity in repeated[1:])
    assert shortcomings.repeats[1].sentence.text.startswith("二是部分单位领导干部")
    assert shortcomings.repeats[1].previous.text.startswith("二是部分单位领导干部")
    new = "四是行政复议决定书的说理还不够充分。"
    assert new not in [r.sentence.text for r in shortcomings.repeats]
    expected = 100 * (shortcomings.chars - len(new)) / shortcomings.chars
    assert shortcomings.share == pytest.approx(expected, abs=0.1)
    assert shortcomings.share > 80
    assert plan.compared and plan.repeats == () and plan.share == 0
    figures = {(f.words, f.value, f.line, f.previous_line) for f in comparison.figures}
    assert ("直接纠错", "6件", 4, 4) in figures
    assert ("培训执法人员", "430人", 6, 6) in figures
    assert ("全县行政诉讼一审案件", "41件", 5, 5) in figures
    assert any(f.value == "100%" and f.words.endswith("出庭应诉率") for f in comparison.figures)
    values = {f.value for f in comparison.figures}
    assert not values & {"86件", "79件", "72件", "8.3%", "15次", "2件", "126个"}


def test_a_rewritten_report_repeats_nothing(reports):
    previous, _, rewritten = reports
    comparison = compared(previous, rewritten)
    assert [part.repeats for part in comparison.parts] == [(), ()]
    assert [part.share for part in comparison.parts] == [0, 0]


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


def test_diff_input_error_is_one_chinese_line(reports, tmp_path):
    _, current, _ = reports
    proc = fzcheck("diff", str(tmp_path / "没有.txt"), str(current), cwd=tmp_path)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "没有.txt" in lines[0] and "Traceback" not in proc.stderr


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


def test_quality_pack_examples_pass_without_a_fail_example(tmp_path):
    proc = fzcheck("rules", "test", "quality", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "✓ quality.boilerplate-reuse：1/1" in proc.stdout


def test_diff_takes_the_size_limit(tmp_path: Path) -> None:
    from tests.reportkit import report, run_fzcheck

    big = tmp_path / "上年.txt"
    big.write_text(report(2023) + "\n" + "全年推进法治政府建设。" * 120_000, encoding="utf-8")  # about 3.6 MB
    current = tmp_path / "本年.txt"
    current.write_text(report(2024), encoding="utf-8")
    refused = run_fzcheck("diff", str(big), str(current), "--max-size", "1")
    assert refused.returncode == 2 and "上限 1 MB" in refused.stderr
    assert run_fzcheck("diff", str(big), str(current)).returncode == 0
