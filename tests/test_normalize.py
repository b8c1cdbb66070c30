"""Normalize stage: RawDocument -> Document (folding, page furniture, traditional text, wrapped and flattened text)."""

from __future__ import annotations

import textwrap

import pytest

from checker.model import RawDocument
from checker.normalize import normalize
from tests.reportkit import line_at

TITLE = "青石县人民政府关于2024年度法治政府建设情况的报告"

# Two made-up paragraphs of a report, without any line breaks.
PARAGRAPH_1 = (
    "2024年，青石县坚持以习近平法治思想为指导，全面贯彻落实党中央、国务院关于法治政府建设的决策部署，"
    "紧紧围绕县委、县政府中心工作，统筹推进依法行政各项任务。全县各级行政机关严格落实重大行政决策程序规定，"
    "全年对十二项重大行政决策事项开展合法性审查，组织公众参与和专家论证，确保决策科学民主依法。"
    "同时，持续深化行政执法体制改革，整合执法队伍，规范执法行为，全面推行行政执法公示制度、"
    "执法全过程记录制度和重大执法决定法制审核制度，执法质量明显提升。全县共开展执法人员培训八期，"
    "参训人员一千余人次，执法人员持证上岗率达到百分之百，群众对执法工作的满意度进一步提高。"
    "在优化营商环境方面，深入推进放管服改革，全年取消和下放行政许可事项十二项，政务服务事项网上可办率"
    "达到百分之九十八，企业开办时间压缩至一个工作日以内，市场主体活力不断增强，群众办事更加便捷高效，"
    "人民群众的获得感、幸福感和安全感持续增强。"
)
PARAGRAPH_2 = (
    "全县行政复议工作稳步推进，全年收到行政复议申请六十四件，依法受理五十八件，审结五十一件，直接纠错七件。"
    "行政应诉工作不断加强，行政机关负责人出庭应诉率达到百分之百，败诉案件数量同比下降。普法宣传深入开展，"
    "以宪法、民法典为重点，组织开展法治宣传进机关、进乡村、进社区、进学校活动二百余场次，受教育群众三万余人次。"
    "基层法治建设扎实推进，村居法律顾问实现全覆盖，人民调解组织调处各类矛盾纠纷一千二百余件，调解成功率较高。"
)


def norm(text: str):
    return normalize(RawDocument(path="x.txt", text=text, encoding="utf-8"))


def texts(doc) -> list[str]:
    return [line.text for line in doc.lines]


# --- folding and line numbers ---------------------------------------------------------------------


def test_full_width_brackets_and_comma_are_folded():
    doc = norm("（一）依法全面履行政府职能，取得明显成效。")
    assert doc.lines[0].text == "(一)依法全面履行政府职能,取得明显成效。"


def test_shown_keeps_the_line_as_written():
    doc = norm("（一）依法全面履行政府职能，取得明显成效。")
    assert doc.lines[0].shown == "（一）依法全面履行政府职能，取得明显成效。"


def test_curly_quotes_become_one_quote_style():
    assert norm("落实“三项制度”。").lines[0].text == '落实"三项制度"。'


def test_full_width_indentation_is_stripped():
    assert norm("\u3000\u30002024年，我县持续推进依法行政。").lines[0].text == "2024年,我县持续推进依法行政。"


def test_blank_lines_are_dropped():
    doc = norm(f"{TITLE}\n\n一、主要举措\n   \n\u3000\u3000\n全年受理行政复议申请64件。\n")
    assert texts(doc) == [TITLE, "一、主要举措", "全年受理行政复议申请64件。"]


def test_source_line_is_the_1_based_line_in_the_file():
    doc = norm(f"{TITLE}\n\n一、主要举措\n\n\n全年受理行政复议申请64件。\n")
    assert [line.source_line for line in doc.lines] == [1, 3, 6]


