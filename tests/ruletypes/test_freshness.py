"""The freshness pack both ways: terms named before they existed and superseded terms still used as current."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from checker.model import Finding, Pack
from checker.packs import load_packs
from checker.pipeline import check_file
from checker.score import Gate
from tests.reportkit import MEASURES, report


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
