"""`meta`: the publication date (page metadata) against the pack's deadline (meta.published-on-time),
and the title's form (`check: title`, a pack of one rule: tests/ruletypes/kit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import PackError
from checker.packs import load_packs
from checker.pipeline import check_file
from checker.score import Gate
from tests.reportkit import check_text, finding, report
from tests.ruletypes.kit import refused, run

RULE = "meta.published-on-time"


def published(date: str) -> str:
    """A 2024 report as copied from a web page, with its metadata row on top."""
    return f"发文日期 | {date} |\n" + report(year=2024)


def test_published_before_the_deadline_passes(tmp_path):
    result = check_text(tmp_path, published("2025-02-28"))
    found = finding(result, RULE)
    assert found.status == "pass"
    assert found.values == ("2025-02-28",)


def test_published_on_the_deadline_passes(tmp_path):
    assert finding(check_text(tmp_path, published("2025-04-01")), RULE).status == "pass"


def test_published_after_the_deadline_fails(tmp_path):
    found = finding(check_text(tmp_path, published("2025-04-15")), RULE)
    assert found.status == "fail"
    assert "2025-04-15" in found.detail and "2025-04-01" in found.detail
    assert found.values == ("2025-04-15",)
    assert found.severity == "warning" and found.weight == 1


def test_no_publication_date_is_not_applicable_and_left_out_of_the_score(tmp_path):
    result = check_text(tmp_path, report(year=2024))
    found = finding(result, RULE)
    assert found.status == "n/a"
    assert found.detail == "未找到发布日期（如尚未发布的草稿），无法核对"
    assert found.looked_in == "页面元数据（发布日期/发文日期）"
    # The same report published on time scores the same: a draft is not marked down for having no date.
    assert check_text(tmp_path, published("2025-03-01")).score == result.score


def test_deadline_follows_the_report_year_option(tmp_path):
    # Published 2025-02-28, but the user says the report is about 2022: the deadline was 2023-04-01.
    found = finding(check_text(tmp_path, published("2025-02-28"), year=2022), RULE)
    assert found.status == "fail"
    assert "2023-04-01" in found.detail


def pack_with_deadline(tmp_path: Path, deadline: str) -> Path:
    path = tmp_path / "province.yaml"
    path.write_text(
        "id: province\n"
        "rules:\n"
        "  - id: province.published-early\n"
        "    type: meta\n"
        "    title: 部门报告3月1日前公开\n"
        "    severity: warning\n"
        "    basis: 某省法治政府建设年度报告工作指引\n"
        "    message: 部门年度报告应于{next_year}年3月1日前公开。\n"
        "    suggestion: 在3月1日前公开发布。\n"
        "    check: published\n"
        f'    deadline: "{deadline}"\n',
        encoding="utf-8",
    )
    return path


def test_a_pack_can_set_an_earlier_deadline(tmp_path):
    pack = load_packs([str(pack_with_deadline(tmp_path, "{next_year}-03-01"))])
    source = tmp_path / "report.txt"
    source.write_text(published("2025-03-15"), encoding="utf-8")
    result = check_file(str(source), pack, Gate())
    found = finding(result, "province.published-early")
    assert found.status == "fail"
    assert "2025-03-01" in found.detail
    source.write_text(published("2025-02-20"), encoding="utf-8")
    assert finding(check_file(str(source), pack, Gate()), "province.published-early").status == "pass"


@pytest.mark.parametrize("deadline", ["04-01", "{next_year}-13-01", "明年4月1日", ""])
def test_a_deadline_that_is_no_date_is_refused(tmp_path, deadline):
    with pytest.raises(PackError, match="deadline"):
        load_packs([str(pack_with_deadline(tmp_path, deadline))])


def test_an_unknown_check_is_refused(tmp_path):
    path = pack_with_deadline(tmp_path, "{next_year}-03-01")
    path.write_text(path.read_text(encoding="utf-8").replace("check: published", "check: signed"), encoding="utf-8")
    with pytest.raises(PackError, match="check"):
        load_packs([str(path)])


# ── check: title ─────────────────────────────────────────────────────────────

TITLE = {"check": "title", "require": ["法治政府建设", "报告"], "forbid_terms": ["工作总结"], "require_year": True}


def test_title_with_everything_passes(tmp_path):
    found = run(tmp_path, report(year=2024), "meta", **TITLE)
    assert found.status == "pass"
    assert found.evidence[0].line == 1


def test_title_missing_terms_fails(tmp_path):
    text = report(year=2024).replace("青石县人民政府关于2024年度法治政府建设情况的报告", "青石县2024年依法行政工作总结")
    found = run(tmp_path, text, "meta", **TITLE)
    assert found.status == "fail"
    assert "法治政府建设" in found.detail and "工作总结" in found.detail
    assert found.evidence[0].line == 1


def test_title_without_the_report_year_fails(tmp_path):
    found = run(tmp_path, report(year=2024), "meta", year=2023, **TITLE)
    assert found.status == "fail"
    assert "2023" in found.detail


def test_title_with_the_year_in_chinese_numerals_passes(tmp_path):
    text = report(year=2024).replace("关于2024年度", "关于二〇二四年度")
    assert run(tmp_path, text, "meta", year=2024, **TITLE).status == "pass"


def test_no_title_line_is_partial(tmp_path):
    text = "\n".join(report(year=2024).splitlines()[1:]) + "\n"
    found = run(tmp_path, text, "meta", **TITLE)
    assert (found.status, found.detail) == ("partial", "报告没有标题行")


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"check": "title"}, "require"),
        ({"check": "title", "require_year": "yes"}, "require_year"),
        ({"check": "title", "require": ["报告"], "deadline": "{next_year}-04-01"}, "未知字段 deadline"),
        ({"check": "published", "deadline": "{next_year}-04-01", "require": ["报告"]}, "未知字段 require"),
        ({"check": "title", "require": [""]}, "require"),
    ],
)
def test_title_load_errors(tmp_path, fields, match):
    refused(tmp_path, "meta", match, **fields)
