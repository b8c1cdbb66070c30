"""figure and keywords rules: figures must count what the item asks for."""

import pytest

from tests.reportkit import MEASURES, check_text, finding, report, statuses

WITHOUT_FIGURES = [
    "（一）依法化解行政争议",
    "1.发挥行政复议主渠道作用。规范行政复议案件受理、审理程序，推行公开听证。",
    "2.做好行政应诉工作。督促行政机关负责人出庭应诉，组织旁听庭审活动。",
    "3.落实行政执法“三项制度”。",
]
WITHOUT_TOPIC = ["（一）依法全面履行政府职能", "全年精简行政许可事项9项。"]


def test_figures_removed_make_data_items_partial(tmp_path):
    got = statuses(check_text(tmp_path, report(measures=WITHOUT_FIGURES)))
    assert got["data.review"] == "partial"
    assert got["data.litigation"] == "partial"


def test_topics_absent_make_data_items_fail(tmp_path):
    got = statuses(check_text(tmp_path, report(measures=WITHOUT_TOPIC, plan=["明年继续努力。"])))
    assert got["data.review"] == "fail"
    assert got["data.litigation"] == "fail"
    assert got["enforcement.three-systems"] == "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共受理行政复议案件9件，已审结8件。",
        "全年受理各类复议案件255件，复议调解结案率38.3%。",
        "全年收到行政复议申请38件。",
        "行政复议工作扎实推进，直接纠错率为12.5%。",
        "受理9件行政复议案件。",
        "行政复议方面：受理45件，审结40件。",
        "审结行政复议案件十二件。",
    ],
)
def test_review_figures_pass(tmp_path, sentence):
    measures = ["（一）化解行政争议", sentence]
    result = check_text(tmp_path, report(measures=measures))
    review = finding(result, "data.review")
    assert review.status == "pass"
    assert review.evidence and review.values


@pytest.mark.parametrize(
    "sentence",
    [
        "2020年，我县深入推进行政复议体制改革。",  # a year is not a figure
        "第3次行政复议工作会议在县政府召开。",  # an ordinal is not a figure
        "构建调解、仲裁、行政复议等衔接机制，化解各类矛盾纠纷1200余件。",  # a count of something else
        "行政复议工作培训2次，参训人员80人次。",  # trainings are not cases
        "直接纠错率为12.5%。行政复议工作扎实推进。",  # the rate lies in another sentence
    ],
)
def test_numbers_that_are_not_review_figures(tmp_path, sentence):
    measures = ["（一）化解行政争议", sentence]
    assert statuses(check_text(tmp_path, report(measures=measures)))["data.review"] == "partial"


@pytest.mark.parametrize(
    "sentence",
    [
        "全县行政诉讼案件13件，行政首长出庭应诉率为100%。",
        "区政府领导出庭19次，出庭应诉率100%。",
        "以区政府为被告的一审案件51件、二审案件28件。",
        "全年行政应诉案件败诉率为6.2%。",
    ],
)
def test_litigation_figures_pass(tmp_path, sentence):
    measures = ["（一）依法应诉", sentence]
    assert statuses(check_text(tmp_path, report(measures=measures)))["data.litigation"] == "pass"


@pytest.mark.parametrize(
    "sentence",
    [
        "收到行政诉讼诉前调解移送函106件，诉前调解成功率达50%。",
        "对行政机关负责人未出庭应诉的单位发送意见书。",
        "组织旁听庭审2次，提升应诉能力。",
    ],
)
def test_litigation_discussed_without_case_figures_is_partial(tmp_path, sentence):
    measures = ["（一）依法应诉", sentence]
    assert statuses(check_text(tmp_path, report(measures=measures)))["data.litigation"] == "partial"


def test_figures_in_the_plan_do_not_count(tmp_path):
    plan = ["2025年，力争行政机关负责人出庭应诉率达到100%，行政复议案件纠错率低于10%。"]
    got = statuses(check_text(tmp_path, report(measures=WITHOUT_TOPIC, plan=plan)))
    assert got["data.litigation"] == "fail"
    assert got["data.review"] == "fail"


def test_three_systems_by_its_three_parts(tmp_path):
    measures = ["（一）规范执法", "推行执法公示，落实执法全过程记录，严格重大执法决定法制审核。"]
    assert statuses(check_text(tmp_path, report(measures=measures)))["enforcement.three-systems"] == "pass"


def test_three_systems_with_one_part_is_partial(tmp_path):
    measures = ["（一）规范执法", "全面推行执法全过程记录，配备执法记录仪200台。"]
    result = check_text(tmp_path, report(measures=measures))
    three = finding(result, "enforcement.three-systems")
    assert three.status == "partial"
    assert "法制审核" in three.detail


def test_three_systems_only_in_plan_fails(tmp_path):
    plan = ["2025年，全面落实行政执法“三项制度”。"]
    assert statuses(check_text(tmp_path, report(measures=WITHOUT_TOPIC, plan=plan)))["enforcement.three-systems"] == (
        "fail"
    )


def test_data_evidence_points_at_the_figure_line(tmp_path):
    result = check_text(tmp_path, report())
    review = finding(result, "data.review")
    line = report().splitlines()[review.evidence[0].line - 1]
    assert "64件" in line
    assert MEASURES[5] in line
