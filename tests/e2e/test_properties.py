"""Property-based tests: for any text, the check finishes with a sane result, and line numbers hold.

Profiles: "fzcheck" (default: 150 examples a property, about 15 s for the file) and "fzcheck-thorough"
(1,500 examples), chosen with FZCHECK_HYPOTHESIS_PROFILE. Pipeline runs are in-process, not through a subprocess.
"""

from __future__ import annotations

import functools
import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.model import RawDocument
from checker.normalize import fold, normalize, t2s_converter
from checker.pipeline import check_file
from checker.render.json import render_json
from checker.score import Gate
from checker.structure import build_sections, walk
from tests.reportkit import line_at

settings.register_profile(
    "fzcheck",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("fzcheck-thorough", parent=settings.get_profile("fzcheck"), max_examples=1500)
settings.load_profile(os.environ.get("FZCHECK_HYPOTHESIS_PROFILE", "fzcheck"))

# --- strategies -------------------------------------------------------------------------------

MARKS = [
    "一、",
    "二、",
    "十二、",
    "（二）",
    "(三)",
    "3.",
    "3、",
    "12.",
    "（4）",
    "(1)",
    "第一部分",
    "第三部分 ",
    "# ",
    "## ",
    "１．",
    "㈠",
]
WORDS = [
    "法治政府建设",
    "存在的不足",
    "存在的不足和原因",
    "第一责任人",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "下一步",
    "主要举措和成效",
    "行政复议",
    "行政应诉",
    "依法行政",
    "重大行政决策",
    "述法",
    "关于",
    "年度报告",
    "情况的报告",
    "县人民政府",
    "一是",
    "二是",
    # traditional characters, as some reports are written
    "法治政府建設",
    "行政復議",
    "存在的不足與原因",
    "執法",
    "負責人",
    # full-width and page furniture
    "ＡＢＣ１２３",
    "字号：大 中 小",
    "发布时间：2024-01-05",
    "首页 > 政务公开",
]
PUNCTUATION = [
    "。",
    "，",
    "；",
    "：",
    "、",
    "！",
    "？",
    "“",
    "”",
    "（",
    "）",
    ".",
    ",",
    ";",
    ":",
    "…",
    "%",
    "％",
    "《",
    "》",
]
SPACES = [" ", "\t", "\u3000", "\xa0", "\u200b", "\ufeff", "  "]

tokens = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(SPACES),
    st.integers(0, 100_000).map(str),
    st.integers(2019, 2025).map(lambda year: f"{year}年"),
    st.text(max_size=4),
)