def test_crlf_line_endings_count_as_one_line_break():
    doc = norm(f"{TITLE}\r\n\r\n一、主要举措\r\n正文。\r\n")
    assert [(line.text, line.source_line) for line in doc.lines] == [(TITLE, 1), ("一、主要举措", 3), ("正文。", 4)]


def test_form_feed_page_break_does_not_shift_line_numbers():
    text = f"{TITLE}\n一、主要举措和成效\n全年受理行政复议申请64件。\n\f二、存在的不足和原因\n基层法治力量薄弱。\n"
    doc = norm(text)
    # Line 4 of the file (as counted by editors, grep -n, wc -l) holds the second heading.
    assert [line.source_line for line in doc.lines] == [1, 2, 3, 4, 5]
    assert doc.lines[3].text == "二、存在的不足和原因"


@pytest.mark.parametrize("separator", ["\v", "\x1c", "\x85", "\u2028", "\u2029"], ids=repr)
def test_only_cr_and_lf_end_a_file_line(separator):
    doc = norm(f"{TITLE}\n全年受理行政复议申请64件{separator}审结51件。\n基层法治力量薄弱。")
    assert [line.source_line for line in doc.lines] == [1, 2, 3]


def test_lone_carriage_return_ends_a_line():
    doc = norm(f"{TITLE}\r一、主要举措\r正文。")
    assert [(line.text, line.source_line) for line in doc.lines] == [(TITLE, 1), ("一、主要举措", 2), ("正文。", 3)]


def test_offsets_map_into_the_joined_text():
    doc = norm(f"{TITLE}\n\n一、主要举措\n（一）依法行政。\n全年受理行政复议申请64件。")
    assert doc.text == "\n".join(texts(doc))
    for line in doc.lines:
        assert doc.text[line.start : line.start + len(line.text)] == line.text


def test_line_at_returns_the_line_holding_an_offset():
    doc = norm(f"{TITLE}\n一、主要举措\n全年受理行政复议申请64件。")
    offset = doc.text.index("复议")
    assert line_at(doc, offset).text == "全年受理行政复议申请64件。"
    assert line_at(doc, 0).text == TITLE
    assert line_at(doc, doc.lines[1].start).text == "一、主要举措"
    assert line_at(doc, doc.lines[1].start - 1).text == TITLE


# --- web-page furniture and metadata --------------------------------------------------------------

WEB_PAGE = """当前位置：首页 > 政务公开 > 法治政府建设
索引号 | 1234/2025-00001 | 主题分类 | |
发布单位 | 某某县司法局 | 发文日期 | 2025-02-28 |
某某县司法局2024年法治政府建设情况报告
字号：
大 中 小
扫一扫在手机打开当前页
2024年，我局坚持以习近平法治思想为指导，扎实推进法治政府建设。
【打印本页】
【关闭窗口】
打印本页
关闭窗口
"""


def test_page_furniture_is_dropped():
    doc = norm(WEB_PAGE)
    assert texts(doc) == [
        "某某县司法局2024年法治政府建设情况报告",
        "2024年,我局坚持以习近平法治思想为指导,扎实推进法治政府建设。",
    ]


def test_kept_lines_keep_their_file_line_numbers_after_furniture_is_dropped():
    assert [line.source_line for line in norm(WEB_PAGE).lines] == [4, 8]


def test_metadata_rows_become_meta():
    meta = norm(WEB_PAGE).meta
    assert meta["published"] == "2025-02-28"
    assert meta["issuer"] == "某某县司法局"
    assert meta["index_no"] == "1234/2025-00001"


def test_empty_metadata_value_is_not_recorded():
    assert "topic" not in norm(WEB_PAGE).meta


def test_publication_time_and_source_on_one_line():
    doc = norm("发布时间：2022-03-01 11:55 信息来源：县司法局\n某某县司法局2021年法治政府建设工作总结\n正文。")
    assert doc.meta["published"] == "2022-03-01"
    assert doc.meta["source"] == "县司法局"
    assert texts(doc) == ["某某县司法局2021年法治政府建设工作总结", "正文。"]


