"""Infer: the report's title, year (the year whose work it reports) and type (who issues it)."""

from __future__ import annotations

import pytest

from checker.infer import infer_title, issuer_in_title, issuer_of, type_of_issuer, year_in_title
from checker.model import DEPARTMENT, GOVERNMENT, TOWNSHIP, RawDocument
from checker.normalize import normalize

BODY = (
    "一、主要举措和成效\n全年共开展行政执法检查十二次，办理行政复议案件八件。\n二、存在的不足和原因\n基层执法力量薄弱。"
)


def norm(text: str):
    return normalize(RawDocument(path="x.txt", text=text, encoding="utf-8"))


# --- from the title -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "year", "report_type"),
    [
        ("某某市人民政府关于2020年度法治政府建设情况的报告", 2020, GOVERNMENT),
        ("某某县市场监督管理局2023年法治政府建设工作总结", 2023, DEPARTMENT),
        ("某某镇2022年度法治政府建设情况报告", 2022, TOWNSHIP),
        ("某某街道办事处2023年法治政府建设工作情况报告", 2023, TOWNSHIP),
        ("某某区司法局2024年度法治政府建设工作报告", 2024, DEPARTMENT),
        ("中共某某区委 某某区人民政府关于2024年法治政府建设情况的报告", 2024, GOVERNMENT),
        ("某某乡人民政府关于2021年度法治政府建设工作情况的报告", 2021, TOWNSHIP),
        ("某某县人民政府办公室2023年法治政府建设工作总结", 2023, DEPARTMENT),
    ],
)
def test_year_and_type_from_the_title(title, year, report_type):
    doc = norm(f"{title}\n{BODY}")
    assert doc.title == title
    assert doc.report_year == year
    assert doc.report_type == report_type


def test_party_committee_in_front_of_a_government_with_full_width_space():
    doc = norm(f"中共某某区委\u3000某某区人民政府关于2024年法治政府建设情况的报告\n{BODY}")
    assert doc.report_type == GOVERNMENT


def test_year_in_front_of_a_work_plan_is_the_year_after_the_report():
    doc = norm(f"关于法治建设工作情况的汇报和2022年工作计划\n{BODY}")
    assert doc.title == "关于法治建设工作情况的汇报和2022年工作计划"
    assert doc.report_year == 2021


def test_report_year_comes_before_the_plan_year_in_a_title():
    assert year_in_title("某某区2023年法治政府建设工作总结及2024年工作计划") == 2023


@pytest.mark.parametrize("plan", ["工作计划", "工作要点", "工作安排", "工作思路", "打算"])
def test_a_title_naming_only_a_plan_year_reports_the_year_before(plan):
    assert year_in_title(f"某某县司法局2025年{plan}") == 2024


def test_title_without_a_year_has_no_title_year():
    assert year_in_title("某某县司法局法治政府建设情况报告") is None


def test_street_office_short_form_is_a_township():
    doc = norm(f"某某街道办2023年法治政府建设工作情况报告\n{BODY}")
    assert doc.report_type == TOWNSHIP


# --- title ----------------------------------------------------------------------------------------


def test_title_is_the_first_title_like_line():
    doc = norm(f"某某县司法局2024年法治政府建设工作总结\n{BODY}")
    assert doc.title == "某某县司法局2024年法治政府建设工作总结"


def test_title_is_found_after_page_furniture():
    text = f"扫一扫在手机打开当前页\n发布时间：2025-03-01\n某某县司法局2024年法治政府建设工作总结\n{BODY}"
    assert norm(text).title == "某某县司法局2024年法治政府建设工作总结"


def test_no_title_when_the_document_starts_with_a_heading():
    assert norm(BODY).title == ""


def test_sentence_ending_with_full_stop_is_not_a_title():
    assert norm(f"我局2024年法治政府建设情况良好。\n{BODY}").title == ""


def test_infer_title_of_no_lines_is_empty():
    assert infer_title(()) == ""


def test_opening_sentence_ending_with_colon_is_not_a_title():
    assert norm(f"现将我县2021年以来法治建设工作情况汇报如下：\n{BODY}").title == ""


def test_markdown_title_has_no_hash_mark():
    doc = norm(f"# 某某县司法局2024年法治政府建设工作总结\n## {BODY}")
    assert doc.title == "某某县司法局2024年法治政府建设工作总结"


# --- year without a title -------------------------------------------------------------------------

OPENING_REPORTING_ON = (
    "一年来，在县委、县政府的坚强领导下，我县深入学习贯彻习近平法治思想，坚持依法行政，"
    "法治政府建设各项工作取得积极成效，群众满意度进一步提升。现将我县2021年以来法治建设工作情况汇报如下："
)


def test_year_from_the_sentence_introducing_the_report():
    assert len(OPENING_REPORTING_ON) > 80  # too long to be a title
    doc = norm(f"{OPENING_REPORTING_ON}\n{BODY}\n2022年，我县将继续推进依法行政。")
    assert doc.title == ""
    assert doc.report_year == 2021


