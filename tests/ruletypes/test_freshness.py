"""`freshness`: terms named before they existed, and superseded terms still used as current.

A rule of the type in a pack of its own (tests/ruletypes/kit.py), then the built-in freshness pack.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from checker.model import Finding, Pack
from checker.packs import load_packs
from checker.pipeline import check_file
from checker.score import Gate
from tests.reportkit import MEASURES, report
from tests.ruletypes.kit import refused, run, with_measures

# ── one rule of the type ─────────────────────────────────────────────────────

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


# ── the built-in freshness pack ──────────────────────────────────────────────


@cache
def freshness_pack() -> Pack:
    return load_packs(["freshness"])[0]


def check(tmp_path: Path, rule: str, year: int, line: str, where: str = "measures") -> Finding:
    """The rule's finding on a report of the year whose measures (or plan) hold the line."""
    bodies = {"measures": [*MEASURES, line]} if where == "measures" else {"plan": [line]}
    path = tmp_path / "report.txt"
    path.write_text(report(year=year, **bodies), encoding="utf-8")
    result = check_file(str(path), [freshness_pack()], Gate())
    assert result.document.report_year == year
    return next(f for f in result.findings if f.rule == rule)


CASES = [
    # 党的十九大精神: the guiding line of 2017–2022 reports; stale after, impossible before.
    ("freshness.19th-congress", 2021, "3.深入学习贯彻党的十九大和十九届历次全会精神。", "pass"),
    ("freshness.19th-congress", 2022, "3.全面贯彻党的十九大和十九届历次全会精神，深入学习贯彻党的二十大精神。", "pass"),
    ("freshness.19th-congress", 2024, "3.认真贯彻落实党的十九大精神，全年专题学法9次。", "fail"),
    ("freshness.19th-congress", 2025, "3.全面贯彻党的十九大和十九届历次全会精神。", "fail"),
    ("freshness.19th-congress", 2016, "3.深入学习贯彻党的十九大精神。", "fail"),
    (
        "freshness.19th-congress",
        2024,
        "3.全面贯彻落实党的十九大、二十大精神，全年专题学法9次。",
        "pass",
    ),  # named beside 二十大
    ("freshness.19th-congress", 2024, "3.党的十九大以来，全县法治政府建设不断深化。", "pass"),
    ("freshness.19th-congress", 2016, "3.以优异成绩迎接党的十九大胜利召开。", "pass"),
    # 二十届二中、三中全会精神 as the latest plenums: stale once the 四中全会 has met (2025).
    ("freshness.20th-plenums-latest", 2024, "3.深入学习贯彻党的二十大和二十届二中、三中全会精神。", "pass"),
    ("freshness.20th-plenums-latest", 2025, "3.深入学习贯彻党的二十大和二十届二中、三中全会精神。", "fail"),
    ("freshness.20th-plenums-latest", 2025, "3.全面贯彻党的二十大、二十届三中全会精神。", "fail"),
    ("freshness.20th-plenums-latest", 2026, "3.全面贯彻党的二十大和二十届二中全会、三中全会精神。", "fail"),
    ("freshness.20th-plenums-latest", 2025, "3.学习贯彻二十届三中全会精神和二十届四中全会精神。", "pass"),
    ("freshness.20th-plenums-latest", 2025, "3.贯彻党的二十届二中、三中全会精神和历次全会部署。", "pass"),
    ("freshness.20th-plenums-latest", 2025, "3.全面贯彻党的二十大和二十届二中、三中、四中全会精神。", "n/a"),
    # “十四五”收官之年: 2025 (named in 2024 reports' plans too).
    ("freshness.14th-five-year-closing", 2025, "3.今年是“十四五”收官之年，全县完成重点任务32项。", "pass"),
    ("freshness.14th-five-year-closing", 2026, "3.今年是“十四五”收官之年，全县完成重点任务32项。", "fail"),
    ("freshness.14th-five-year-closing", 2023, "3.今年是“十四五”规划收官之年，全县完成重点任务32项。", "fail"),
    ("freshness.14th-five-year-closing", 2026, "3.认真总结“十四五”收官之年的经验做法。", "pass"),
    ("freshness.14th-five-year-closing", 2023, "3.为2025年“十四五”收官之年打好基础。", "pass"),
    # “十五五”开局之年: 2026 (named in 2025 reports' plans too).
    ("freshness.15th-five-year-opening", 2026, "3.今年是“十五五”开局之年，全县完成重点任务32项。", "pass"),
    ("freshness.15th-five-year-opening", 2027, "3.今年是“十五五”开局之年，全县完成重点任务32项。", "fail"),
    ("freshness.15th-five-year-opening", 2024, "3.明年是十五五开局之年，要提前谋划。", "fail"),
    ("freshness.15th-five-year-opening", 2027, "3.回顾“十五五”开局之年的工作，全县法治建设实现良好开局。", "pass"),
    # The plans ending in 2025: cited looking back in 2026, not as the current basis.
    ("freshness.outline-2021", 2025, "3.深入贯彻落实《法治政府建设实施纲要（2021—2025年）》。", "pass"),
    ("freshness.outline-2021", 2026, "3.深入贯彻落实《法治政府建设实施纲要（2021—2025年）》，取得积极成效。", "fail"),
    ("freshness.outline-2021", 2026, "3.按照《法治政府建设实施纲要(2021-2025年)》要求，完成重点任务32项。", "fail"),
    ("freshness.outline-2021", 2026, "3.完成《法治政府建设实施纲要（2021—2025年）》实施情况总结评估。", "pass"),
    (
        "freshness.outline-2021",
        2026,
        "3.自《法治政府建设实施纲要（2021—2025年）》实施以来，全县法治政府建设成效明显。",
        "pass",
    ),
    ("freshness.outline-2021", 2026, "3.《法治政府建设实施纲要（2021—2025年）》实施期满，目标任务如期完成。", "pass"),
    # Named but not as the basis of current work (no 落实, 按照…): no stale use.
    ("freshness.outline-2021", 2026, "3.《法治政府建设实施纲要（2021—2025年）》确定的32项重点任务已全部完成。", "pass"),
    ("freshness.society-outline-2020", 2026, "3.认真落实《法治社会建设实施纲要（2020—2025年）》。", "fail"),
    ("freshness.society-outline-2020", 2026, "3.《法治社会建设实施纲要（2020—2025年）》圆满收官。", "pass"),
    ("freshness.society-outline-2020", 2024, "3.认真落实《法治社会建设实施纲要（2020—2025年）》。", "pass"),
    ("freshness.china-plan-2020", 2026, "3.根据《法治中国建设规划（2020—2025年）》部署，推进法治建设。", "fail"),
    ("freshness.china-plan-2020", 2026, "3.对《法治中国建设规划（2020—2025年）》落实情况开展评估。", "pass"),
    ("freshness.china-plan-2020", 2025, "3.根据《法治中国建设规划（2020—2025年）》部署，推进法治建设。", "pass"),
    # The 2025 study campaign: under way only in 2025 (a 2024 report may name it in its plan).
    ("freshness.eight-rules-study", 2025, "3.扎实开展深入贯彻中央八项规定精神学习教育。", "pass"),
    ("freshness.eight-rules-study", 2026, "3.扎实开展深入贯彻中央八项规定精神学习教育，组织专题学习4次。", "fail"),
    ("freshness.eight-rules-study", 2026, "3.正在开展中央八项规定精神学习教育。", "fail"),
    ("freshness.eight-rules-study", 2026, "3.巩固拓展深入贯彻中央八项规定精神学习教育成果。", "pass"),
    ("freshness.eight-rules-study", 2026, "3.深入贯彻中央八项规定精神学习教育形成的制度机制持续发挥作用。", "pass"),
    ("freshness.eight-rules-study", 2023, "3.深入贯彻中央八项规定精神学习教育形成的制度机制持续发挥作用。", "fail"),
]