@st.composite
def report_lines(draw) -> list[str]:
    """Lines of a report-like text: heading marks, domain words, blanks, long and hard-wrapped paragraphs."""
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.sampled_from(["heading", "body", "blank", "long", "wrapped"]))
        if kind == "blank":
            lines.append(draw(st.sampled_from(["", " ", "\u3000", "\t"])))
            continue
        body = "".join(draw(st.lists(tokens, max_size=12 if kind in ("heading", "body") else 60)))
        if kind == "heading":
            lines.append(draw(st.sampled_from(MARKS)) + body)
        elif kind == "long":
            lines.append(body * draw(st.integers(1, 20)))
        elif kind == "wrapped":
            # A paragraph hard-wrapped at a fixed width, long enough for the wrap to be recognized.
            width = draw(st.integers(20, 40))
            body = (body or "法治政府建设") * (width * draw(st.integers(8, 16)) // max(1, len(body)) + 1)
            lines.extend(body[i : i + width] for i in range(0, len(body), width))
        else:
            lines.append(body)
    return lines


@st.composite
def report_texts(draw) -> str:
    """The lines joined by a mix of LF, CRLF and CR, perhaps after a BOM."""
    lines = draw(report_lines())
    parts = []
    for line in lines:
        parts += [line, draw(st.sampled_from(["\n", "\r\n", "\r"]))]
    if parts and draw(st.booleans()):
        parts.pop()  # no line break at the end of the file
    return ("\ufeff" if draw(st.booleans()) else "") + "".join(parts)


any_text = st.one_of(report_texts(), st.text(max_size=2000))

# --- helpers ----------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def file_lines(text: str) -> list[str]:
    """A file's lines as an editor numbers them: CR, LF and CRLF end a line (NEL in a file without them)."""
    if "\x85" in text and "\n" not in text and "\r" not in text:
        return text.split("\x85")
    return raw_lines(text)


def raw_lines(text: str) -> list[str]:
    """The lines of a RawDocument's text as normalize numbers them: only CR, LF and CRLF end a line.

    The text loader has already turned a NEL-ended file's line ends into LF by then.
    """
    return _LINE_BREAK.split(text)


@pytest.fixture(scope="module")
def report_path(tmp_path_factory):
    return tmp_path_factory.mktemp("properties") / "报告.txt"


def checked(path) -> tuple[object, str] | None:
    """The result and its JSON, or None when the file is refused with the clean InputError."""
    try:
        result = check_file(str(path), None, Gate())
    except InputError as err:
        assert "\n" not in str(err), "a refusal is one line"
        return None
    return result, render_json([result], [])


# --- the whole check --------------------------------------------------------------------------


@given(text=any_text, bom=st.booleans())
def test_any_text_gives_a_sane_deterministic_result(report_path, text, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    report_path.write_bytes(data)
    first = checked(report_path)
    if first is None:
        return
    result, payload = first
    assert 0 <= result.score <= 100
    document = json.loads(payload)["documents"][0]
    assert 0 <= document["score"] <= 100
    # The same file gives the same bytes of JSON on a second run.
    again = checked(report_path)
    assert again is not None and again[1] == payload
    written = data.decode("utf-8-sig")
    count = len(file_lines(written))
    for finding in document["findings"]:
        for evidence in finding["evidence"]:
            assert 1 <= evidence["line"] <= count, (finding["rule"], evidence)


@given(text=report_texts(), encoding=st.sampled_from(["utf-16", "gb18030"]))
def test_other_encodings_keep_evidence_inside_the_file(report_path, text, encoding):
    report_path.write_bytes(text.encode(encoding))  # both encode every character but lone surrogates
    first = checked(report_path)
    if first is None:
        return
    result, payload = first
    assert 0 <= result.score <= 100
    count = len(file_lines(text.removeprefix("\ufeff")))
    for finding in json.loads(payload)["documents"][0]["findings"]:
        for evidence in finding["evidence"]:
            assert 1 <= evidence["line"] <= count


# --- normalization's offset map ---------------------------------------------------------------


@functools.cache
def converter_once():
    return t2s_converter()


def readings(original: str, traditional: bool) -> list[str]:
    """What normalization may make of one file line: folded, and converted when the file is traditional."""
    folded = fold(original)
    out = [folded]
    if traditional:
        converter = converter_once()
        out += [converter.convert(folded), "".join(converter.convert(ch) or ch for ch in folded)]
    return out


@given(text=st.one_of(report_texts(), st.text(max_size=1500)))
def test_every_normalized_stretch_comes_from_the_line_it_maps_to(text):
    doc = normalize(RawDocument(path="报告.txt", text=text, encoding="utf-8"))
    originals = raw_lines(text)
    for line in doc.lines:
        assert line.text, "no empty normalized lines"
        starts = [start for start, _ in line.breaks] + [len(line.text)]
        for (start, number), end in zip(line.breaks, starts[1:], strict=True):
            assert 1 <= number <= len(originals)
            stretch = line.text[start:end]
            # Every offset of the stretch maps to this file line, whose text holds the stretch.
            assert line.source_line_at(start) == number
            assert line.source_line_at(end - 1) == number
            assert any(stretch in reading for reading in readings(originals[number - 1], doc.traditional)), (
                stretch,
                originals[number - 1],
            )


@given(text=report_texts())
def test_each_offset_of_the_document_lands_on_its_original_character(text):
    doc = normalize(RawDocument(path="报告.txt", text=text, encoding="utf-8"))
    originals = raw_lines(text)
    seen: dict[int, list[str]] = {}
    for offset, char in enumerate(doc.text):
        if char == "\n":
            continue
        line = line_at(doc, offset)
        number = line.source_line_at(offset - line.start)
        if number not in seen:
            seen[number] = readings(originals[number - 1], doc.traditional)
        assert any(char in reading for reading in seen[number]), (char, number)


@given(text=any_text)
def test_sections_stay_inside_the_document(text):
    doc = normalize(RawDocument(path="报告.txt", text=text, encoding="utf-8"))
    for section in walk(build_sections(doc)):
        assert 0 <= section.line_index < section.end_index <= len(doc.lines)
        for child in section.children:
            assert section.line_index < child.line_index and child.end_index <= section.end_index
