"""`--format xlsx`: a summary sheet and a detail sheet; without openpyxl, how to install it."""

from __future__ import annotations

import io
import sys

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


def test_xlsx_without_openpyxl_says_how_to_install(results, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl -> ImportError
    with pytest.raises(FzcheckError, match=r"pip install 'fzcheck\[xlsx\]'"):
        render("xlsx", results)
