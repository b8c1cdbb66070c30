"""What is not the report's structure or content: tables of contents, layout spacing and
scraping damage. Our own made-up report lines throughout."""

from __future__ import annotations

import pytest

from checker.model import RawDocument
from checker.normalize import fold, fold_lines, normalize
from checker.structure import build_sections, heading_mark, walk
from checker.toc import _ENDS_LIKE_ENTRY, ends_like_entry
from tests.reportkit import MEASURES, check_text, finding, report, statuses


def norm(text: str):
    return normalize(RawDocument(path="x.txt", text=text, encoding="utf-8"))


def texts(doc) -> list[str]:
    return [line.text for line in doc.lines]


def with_lines(before: list[str], text: str) -> str:
    """A report with lines put right after its title."""
    first, rest = text.split("\n", 1)
    return "\n".join([first, *before, rest])


# --- tables of contents -----------------------------------------------------------------------------

STALE_TOC = [
    "目  录",
    "一、2024年度推进法治政府建设的主要举措和成效………………1",
    "二、党政主要负责人履行推进法治建设第一责任人职责情况……4",
    "三、推进法治政府建设存在的不足和原因…………………6",
    "四、2025年推进法治政府建设的主要安排 .......... 8",
]


def test_toc_lines_with_leaders_and_page_numbers_are_dropped():
    doc = norm("\n".join(["白沙区2024年法治政府建设情况报告", *STALE_TOC, "一、主要举措和成效", "全年办结案件12件。"]))
    assert texts(doc) == ["白沙区2024年法治政府建设情况报告", "一、主要举措和成效", "全年办结案件12件。"]


def test_lines_after_a_dropped_toc_keep_their_file_line_numbers():
    doc = norm("\n".join(["白沙区2024年法治政府建设情况报告", *STALE_TOC, "一、主要举措和成效"]))
    assert [line.source_line for line in doc.lines] == [1, 7]


def test_leader_entry_without_a_toc_header_is_dropped():
    doc = norm("报告\n三、下一步工作安排………………7\n三、下一步工作安排\n继续推进。")
    assert texts(doc) == ["报告", "三、下一步工作安排", "继续推进。"]


def test_heading_ending_in_a_figure_is_not_a_toc_entry():
    lines = ["报告", "一、全年办结案件12件", "二、新增执法人员 35", "三、举办培训班 4"]
    assert texts(norm("\n".join(lines))) == ["报告", "一、全年办结案件12件", "二、新增执法人员35", "三、举办培训班4"]


def test_sentence_ending_in_an_ellipsis_is_kept():
    doc = norm("报告\n一是加强学习……\n二是完善制度。")
    assert texts(doc) == ["报告", "一是加强学习......", "二是完善制度。"]


def test_numbered_lines_with_rising_page_numbers_are_a_toc():
    lines = ["报告", "一、主要举措和成效 1", "二、存在的不足 5", "三、下一步安排 7", "一、主要举措和成效", "正文。"]
    assert texts(norm("\n".join(lines))) == ["报告", "一、主要举措和成效", "正文。"]


def test_data_lines_with_trailing_numbers_are_not_a_toc():
    lines = ["报告", "收案 12", "受理 10", "审结 9"]
    assert len(norm("\n".join(lines)).lines) == 4


def test_toc_without_page_numbers_under_a_header_is_dropped_when_the_body_repeats_it():
    lines = ["报告", "目录", "一、主要举措和成效", "二、存在的不足", "一、主要举措和成效", "正文。"]
    assert texts(norm("\n".join(lines))) == ["报告", "一、主要举措和成效", "正文。"]


def test_markdown_toc_links_are_dropped():
    doc = norm("# 报告\n- [一、主要举措](#一主要举措)\n- [二、存在的不足](#二存在的不足)\n## 一、主要举措\n正文。")
    assert texts(doc) == ["# 报告", "## 一、主要举措", "正文。"]


def test_stale_toc_does_not_make_missing_parts_present(tmp_path):
    body = report(headings={"shortcomings": None, "plan": None})
    result = check_text(tmp_path, with_lines(STALE_TOC, body))
    assert statuses(result)["part.shortcomings"] == "fail"
    assert statuses(result)["part.next-year"] == "fail"
    assert not result.passed


