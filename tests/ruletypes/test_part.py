"""`part`: headings make parts; mentions inside other parts, or paragraphs under no heading, are only partial."""

import pytest

from tests.partskit import INTRO, SHORT_BODY, TITLE, WORK, assemble, checked
from tests.reportkit import MEASURES, check_text, finding, report, statuses

MEASURES_TAIL = MEASURES[2:]

MEASURES_HEADINGS = [
    "一、主要工作情况及成效",
    "一、2024年工作推进情况",
    "一、法治政府建设推进措施和成效",
    "一、法治政府建设主要举措和成效",
    "一、主要举措和工作成效",
    "一、2024年度主要工作成效",
    "一、2024年法治政府建设情况",
    "一、工作开展情况",
    "一、2024年的主要工作情况",
]
SHORTCOMING_HEADINGS = [
    "三、存在的主要问题",
    "三、法治政府建设存在的主要问题",
    "三、存在的问题",
    "三、存在的问题及原因",
    "三、存在的问题和不足",
    "三、2024年度法治政府建设存在的不足",
    "三、存在不足及原因",
]
PLAN_HEADINGS = [
    "四、2025年工作打算",
    "四、下一步工作思路",
    "四、重点工作安排",
    "四、下一年度推进法治政府建设的主要思路",
    "四、2025年推进法治政府建设的主要安排",
    "四、下一年度工作安排",
    "四、明年工作计划",
    "四、2025年工作计划",
    "四、下步工作打算",
]


@pytest.mark.parametrize("heading", MEASURES_HEADINGS)
def test_measures_heading_variants_pass(tmp_path, heading):
    result = check_text(tmp_path, report(headings={"measures": heading}))
    assert statuses(result)["part.measures"] == "pass"


@pytest.mark.parametrize("heading", SHORTCOMING_HEADINGS)
def test_shortcomings_heading_variants_pass(tmp_path, heading):
    result = check_text(tmp_path, report(headings={"shortcomings": heading}))
    got = statuses(result)
    assert got["part.shortcomings"] == "pass"
    assert got["part.measures"] == "pass"


@pytest.mark.parametrize("heading", PLAN_HEADINGS)
def test_plan_heading_variants_pass(tmp_path, heading):
    result = check_text(tmp_path, report(headings={"plan": heading}))
    assert statuses(result)["part.next-year"] == "pass"


def test_one_heading_serves_shortcomings_and_plan(tmp_path):
    text = report(
        headings={"shortcomings": "三、存在问题及明年工作思路", "plan": None},
        shortcomings=[
            "部分单位执法不够规范，原因是培训不足。",
            "明年，我们将加强执法监督，完善培训机制。",
        ],
    )
    got = statuses(check_text(tmp_path, text))
    assert got["part.shortcomings"] == "pass"
    assert got["part.next-year"] == "pass"
    assert got["part.measures"] == "pass"


@pytest.mark.parametrize(
    ("drop", "rule"),
    [
        ("measures", "part.measures"),
        ("leader", "part.leader-duty"),
        ("shortcomings", "part.shortcomings"),
        ("plan", "part.next-year"),
    ],
)
def test_removed_part_fails(tmp_path, drop, rule):
    # Drop the heading and the body, and keep the rest of the report intact.
    text = report(headings={drop: None})
    result = check_text(tmp_path, text)
    assert statuses(result)[rule] == "fail"
    gap = finding(result, rule)
    assert gap.looked_in, "a gap says where it looked"
    assert gap.suggestion
    assert not result.passed


def test_topical_parts_without_umbrella_heading_are_the_measures(tmp_path):
    text = "\n".join(
        [
            "青石县2024年度法治政府建设情况报告",
            "2024年，我县法治政府建设取得新成效。",
            "一、坚持党的全面领导，完善法治政府建设推进机制",
            "县政府常务会议专题研究法治政府建设4次。",
            "二、健全政府机构职能体系，推动更好发挥政府作用",
            "全年精简行政许可事项9项。",
            "三、健全行政执法工作体系，全面推进严格规范公正文明执法",
            "全面落实行政执法“三项制度”。",
            "四、存在的不足和原因",
            "执法队伍专业化程度不高，原因是培训投入不足。",
            "五、2025年工作安排",
            "2025年将继续推进依法行政。",
        ]
    )
    result = check_text(tmp_path, text)
    assert statuses(result)["part.measures"] == "pass"
    assert len(finding(result, "part.measures").evidence) >= 2