def test_chinese_date_in_metadata_is_written_iso():
    doc = norm("成文日期：2023年1月5日\n某某县司法局2022年法治政府建设工作总结\n正文。")
    assert doc.meta["written"] == "2023-01-05"


def test_raw_meta_is_kept_alongside_page_meta():
    raw = RawDocument(path="x.txt", text=WEB_PAGE, encoding="utf-8", meta={"loader": "text"})
    meta = normalize(raw).meta
    assert meta["loader"] == "text"
    assert meta["issuer"] == "某某县司法局"


def test_body_sentence_mentioning_a_source_is_kept():
    line = "2024年，我局坚持以习近平法治思想为指导，扎实推进法治政府建设，案件来源：群众举报和上级交办。"
    assert line.replace("，", ",").replace("：", ":") in texts(norm(f"{TITLE}\n{line}"))


# --- traditional characters -----------------------------------------------------------------------

TRADITIONAL = "「推進法治政府建設的主要舉措和成效」\n一、堅持黨的領導，健全工作機制。\n"


def test_traditional_text_is_flagged():
    assert norm(TRADITIONAL).traditional is True


def test_traditional_text_is_matched_in_simplified_characters():
    assert texts(norm(TRADITIONAL)) == ['"推进法治政府建设的主要举措和成效"', "一、坚持党的领导,健全工作机制。"]


def test_traditional_text_is_shown_as_written():
    doc = norm(TRADITIONAL)
    assert [line.shown for line in doc.lines] == [
        "「推進法治政府建設的主要舉措和成效」",
        "一、堅持黨的領導，健全工作機制。",
    ]


def test_simplified_text_is_not_flagged_traditional():
    doc = norm(f"{TITLE}\n一、坚持党的领导，健全工作机制。")
    assert doc.traditional is False


def test_one_rare_simplified_character_does_not_flag_traditional():
    doc = norm("宿州市埇桥区人民政府关于2024年度法治政府建设情况的报告\n一、坚持党的领导，健全工作机制。")
    assert doc.traditional is False


def test_two_rare_simplified_characters_do_not_flag_traditional():
    text = (
        "宿州市埇桥区人民政府关于2024年度法治政府建设情况的报告\n"
        "一、坚持党的领导，健全工作机制。\n"
        "全年与信阳市浉河区开展法治政府建设交流活动两次。\n"
    )
    assert norm(text).traditional is False


# --- hard-wrapped text ----------------------------------------------------------------------------


def wrapped_report() -> tuple[str, list[str], list[str]]:
    wrapped_1 = textwrap.wrap(PARAGRAPH_1, width=30)
    wrapped_2 = textwrap.wrap(PARAGRAPH_2, width=30)
    text = "\n".join([TITLE, "一、主要举措和成效", *wrapped_1, "二、行政争议化解和普法", *wrapped_2])
    return text, wrapped_1, wrapped_2


def test_fixture_paragraphs_are_long_enough_to_be_wrapped():
    _, wrapped_1, wrapped_2 = wrapped_report()
    assert len(PARAGRAPH_1) >= 380
    assert len(wrapped_1) >= 12
    assert len(wrapped_2) >= 6


def test_wrapped_paragraphs_are_rejoined_into_one_line_each():
    doc = norm(wrapped_report()[0])
    assert len(doc.lines) == 5
    assert doc.lines[2].shown == PARAGRAPH_1
    assert doc.lines[4].shown == PARAGRAPH_2


def test_headings_between_wrapped_paragraphs_stay_their_own_lines():
    doc = norm(wrapped_report()[0])
    assert texts(doc)[:2] == [TITLE, "一、主要举措和成效"]
    assert texts(doc)[3] == "二、行政争议化解和普法"


def test_rejoined_line_starts_at_its_first_file_line():
    _, wrapped_1, _ = wrapped_report()
    doc = norm(wrapped_report()[0])
    assert doc.lines[2].source_line == 3
    assert doc.lines[4].source_line == 3 + len(wrapped_1) + 1