def test_report_with_a_current_toc_still_passes_its_parts(tmp_path):
    text = with_lines(STALE_TOC, report())
    result = check_text(tmp_path, text)
    assert statuses(result)["part.shortcomings"] == "pass"
    # The evidence is the body's heading, not the TOC entry on line 4.
    heading_line = text.splitlines().index("三、推进法治政府建设存在的不足和原因") + 1
    assert heading_line > len(STALE_TOC) + 1
    assert finding(result, "part.shortcomings").evidence[0].line == heading_line


# --- spaced-out headings and invisible characters --------------------------------------------------


@pytest.mark.parametrize("space", [" ", "\u3000", "\u00a0", "  "])
def test_spaced_out_heading_reads_as_its_words(space):
    heading = "二、" + space.join("党政主要负责人履行推进法治建设第一责任人职责情况")
    assert fold(heading) == "二、党政主要负责人履行推进法治建设第一责任人职责情况"


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_invisible_characters_inside_words_are_removed(invisible):
    assert fold(f"推进法{invisible}治政府建设") == "推进法治政府建设"


def test_spaces_next_to_latin_words_and_between_numbers_are_kept():
    assert fold("推进 PPP 项目 2023 年 共 12 3 件") == "推进 PPP 项目2023年共12 3件"


def test_spaced_heading_keeps_the_line_as_written_for_evidence():
    line = norm("二、党 政 主 要 负 责 人 履 职 情 况").lines[0]
    assert line.text == "二、党政主要负责人履职情况"
    assert line.shown == "二、党 政 主 要 负 责 人 履 职 情 况"


def test_spaced_out_leader_heading_makes_the_part_present(tmp_path):
    spaced = "二、" + "\u3000".join("党政主要负责人履行推进法治建设第一责任人职责情况")
    result = check_text(tmp_path, report(headings={"leader": spaced}))
    assert statuses(result)["part.leader-duty"] == "pass"
    evidence = finding(result, "part.leader-duty").evidence[0]
    assert evidence.line == 2 + 1 + len(MEASURES) + 1  # title, opening, measures heading and body


def test_invisible_characters_in_a_heading_make_the_part_present(tmp_path):
    heading = "三、推进法\u00ad治政府建设存在的\u200b不足和\u2060原因"
    result = check_text(tmp_path, report(headings={"shortcomings": heading}))
    assert statuses(result)["part.shortcomings"] == "pass"


# --- circled numbers ----------------------------------------------------------------------------------


def test_circled_numbers_stay_circled_and_are_a_mark_kind():
    assert fold("①加强组织领导") == "①加强组织领导"
    mark = heading_mark("②完善制度建设")
    assert mark is not None and (mark.kind, mark.number, mark.heading) == ("circled", 2, "完善制度建设")


def test_circled_items_inside_a_paragraph_are_not_headings():
    assert heading_mark("①完善制度，全年修订规范性文件12件；②加强培训。") is None


def test_circled_numbers_as_top_level_marks_make_sections():
    doc = norm("白沙区法治政府建设报告\n①主要举措和成效\n(一)加强领导\n正文。\n②存在的不足和原因\n正文。")
    sections = build_sections(doc)
    assert [(s.mark, s.level) for s in walk(sections)] == [("①", 1), ("(一)", 2), ("②", 1)]


def test_circled_part_headings_pass_end_to_end(tmp_path):
    headings = {
        "measures": "①2024年度推进法治政府建设的主要举措和成效",
        "leader": "②党政主要负责人履行推进法治建设第一责任人职责情况",
        "shortcomings": "③推进法治政府建设存在的不足和原因",
        "plan": "④2025年推进法治政府建设的主要安排",
    }
    result = check_text(tmp_path, report(headings=headings))
    for rule in ("part.measures", "part.leader-duty", "part.shortcomings", "part.next-year"):
        assert statuses(result)[rule] == "pass", rule


# --- doubled punctuation after a mark ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mark", "heading"),
    [
        ("一,、总体情况", "一、", "总体情况"),
        ("一、、总体情况", "一、", "总体情况"),
        ("一，总体情况", "一、", "总体情况"),
        ("一.、总体情况", "一.", "总体情况"),
        ("（一）、总体情况", "(一)", "总体情况"),
        ("1.、总体情况", "1.", "总体情况"),
        ("1、、总体情况", "1、", "总体情况"),
    ],
)
def test_a_stray_second_punctuation_after_a_mark_is_dropped(text, mark, heading):
    found = heading_mark(fold(text))
    assert found is not None and (found.mark, found.heading) == (mark, heading)


def test_numbers_with_thousands_separators_are_not_marks():
    assert fold("1,200元") == "1,200元"
    assert fold("一,200") == "一,200"