def test_leader_duty_as_subsection_of_measures_passes(tmp_path):
    measures = ["（一）切实履行法治建设第一责任人职责", "县长带头述法，全年主持专题会议5次。", *MEASURES_TAIL]
    text = report(headings={"leader": None}, measures=measures)
    got = statuses(check_text(tmp_path, text))
    assert got["part.leader-duty"] == "pass"


def test_leader_duty_placed_first_passes(tmp_path):
    text = "\n".join(
        [
            "青石县司法局2024年度法治政府建设情况报告",
            "一、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
            "局党组书记、局长带头述法，主持专题研究法治工作4次。",
            "二、2024年度推进法治政府建设的主要举措和成效",
            "全年办理行政复议案件20件。",
            "三、存在的不足和原因",
            "原因是人员不足。",
            "四、2025年主要安排",
            "2025年将继续推进。",
        ]
    )
    got = statuses(check_text(tmp_path, text))
    assert got["part.leader-duty"] == "pass"
    assert got["part.measures"] == "pass"


def test_leader_duty_only_inside_paragraphs_is_partial(tmp_path):
    measures = ["（一）加强组织领导", "一是落实党政主要负责人履行推进法治建设第一责任人职责的制度。", *MEASURES_TAIL]
    result = check_text(tmp_path, report(headings={"leader": None}, measures=measures))
    assert statuses(result)["part.leader-duty"] == "partial"
    assert "第一责任人" in finding(result, "part.leader-duty").evidence[0].text


def test_leader_duty_only_in_plan_and_shortcomings_fails(tmp_path):
    text = report(
        headings={"leader": None},
        shortcomings=["少数单位主要负责人履行第一责任人职责的意识不强，原因是考核不够。"],
        plan=["2025年，各级主要负责人要切实履行推进法治建设第一责任人职责。"],
    )
    assert statuses(check_text(tmp_path, text))["part.leader-duty"] == "fail"


def test_leader_duty_subheading_inside_plan_does_not_count(tmp_path):
    plan = ["（一）切实履行法治建设第一责任人职责", "2025年，县长带头述法。"]
    text = report(headings={"leader": None}, plan=plan)
    assert statuses(check_text(tmp_path, text))["part.leader-duty"] == "fail"


def test_introduction_announcing_parts_does_not_make_them_present(tmp_path):
    text = "\n".join(
        [
            "青石县2024年度法治政府建设情况报告",
            "本报告包括主要举措和成效、存在的不足和原因、党政主要负责人履行第一责任人职责情况、下一年度主要安排四个部分。",
            "一、2024年度推进法治政府建设的主要举措和成效",
            "全年收到行政复议申请30件。",
        ]
    )
    got = statuses(check_text(tmp_path, text))
    assert got["part.shortcomings"] == "fail"
    assert got["part.next-year"] == "fail"
    assert got["part.leader-duty"] == "fail"


def test_next_step_sentence_inside_measures_is_not_a_plan_part(tmp_path):
    measures = [*MEASURES, "下一步，我县将继续深化行政执法体制改革。"]
    result = check_text(tmp_path, report(headings={"plan": None}, measures=measures))
    assert statuses(result)["part.next-year"] == "partial"


def test_parts_in_unusual_order(tmp_path):
    text = "\n".join(
        [
            "青石县2024年度法治政府建设情况报告",
            "一、2025年工作打算",
            "2025年将深化法治政府建设。",
            "二、存在的不足和原因",
            "执法人员不足，原因是编制紧张。",
            "三、2024年主要举措和成效",
            "全年审结行政复议案件12件。",
            "四、主要负责人履行推进法治建设第一责任人职责情况",
            "县长主持专题会议3次。",
        ]
    )
    got = statuses(check_text(tmp_path, text))
    assert [got[r] for r in ("part.measures", "part.leader-duty", "part.shortcomings", "part.next-year")] == [
        "pass"
    ] * 4


def test_parts_one_level_down_under_an_unnamed_top_heading(tmp_path):
    text = "\n".join(
        [
            "青石县2024年度法治政府建设情况报告",
            "一、2024年度推进法治政府建设的主要举措和成效",
            "全年审结行政复议案件12件。",
            "二、党政主要负责人履行推进法治建设第一责任人职责情况",
            "县长主持专题会议3次。",
            "三、问题与展望",
            "（一）存在的问题",
            "执法力量不足，原因是编制紧张。",
            "（二）下步打算",
            "2025年将深化法治政府建设。",
        ]
    )
    got = statuses(check_text(tmp_path, text))
    assert got["part.shortcomings"] == "pass"
    assert got["part.next-year"] == "pass"
    assert got["year.next-plan"] == "pass"


# ── an invented report (tests/partskit.py): unheaded paragraphs, mentions ────


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
