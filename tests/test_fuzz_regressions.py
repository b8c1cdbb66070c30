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


def test_sanity_valid_zip_reads():
    assert load_docx("报告.docx", docx_zip(zipfile.ZIP_DEFLATED)).text.startswith("一、主要举措和成效")


@pytest.mark.parametrize(
    "make",
    [corrupt_deflate_stream, bytes_cut_before_central_directory],
    ids=["zlib-error-in-member", "negative-seek-offset"],
)
def test_damaged_docx_member_is_refused(make):
    # Before the fix: zlib.error ("invalid block type") and ValueError ("negative seek value").
    with pytest.raises(InputError, match="Word 文件已损坏"):
        load_docx("报告.docx", make())


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
