"""Structure stage: heading marks, levels from first appearance, the section tree."""

from __future__ import annotations

import pytest

from checker.model import RawDocument
from checker.normalize import normalize
from checker.structure import build_sections, cn_number, heading_mark, innermost, walk

TITLE = "青石县司法局2024年法治政府建设工作总结"

# 一、 / （一） / 1. : the usual three levels.
THREE_LEVELS = [
    TITLE,  # 0
    "一、主要举措和成效",  # 1
    "（一）健全依法决策机制",  # 2
    "1.整合执法力量。将分散在各科室的执法人员整合为综合执法大队，全年开展联合执法十二次。",  # 3
    "2.规范执法程序",  # 4
    "全面推行行政执法三项制度，执法案卷评查合格率百分之百。",  # 5
    "（二）依法化解行政争议",  # 6
    "全年办理行政复议案件十二件。",  # 7
    "二、存在的不足和原因",  # 8
    "一是执法人员业务能力不足；二是基层法治力量薄弱。",  # 9
    "三、2025年工作安排",  # 10
    "继续深化法治政府建设。",  # 11
]


def norm(lines: list[str]):
    return normalize(RawDocument(path="x.txt", text="\n".join(lines), encoding="utf-8"))


def sections_of(lines: list[str]):
    return build_sections(norm(lines))


def by_heading(sections) -> dict:
    return {section.heading: section for section in walk(sections)}


# --- cn_number ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23)],
)
def test_cn_number(text, number):
    assert cn_number(text) == number


# --- heading_mark ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "number", "mark", "heading"),
    [
        ("一、主要举措和成效", "cn", 1, "一、", "主要举措和成效"),
        ("十二、其他需要报告的情况", "cn", 12, "十二、", "其他需要报告的情况"),
        ("(三)依法化解行政争议", "cn_paren", 3, "(三)", "依法化解行政争议"),
        ("(2)规范执法程序", "arabic_paren", 2, "(2)", "规范执法程序"),
        ("1、主要举措", "arabic", 1, "1、", "主要举措"),
        ("2.规范执法程序", "arabic", 2, "2.", "规范执法程序"),
        ("第二部分 存在的不足和原因", "part", 2, "第二部分", "存在的不足和原因"),
        ("## 存在的不足", "md2", 1, "##", "存在的不足"),
    ],
)
def test_heading_mark_kinds(text, kind, number, mark, heading):
    found = heading_mark(text)
    assert found is not None
    assert (found.kind, found.number, found.mark, found.heading, found.inline) == (kind, number, mark, heading, False)


def test_lead_sentence_is_an_inline_heading():
    found = heading_mark("1.整合执法力量。将分散在各科室的执法人员整合为综合执法大队。")
    assert found is not None
    assert found.heading == "整合执法力量"
    assert found.inline is True


def test_short_heading_ending_with_full_stop_is_not_inline():
    found = heading_mark("2.规范执法程序。")
    assert found is not None
    assert found.heading == "规范执法程序"
    assert found.inline is False


def test_long_lead_without_sentence_break_is_cut_at_60_characters():
    rest = "全面推行行政执法公示制度执法全过程记录制度和重大执法决定法制审核制度" * 3
    found = heading_mark("1." + rest)
    assert found is not None
    assert found.inline is True
    assert found.heading == rest[:60]


@pytest.mark.parametrize(
    "text",
    [
        "一是加强学习培训;二是完善工作制度。",
        "2.5万元用于普法宣传阵地建设。",
        "2020年以来,我县持续推进法治政府建设。",
        "12.5%的案件通过调解结案。",
        "一、",
        "(一)",
        "全年办理行政复议案件十二件。",
    ],
)
def test_not_a_heading(text):
    assert heading_mark(text) is None


# --- levels ---------------------------------------------------------------------------------------


def test_levels_follow_the_order_marks_first_appear():
    found = by_heading(sections_of(THREE_LEVELS))
    assert found["主要举措和成效"].level == 1
    assert found["健全依法决策机制"].level == 2
    assert found["整合执法力量"].level == 3


def test_arabic_marks_at_the_top_are_level_1():
    lines = [
        TITLE,
        "1、主要举措",
        "（1）健全制度",
        "制度建设正文。",
        "（2）规范执法",
        "执法正文。",
        "2、存在不足",
        "不足正文。",
    ]
    found = by_heading(sections_of(lines))
    assert (found["主要举措"].level, found["主要举措"].mark_kind) == (1, "arabic")
    assert (found["健全制度"].level, found["健全制度"].mark_kind) == (2, "arabic_paren")
    assert found["存在不足"].level == 1


def test_part_marks_are_above_cn_marks():
    lines = ["第一部分 主要举措和成效", "一、健全制度", "正文。", "第二部分 存在的问题", "正文。"]
    found = by_heading(sections_of(lines))
    assert (found["主要举措和成效"].level, found["主要举措和成效"].mark_kind) == (1, "part")
    assert found["健全制度"].level == 2
    assert (found["存在的问题"].level, found["存在的问题"].mark) == (1, "第二部分")


