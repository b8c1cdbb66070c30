"""The complete test report passes every rule: the baseline the other rule tests take parts away from."""

from tests.reportkit import check_text, report, statuses


def test_complete_report_passes_every_core_item(tmp_path):
    result = check_text(tmp_path, report())
    got = statuses(result)
    # No publication date in a bare text (a draft): nothing to check, so n/a, neither a pass nor a gap.
    assert got.pop("meta.published-on-time") == "n/a"
    assert {rule: got[rule] for rule in got if rule != "part.other"} == {
        "part.measures": "pass",
        "part.leader-duty": "pass",
        "part.shortcomings": "pass",
        "part.next-year": "pass",
        "enforcement.three-systems": "pass",
        "data.review": "pass",
        "data.litigation": "pass",
        "part.shortcomings-reasons": "pass",
        "year.next-plan": "pass",
        "meta.title-form": "pass",
        "review.reformed-law": "pass",
    }
    assert result.passed
    assert result.document.report_year == 2024
    assert result.document.report_type == "government"
