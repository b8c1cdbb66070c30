"""The same report gets the same verdicts however it reaches fzcheck: encodings, traditional
characters, hard-wrapped lines, text whose line breaks were lost, page boilerplate."""

from __future__ import annotations

import textwrap

import opencc
import pytest

from tests.reportkit import check_text, finding, report, statuses

GAPPY = report(
    headings={"leader": None, "plan": "四、2024年工作打算"},
    measures=[
        "（一）依法化解行政争议",
        "1.加强行政复议工作。规范行政复议案件受理、审理程序。",
        "2.做好行政应诉工作。全县行政诉讼一审案件37件，行政机关负责人出庭应诉率100%。",
        "3.推行执法全过程记录。",
        "县委书记、县长认真履行推进法治建设第一责任人职责。",
    ],
)
EXPECTED = {
    "part.measures": "pass",
    "part.leader-duty": "partial",
    "part.shortcomings": "pass",
    "part.next-year": "pass",
    "enforcement.three-systems": "partial",
    "data.review": "partial",
    "data.litigation": "pass",
    "part.shortcomings-reasons": "pass",
    "year.next-plan": "fail",
}


def core(result) -> dict[str, str]:
    got = statuses(result)
    return {rule: got[rule] for rule in EXPECTED}


def test_baseline(tmp_path):
    assert core(check_text(tmp_path, GAPPY)) == EXPECTED


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig", "utf-16-le"])
def test_encodings(tmp_path, encoding):
    result = check_text(tmp_path, GAPPY, encoding=encoding)
    assert core(result) == EXPECTED
    assert result.document.report_year == 2024


def test_windows_line_endings(tmp_path):
    assert core(check_text(tmp_path, GAPPY.replace("\n", "\r\n"))) == EXPECTED


def test_traditional_characters(tmp_path):
    traditional = opencc.OpenCC("s2t").convert(GAPPY)
    assert traditional != GAPPY
    result = check_text(tmp_path, traditional)
    assert core(result) == EXPECTED
    assert result.document.traditional
    # Evidence is shown as written: in traditional characters.
    evidence = finding(result, "part.leader-duty").evidence[0].text
    assert "責任人" in evidence


def test_hard_wrapped_lines(tmp_path):
    wrapped = "\n".join(piece for line in GAPPY.splitlines() for piece in (textwrap.wrap(line, 30) or [""]))
    result = check_text(tmp_path, wrapped)
    assert core(result) == EXPECTED
    # Evidence lines point into the wrapped file.
    lines = wrapped.splitlines()
    for f in result.findings:
        for ev in f.evidence:
            assert 1 <= ev.line <= len(lines)


def test_line_breaks_lost(tmp_path):
    flat = "".join(line.strip() for line in GAPPY.splitlines())
    assert core(check_text(tmp_path, flat)) == EXPECTED


def test_page_boilerplate_is_ignored_and_its_date_kept(tmp_path):
    page = "\n".join(
        [
            "索引号 | 11420000/2025-00012 | 主题分类 | 综合政务 |",
            "发布单位 | 青石县司法局 | 发文日期 | 2025-03-06 |",
            "字号:",
            "大 中 小",
            GAPPY,
            "扫一扫在手机打开当前页",
            "【打印本页】 【关闭窗口】",
        ]
    )
    result = check_text(tmp_path, page)
    assert core(result) == EXPECTED
    assert result.document.meta["published"] == "2025-03-06"
    assert result.document.title.startswith("青石县人民政府")


def test_markdown_headings(tmp_path):
    lines = []
    for line in GAPPY.splitlines():
        if line[:2] in ("一、", "二、", "三、", "四、"):
            line = "## " + line
        elif line.startswith("（一）"):
            line = "### " + line
        lines.append(line)
    text = "# " + "\n".join(lines)
    assert core(check_text(tmp_path, text, name="report.md")) == EXPECTED