@pytest.mark.parametrize(("rule", "year", "line", "status"), CASES)
def test_freshness_rule_on_a_report_of_the_year(tmp_path, rule, year, line, status):
    assert check(tmp_path, rule, year, line).status == status


def test_closing_year_in_a_2024_plan_is_in_its_window(tmp_path):
    # A report on 2024 is written in early 2025: its plan may call 2025 the closing year.
    found = check(tmp_path, "freshness.14th-five-year-closing", 2024, "2025年是“十四五”收官之年。", where="plan")
    assert found.status == "pass"


def test_term_holding_shou_guan_is_not_its_own_look_back(tmp_path):
    # 收官 is a retrospective word of the rule and part of the term: only the rest of the sentence counts.
    found = check(tmp_path, "freshness.14th-five-year-closing", 2026, "3.今年是“十四五”收官之年。")
    assert found.status == "fail"
    assert "十五五" in found.detail  # what to write instead
    assert found.evidence and "收官之年" in found.evidence[0].text


def test_superseded_outline_fail_names_the_stale_use_and_the_way_out(tmp_path):
    line = "3.2026年，县政府深入贯彻落实《法治政府建设实施纲要（2021—2025年）》，扎实推进法治政府建设，取得积极成效。"
    found = check(tmp_path, "freshness.outline-2021", 2026, line)
    assert found.status == "fail"
    assert "作为当前工作提及" in found.detail
    assert "2025 年度及以前" in found.detail
    assert "总结" in found.suggestion


def test_superseded_campaign_looked_back_passes_with_a_reason(tmp_path):
    line = "3.扎实开展树立和践行正确政绩观学习教育，巩固拓展深入贯彻中央八项规定精神学习教育成果。"
    found = check(tmp_path, "freshness.eight-rules-study", 2026, line)
    assert found.status == "pass"
    assert "没有作为当前工作来写" in found.detail


@pytest.mark.parametrize(("year", "status"), [(2024, "fail"), (2025, "pass"), (2026, "pass")])
def test_enforcement_supervision_regulation_before_it_existed(tmp_path, year, status):
    line = "4.依照《行政执法监督条例》开展执法监督检查3次。"
    assert check(tmp_path, "freshness.enforcement-supervision-regulation", year, line).status == status


@pytest.mark.parametrize(
    "text",
    [
        "深入贯彻党的十九大和十九届历次全会精神",
        "十九届四中全会，二十届四中全会",
        "七五普法八五普法",
        "ABCD",
        "“十四五”规划收官",
        "",
    ],
)
def test_terms_found_in_one_pass_are_those_the_text_holds(text):
    """The pack's terms are looked for in one pass: a term inside or overlapping another's occurrence counts too."""
    from checker.ruletypes.freshness import terms_in_text

    terms = ("十九大", "党的十九大", "十九届", "届四中全会", "四中全会", "七五普法", "五普", "BC", "ABC", "CD")
    assert terms_in_text(text, terms) == {t for t in terms if t in text}


def test_terms_found_in_one_pass_match_in_on_random_texts():
    """The one-pass pattern is the terms' trie: terms that are prefixes of others, or share a prefix, are each
    found exactly when the text holds them."""
    import random

    from checker.ruletypes.freshness import terms_in_text

    rng = random.Random(7)
    terms = ("十九", "十九大", "十九大精神", "十九届", "九大", "大精", "精神", "届四中", "四中全会", "中全")
    alphabet = "十九大精神届四中全会"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        assert terms_in_text(text, terms) == {t for t in terms if t in text}, text
