"""Parts stage: which heading is which part, by meaning (concepts, not alias lists).

The reports are invented (tests/partskit.py), and every verdict must be right for the right reason.
"""

from __future__ import annotations

import pytest

from checker.model import Concept
from checker.packs import load_pack
from checker.parts import concept_words, heading_key, naming_words
from checker.pipeline import check_file
from checker.score import Gate
from tests.partskit import INTRO, LEADER_BODY, PLAN_BODY, SHORT_BODY, TITLE, WORK, assemble, checked
from tests.reportkit import check_text, finding, report, statuses

# --- 1. a numbered heading is never a title wrapper --------------------------------------------


def test_lone_numbered_section_with_sub_items_is_the_measures_part(tmp_path):
    text = assemble(TITLE, INTRO, "一、2022年依法行政总体推进情况", WORK)
    result = checked(tmp_path, text)
    got = finding(result, "part.measures")
    assert got.status == "pass"
    assert got.evidence[0].text.startswith("一、2022年依法行政总体推进情况")


def test_lone_leader_section_does_not_make_its_sub_items_the_measures(tmp_path):
    text = assemble(
        TITLE,
        INTRO,
        "一、县政府主要负责同志履行推进法治建设第一责任人职责情况",
        "（一）专题研究法治政府建设",
        "县长主持召开常务会议4次，专题研究法治政府建设年度任务。",
        "（二）依法全面履行政府职能",
        "县长带头落实权责清单制度，督促各部门依法履职。",
    )
    result = checked(tmp_path, text)
    assert finding(result, "part.leader-duty").status == "pass"
    assert finding(result, "part.measures").status in ("partial", "fail")


def test_sub_item_about_fixing_old_weak_points_is_not_the_shortcomings_part(tmp_path):
    text = assemble(
        TITLE,
        INTRO,
        "一、坚持依法行政，全面提升政府治理能力",
        "（一）健全依法决策机制",
        "全年6项重大行政决策全部履行公众参与、合法性审查等程序。",
        "（二）薄弱环节“再排查”",
        "对上年督察指出的执法不规范问题逐项整改销号。",
    )
    result = checked(tmp_path, text)
    assert finding(result, "part.measures").status == "pass"
    assert finding(result, "part.shortcomings").status in ("partial", "fail")


def test_plan_items_under_a_combined_last_heading_are_not_the_measures(tmp_path):
    text = assemble(
        TITLE,
        INTRO,
        "一、存在的短板和今后工作考虑",
        "（一）短板",
        "基层执法人员持证率偏低。",
        "（二）今后考虑",
        "（三）完善执法人员培训机制",
        "2023年分三批轮训全县执法人员。",
    )
    result = checked(tmp_path, text)
    statuses_ = statuses(result)
    assert statuses_["part.shortcomings"] == "pass"
    assert statuses_["part.next-year"] == "pass"
    assert statuses_["part.measures"] in ("partial", "fail")


def test_unnumbered_title_line_still_wraps_the_parts(tmp_path):
    text = assemble(
        "# " + TITLE,
        INTRO,
        "## 一、2022年法治政府建设开展情况",
        WORK,
        "## 二、下一阶段努力方向",
        PLAN_BODY,
    )
    result = check_text(tmp_path, text, name="report.md", year=2022)
    assert statuses(result)["part.measures"] == "pass"
    assert statuses(result)["part.next-year"] == "pass"


# --- 2. concept groups --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "rule"),
    [
        ("一、本年度依法行政主要做法与成效", "part.measures"),
        ("一、二〇二二年法治政府建设推进成果", "part.measures"),
        ("二、县委书记、县长带头抓法治建设情况", "part.leader-duty"),
        ("二、局主要负责同志履行法治建设职责情况", "part.leader-duty"),
        ("二、一把手亲自过问依法行政工作情况", "part.leader-duty"),
        ("三、当前面临的困难和短板", "part.shortcomings"),
        ("三、工作中还有哪些薄弱环节", "part.shortcomings"),
        ("三、差距及原因分析", "part.shortcomings"),
        ("三、有待改进的方面", "part.shortcomings"),
        ("四、下一阶段努力方向", "part.next-year"),
        ("四、今后一个时期的工作考虑", "part.next-year"),
        ("四、2023年重点任务", "part.next-year"),
        ("四、新一年工作考虑", "part.next-year"),
        ("五、需要说明的其他事项", "part.other"),
    ],
)
def test_headings_named_by_concepts(tmp_path, heading, rule):
    key = {
        "part.measures": "measures",
        "part.leader-duty": "leader",
        "part.shortcomings": "shortcomings",
        "part.next-year": "plan",
    }.get(rule)
    text = report(2022, headings={key: heading}) if key else report(2022) + heading + "\n无。\n"
    result = checked(tmp_path, text)
    got = finding(result, rule)
    assert got.status == "pass", (heading, got.detail)
    assert got.evidence[0].text.startswith(heading[:6])


