"""Year-over-year comparison: repeated sentences, their shares, unchanged figures; what `fzcheck diff` refuses.

Rendered in render/test_diff.py; the reuse rule built on it (`check --previous`) in ruletypes/test_reuse.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.diff import compare_documents, read_reports, sentence_key
from checker.packs import load_packs
from tests.diffkit import fzcheck, write_reports


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path, Path]:
    return write_reports(tmp_path)


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


def test_diff_input_error_is_one_chinese_line(reports, tmp_path):
    _, current, _ = reports
    proc = fzcheck("diff", str(tmp_path / "没有.txt"), str(current), cwd=tmp_path)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "没有.txt" in lines[0] and "Traceback" not in proc.stderr


def test_diff_takes_the_size_limit(tmp_path: Path) -> None:
    from tests.reportkit import report, run_fzcheck

    big = tmp_path / "上年.txt"
    big.write_text(report(2023) + "\n" + "全年推进法治政府建设。" * 120_000, encoding="utf-8")  # about 3.6 MB
    current = tmp_path / "本年.txt"
    current.write_text(report(2024), encoding="utf-8")
    refused = run_fzcheck("diff", str(big), str(current), "--max-size", "1")
    assert refused.returncode == 2 and "上限 1 MB" in refused.stderr
    assert run_fzcheck("diff", str(big), str(current)).returncode == 0