def test_offset_in_rejoined_line_maps_back_to_its_file_line():
    text, wrapped_1, _ = wrapped_report()
    third = wrapped_1[2]  # file line 5: title, heading, then the 3rd wrapped line
    probe = third[10:16]
    assert PARAGRAPH_1.count(probe) == 1
    line = norm(text).lines[2]
    offset = line.shown.index(probe)
    assert line.source_line_at(offset) == 5


def test_first_and_last_offsets_of_rejoined_line_map_to_first_and_last_file_lines():
    text, wrapped_1, _ = wrapped_report()
    line = norm(text).lines[2]
    assert line.source_line_at(0) == 3
    assert line.source_line_at(len(line.text) - 1) == 2 + len(wrapped_1)


def test_offsets_still_map_into_the_joined_text_after_rejoining():
    doc = norm(wrapped_report()[0])
    for line in doc.lines:
        assert doc.text[line.start : line.start + len(line.text)] == line.text


def test_short_unwrapped_lines_are_not_joined():
    lines = [TITLE, *(f"({n})本项工作全年共开展检查{n}次。" for n in range(1, 10))]
    assert len(norm("\n".join(lines)).lines) == 10


def test_heading_after_full_width_line_ending_with_colon_stays_its_own_line():
    opening = (
        "2024年，青石县坚持以习近平法治思想为指导，全面贯彻落实党中央、国务院关于法治政府建设的决策部署，"
        "紧紧围绕县委、县政府中心工作，统筹推进依法行政各项任务，法治政府建设取得新的进展，"
        "人民群众对法治政府建设的满意度提升，现将有关情况报告如下："
    )
    assert len(opening) == 120  # its last wrapped line is a full 30 characters, ending with ：
    body = textwrap.wrap(PARAGRAPH_1, width=30)
    text = "\n".join([TITLE, *textwrap.wrap(opening, width=30), "一、主要举措和成效", *body])
    assert "一、主要举措和成效" in texts(norm(text))


def test_wrapped_continuation_starting_like_a_heading_mark_is_rejoined():
    first = "全县各级行政机关严格落实重大行政决策程序规定，按季度在第一、"
    assert len(first) == 30  # the wrap falls right after 第一、
    paragraph = (
        first + "二、三季度分别组织开展行政执法案卷评查，共评查案卷三百二十卷，"
        "发现问题四十六个，均已督促整改到位，执法规范化水平进一步提升。"
    )
    wrapped = textwrap.wrap(paragraph, width=30)
    assert wrapped[1].startswith("二、三季度")
    body = textwrap.wrap(PARAGRAPH_1, width=30)
    doc = norm("\n".join([TITLE, "一、主要举措和成效", *body, "二、存在的问题", *wrapped]))
    assert doc.lines[-1].shown == paragraph


# --- flattened text (line breaks lost) ------------------------------------------------------------

FLAT_BODY = (
    "2024年，青石县坚持以习近平法治思想为指导，扎实推进法治政府建设，现将有关情况报告如下："
    "一、2024年度推进法治政府建设的主要举措和成效（一）依法全面履行政府职能。全年取消和下放行政许可事项十二项，"
    "政务服务事项网上可办率达到百分之九十八，营商环境持续优化，市场主体活力不断增强，群众办事更加便捷高效。"
    "（二）严格规范公正文明执法。全县三十二个执法单位在统一平台公示执法信息，配备执法记录仪四百一十台，"
    "重大执法决定法制审核率百分之百，执法人员持证上岗率百分之百。"
    "（三）依法化解行政争议。全年收到行政复议申请六十四件，受理五十八件，审结五十一件，直接纠错七件；"
    "全县行政诉讼一审案件三十七件，败诉二件，行政机关负责人出庭应诉率百分之百。"
    "二、党政主要负责人履行推进法治建设第一责任人职责情况：县委、县政府主要负责人认真履行第一责任人职责，"
    "全年主持召开专题会议六次，组织会前学法十二次，二十七个部门主要负责人年终述法，推动述法工作常态化。"
    "三、推进法治政府建设存在的不足和原因：一是部分执法人员业务能力不足；二是基层法治力量薄弱。"
    "究其原因，主要是培训机制不健全、编制保障不够。"
    "四、2025年推进法治政府建设的主要安排：2025年，我县将继续深化法治政府建设，完善重大行政决策程序，"
    "加强执法人员培训，提升复议应诉质效，推动法治政府建设再上新台阶，为全县经济社会高质量发展提供坚实法治保障，"
    "切实增强人民群众的获得感、幸福感和安全感。"
)