def test_year_from_an_opening_line_starting_with_the_year():
    opening = "2020年以来，我市坚持以习近平法治思想为指导，深入推进依法行政，法治政府建设各项工作取得积极成效。"
    doc = norm(f"{opening}\n{BODY}\n2021年，我市将继续推进依法行政。")
    assert doc.title == ""
    assert doc.report_year == 2020


def test_year_from_the_first_heading_naming_a_year():
    text = (
        "我局坚持依法行政，扎实推进各项工作。\n一、2023年工作开展情况\n正文。\n二、2024年工作计划\n继续推进依法行政。"
    )
    assert norm(text).report_year == 2023


def test_year_from_the_publication_date_is_the_year_before():
    text = (
        "索引号 | 1234/2025-00001 | 主题分类 | |\n"
        "发布单位 | 某某县司法局 | 发文日期 | 2025-02-28 |\n"
        f"某某县司法局法治政府建设情况报告\n{BODY}"
    )
    doc = norm(text)
    assert doc.meta["published"] == "2025-02-28"
    assert doc.report_year == 2024


def test_year_from_the_most_common_year_as_a_last_resort():
    text = f"{BODY}\n全年新增2023年度执法人员二十名。\n对照2023年目标，完成率百分之百。\n2019年制定的制度继续执行。"
    assert norm(text).report_year == 2023


def test_no_year_anywhere_gives_none():
    assert norm(BODY).report_year is None


# --- type without a title -------------------------------------------------------------------------


def test_type_from_the_body_named_in_the_opening():
    opening = "某某县司法局坚持以习近平法治思想为指导，深入推进依法行政，各项工作取得积极成效。"
    assert norm(f"{opening}\n{BODY}").report_type == DEPARTMENT


def test_type_from_a_township_government_named_in_the_opening():
    opening = "某某镇人民政府坚持以习近平法治思想为指导，深入推进依法行政，各项工作取得积极成效。"
    assert norm(f"{opening}\n{BODY}").report_type == TOWNSHIP


def test_type_defaults_to_government():
    assert norm(BODY).report_type == GOVERNMENT


# --- issuer helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        ("某某市人民政府关于2020年度法治政府建设情况的报告", "某某市人民政府"),
        ("某某县市场监督管理局2023年法治政府建设工作总结", "某某县市场监督管理局"),
        ("中共某某区委 某某区人民政府关于2024年法治政府建设情况的报告", "某某区人民政府"),
        ("关于法治建设工作情况的汇报和2022年工作计划", ""),
        ("某某县司法局法治政府建设情况报告", ""),
    ],
)
def test_issuer_in_title(title, issuer):
    assert issuer_in_title(title) == issuer


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("发布机构：某某县人民政府办公室\n某某县人民政府关于2024年度法治政府建设情况的报告\n" + BODY, "某某县人民政府"),
        ("发布机构：某某镇人民政府\n关于2024年度法治政府建设情况的报告\n" + BODY, "某某镇人民政府"),
        ("2024年，西湖区人民政府坚持以习近平法治思想为指导。\n" + BODY, "西湖区人民政府"),
        (BODY, ""),
    ],
    ids=["title-before-page-metadata", "page-metadata", "opening", "none"],
)
def test_issuer_of_prefers_the_title_then_the_page_metadata_then_the_opening(text, issuer):
    assert issuer_of(norm(text)) == issuer


def test_report_type_follows_the_page_issuer_before_the_addressee_in_the_opening():
    # A 镇's report without a title, addressed to the county: the page's 发布机构 says who reports.
    doc = norm("- 发布机构: 古镛镇人民政府\n中共某某县委员会,某某县人民政府:\n" + BODY)
    assert (issuer_of(doc), doc.report_type) == ("古镛镇人民政府", TOWNSHIP)


def test_an_unknown_label_ends_a_metadata_value():
    doc = norm("发布机构: 西湖区文化广电旅游局 生成日期: 2024-03-01\n" + BODY)
    assert doc.meta["issuer"] == "西湖区文化广电旅游局"


@pytest.mark.parametrize(
    ("issuer", "report_type"),
    [
        ("某某市人民政府", GOVERNMENT),
        ("某某县", GOVERNMENT),
        ("某某区", GOVERNMENT),
        ("某某区司法局", DEPARTMENT),
        ("某某市城市管理委员会", DEPARTMENT),
        ("某某县人民政府办公室", DEPARTMENT),
        ("某某镇", TOWNSHIP),
        ("某某乡", TOWNSHIP),
        ("某某街道", TOWNSHIP),
        ("某某街道办事处", TOWNSHIP),
        ("某某镇人民政府", TOWNSHIP),
        ("", GOVERNMENT),
        ("  某某区司法局 ", DEPARTMENT),
    ],
)
def test_type_of_issuer(issuer, report_type):
    assert type_of_issuer(issuer) == report_type


def test_region_variable_comes_from_the_issuer():
    from checker.infer import infer_region

    assert infer_region("清河县市场监督管理局2023年法治政府建设工作总结") == "清河县"
    assert infer_region("东湖镇2022年度法治政府建设情况报告") == "东湖镇"
    assert infer_region("关于法治建设工作情况的汇报") == ""
