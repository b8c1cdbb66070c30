"""`keywords`: the report names something — the built-in rules enforcement.three-systems,
part.shortcomings-reasons and enforcement.enterprise-inspection, and `near` in a pack of one rule."""

import pytest

from checker.pipeline import check_file
from checker.score import Gate
from tests.partskit import checked
from tests.reportkit import check_text, finding, report, statuses
from tests.ruletypes.kit import WITHOUT_TOPIC, refused, run

# ── enforcement.three-systems ────────────────────────────────────────────────


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


def test_training_on_a_system_is_a_mention_not_its_implementation(tmp_path):
    body = [
        "（一）加强学法培训",
        "县政府举办专题讲座3期，学习行政处罚法、行政执法“三项制度”等内容。",
    ]
    text = report(2022, measures=body)
    got = finding(checked(tmp_path, text), "enforcement.three-systems")
    assert got.status == "partial"
    assert "学习" in got.detail


# ── part.shortcomings-reasons ────────────────────────────────────────────────


def test_shortcomings_without_causes_fail_the_warning(tmp_path):
    text = report(shortcomings=["一是执法不够规范；二是宣传不够深入。"], headings={"shortcomings": "三、存在的问题"})
    result = check_text(tmp_path, text)
    assert statuses(result)["part.shortcomings-reasons"] == "fail"
    assert result.passed, "a warning does not fail the default gate"


def test_shortcomings_with_causes_pass(tmp_path):
    assert statuses(check_text(tmp_path, report()))["part.shortcomings-reasons"] == "pass"


# ── enforcement.enterprise-inspection ────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("严格规范涉企行政检查，全面推行“扫码入企”，检查次数同比下降三成。", "pass"),
        ("推行“综合查一次”，对同一企业的多个检查事项合并实施。", "pass"),
        ("开展行政检查专项清理。", "partial"),
        ("组织执法人员专题学习涉企行政检查有关规定。", "partial"),
        ("持续优化法治化营商环境。", "fail"),
    ],
)
def test_enterprise_inspection_wordings(tmp_path, text, status):
    body = ["（一）优化营商环境", text]
    path = tmp_path / "r.txt"
    path.write_text(report(2025, measures=body), encoding="utf-8")
    result = check_file(str(path), None, Gate(), year=2025)
    assert next(f.status for f in result.findings if f.rule == "enforcement.enterprise-inspection") == status


# ── near ─────────────────────────────────────────────────────────────────────

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
