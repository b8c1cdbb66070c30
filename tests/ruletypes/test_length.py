"""`length`: a part of the report is more than a token paragraph.

Each test writes a pack of one rule (tests/ruletypes/kit.py) and checks a made-up report.
"""

import pytest

from tests.reportkit import report
from tests.ruletypes.kit import refused, run


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