def test_markdown_heading_levels():
    lines = ["## 主要举措", "正文。", "### 健全制度", "正文。", "## 存在不足", "正文。"]
    sections = sections_of(lines)
    assert [(s.heading, s.level, s.mark_kind) for s in walk(sections)] == [
        ("主要举措", 1, "md2"),
        ("健全制度", 2, "md3"),
        ("存在不足", 1, "md2"),
    ]


def test_markdown_title_line_is_not_a_section():
    lines = ["# 某某县2024年法治政府建设情况报告", "## 一、主要举措", "正文。", "## 二、存在不足", "正文。"]
    sections = sections_of(lines)
    assert [(s.line_index, s.mark_kind, s.level) for s in sections] == [(1, "md2", 1), (3, "md2", 1)]


def test_inline_lead_sentence_section_is_marked_inline():
    found = by_heading(sections_of(THREE_LEVELS))
    assert found["整合执法力量"].inline is True
    assert found["规范执法程序"].inline is False


def test_one_is_two_lines_are_not_sections():
    headings = [s.heading for s in walk(sections_of(THREE_LEVELS))]
    assert not any(h.startswith("一是") for h in headings)
    assert len(headings) == 7


def test_numbers_and_years_at_line_start_are_not_sections():
    lines = [
        TITLE,
        "一、主要举措",
        "2.5万元用于普法宣传阵地建设。",
        "2020年以来,我县持续推进法治政府建设。",
        "二、存在不足",
    ]
    assert [s.heading for s in walk(sections_of(lines))] == ["主要举措", "存在不足"]


def test_stray_numbered_paragraph_before_any_1_is_not_a_section():
    lines = [
        TITLE,
        "3.全年共办理行政复议案件十二件。其中维持八件，纠正四件，纠错率百分之三十三。",
        "一、主要举措",
        "1.整合执法力量",
        "2.规范执法程序",
    ]
    sections = sections_of(lines)
    assert [(s.heading, s.level) for s in walk(sections)] == [("主要举措", 1), ("整合执法力量", 2), ("规范执法程序", 2)]


def test_title_line_is_not_a_section():
    sections = sections_of(THREE_LEVELS)
    assert all(s.line_index > 0 for s in walk(sections))


# --- the tree -------------------------------------------------------------------------------------


def test_section_ids_number_the_tree():
    assert [(s.id, s.heading) for s in walk(sections_of(THREE_LEVELS))] == [
        ("1", "主要举措和成效"),
        ("1.1", "健全依法决策机制"),
        ("1.1.1", "整合执法力量"),
        ("1.1.2", "规范执法程序"),
        ("1.2", "依法化解行政争议"),
        ("2", "存在的不足和原因"),
        ("3", "2025年工作安排"),
    ]


def test_top_level_sections_and_children():
    sections = sections_of(THREE_LEVELS)
    assert [s.heading for s in sections] == ["主要举措和成效", "存在的不足和原因", "2025年工作安排"]
    assert [c.heading for c in sections[0].children] == ["健全依法决策机制", "依法化解行政争议"]
    assert sections[1].children == ()


def test_section_line_index_is_its_heading_line():
    assert [s.line_index for s in walk(sections_of(THREE_LEVELS))] == [1, 2, 3, 4, 6, 8, 10]


def test_section_ends_at_the_next_heading_of_the_same_or_higher_level():
    found = by_heading(sections_of(THREE_LEVELS))
    assert found["整合执法力量"].end_index == 4  # next 2.
    assert found["规范执法程序"].end_index == 6  # parent's sibling (二)
    assert found["健全依法决策机制"].end_index == 6  # sibling (二)
    assert found["依法化解行政争议"].end_index == 8  # higher-level 二、
    assert found["主要举措和成效"].end_index == 8  # sibling 二、


def test_last_sections_end_at_the_end_of_the_document():
    found = by_heading(sections_of(THREE_LEVELS))
    assert found["2025年工作安排"].end_index == len(THREE_LEVELS)


def test_parent_path_and_path():
    found = by_heading(sections_of(THREE_LEVELS))
    assert found["整合执法力量"].parent_path == ("主要举措和成效", "健全依法决策机制")
    assert found["整合执法力量"].path == ("主要举措和成效", "健全依法决策机制", "整合执法力量")
    assert found["主要举措和成效"].parent_path == ()


def test_document_without_marks_has_no_sections():
    assert sections_of([TITLE, "全年办理行政复议案件十二件。", "一是加强学习;二是完善制度。"]) == ()


def test_walk_lists_every_section_in_document_order():
    indexes = [s.line_index for s in walk(sections_of(THREE_LEVELS))]
    assert indexes == sorted(indexes)
    assert len(indexes) == 7


def test_walk_of_no_sections_is_empty():
    assert walk(()) == []


# --- innermost ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line_index", "section_id"),
    [(1, "1"), (3, "1.1.1"), (5, "1.1.2"), (7, "1.2"), (9, "2"), (11, "3")],
)
def test_innermost_returns_the_deepest_section_holding_a_line(line_index, section_id):
    section = innermost(sections_of(THREE_LEVELS), line_index)
    assert section is not None
    assert section.id == section_id


def test_innermost_of_a_line_before_the_first_heading_is_none():
    assert innermost(sections_of(THREE_LEVELS), 0) is None
