"""part rules: headings make parts; mentions inside other parts are only partial."""

import pytest

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
