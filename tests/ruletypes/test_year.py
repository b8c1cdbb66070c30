"""`year`: the plan names the year after the report (year.next-plan)."""

from tests.reportkit import check_text, finding, report, statuses


def test_plan_naming_report_year_plus_one_passes(tmp_path):
    assert statuses(check_text(tmp_path, report(year=2022)))["year.next-plan"] == "pass"


def test_plan_heading_with_wrong_year_fails(tmp_path):
    result = check_text(tmp_path, report(year=2024, headings={"plan": "四、2024年推进法治政府建设的主要安排"}))
    plan_year = finding(result, "year.next-plan")
    assert plan_year.status == "fail"
    assert plan_year.values == ("2024",)
    assert "2025" in plan_year.suggestion


def test_plan_body_with_wrong_year_fails(tmp_path):
    text = report(year=2023, headings={"plan": "三、下一步工作打算"}, plan=["2023年，我局将继续推进依法行政。"])
    assert statuses(check_text(tmp_path, text))["year.next-plan"] == "fail"


def test_plan_saying_next_year_without_number_is_not_applicable(tmp_path):
    # 明年 names no year to check: neither right nor wrong.
    text = report(headings={"plan": "四、明年工作思路"}, plan=["明年，我们将继续加强执法监督。"])
    assert statuses(check_text(tmp_path, text))["year.next-plan"] == "n/a"


def test_missing_plan_has_no_year_to_check(tmp_path):
    text = report(headings={"plan": None})
    result = check_text(tmp_path, text)
    assert statuses(result)["part.next-year"] == "fail"
    assert statuses(result)["year.next-plan"] == "n/a"


def test_plan_years_in_titles_ranges_and_deadlines_are_ignored(tmp_path):
    plan = ["2025年，深入落实《法治政府建设实施纲要（2021—2025年）》，到2035年基本建成法治政府。"]
    assert statuses(check_text(tmp_path, report(plan=plan)))["year.next-plan"] == "pass"


def test_year_option_overrides_inference(tmp_path):
    result = check_text(tmp_path, report(year=2024), year=2023)
    assert result.document.report_year == 2023
    assert statuses(result)["year.next-plan"] == "fail"
