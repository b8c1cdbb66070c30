"""`--format xlsx`: a summary sheet and a detail sheet; without openpyxl, how to install it."""

from __future__ import annotations

import datetime
import io
import sys
import zipfile

import pytest

from checker.errors import FzcheckError
from tests.render.kit import ERRORS, EXAMPLES, render


def test_xlsx_workbook(results):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl（可选依赖 xlsx）未安装")
    book = openpyxl.load_workbook(io.BytesIO(render("xlsx", results)))
    assert book.sheetnames == ["汇总", "明细"]
    summary, detail = book["汇总"], book["明细"]
    header = [c.value for c in summary[1]]
    assert header[:11] == [
        "文件",
        "标题",
        "报告类型",
        "报告年度",
        "得分",
        "必备达标",
        "结论",
        "必备项未达标",
        "建议项未达标",
        "不适用项",
        "缺失部分",
    ]
    assert all(c.font.bold for c in summary[1])
    assert summary.freeze_panes == "A2" and detail.freeze_panes == "A2"
    assert summary.auto_filter.ref == summary.dimensions and summary.dimensions.startswith("A1:")
    assert detail.auto_filter.ref == detail.dimensions
    assert summary.column_dimensions["A"].width > 10
    assert summary.max_row == 1 + len(results) + len(ERRORS)
    assert [summary.cell(row=i + 2, column=1).value for i in range(len(EXAMPLES))] == list(EXAMPLES)
    assert [c.value for c in detail[1]] == [
        "文件",
        "编号",
        "检查项",
        "状态",
        "级别",
        "说明",
        "建议",
        "证据位置",
        "证据",
    ]
    assert detail.max_row == 1 + sum(len(r.findings) for r in results) + len(ERRORS)
    fills = {}
    for row in detail.iter_rows(min_row=2):
        fills.setdefault(row[3].value, row[3].fill.fgColor.rgb)
    assert (
        fills["符合"].endswith("C6EFCE") and fills["缺失"].endswith("FFC7CE") and fills["部分符合"].endswith("FFEB9C")
    )
    assert fills["不适用"].endswith("EDEDED")
    assert book.properties.creator == "fzcheck"


def zip_dates(data: bytes) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.date_time for info in archive.infolist()}


def test_xlsx_is_dated_when_written(results, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl（可选依赖 xlsx）未安装")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
    data = render("xlsx", results)
    after = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    props = openpyxl.load_workbook(io.BytesIO(data)).properties
    assert before <= props.created <= after and props.modified == props.created
    created = props.created
    assert zip_dates(data) == {(*created.timetuple()[:5], created.second // 2 * 2)}  # zip keeps even seconds


def test_xlsx_date_follows_source_date_epoch(results, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl（可选依赖 xlsx）未安装")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740787200")  # 2025-03-01 00:00:00 UTC
    data = render("xlsx", results)
    props = openpyxl.load_workbook(io.BytesIO(data)).properties
    assert props.created == props.modified == datetime.datetime(2025, 3, 1)
    assert zip_dates(data) == {(2025, 3, 1, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")  # before 1980: the zip entries cannot say so
    data = render("xlsx", results)
    assert openpyxl.load_workbook(io.BytesIO(data)).properties.created == datetime.datetime(1970, 1, 2)
    assert zip_dates(data) == {(1980, 1, 1, 0, 0, 0)}


def test_xlsx_without_openpyxl_says_how_to_install(results, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl -> ImportError
    hint = r'^生成 Excel 需要安装可选依赖 xlsx，请在 fzcheck 文件夹.*install "\.\[xlsx\]"$'
    with pytest.raises(FzcheckError, match=hint):
        render("xlsx", results)
