"""`consistency`: figures on one subject that contradict each other (more concluded than received,
parts that do not add up, a rate above 100%).

Each test writes a pack of one rule (tests/ruletypes/kit.py) and checks a made-up report.
"""

import pytest

from tests.reportkit import report
from tests.ruletypes.kit import refused, run, with_measures


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
