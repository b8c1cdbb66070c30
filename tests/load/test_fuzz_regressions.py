"""Inputs the fuzzer (tests/fuzz/fuzz_loaders.py, docs/fuzzing.md) found crashing a loader, minimized.

Each must now give a result or the clean refusal (InputError), never another exception.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from checker.errors import InputError
from checker.load.docx import load_docx
from checker.load.html import load_html
from tests.reportkit import run_fzcheck

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = (
    f'<w:document xmlns:w="{W_NS}"><w:body>'
    + "<w:p><w:r><w:t>一、主要举措和成效</w:t></w:r></w:p>" * 4
    + "</w:body></w:document>"
).encode()


def docx_zip(method: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", DOCUMENT)
    return out.getvalue()


def corrupt_deflate_stream() -> bytes:
    """document.xml's deflate stream starts with a reserved block type: zlib fails before the CRC check."""
    data = bytearray(docx_zip(zipfile.ZIP_DEFLATED))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    name_len = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    data[start] = 0x07  # BFINAL=1, BTYPE=11 (reserved)
    return bytes(data)


def bytes_cut_before_central_directory() -> bytes:
    """100 bytes cut from the first member: the central directory's offsets then point before the file."""
    data = docx_zip(zipfile.ZIP_STORED)
    return data[:30] + data[130:]


def zip_version_80() -> bytes:
    """The central directory says version 8.0 is needed to extract: zipfile raises NotImplementedError."""
    data = bytearray(docx_zip(zipfile.ZIP_STORED))
    central = data.index(b"PK\x01\x02")
    data[central + 6] = 80
    return bytes(data)


def test_sanity_valid_zip_reads():
    assert load_docx("报告.docx", docx_zip(zipfile.ZIP_DEFLATED)).text.startswith("一、主要举措和成效")


@pytest.mark.parametrize(
    "make",
    [corrupt_deflate_stream, bytes_cut_before_central_directory, zip_version_80],
    ids=["zlib-error-in-member", "negative-seek-offset", "zip-version-8.0"],
)
def test_damaged_docx_member_is_refused(make):
    # Before the fix: zlib.error ("invalid block type"), ValueError ("negative seek value"),
    # NotImplementedError ("zip file version 8.0").
    with pytest.raises(InputError, match="Word 文件已损坏"):
        load_docx("报告.docx", make())


@pytest.mark.parametrize("encoding", ["UTF-4", "gbk", "idna", "rot13"])
def test_document_xml_declaring_an_unusable_encoding_is_refused(encoding):
    # Before: LookupError (UTF-4, rot13), ValueError (expat takes no multi-byte encodings), UnicodeError (idna).
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", f'<?xml version="1.0" encoding="{encoding}"?>'.encode() + DOCUMENT)
    with pytest.raises(InputError, match="XML 无法解析"):
        load_docx("报告.docx", out.getvalue())


def test_damaged_docx_is_one_line_on_the_command_line(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(corrupt_deflate_stream())
    proc = run_fzcheck("check", str(path), timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [f"fzcheck：{path}：Word 文件已损坏（无法解压）"]


@pytest.mark.parametrize(
    "page",
    [
        "<![OCTYPE html><p>一、主要举措和成效</p>",
        "<p>一、主要举措和成效</p><![foo[二、]]>",
    ],
    ids=["doctype-typo", "unknown-keyword"],
)
def test_unknown_marked_section_is_skipped(page):
    # Before the fix: html.parser raised AssertionError ("unknown status keyword … in marked section").
    raw = load_html("报告.html", page.encode())
    assert "一、主要举措和成效" in raw.text
    assert "OCTYPE" not in raw.text


def test_unclosed_unknown_marked_section_stays_text():
    raw = load_html("报告.html", "<p>一、主要举措和成效</p><![foo".encode())
    assert raw.text.splitlines()[0] == "一、主要举措和成效"


# --- .docx attributes and nesting: found reading the code the docx target exercises -----------


def numbered_docx(ilvl: str, start: str = "1", fmt: str = "decimal", outline: str | None = None) -> bytes:
    """One numbered paragraph whose list level, start and format come from the arguments."""
    ppr = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    document = (
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:pPr>{ppr}</w:pPr>'
        "<w:r><w:t>主要举措和成效</w:t></w:r></w:p></w:body></w:document>"
    )
    numbering = (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", numbering)
    return out.getvalue()


@pytest.mark.parametrize(
    ("options", "label"),
    [
        ({"ilvl": "a"}, "1."),  # before: ValueError from int("a")
        ({"ilvl": "²"}, "1."),  # "²".isdigit() is true, int("²") raises ValueError
        ({"ilvl": "12"}, ""),  # before: IndexError, Word has list levels 0-8 only
        ({"ilvl": "0", "start": "²"}, "1."),
        ({"ilvl": "0", "start": "9" * 5000}, "1."),  # before: ValueError, int() refuses > 4,300 digits
        ({"ilvl": "0", "outline": "²"}, "1."),
    ],
    ids=["ilvl-letter", "ilvl-superscript", "ilvl-beyond-8", "start-superscript", "start-5000-digits", "outline-sup"],
)
def test_odd_numbering_attributes_are_ignored(options, label):
    raw = load_docx("报告.docx", numbered_docx(**options))
    assert raw.text == f"{label}主要举措和成效"


def test_huge_roman_start_does_not_hang():
    # Before: to_roman counted 999,999,999 down by tens, one string concatenation at a time.
    raw = load_docx("报告.docx", numbered_docx("0", start="999999999", fmt="upperRoman"))
    assert raw.text == "999999999.主要举措和成效"
    assert load_docx("报告.docx", numbered_docx("0", start="14", fmt="upperRoman")).text == "XIV.主要举措和成效"


@pytest.mark.parametrize("tag", ["w:sdt", "w:smartTag"])
def test_deeply_nested_elements_are_refused(tag):
    # Before: RecursionError from the body walk (ElementTree parses the nesting without complaint).
    body = f"<{tag}>" * 3000 + "<w:p><w:r><w:t>正文</w:t></w:r></w:p>" + f"</{tag}>" * 3000
    document = f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", document)
    with pytest.raises(InputError, match="嵌套过深"):
        load_docx("报告.docx", out.getvalue())
