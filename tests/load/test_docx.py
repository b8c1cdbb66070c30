"""The .docx loader: order, numbering, tables, tracked changes, text boxes, bad files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("docx", reason="python-docx (extra 'docx') builds the .docx fixtures")

from checker.errors import InputError
from checker.load import load
from checker.load.docx import load_docx
from checker.load.docx.numbering import format_number
from checker.packs import load_packs
from checker.pipeline import check_file
from checker.score import Gate
from tests.docxkit import DocxBuilder, report_docx
from tests.load.test_fuzz_regressions import numbered_docx
from tests.reportkit import report


def texts(path: Path) -> list[str]:
    return [b.text for b in load(str(path)).blocks]


def test_automatic_numbering_becomes_the_heading_mark(tmp_path):
    path = (
        DocxBuilder()
        .title("青石县2024年度法治政府建设情况报告")
        .numbered("主要举措和成效")
        .numbered("依法行政", level=1)
        .numbered("严格执法", level=1)
        .para("正文。")
        .numbered("存在的不足和原因")
        .numbered("执法不规范", level=1)
        .save(tmp_path / "n.docx")
    )
    assert texts(path) == [
        "青石县2024年度法治政府建设情况报告",
        "一、主要举措和成效",
        "（一）依法行政",
        "（二）严格执法",
        "正文。",
        "二、存在的不足和原因",
        "（一）执法不规范",  # a new level-0 item restarts the level below
    ]


def test_heading_style_without_number_is_a_heading(tmp_path):
    path = (
        DocxBuilder()
        .title("青石县2024年度法治政府建设情况报告")
        .para("主要举措和成效", style="Heading 1")
        .para("全年办理行政复议案件12件。")
        .para("存在的不足和原因", style="Heading 1")
        .para("原因是培训不足。")
        .save(tmp_path / "h.docx")
    )
    raw = load(str(path))
    assert [b.heading_level for b in raw.blocks] == [None, 1, None, 1, None]
    result = check_file(str(path), load_packs(["national"]), Gate())
    statuses = {f.rule: f.status for f in result.findings}
    assert statuses["part.measures"] == "pass"
    assert statuses["part.shortcomings"] == "pass"


def test_tables_tracked_changes_and_text_boxes(tmp_path):
    path = (
        DocxBuilder()
        .title("报告")
        .tracked("落实行政执法", "“三项制度”", "两项制度")
        .table([["类别", "收案数（件）", "审结数", "纠错率"], ["行政复议", "86", "72", "12.5"]])
        .text_box("正文段落。", "文本框中的文字。")
        .header_footer("页眉不应读入", "页脚不应读入")
        .save(tmp_path / "t.docx")
    )
    lines = texts(path)
    assert "落实行政执法“三项制度”" in lines
    assert not any("两项制度" in line for line in lines)
    assert "行政复议：收案86件，审结72件，纠错率12.5%" in lines
    assert lines.count("文本框中的文字。") == 1  # mc:Fallback's duplicate is not read
    assert not any("页眉" in line or "页脚" in line for line in lines)


def test_locations_are_paragraphs_and_table_rows(tmp_path):
    path = (
        DocxBuilder()
        .title("报告")
        .para("第二段。")
        .table([["项目", "件数"], ["复议", "3"]])
        .para("第三段。")
        .save(tmp_path / "l.docx")
    )
    assert [b.location for b in load(str(path)).blocks] == [
        "第 1 段",
        "第 2 段",
        "第 1 个表格第 1 行",
        "第 1 个表格第 2 行",
        "第 3 段",
    ]


def test_evidence_points_at_the_paragraph(tmp_path):
    path = report_docx(tmp_path / "r.docx", report())
    result = check_file(str(path), load_packs(["national"]), Gate())
    review = next(f for f in result.findings if f.rule == "data.review")
    assert review.status == "pass"
    assert review.evidence[0].location.startswith("第 ")
    assert review.evidence[0].location.endswith(" 段")


def test_zip_without_word_document_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("hello.txt", "x")
    path = tmp_path / "notword.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match=r"zip|Word"):
        load(str(path))


def test_docx_named_txt_is_read_by_content(tmp_path):
    docx = report_docx(tmp_path / "r.docx", report())
    misnamed = tmp_path / "r.txt"
    misnamed.write_bytes(docx.read_bytes())
    assert load(str(misnamed)).kind == "docx"


@pytest.mark.skipif(
    __import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) is not installed: .doc cannot be made"
)
@pytest.mark.parametrize("fmt", ["doc", "rtf"])
def test_legacy_formats_are_converted_with_libreoffice(tmp_path, fmt):
    import subprocess

    source = report_docx(tmp_path / "r.docx", report())
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            fmt,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    legacy = tmp_path / "out" / f"r.{fmt}"
    before = legacy.read_bytes()
    result = check_file(str(legacy), load_packs(["national"]), Gate())
    statuses = {f.rule: f.status for f in result.findings}
    assert statuses["part.measures"] == "pass"
    assert statuses["data.review"] == "pass"
    assert result.document.meta["converted_from"] == fmt
    assert legacy.read_bytes() == before


def test_legacy_format_without_libreoffice_says_how_to_convert(tmp_path, monkeypatch):
    monkeypatch.setattr("checker.load.legacy.office_command", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match="另存为"):
        load(str(path))


# --- what is not content: tables of contents and hidden text ----------------------------------------

TOC_ENTRIES = [
    ("一、2024年度推进法治政府建设的主要举措和成效", 1),
    ("二、党政主要负责人履行推进法治建设第一责任人职责情况", 4),
    ("三、推进法治政府建设存在的不足和原因", 6),
    ("四、2025年推进法治政府建设的主要安排", 8),
]


def gap_report_docx(path: Path, add_toc) -> Path:
    """A report with measures and leader duty only, with a table of contents listing all four parts."""
    builder = DocxBuilder().title("白沙区人民政府关于2024年度法治政府建设情况的报告")
    add_toc(builder)
    for line in report(headings={"shortcomings": None, "plan": None}).splitlines()[1:]:
        builder.para(line)
    return builder.save(path)


@pytest.mark.parametrize(
    "add_toc",
    [
        lambda b: b.toc_field(TOC_ENTRIES),
        lambda b: b.toc_control(TOC_ENTRIES),
        lambda b: b.toc_styled(TOC_ENTRIES),
        lambda b: b.toc_styled(TOC_ENTRIES, style="目录 1"),
    ],
    ids=["field", "content-control", "toc-style", "chinese-toc-style"],
)
def test_table_of_contents_is_not_read(tmp_path, add_toc):
    path = gap_report_docx(tmp_path / "报告.docx", add_toc)
    lines = texts(path)
    assert not any("存在的不足" in line for line in lines)
    result = check_file(str(path), load_packs(["national"]), Gate())
    verdicts = {f.rule: f.status for f in result.findings}
    assert verdicts["part.shortcomings"] == "fail"
    assert verdicts["part.next-year"] == "fail"


def test_paragraphs_after_a_toc_keep_their_paragraph_numbers(tmp_path):
    path = DocxBuilder().title("报告").toc_field(TOC_ENTRIES).para("一、主要举措和成效").save(tmp_path / "a.docx")
    raw = load(str(path))
    assert [b.location for b in raw.blocks] == ["第 1 段", "第 6 段"]


def test_hidden_text_is_not_read(tmp_path):
    path = DocxBuilder().title("报告").hidden("全年办结案件12件。", "三、存在的不足和原因").save(tmp_path / "h.docx")
    assert texts(path) == ["报告", "全年办结案件12件。"]


def test_hidden_heading_does_not_make_a_part(tmp_path):
    builder = DocxBuilder().title("白沙区人民政府关于2024年度法治政府建设情况的报告")
    for line in report(headings={"shortcomings": None}).splitlines()[1:]:
        builder.para(line)
    builder.hidden("", "三、推进法治政府建设存在的不足和原因")
    path = builder.save(tmp_path / "h.docx")
    result = check_file(str(path), load_packs(["national"]), Gate())
    assert {f.rule: f.status for f in result.findings}["part.shortcomings"] == "fail"


ROMAN = {4: "IV", 9: "IX", 14: "XIV", 40: "XL", 49: "XLIX", 90: "XC", 400: "CD", 1994: "MCMXCIV", 3999: "MMMCMXCIX"}


@pytest.mark.parametrize(("number", "roman"), sorted(ROMAN.items()))
def test_roman_numbering_of_any_size(number, roman):
    assert format_number(number, "upperRoman") == roman
    assert format_number(number, "lowerRoman") == roman.lower()
    numbered = numbered_docx("0", start=str(number), fmt="upperRoman")
    assert load_docx("报告.docx", numbered).text == f"{roman}.主要举措和成效"  # as Word numbers the heading