@pytest.mark.parametrize(
    ("heading", "rule"),
    [
        ("三、着力解决群众急难愁盼问题", "part.shortcomings"),
        ("三、补齐基层执法短板，夯实法治基础", "part.shortcomings"),
        ("三、优化计划体系，保障工作有序推进", "part.next-year"),
        ("三、统筹部署安排全年法治任务", "part.next-year"),
        ("三、坚持问题导向，深化重点领域改革", "part.shortcomings"),
        ("三、高位谋划，统筹推进法治政府建设", "part.next-year"),
        ("三、创新工作思路，打造基层法治品牌", "part.next-year"),
    ],
)
def test_topical_headings_that_act_on_problems_or_plans_are_the_years_work(tmp_path, heading, rule):
    text = assemble(TITLE, INTRO, "一、2022年法治政府建设情况", WORK, heading, "全年开展专项行动3次。")
    result = checked(tmp_path, text)
    assert finding(result, rule).status != "pass"
    assert finding(result, "part.measures").status == "pass"


def test_heading_key_ignores_years_filler_and_connectors():
    assert heading_key("一、2022年度推进法治政府建设的主要举措及成效") == heading_key("主要举措和成效").join(
        ["法治政府建设", ""]
    )
    assert heading_key("主要举措与成效") == heading_key("主要举措、成效") == "主要举措和成效"


def test_a_pack_can_name_parts_by_concepts_and_by_headings(tmp_path):
    pack_file = tmp_path / "mine.yaml"
    pack_file.write_text(
        """id: mine
version: "1"
title: 测试
basis: 测试
parts:
  plan:
    title: 来年打算
    concepts:
      - all: [[打算, 设想]]
        unless: [回顾]
    headings: [来年工作要点]
rules:
  - id: mine.plan
    type: part
    part: plan
    title: 来年打算
    severity: error
    basis: 测试
    message: 应写来年打算
    suggestion: 增设来年打算
""",
        encoding="utf-8",
    )
    pack = load_pack(pack_file)
    for heading, want in (("三、来年工作设想", "pass"), ("三、来年工作要点", "pass"), ("三、打算回顾", "fail")):
        path = tmp_path / "r.txt"
        path.write_text(assemble(TITLE, INTRO, "一、工作情况", WORK, heading, "完善制度。"), encoding="utf-8")
        result = check_file(str(path), [pack], Gate(), year=2022)
        assert finding(result, "mine.plan").status == want, heading