def flat_doc():
    return norm(TITLE + "\n" + FLAT_BODY)


def test_flattened_fixture_is_one_long_line():
    assert "\n" not in FLAT_BODY
    assert len(FLAT_BODY) > 600


def test_flattened_report_is_split_before_heading_marks():
    starts = [line.text[:3] for line in flat_doc().lines]
    for mark in ("一、", "(一)", "(二)", "(三)", "二、", "三、", "四、"):
        assert any(start.startswith(mark) for start in starts), mark


def test_flattened_heading_is_split_from_its_first_sub_heading():
    lines = texts(flat_doc())
    index = lines.index("一、2024年度推进法治政府建设的主要举措和成效")
    assert lines[index + 1].startswith("(一)依法全面履行政府职能。")


def test_flattened_report_opening_sentence_keeps_its_own_line():
    assert texts(flat_doc())[1] == "2024年,青石县坚持以习近平法治思想为指导,扎实推进法治政府建设,现将有关情况报告如下:"


def test_split_lines_all_point_to_the_flattened_file_line():
    doc = flat_doc()
    assert doc.lines[0].source_line == 1
    assert {line.source_line for line in doc.lines[1:]} == {2}


def test_split_lines_lose_no_text():
    doc = flat_doc()
    folded = FLAT_BODY.replace("，", ",").replace("：", ":").replace("；", ";").replace("（", "(").replace("）", ")")
    assert "".join(texts(doc)[1:]) == folded


def test_offsets_map_into_the_joined_text_after_splitting():
    doc = flat_doc()
    for line in doc.lines:
        assert doc.text[line.start : line.start + len(line.text)] == line.text


def test_decimal_numbers_do_not_split_a_long_line():
    sentence = "全年办理行政复议案件十二件，涉及金额2.5万元。"
    body = "2024年，我县坚持依法行政。" + sentence * 30
    assert len(body) > 600
    assert len(norm(body).lines) == 1


def test_long_line_below_the_flattened_threshold_is_not_split():
    # In a file of many lines, a paragraph under 600 characters is a paragraph, not flattened text.
    body = "现将有关情况报告如下：一、主要举措。" + "全年开展执法检查十二次。" * 20
    assert len(body) < 600
    others = [f"第{i}段正文内容。" for i in range(6)]
    lines = norm("\n".join([*others, body])).lines
    assert len(lines) == 7
    assert lines[-1].text.startswith("现将有关情况报告如下:一、主要举措")


def test_a_file_of_one_long_line_is_split_before_its_headings():
    body = "某某县2024年度法治政府建设情况报告现将有关情况报告如下：一、主要举措。" + "全年开展执法检查十二次。" * 12
    assert len(body) < 600
    texts = [line.text for line in norm(body).lines]
    assert texts[0] == "某某县2024年度法治政府建设情况报告"
    assert any(t.startswith("一、主要举措") for t in texts)


def test_a_line_of_page_widgets_only_leaves_no_empty_line():
    # Found by the property tests: a line that is nothing but 字号 widgets is dropped, not kept empty.
    doc = normalize(RawDocument(path="报告.txt", text="字号：大 中 小" * 22 + "\n正文一段。\n", encoding="utf-8"))
    assert [line.text for line in doc.lines] == ["正文一段。"]
