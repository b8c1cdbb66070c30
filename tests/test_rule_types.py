"""Rule types consistency, freshness, length, pattern, meta `check: title` and keywords `near`.

Each test writes a small pack to tmp_path as YAML, loads it with load_pack and checks a
made-up report through the whole pipeline.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.errors import PackError
from checker.model import Finding
from checker.packs import load_pack
from checker.pipeline import check_file
from checker.score import Gate
from tests.paths import ROOT
from tests.reportkit import MEASURES, report

PARTS = {
    "measures": {"title": "主要举措和成效", "headings": ["主要举措和成效", "工作开展情况"]},
    "shortcomings": {"title": "存在的不足和原因", "headings": ["存在的不足和原因", "存在的不足", "存在的问题"]},
    "next-year": {"title": "下一年度主要安排", "headings": ["主要安排", "工作打算"]},
    "other": {"title": "其他需要报告的情况", "headings": ["其他需要报告的情况"]},
}


def write_pack(tmp_path: Path, rule_type: str, **fields: Any) -> Path:
    """A pack of one rule of the given type; `part` goes to the rule, the rest are its fields."""
    rule = {
        "id": f"test.{rule_type}",
        "type": rule_type,
        "title": "测试规则",
        "severity": "error",
        "basis": "测试",
        "message": "测试说明。",
        "suggestion": "测试建议。",
        **fields,
    }
    path = tmp_path / "pack.yaml"
    data = {"id": "test", "parts": PARTS, "rules": [rule]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run(tmp_path: Path, text: str, rule_type: str, year: int | None = None, **fields: Any) -> Finding:
    """The finding of a one-rule pack on a report."""
    pack = load_pack(write_pack(tmp_path, rule_type, **fields))
    source = tmp_path / "report.txt"
    source.write_text(text, encoding="utf-8")
    result = check_file(str(source), [pack], Gate(), year=year)
    (found,) = result.findings
    return found


def refused(tmp_path: Path, rule_type: str, match: str, **fields: Any) -> None:
    with pytest.raises(PackError, match=match):
        load_pack(write_pack(tmp_path, rule_type, **fields))


def with_measures(*lines: str) -> str:
    return report(year=2024, measures=[*MEASURES, *lines])


# ── consistency ──────────────────────────────────────────────────────────────


def test_consistency_received_and_concluded_that_agree_pass(tmp_path):
    # The standard report: 收到64件，受理58件，审结51件.
    found = run(tmp_path, report(year=2024), "consistency", subjects=["复议"], check="concluded_le_received")
    assert found.status == "pass"
    assert "没有发现矛盾" in found.detail
    assert found.evidence and "64件" in found.evidence[0].text


def test_consistency_more_concluded_than_received_fails(tmp_path):
    line = "3.加强复议监督。全年受理行政复议案件40件，审结行政复议案件51件。"
    text = with_measures(line)
    found = run(tmp_path, text, "consistency", subjects=["复议案件"], check="concluded_le_received")
    assert found.status == "fail"
    assert found.values == ("40", "51")
    assert "审结51件" in found.detail and "受理40件" in found.detail
    assert "受理行政复议案件40件" in found.evidence[0].text
    assert found.evidence[0].line == text.splitlines().index(line) + 1


def test_consistency_reads_chinese_numerals_and_ignores_refusals(tmp_path):
    bad = with_measures("3.全年受理行政复议申请十二件，审结十五件。")
    found = run(tmp_path, bad, "consistency", subjects=["复议"], check="concluded_le_received")
    assert (found.status, found.values) == ("fail", ("12", "15"))
    # 不予受理3件 is no received count; 收到20件 is.
    good = with_measures("3.全年收到行政复议申请20件，不予受理3件，审结15件。")
    found = run(tmp_path, good, "consistency", subjects=["复议"], check="concluded_le_received")
    assert found.status == "pass"


def test_consistency_custom_terms(tmp_path):
    text = with_measures("3.全年登记信访事项30件，化解35件。")
    fields = {"subjects": ["信访"], "check": "concluded_le_received", "received": ["登记"], "concluded": ["化解"]}
    assert run(tmp_path, text, "consistency", **fields).status == "fail"


def test_consistency_parts_sum_pass_and_fail(tmp_path):
    fields = {"subjects": ["应诉"], "check": "parts_sum", "components": ["一审", "二审"]}
    good = with_measures("3.全年共收到行政应诉案件79件，其中一审案件51件、二审案件28件。")
    found = run(tmp_path, good, "consistency", **fields)
    assert found.status == "pass"
    bad = with_measures("3.全年共收到行政应诉案件79件，其中一审案件51件、二审案件20件。")
    found = run(tmp_path, bad, "consistency", **fields)
    assert found.status == "fail"
    assert found.values == ("79", "51", "20")
    assert "51+20=71" in found.detail


def test_consistency_rate_above_100_fails(tmp_path):
    text = with_measures("3.行政复议案件直接纠错率为12.5%，调解率达到105%。")
    found = run(tmp_path, text, "consistency", subjects=["复议"], check="rate_at_most_100")
    assert found.status == "fail"
    assert found.values == ("105",)
    assert "调解率" in found.detail and "105%" in found.detail


def test_consistency_rates_within_100_pass(tmp_path):
    # 审核率100%, 出庭应诉率100%, 可办率98% in the standard report.
    found = run(tmp_path, report(year=2024), "consistency", subjects=["率"], check="rate_at_most_100")
    assert found.status == "pass"


def test_consistency_with_nothing_to_check_is_not_applicable(tmp_path):
    found = run(tmp_path, report(year=2024), "consistency", subjects=["信访"], check="parts_sum", components=["一审"])
    assert (found.status, found.detail) == ("n/a", "没有可核对的数据")


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"subjects": ["复议"]}, "check"),
        ({"subjects": ["复议"], "check": "sum"}, "check"),
        ({"check": "rate_at_most_100"}, "subjects"),
        ({"subjects": ["复议"], "check": "parts_sum"}, "components"),
        ({"subjects": ["复议"], "check": "rate_at_most_100", "received": ["受理"]}, "received"),
        ({"subjects": ["复议"], "check": "concluded_le_received", "concluded": []}, "concluded"),
        ({"subjects": ["复议"], "check": "rate_at_most_100", "ratio": 1}, "未知字段 ratio"),
    ],
)
def test_consistency_load_errors(tmp_path, fields, match):
    refused(tmp_path, "consistency", match, **fields)


# ── freshness ────────────────────────────────────────────────────────────────

SEVENTH = {"term": "七五普法", "valid_from": 2016, "valid_to": 2020, "instead": "八五普法"}


def test_freshness_stale_term_fails(tmp_path):
    text = with_measures("3.深入开展七五普法，举办法治讲座12场。")
    found = run(tmp_path, text, "freshness", **SEVENTH)
    assert found.status == "fail"
    for part in ("七五普法", "2024", "2016—2020", "八五普法"):
        assert part in found.detail
    assert "七五普法" in found.evidence[0].text
    assert found.values == ("七五普法",)


def test_freshness_term_in_its_window_passes(tmp_path):
    text = report(year=2019, measures=[*MEASURES, "3.深入开展七五普法，举办法治讲座12场。"])
    found = run(tmp_path, text, "freshness", **SEVENTH)
    assert found.status == "pass"
    assert found.evidence


def test_freshness_retrospective_mention_passes(tmp_path):
    text = report(year=2021, measures=[*MEASURES, "3.七五普法顺利通过省级验收，八五普法规划启动实施。"])
    found = run(tmp_path, text, "freshness", **SEVENTH)
    assert found.status == "pass"
    assert "回顾" in found.detail


def test_freshness_open_window_and_terms_list(tmp_path):
    fields = {"terms": ["二十届四中全会"], "valid_from": 2025, "instead": "二十届二中、三中全会"}
    text = with_measures("3.认真学习贯彻党的二十届四中全会精神。")
    found = run(tmp_path, text, "freshness", **fields)
    assert found.status == "fail"
    assert "2025 年度及以后" in found.detail
    assert run(tmp_path, report(year=2024), "freshness", **fields).status == "n/a"


def test_freshness_terms_are_matched_as_the_text_is_normalized(tmp_path):
    # The text's curly quotes and full-width punctuation are folded before matching; so are the terms.
    fields = {"terms": ["“七五”普法"], "valid_to": 2020, "instead": "“八五”普法"}
    found = run(tmp_path, with_measures("3.深入开展“七五”普法，举办法治讲座12场。"), "freshness", **fields)
    assert found.status == "fail"


def test_freshness_absent_term_is_not_applicable(tmp_path):
    found = run(tmp_path, report(year=2024), "freshness", **SEVENTH)
    assert found.status == "n/a"
    assert found.detail.startswith("没有出现")


def test_freshness_absent_variants_are_named_briefly(tmp_path):
    fields = {"terms": ["纲要(2021—2025年)", "纲要(2021-2025年)", "纲要(2021—2025)", "纲要(2021-2025)"]}
    found = run(tmp_path, report(year=2024), "freshness", valid_to=2025, instead="最新部署", **fields)
    assert (found.status, found.detail) == ("n/a", "没有出现“纲要(2021—2025年)”等 4 个词")
    found = run(tmp_path, report(year=2024), "freshness", **SEVENTH)
    assert found.detail == "没有出现“七五普法”"


def test_freshness_unknown_year_is_partial(tmp_path):
    text = "一、主要举措和成效\n深入开展七五普法，举办法治讲座12场。\n二、存在的不足\n基层法治力量薄弱。\n"
    found = run(tmp_path, text, "freshness", **SEVENTH)
    assert (found.status, found.detail) == ("partial", "无法确定报告年度")


CLOSING = {"term": "“十四五”收官之年", "valid_from": 2024, "valid_to": 2025, "instead": "“十五五”开局之年"}


def test_freshness_term_holding_a_retrospective_word_does_not_excuse_itself(tmp_path):
    # The default retrospective words hold 收官, and so does the term: only the rest of the sentence counts.
    text = report(year=2026, measures=[*MEASURES, "3.今年是“十四五”收官之年，全县完成重点任务32项。"])
    found = run(tmp_path, text, "freshness", **CLOSING)
    assert found.status == "fail"
    assert found.values == ('"十四五"收官之年',)
    looked_back = report(year=2026, measures=[*MEASURES, "3.认真总结“十四五”收官之年的经验做法。"])
    assert run(tmp_path, looked_back, "freshness", **CLOSING).status == "pass"


def test_freshness_second_mention_of_the_term_does_not_excuse_the_first(tmp_path):
    line = "3.“十四五”收官之年，要干好“十四五”收官之年的各项工作。"
    found = run(tmp_path, report(year=2026, measures=[*MEASURES, line]), "freshness", **CLOSING)
    assert found.status == "fail"
    assert "共 2 处" in found.detail


def test_freshness_retrospective_word_holding_the_term_counts(tmp_path):
    fields = {"term": "十九大", "valid_to": 2022, "instead": "二十大", "retrospective": ["十九大以来", "二十大"]}
    since = report(year=2024, measures=[*MEASURES, "3.党的十九大以来，全县法治政府建设不断深化。"])
    assert run(tmp_path, since, "freshness", **fields).status == "pass"
    alongside = report(
        year=2024, measures=[*MEASURES, "3.全面贯彻党的十九大和十九届历次全会精神，学习党的二十大精神。"]
    )
    assert run(tmp_path, alongside, "freshness", **fields).status == "pass"
    alone = report(year=2024, measures=[*MEASURES, "3.深入学习贯彻党的十九大精神，全年专题学法9次。"])
    assert run(tmp_path, alone, "freshness", **fields).status == "fail"


def test_freshness_nested_terms_are_one_mention(tmp_path):
    fields = {
        "terms": ["深入贯彻中央八项规定精神学习教育", "中央八项规定精神学习教育"],
        "valid_to": 2025,
        "instead": "X",
    }
    text = report(year=2026, measures=[*MEASURES, "3.扎实开展深入贯彻中央八项规定精神学习教育。"])
    found = run(tmp_path, text, "freshness", **fields)
    assert found.status == "fail"
    assert "共 1 处" in found.detail
    assert found.values == ("深入贯彻中央八项规定精神学习教育",)


PLAN_2025 = {
    "term": "纲要（2021—2025年）",
    "valid_from": 2021,
    "valid_to": 2025,
    "instead": "最新部署",
    "retrospective": ["总结", "评估", "成效"],
    "current": ["落实", "按照"],
}


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("3.深入贯彻落实《法治政府建设实施纲要（2021—2025年）》，完成重点任务32项。", "fail"),
        ("3.按照《法治政府建设实施纲要（2021—2025年）》要求，完成重点任务32项。", "fail"),
        ("3.《法治政府建设实施纲要（2021—2025年）》确定的目标任务全部完成。", "pass"),  # no current cue
        ("3.认真落实《法治政府建设实施纲要（2021—2025年）》实施情况总结评估工作。", "pass"),  # looking back wins
    ],
)
def test_freshness_current_cue_makes_a_superseded_term_stale(tmp_path, line, status):
    found = run(tmp_path, report(year=2026, measures=[*MEASURES, line]), "freshness", **PLAN_2025)
    assert found.status == status
    if status == "fail":
        assert "作为当前工作提及" in found.detail
    else:
        assert "没有作为当前工作来写" in found.detail


def test_freshness_current_cues_do_not_excuse_a_term_before_its_window(tmp_path):
    # Before valid_from the term could not be named at all: a mention without a cue still fails.
    line = "3.《法治政府建设实施纲要（2021—2025年）》确定的目标任务全部完成。"
    found = run(tmp_path, report(year=2019, measures=[*MEASURES, line]), "freshness", **PLAN_2025)
    assert found.status == "fail"
    assert "非回顾性提及" in found.detail


def test_freshness_current_cue_inside_the_term_is_no_cue(tmp_path):
    fields = {"term": "深入贯彻中央八项规定精神学习教育", "valid_to": 2025, "instead": "X", "current": ["深入贯彻"]}
    text = report(year=2026, measures=[*MEASURES, "3.深入贯彻中央八项规定精神学习教育形成的制度机制持续发挥作用。"])
    assert run(tmp_path, text, "freshness", **fields).status == "pass"


def test_freshness_within_clause_keeps_a_far_word_from_excusing_a_mention(tmp_path):
    line = "3.2026年，县政府深入贯彻落实《法治政府建设实施纲要（2021—2025年）》，扎实推进各项工作，取得积极成效。"
    text = report(year=2026, measures=[*MEASURES, line])
    assert run(tmp_path, text, "freshness", **PLAN_2025).status == "pass"  # 成效 in the same sentence
    assert run(tmp_path, text, "freshness", **PLAN_2025, within="clause").status == "fail"


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"valid_to": 2020, "instead": "八五普法"}, "term"),
        ({"term": "七五普法", "terms": ["七五普法"], "valid_to": 2020, "instead": "八五普法"}, "term"),
        ({"term": "七五普法", "instead": "八五普法"}, "valid_from"),
        ({"term": "七五普法", "valid_from": 2021, "valid_to": 2020, "instead": "八五普法"}, "不能晚于"),
        ({"term": "七五普法", "valid_to": "二〇二〇", "instead": "八五普法"}, "valid_to"),
        ({"term": "七五普法", "valid_to": 2020}, "instead"),
        ({"terms": [], "valid_to": 2020, "instead": "八五普法"}, "terms"),
        ({"term": "七五普法", "valid_from": 2016, "instead": "八五普法", "current": ["落实"]}, "valid_to"),
        ({"term": "七五普法", "valid_to": 2020, "instead": "八五普法", "current": []}, "current"),
        ({"term": "七五普法", "valid_to": 2020, "instead": "八五普法", "current": ["总结"]}, "既是 current 又是"),
        ({"term": "七五普法", "valid_to": 2020, "instead": "八五普法", "within": "paragraph"}, "within"),
        ({"term": "七五普法", "valid_to": 2020, "instead": "八五普法", "within": ["clause"]}, "within"),
    ],
)
def test_freshness_load_errors(tmp_path, fields, match):
    refused(tmp_path, "freshness", match, **fields)


# ── length ───────────────────────────────────────────────────────────────────


def test_length_big_enough_part_passes(tmp_path):
    found = run(tmp_path, report(year=2024), "length", part="shortcomings", min_chars=30, min_sentences=1)
    assert found.status == "pass"
    assert found.evidence and "存在的不足和原因" in found.evidence[0].text


def test_length_short_part_fails(tmp_path):
    text = report(year=2024, shortcomings=["基层力量薄弱。"])
    found = run(tmp_path, text, "length", part="shortcomings", min_chars=100)
    assert found.status == "fail"
    assert "7 字" in found.detail and "100 字" in found.detail  # the heading line is not counted
    assert found.values == ("7 字", "1 句")


def test_length_too_few_sentences_fails(tmp_path):
    found = run(tmp_path, report(year=2024), "length", part="shortcomings", min_chars=10, min_sentences=5)
    assert found.status == "fail"
    assert "5 句" in found.detail


def test_length_missing_part_is_not_applicable(tmp_path):
    found = run(tmp_path, report(year=2024), "length", part="other", min_chars=100)
    assert (found.status, found.detail) == ("n/a", "报告中没有该部分，不适用")


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"min_chars": 100}, "part"),
        ({"part": "shortcomings"}, "min_chars"),
        ({"part": "shortcomings", "min_chars": 0}, "min_chars"),
        ({"part": "shortcomings", "min_chars": "一百"}, "min_chars"),
        ({"part": "shortcomings", "min_chars": True}, "min_chars"),
        ({"part": "shortcomings", "min_chars": 10, "min_sentences": -1}, "min_sentences"),
        ({"part": "shortcomings", "min_chars": 10, "max_chars": 900}, "未知字段 max_chars"),
    ],
)
def test_length_load_errors(tmp_path, fields, match):
    refused(tmp_path, "length", match, **fields)


# ── pattern ──────────────────────────────────────────────────────────────────

PLACEHOLDERS = [r"[Xx×]{2,}", r"\*次"]


def test_pattern_clean_report_passes(tmp_path):
    found = run(tmp_path, report(year=2024), "pattern", forbid=PLACEHOLDERS)
    assert (found.status, found.evidence) == ("pass", ())


def test_pattern_match_fails_with_evidence_at_up_to_three_matches(tmp_path):
    lines = [f"{n}.举办培训*次，覆盖XX人。" for n in range(3, 6)]
    text = with_measures(*lines)
    found = run(tmp_path, text, "pattern", forbid=PLACEHOLDERS)
    assert found.status == "fail"
    assert len(found.evidence) == 3
    assert "6 处" in found.detail
    assert set(found.values) == {"*次", "XX"}
    assert found.evidence[0].line == text.splitlines().index(lines[0]) + 1


def test_pattern_message_each_and_scope(tmp_path):
    text = with_measures("3.推进法制政府建设。")
    found = run(tmp_path, text, "pattern", forbid=["法制政府"], message_each="把“{match}”误作“法治政府”")
    assert found.status == "fail"
    assert "把“法制政府”误作“法治政府”" in found.detail
    found = run(tmp_path, text, "pattern", forbid=["法制政府"], scope=["shortcomings"])
    assert found.status == "pass"


def test_pattern_runs_on_long_lines_in_bounded_windows(tmp_path):
    text = with_measures("3." + "推进依法行政，" * 400 + "举办培训XX场。")
    started = time.perf_counter()
    found = run(tmp_path, text, "pattern", forbid=[r"X{2}", r"(?:推进)+依法"])
    assert found.status == "fail"
    assert "XX" in found.values
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("forbid", "match"),
    [
        (["法治(政府"], "法治\\(政府"),
        (["(a+)+"], "可能极慢"),
        (["(a*)*"], "可能极慢"),
        (["(a|a)+"], "可能极慢"),
        (["(x|.)*y"], "可能极慢"),
        ([".*a.*b.*c"], "可能极慢"),
        (["x*"], "空文本"),
        ([], "forbid"),
    ],
)
def test_pattern_load_errors(tmp_path, forbid, match):
    refused(tmp_path, "pattern", match, forbid=forbid)


def test_pattern_message_each_must_fit_forbid(tmp_path):
    refused(tmp_path, "pattern", "message_each", forbid=["XX", "××"], message_each=["占位符"])


def test_pattern_allows_safe_repeats(tmp_path):
    load_pack(write_pack(tmp_path, "pattern", forbid=[r"[Xx×]{2,}", r"(?:ab|cd)+", r"(\d{2},)+", r"(a|ab)+"]))


# ── meta: check: title ───────────────────────────────────────────────────────

TITLE = {"check": "title", "require": ["法治政府建设", "报告"], "forbid_terms": ["工作总结"], "require_year": True}


def test_title_with_everything_passes(tmp_path):
    found = run(tmp_path, report(year=2024), "meta", **TITLE)
    assert found.status == "pass"
    assert found.evidence[0].line == 1


def test_title_missing_terms_fails(tmp_path):
    text = report(year=2024).replace("青石县人民政府关于2024年度法治政府建设情况的报告", "青石县2024年依法行政工作总结")
    found = run(tmp_path, text, "meta", **TITLE)
    assert found.status == "fail"
    assert "法治政府建设" in found.detail and "工作总结" in found.detail
    assert found.evidence[0].line == 1


def test_title_without_the_report_year_fails(tmp_path):
    found = run(tmp_path, report(year=2024), "meta", year=2023, **TITLE)
    assert found.status == "fail"
    assert "2023" in found.detail


def test_title_with_the_year_in_chinese_numerals_passes(tmp_path):
    text = report(year=2024).replace("关于2024年度", "关于二〇二四年度")
    assert run(tmp_path, text, "meta", year=2024, **TITLE).status == "pass"


def test_no_title_line_is_partial(tmp_path):
    text = "\n".join(report(year=2024).splitlines()[1:]) + "\n"
    found = run(tmp_path, text, "meta", **TITLE)
    assert (found.status, found.detail) == ("partial", "报告没有标题行")


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"check": "title"}, "require"),
        ({"check": "title", "require_year": "yes"}, "require_year"),
        ({"check": "title", "require": ["报告"], "deadline": "{next_year}-04-01"}, "未知字段 deadline"),
        ({"check": "published", "deadline": "{next_year}-04-01", "require": ["报告"]}, "未知字段 require"),
        ({"check": "title", "require": [""]}, "require"),
    ],
)
def test_title_load_errors(tmp_path, fields, match):
    refused(tmp_path, "meta", match, **fields)


def test_every_yaml_example_in_the_rule_type_reference_loads(tmp_path):
    import re

    doc = (ROOT / "docs" / "rule-types.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    assert len(blocks) >= 9
    types = set()
    for number, block in enumerate(blocks):
        rules = yaml.safe_load(block)
        path = tmp_path / f"doc{number}.yaml"
        data = {"id": f"doc{number}", "parts": PARTS, "rules": rules}
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        pack = load_pack(path)
        types.update(rule.type for rule in pack.rules)
    assert types == {
        "part", "keywords", "figure", "year", "meta", "consistency", "freshness", "length", "pattern", "reuse",
    }  # fmt: skip
    for name in sorted(types):
        assert f"\n## {name}\n" in doc


# ── keywords: near ───────────────────────────────────────────────────────────

NEAR = {"all": [["负责人"], ["出庭应诉"]], "near": 10, "partial_at_least": 1}


def test_keywords_near_groups_close_together_pass(tmp_path):
    # 行政机关负责人出庭应诉率100%: the two terms are 3 characters apart.
    found = run(tmp_path, report(year=2024), "keywords", **NEAR)
    assert found.status == "pass"
    assert "10 字以内" in found.detail


def test_keywords_near_groups_far_apart_count_alone(tmp_path):
    text = report(
        year=2024,
        measures=["1.加强出庭应诉工作，组织旁听庭审、以案释法和业务培训等多项活动，各单位主要负责人积极参与。"],
    )
    found = run(tmp_path, text, "keywords", **NEAR)
    assert found.status == "partial"
    assert "1/2" in found.detail
    found = run(tmp_path, text, "keywords", **{**NEAR, "near": 60})
    assert found.status == "pass"


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"any": ["出庭应诉"], "near": 10}, "near"),
        ({"all": [["负责人"], ["出庭"]], "near": "十"}, "near"),
        ({"all": [["负责人"], ["出庭"]], "near": 0}, "near"),
    ],
)
def test_keywords_near_load_errors(tmp_path, fields, match):
    refused(tmp_path, "keywords", match, **fields)