def test_concepts_are_validated_when_the_pack_loads(tmp_path):
    from checker.errors import PackError

    pack_file = tmp_path / "bad.yaml"
    pack_file.write_text(
        "id: bad\nversion: '1'\ntitle: t\nbasis: b\nparts:\n  p:\n    title: t\n    concepts:\n      - all: 打算\n"
        "rules: []\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="concepts"):
        load_pack(pack_file)


# --- 3. the measures part without a heading of its own ------------------------------------------


def test_slogan_heading_before_the_later_parts_is_the_measures(tmp_path):
    text = assemble(
        TITLE,
        INTRO,
        "一、以高质量法治护航高质量发展，各项任务扎实落地",
        WORK,
        "二、存在的不足和原因",
        SHORT_BODY,
        "三、2023年工作安排",
        PLAN_BODY,
    )
    result = checked(tmp_path, text)
    got = finding(result, "part.measures")
    assert got.status == "pass"
    assert got.evidence[0].text.startswith("一、以高质量法治护航")
    assert "视为本部分" in got.detail


def test_leader_first_then_topical_sections_are_the_measures(tmp_path):
    text = assemble(
        TITLE,
        INTRO,
        "一、党政主要负责人履行推进法治建设第一责任人职责情况",
        LEADER_BODY,
        "二、深化简政放权",
        WORK[:2],
        "三、严格规范执法",
        WORK[2:4],
        "四、问题和不足",
        SHORT_BODY,
    )
    result = checked(tmp_path, text)
    got = finding(result, "part.measures")
    assert got.status == "pass"
    assert [e.text[:6] for e in got.evidence[:2]] == ["二、深化简政", "三、严格规范"]


def test_heading_naming_leader_duty_and_a_topical_area_serves_both(tmp_path):
    text = assemble(TITLE, INTRO, "一、加强党的领导，县长切实履行法治建设第一责任人职责", LEADER_BODY, WORK)
    result = checked(tmp_path, text)
    assert statuses(result)["part.leader-duty"] == "pass"
    assert statuses(result)["part.measures"] == "pass"


def test_leader_heading_in_the_regulations_own_words_is_not_also_the_measures(tmp_path):
    text = assemble(
        TITLE,
        INTRO,
        "一、党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
        LEADER_BODY,
    )
    result = checked(tmp_path, text)
    assert statuses(result)["part.leader-duty"] == "pass"
    assert statuses(result)["part.measures"] in ("partial", "fail")


def test_introduction_alone_is_not_the_measures(tmp_path):
    text = assemble(
        TITLE,
        INTRO,
        "一、党政主要负责人履行推进法治建设第一责任人职责情况",
        LEADER_BODY,
        "二、存在的不足和原因",
        SHORT_BODY,
        "三、2023年工作安排",
        PLAN_BODY,
    )
    assert finding(checked(tmp_path, text), "part.measures").status == "fail"


# --- headings that only seem to name a part -------------------------------------------------------


def test_a_document_title_cited_in_a_sub_heading_names_no_part(tmp_path):
    body = [
        "（一）健全工作机制，贯彻《党政主要负责人履行推进法治建设第一责任人职责规定》",
        "县司法局制定年度法治建设工作要点，分解任务34项。",
        *WORK,
    ]
    text = report(2022, headings={"leader": None}, measures=body, leader=[])
    got = finding(checked(tmp_path, text), "part.leader-duty")
    assert got.status != "pass"


def test_a_run_in_heading_that_lost_its_punctuation_is_named_by_its_opening_words(tmp_path):
    lead = (
        "（一）夯实组织基础健全工作机制成立镇法治建设领导小组，由镇党委书记任组长，"
        "镇长任常务副组长，主要领导亲自抓法治工作，分管领导具体抓，形成上下联动的格局。"
    )
    text = report(2022, headings={"leader": None}, measures=[lead, *WORK], leader=[])
    assert finding(checked(tmp_path, text), "part.leader-duty").status == "partial"


def test_a_results_heading_stays_the_measures_when_the_year_is_misread(tmp_path):
    # A page header dated in the report year makes the year one too low: the heading names the next year.
    text = assemble(
        "白水县人民政府关于2021年度法治政府建设情况的报告",
        "一、2022年推进法治政府建设的主要举措和成效",
        WORK,
    )
    result = check_text(tmp_path, text, year=2021)
    assert statuses(result)["part.measures"] == "pass"
    assert statuses(result)["part.next-year"] != "pass"


# --- concepts -----------------------------------------------------------------------------------------

NAMING = (
    Concept(groups=(("主要负责人", "一把手"), ("履行", "带头")), unless=("(不含",)),
    Concept(groups=(("{year}年", "本年度"), ("法治+",))),
    Concept(groups=(("问题",), ())),  # a group left without words (an unknown variable) is never held
)


@pytest.mark.parametrize(
    "text",
    [
        "党政主要负责人履行第一责任人职责",
        "一把手带头讲法治",
        "主要负责人履行职责(不含副职)",
        "2024年法治+建设",
        "本年度法治+",
        "2023年法治+建设",
        "存在的问题",
        "主要举措",
        "",
    ],
)
def test_a_text_names_a_concept_when_one_concept_holds_it(text):
    # The one test that turns headings down agrees with asking each concept in turn.
    expected = next((w for c in NAMING if (w := concept_words(text, c, 2024)) is not None), None)
    assert naming_words(text, NAMING, 2024) == expected
