"""Season mode: each unit's latest report, its trend, the year-over-year repeat, renames and the export."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import checked, make_client
from tests.web.reports import report_text

BUREAU = "松溪县农业农村局"
COUNTY = "松溪县人民政府"


@pytest.fixture(scope="module")
def season(tmp_path_factory) -> Iterator[TestClient]:
    """Three checks of the bureau (2023; 2024 complete; 2024 again without the leader part) and one of the county."""
    with make_client(tmp_path_factory.mktemp("web-season")) as client:
        checked(client, [("农业农村局2023.txt", report_text(2023).encode())])
        checked(client, [("农业农村局2024.txt", report_text(2024).encode())])
        checked(client, [("农业农村局2024-改.txt", report_text(2024, leader=False).encode())])
        checked(client, [("县政府2024.txt", report_text(2024, issuer=COUNTY).encode())])
        yield client


def season_page(client: TestClient, query: str = "") -> str:
    """The season page once the year-over-year comparisons are done."""
    deadline = time.monotonic() + 60
    while True:
        html = client.get("/season" + query).text
        if "对比中" not in html:
            return html
        assert time.monotonic() < deadline, "comparison not done"
        time.sleep(0.3)


def unit_row(html: str, name: str) -> str:
    rows = re.findall(r'<tr class="unit-row".*?</tr>', html, re.S)
    matching = [r for r in rows if f">{name}</a>" in r]
    assert len(matching) == 1, f"{name}: {len(matching)} rows"
    return matching[0]


def test_each_unit_shows_its_latest_report_and_its_trend(season):
    html = season_page(season)
    bureau = unit_row(html, BUREAU)
    assert "政府部门" in bureau and "2024" in bureau and "农业农村局2024-改.txt" in bureau
    assert "✗ 未通过" in bureau and "6/7" in bureau
    assert re.search(r"✗ \S*主要负责人履行推进法治建设第一责任人职责情况", bureau)
    delta = re.search(r'<td class="delta">([^<]*)', bureau).group(1)
    assert delta.startswith("-") and float(delta) < 0  # the corrected 2024 draft scored lower than the first
    assert "共 2 次" in bureau, "submissions of the report year shown, not of every year"
    year_delta = re.search(r'<span class="year-delta">得分 ([^<]*)', bureau).group(1)
    assert float(year_delta) < 0  # below the complete 2023 report
    county = unit_row(html, COUNTY)
    assert "人民政府" in county and "✓ 通过" in county and "首次提交" in county and "无上年报告" in county


def test_the_report_of_the_year_before_is_compared(season):
    """The 2024 report repeats 2023's 存在的不足 and 下一年度安排 word for word (years aside)."""
    bureau = unit_row(season_page(season), BUREAU)
    share = re.search(r"重复 ([\d.]+)%", bureau)
    assert share and float(share.group(1)) == 100.0
    assert "存在的不足" in bureau


def test_filter_by_unit_type(season):
    html = season_page(season, "?type=government")
    assert COUNTY in html and BUREAU not in html
    assert 'value="government" selected' in html


def test_season_export_has_one_row_per_unit(season):
    import openpyxl

    response = season.get("/season.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("单位", "类型", "报告年度")
    assert sheet.auto_filter.ref == sheet.dimensions and sheet.freeze_panes == "A2"
    assert sheet.parent.properties.created.year >= 2025  # dated when exported, not a fixed old date
    by_unit = {row[0]: row for row in rows[1:]}
    assert set(by_unit) == {BUREAU, COUNTY}
    assert by_unit[BUREAU][5] == "未通过" and by_unit[BUREAU][7] == "6/7"
    column = dict(zip(rows[0], by_unit[BUREAU], strict=True))
    assert "第一责任人" in column["缺失或不完整的必备内容"]
    assert column["本年度提交次数"] == 2 and float(column["较上年得分"]) < 0


def test_rename_keeps_later_reports_and_merge_joins_units(season):
    store = season.app.state.web.store
    units = {r["name"]: r["id"] for r in store.all("SELECT id, name FROM units")}
    renamed = season.post(f"/season/units/{units[BUREAU]}/rename", data={"name": "松溪县农业农村局（县农业农村局）"})
    assert renamed.status_code == 303
    html = season_page(season)
    assert "松溪县农业农村局（县农业农村局）</a>" in html and f">{BUREAU}</a>" not in html
    # A later report naming the old issuer goes to the renamed unit.
    checked(season, [("农业农村局2024-再改.txt", report_text(2024).encode())])
    row = unit_row(season_page(season), "松溪县农业农村局（县农业农村局）")
    assert "共 3 次" in row and "农业农村局2024-再改.txt" in row  # its three 2024 submissions
    # Renaming the county to the bureau's name merges the two.
    merged = season.post(f"/season/units/{units[COUNTY]}/rename", data={"name": "松溪县农业农村局（县农业农村局）"})
    assert merged.status_code == 303
    html = season_page(season)
    assert len(re.findall(r'<tr class="unit-row"', html)) == 1
    assert season.post(f"/season/units/{units[BUREAU]}/rename", data={"name": ""}).status_code in (400, 404)


def test_a_late_report_of_an_earlier_year_does_not_replace_the_seasons_row(tmp_path):
    with make_client(tmp_path) as client:
        checked(client, [("县政府2024.txt", report_text(2024, issuer=COUNTY).encode())])
        checked(client, [("县政府2023.txt", report_text(2023, issuer=COUNTY, leader=False).encode())])
        county = unit_row(season_page(client), COUNTY)
        assert "县政府2024.txt" in county and "首次提交" in county
        only_2023 = unit_row(season_page(client, "?year=2023"), COUNTY)
        assert "县政府2023.txt" in only_2023
