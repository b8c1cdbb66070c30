"""Parts by meaning (concepts, not alias lists), and verdicts that are right for the right reason.

Every report here is invented for these tests (places such as 白水县, 石门镇 are made up), in
wordings chosen to differ from the ones the built-in packs were written against.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.match import best_similarity, fuzzy_hit
from checker.packs import load_pack, load_packs, resolve_pack
from checker.parts import heading_key
from checker.pipeline import check_file
from checker.score import Gate
from tests.paths import ROOT
from tests.reportkit import check_text, finding, report, statuses
from tests.rightreason import right_reason_problems

TITLE = "白水县人民政府关于2022年度法治政府建设情况的报告"
INTRO = "2022年，白水县在市委、市政府的坚强领导下，扎实推进法治政府建设。现将有关情况报告如下："
WORK = [
    "（一）优化政务服务",
    "县政务服务中心新设“一窗通办”窗口18个，全年办件量4.6万件，群众满意率保持在99%以上。",
    "（二）规范执法行为",
    "全县执法单位全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，审核重大执法决定41件。",
    "（三）化解行政争议",
    "县政府全年收到行政复议申请35件，审结33件；县政府作为被告的行政诉讼案件19件，败诉1件。",
]
LEADER_BODY = ["县长6次主持召开县政府常务会议研究依法行政工作，带头开展年终述法。"]
SHORT_BODY = ["乡镇执法力量仍然偏弱，个别部门规范性文件备案不及时。究其原因，是基层编制保障和业务培训不足。"]
PLAN_BODY = ["2023年，我县将重点推进行政执法协调监督体系建设，提升行政复议办案质量。"]


def assemble(*blocks: list[str] | str) -> str:
    lines: list[str] = []
    for block in blocks:
        lines.extend([block] if isinstance(block, str) else block)
    return "\n".join(lines) + "\n"


def checked(tmp_path: Path, text: str):
    result = check_text(tmp_path, text, year=2022)
    assert right_reason_problems(result) == []
    return result


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


def test_work_written_only_in_unheaded_paragraphs_is_partial(tmp_path):
    paragraphs = [
        "这一年，全县持续深化“放管服”改革，取消行政许可事项9项，新增“跨省通办”事项56项，企业开办压缩至1个工作日。",
        "行政执法方面，组织执法案卷评查2轮，抽查案卷320卷，发现并督促整改问题41个，执法人员培训覆盖率达到百分之百。",
        "行政争议化解方面，县政府审结行政复议案件33件，调解和解11件；依法应诉行政诉讼案件19件，负责人出庭应诉率100%。",
        "规范性文件管理方面，全年审核县政府及办公室规范性文件14件，全部按期报送备案，清理废止不适应改革要求的文件7件。",
        "法治宣传方面，落实“谁执法谁普法”责任制，组织“宪法进万家”等主题活动60余场，覆盖群众3万余人次。",
    ]
    text = assemble(TITLE, INTRO, paragraphs, "存在的不足和原因", SHORT_BODY)
    result = checked(tmp_path, text)
    got = finding(result, "part.measures")
    assert got.status == "partial"
    assert "无标题的段落" in got.detail


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


# --- 4. mentions ---------------------------------------------------------------------------------


def test_leader_acting_on_law_is_a_mention_without_the_words_first_responsible(tmp_path):
    body = [*WORK, "县长亲自部署年度依法行政重点任务，全年3次听取法治政府建设工作汇报。"]
    text = report(2022, headings={"leader": None}, measures=body)
    got = finding(checked(tmp_path, text), "part.leader-duty")
    assert got.status == "partial"
    assert "县长亲自部署" in got.evidence[0].text


def test_organising_others_without_a_leader_acting_is_no_mention(tmp_path):
    body = [*WORK, "县司法局组织各乡镇开展法治宣传进村入户活动。"]
    text = report(2022, headings={"leader": None}, measures=body)
    assert finding(checked(tmp_path, text), "part.leader-duty").status == "fail"


def test_passing_admission_of_problems_is_partial(tmp_path):
    body = [*WORK, "对照上级要求，我县法治政府建设还存在基层执法规范化程度不高等问题。"]
    text = report(2022, headings={"shortcomings": None}, measures=body, shortcomings=[])
    got = finding(checked(tmp_path, text), "part.shortcomings")
    assert got.status == "partial"
    assert "还存在" in got.evidence[0].text


def test_next_step_paragraph_inside_the_shortcomings_is_a_mention_of_the_plan(tmp_path):
    shortcomings = [*SHORT_BODY, "下一步，我们将针对上述问题逐项制定整改措施。"]
    text = report(2022, headings={"plan": None}, shortcomings=shortcomings, plan=[])
    got = finding(checked(tmp_path, text), "part.next-year")
    assert got.status == "partial"
    assert "下一步" in got.evidence[0].text


def test_a_signature_date_in_the_next_year_is_no_plan(tmp_path):
    text = report(2022, headings={"plan": None}, plan=[]) + "白水县人民政府\n2023年3月8日\n"
    assert finding(checked(tmp_path, text), "part.next-year").status == "fail"


def test_training_on_a_system_is_a_mention_not_its_implementation(tmp_path):
    body = [
        "（一）加强学法培训",
        "县政府举办专题讲座3期，学习行政处罚法、行政执法“三项制度”等内容。",
    ]
    text = report(2022, measures=body)
    got = finding(checked(tmp_path, text), "enforcement.three-systems")
    assert got.status == "partial"
    assert "学习" in got.detail


# --- 5. fuzzy hits on fragments ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("网站栏目：政策查询 法制查询 办事指南", "法制审查"),
        ("在县委的领导下", "党的领导"),
        ("法治政府建设组织领导", "法治政府建设情况"),
    ],
)
def test_fragment_at_a_line_edge_is_no_fuzzy_hit(text, term):
    assert fuzzy_hit(text, term, 85) is None
    assert best_similarity(text, [term], 85)[0] < 85


def test_variant_losing_one_character_is_still_a_fuzzy_hit():
    hit = fuzzy_hit("全面推行行政执法公示度和全过程记录", "行政执法公示制度", 85)
    assert hit is not None and hit.end - hit.start >= 7


# --- 8. right for the right reason, over every fixture ------------------------------------------


def fixture_files() -> list[Path]:
    files = sorted((ROOT / "tests" / "fixtures" / "holdout").glob("h*.txt"))
    files += sorted((ROOT / "examples").glob("*.txt"))
    # The real reports beside the project, when they are there (read in place, never copied).
    for folder in ("corpus", "realworld"):
        shared = ROOT.parent / "shared" / folder
        if shared.is_dir():
            files += sorted(shared.glob("*.txt"))
    return files


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_every_part_verdict_cites_its_reason(path):
    result = check_file(str(path), None, Gate())
    assert right_reason_problems(result) == []


def test_every_rule_example_cites_its_reason():
    from checker.pipeline import check_text as check_memory

    for pack in load_packs(["national", "department", "township"]):
        for rule in pack.rules:
            for example in rule.examples:
                result = check_memory(example.text, [pack], Gate(), example.year, example.report_type)
                assert right_reason_problems(result) == [], (rule.id, example.text[:40])


def test_right_reason_check_catches_a_sub_item_cited_as_the_part():
    from dataclasses import replace

    path = ROOT / "examples" / "complete-2024.txt"
    result = check_file(str(path), [load_pack(resolve_pack("national"))], Gate())
    measures = finding(result, "part.measures")
    sub = next(s for s in result.sections[0].children)
    line = result.document.lines[sub.line_index]
    wrong = replace(measures, evidence=(replace(measures.evidence[0], line=line.source_line, text=line.shown),))
    tampered = replace(result, findings=tuple(wrong if f is measures else f for f in result.findings))
    assert right_reason_problems(tampered) and "sub-item" in right_reason_problems(tampered)[0]
    # A partial that quotes the part's own heading is caught too.
    partial = replace(measures, status="partial")
    quoting = replace(result, findings=tuple(partial if f is measures else f for f in result.findings))
    assert any("own heading" in p for p in right_reason_problems(quoting))


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