def test_doubled_mark_heading_makes_the_part_present(tmp_path):
    result = check_text(tmp_path, report(headings={"shortcomings": "三,、推进法治政府建设存在的不足和原因"}))
    assert statuses(result)["part.shortcomings"] == "pass"


# --- lost indents -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lost", ["??????", "\ufffd\ufffd", "?", "\u3000??\u3000"])
def test_lost_indent_at_line_start_is_dropped(lost):
    assert fold(lost + "一、主要举措和成效") == "一、主要举措和成效"


def test_lost_spaces_inside_text_are_removed_and_question_marks_kept():
    assert fold("全年收到??????复议申请") == "全年收到复议申请"
    assert fold("是否到位??") == "是否到位??"


def test_lost_indent_before_headings_keeps_the_parts(tmp_path):
    text = report(headings={"plan": "??????四、2025年推进法治政府建设的主要安排"})
    result = check_text(tmp_path, text)
    assert statuses(result)["part.next-year"] == "pass"


# --- pinyin glosses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("责(zé)任", "责任"), ("法治（fǎ zhì）政府", "法治政府"), ("履(lǚ)职", "履职")],
)
def test_pinyin_glosses_are_removed(text, expected):
    assert fold(text) == expected


def test_latin_words_in_brackets_without_tone_marks_are_kept():
    assert fold("政务服务(APP)平台") == "政务服务(APP)平台"


def test_pinyin_glossed_leader_heading_makes_the_part_present(tmp_path):
    heading = "二、党政主要负责(zé)人履行推进法治(fǎ zhì)建设第一责任人职责情况"
    result = check_text(tmp_path, report(headings={"leader": heading}))
    assert statuses(result)["part.leader-duty"] == "pass"


def test_spaces_between_words_are_kept():
    # Joint issuers in a title are two words, not one word spread out.
    assert fold("中共青石县委 青石县人民政府关于2024年度法治政府建设情况的报告").startswith("中共青石县委 青石县")


@pytest.mark.parametrize(
    "text",
    [
        "全年收到行政复议申请38件，受理35件；审结（含上年结转）30件！",
        "ＡＢＣ１２３，ｘ\u3000ｙ",
        "，\u0301（\u0308）",  # a combining mark right after full-width punctuation
        "e\u0301，ﬁ（㍿）",  # ligatures and squared words, which only full NFKC maps
        "纠错率为12％？",
        "",
    ],
)
def test_fast_nfkc_is_nfkc(text: str) -> None:
    import unicodedata

    from checker.damage import nfkc

    assert nfkc(text) == unicodedata.normalize("NFKC", text)


# --- all lines at once ---------------------------------------------------------------------------------

# Lines that take each path of fold: plain, full-width punctuation only, a character only full NFKC folds
# (full-width digits, …), circled numbers, quotes, invisibles, lost indents, pinyin, spread characters,
# doubled marks, and a separator no strip() keeps (U+2028 after a lost indent).
FOLD_CASES = [
    "一、主要举措和成效",
    "全年办理行政复议案件１２件，同比增长３％……",
    "①加强组织领导；②健全制度",
    "“法治政府”建设「示范」",
    "推进法\u200b治政府建设",
    "??????二、存在的不足",
    "??\u2028三、下一步安排",
    "责(zé)任落实（fǎ zhì）",
    "\u3000\u3000党 政 主 要 负 责 人 2023 年 共 12 件",
    "三,、推进法治政府建设存在的不足和原因",
    "(一)、健全依法决策机制",
    "",
    "   ",
]


@pytest.mark.parametrize("kept", range(len(FOLD_CASES)))
def test_folding_all_lines_at_once_folds_each_as_fold_does(kept):
    # Each line alone among plain ones, and all together: a sign of damage in one line changes how the
    # others are folded only in speed.
    alone = ["推进依法行政", FOLD_CASES[kept], "二、主要举措"]
    assert fold_lines(alone) == [fold(line) for line in alone]
    assert fold_lines(FOLD_CASES) == [fold(line) for line in FOLD_CASES]


def test_a_line_ends_like_a_contents_entry_exactly_when_the_pattern_says_so():
    # Every character of the basic plane (digits of every script among them) as a line's last one.
    differ = [
        hex(code)
        for code in range(0x10000)
        if not 0xD800 <= code <= 0xDFFF
        and ends_like_entry("目录" + chr(code)) != bool(_ENDS_LIKE_ENTRY.search(chr(code)))
    ]
    assert differ == []
