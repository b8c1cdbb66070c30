"""Load stage: bytes on disk -> RawDocument; the encoding comes from the content, never the suffix."""

from __future__ import annotations

import codecs
import contextlib
import random

import pytest

import checker.load
from checker.errors import InputError
from checker.load import load, read_bytes
from checker.load.text import decode_text, detect_encoding, looks_binary, utf16_without_bom

# A made-up report excerpt (308 characters), used for every encoding.
PARAGRAPH = (
    "二〇二四年，青石县司法局在县委、县政府的坚强领导下，坚持以习近平法治思想为指导，全面贯彻落实党的二十大精神，"
    "紧紧围绕全县中心工作，统筹推进法治政府建设各项任务。一是深化行政执法体制改革，整合执法队伍，明确执法权限；"
    "二是严格落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，全年公示执法信息一千二百余条；"
    "三是加强行政复议规范化建设，畅通申请渠道，依法纠正违法或不当行政行为，切实维护群众合法权益。"
    "同时，我们也清醒地认识到，法治政府建设仍存在一些短板和弱项：基层执法力量相对薄弱，部分工作人员法治意识有待提高，"
    "普法宣传的针对性和实效性还需增强。下一步，我局将坚持问题导向，补齐短板，推动法治政府建设再上新台阶。"
)
REPORT = "青石县司法局2024年法治政府建设情况报告\n" + PARAGRAPH + "\n"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def input_error(path) -> InputError:
    with pytest.raises(InputError) as info:
        load(str(path))
    return info.value


# --- decoding -------------------------------------------------------------------------------------


def test_utf8_file_is_read_as_utf8(tmp_path):
    raw = load(str(write(tmp_path, "r.txt", REPORT.encode("utf-8"))))
    assert raw.text == REPORT
    assert raw.encoding == "utf-8"


def test_raw_document_keeps_the_path_it_was_given(tmp_path):
    path = write(tmp_path, "r.txt", REPORT.encode("utf-8"))
    assert load(str(path)).path == str(path)


def test_utf8_bom_is_not_part_of_the_text(tmp_path):
    raw = load(str(write(tmp_path, "r.txt", codecs.BOM_UTF8 + REPORT.encode("utf-8"))))
    assert raw.text == REPORT
    assert "\ufeff" not in raw.text


def test_gb18030_and_gbk_bytes_decode_to_the_same_text(tmp_path):
    from_gb18030 = load(str(write(tmp_path, "a.txt", REPORT.encode("gb18030"))))
    from_gbk = load(str(write(tmp_path, "b.txt", REPORT.encode("gbk"))))
    assert from_gb18030.text == REPORT
    assert from_gbk.text == REPORT


def test_gbk_is_read_with_the_gb18030_superset(tmp_path):
    assert load(str(write(tmp_path, "r.txt", REPORT.encode("gbk")))).encoding == "gb18030"


def test_gbk_content_in_a_md_file_is_detected_by_content(tmp_path):
    raw = load(str(write(tmp_path, "报告.md", REPORT.encode("gbk"))))
    assert raw.text == REPORT
    assert raw.encoding == "gb18030"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded_without_the_bom(tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    raw = load(str(write(tmp_path, "r.txt", bom + REPORT.encode(codec))))
    assert raw.text == REPORT
    assert raw.encoding == "utf-16"


def test_utf16_le_without_bom_is_recognised(tmp_path):
    raw = load(str(write(tmp_path, "r.txt", REPORT.encode("utf-16-le"))))
    assert raw.text == REPORT
    assert raw.encoding == "utf-16-le"


def test_utf16_without_bom_tells_le_from_be_for_chinese_text():
    assert utf16_without_bom(REPORT.encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom(REPORT.encode("utf-16-be")) == "utf-16-be"


def test_utf16_without_bom_recognises_ascii_heavy_text_by_its_nul_parity():
    text = "Report 2024: 12 cases, 3 corrected.\n" * 5
    assert utf16_without_bom(text.encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom(text.encode("utf-16-be")) == "utf-16-be"


def test_utf16_without_bom_rejects_odd_length_data():
    assert utf16_without_bom(REPORT.encode("utf-16-le") + b"\x00") is None


def test_detect_encoding_prefers_a_bom_over_content():
    assert detect_encoding(codecs.BOM_UTF8 + "法治".encode()) == "utf-8-sig"
    assert detect_encoding(codecs.BOM_UTF16_BE + "法治".encode("utf-16-be")) == "utf-16"


def test_detect_encoding_of_plain_utf8_is_utf8():
    assert detect_encoding(REPORT.encode("utf-8")) == "utf-8"


def test_decode_text_returns_text_and_encoding():
    assert decode_text("r.txt", REPORT.encode("gb18030")) == (REPORT, "gb18030")


@pytest.mark.parametrize(
    "text",
    ["青石县司法局2024年法治政府建设情况报告", "县政府工作报告\n"],
    ids=["title-without-newline", "short-line"],
)
def test_short_gbk_file_is_decoded_as_chinese(tmp_path, text):
    assert load(str(write(tmp_path, "r.txt", text.encode("gbk")))).text == text


# --- refusals -------------------------------------------------------------------------------------


def test_empty_file_is_refused_as_empty(tmp_path):
    err = input_error(write(tmp_path, "r.txt", b""))
    assert "文件为空" in str(err)


def test_whitespace_only_file_is_refused_as_empty(tmp_path):
    err = input_error(write(tmp_path, "r.txt", b" \r\n\t\n  \n"))
    assert "文件为空" in str(err)


def test_bom_only_file_is_refused_as_empty(tmp_path):
    err = input_error(write(tmp_path, "r.txt", codecs.BOM_UTF8 + b"\r\n"))
    assert "文件为空" in str(err)


def test_missing_file_is_refused(tmp_path):
    path = tmp_path / "不存在.txt"
    err = input_error(path)
    assert "文件不存在" in str(err)
    assert str(path) in str(err)
    assert err.path == str(path)


def test_directory_is_refused(tmp_path):
    err = input_error(tmp_path)
    assert "文件夹" in str(err)


def test_random_binary_bytes_are_refused(tmp_path):
    data = random.Random(0).randbytes(4096)
    err = input_error(write(tmp_path, "r.txt", data))
    assert "r.txt" in str(err)


def test_all_byte_values_repeated_are_refused(tmp_path):
    input_error(write(tmp_path, "r.txt", bytes(range(256)) * 50))


def test_random_bytes_without_nul_are_refused(tmp_path):
    data = bytes(b for b in random.Random(1).randbytes(6000) if b)[:4000]
    input_error(write(tmp_path, "r.txt", data))


@pytest.mark.parametrize(
    ("magic", "name"),
    [
        (b"PK\x03\x04", "zip"),
        (b"%PDF-1.7\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word/WPS"),
        (b"{\\rtf1\\ansi ", "RTF"),
    ],
)
def test_broken_binary_formats_are_refused_by_name(tmp_path, magic, name, monkeypatch):
    # Sniffed by content whatever the suffix; without LibreOffice legacy formats are refused clearly.
    monkeypatch.setattr("checker.load.legacy.office_command", lambda: None)
    err = input_error(write(tmp_path, "报告.txt", magic + b"\x00\x01 rest of the file " * 20))
    assert name in str(err)


def test_signature_is_sniffed_even_when_the_rest_is_valid_text(tmp_path):
    err = input_error(write(tmp_path, "r.txt", b"%PDF" + REPORT.encode("utf-8")))
    assert "PDF" in str(err)


def test_looks_binary_counts_control_characters():
    assert looks_binary("\x01\x02\x03\x04" + "法" * 100)
    assert not looks_binary("正文\t第一段\r\n第二段\f第三段\n")
    assert not looks_binary("")


# --- size limit -----------------------------------------------------------------------------------


def test_file_above_max_bytes_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(checker.load, "MAX_BYTES", 64)
    err = input_error(write(tmp_path, "r.txt", REPORT.encode("utf-8")))
    assert "文件过大" in str(err)


def test_file_of_exactly_max_bytes_is_read(tmp_path, monkeypatch):
    data = REPORT.encode("utf-8")
    monkeypatch.setattr(checker.load, "MAX_BYTES", len(data))
    assert read_bytes(str(write(tmp_path, "r.txt", data))) == data


def test_read_bytes_returns_the_file_content(tmp_path):
    data = REPORT.encode("gbk")
    assert read_bytes(str(write(tmp_path, "r.txt", data))) == data


# --- the file is never touched --------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [REPORT.encode("gbk"), codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"), b"PK\x03\x04zip", b"  \n"],
    ids=["gbk", "utf16", "zip", "blank"],
)
def test_loading_does_not_modify_the_file(tmp_path, data):
    path = write(tmp_path, "r.txt", data)
    before = path.stat().st_mtime_ns
    with contextlib.suppress(InputError):
        load(str(path))
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == before


def test_leading_html_comments_do_not_make_text_a_web_page():
    from checker.load import sniff

    assert sniff("r.md", "<!-- 草稿 -->\n<!-- 第二条 -->\n# 报告\n正文".encode()) == "text"
    assert sniff("r.txt", b"<!-- saved from url=(0014)about:internet -->\n<html><body>x</body></html>") == "html"
    assert sniff("r.txt", b"<!-- " + b"x" * 4000 + b" -->\n# title") == "html"  # still open in the sniffed head


def test_stray_nul_and_nel_line_ends_are_text():
    text, encoding = decode_text("r.txt", "第一行\x85第二\x00行\x85".encode())
    assert (text, encoding) == ("第一行\n第二行\n", "utf-8")
    # Where LF ends the lines, a NEL is a character (line numbers stay those an editor shows).
    assert decode_text("r.txt", "第一行\x85续\n第二行\n".encode())[0] == "第一行\x85续\n第二行\n"
    assert detect_encoding(bytes([0, 200, 201, 202, 203, 204, 205]) * 300) is None  # many NULs, not UTF-16: binary
