"""`figure`: figures must count what the item asks for (data.review, data.litigation, a rule of its own)."""

import random

import pytest

from checker.ruletypes.figuretext import _FILLER, _FILLER_CHARS, without_filler
from tests.docxkit import DocxBuilder
from tests.reportkit import MEASURES, TITLE, check_text, finding, report, statuses
from tests.ruletypes.kit import WITHOUT_TOPIC, refused, run

WITHOUT_FIGURES = [
    "（一）依法化解行政争议",
    "1.发挥行政复议主渠道作用。规范行政复议案件受理、审理程序，推行公开听证。",
    "2.做好行政应诉工作。督促行政机关负责人出庭应诉，组织旁听庭审活动。",
    "3.落实行政执法“三项制度”。",
]


def test_figures_removed_make_data_items_partial(tmp_path):
    got = statuses(check_text(tmp_path, report(measures=WITHOUT_FIGURES)))
    assert got["data.review"] == "partial"
    assert got["data.litigation"] == "partial"


def test_topics_absent_make_data_items_fail(tmp_path):
    got = statuses(check_text(tmp_path, report(measures=WITHOUT_TOPIC, plan=["明年继续努力。"])))
    assert got["data.review"] == "fail"
    assert got["data.litigation"] == "fail"
    assert got["enforcement.three-systems"] == "fail"


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共受理行政复议案件9件，已审结8件。",
        "全年受理各类复议案件255件，复议调解结案率38.3%。",
        "全年收到行政复议申请38件。",
        "行政复议工作扎实推进，直接纠错率为12.5%。",
        "受理9件行政复议案件。",
        "行政复议方面：受理45件，审结40件。",
        "审结行政复议案件十二件。",
    ],
)
def test_review_figures_pass(tmp_path, sentence):
    measures = ["（一）化解行政争议", sentence]
    result = check_text(tmp_path, report(measures=measures))
    review = finding(result, "data.review")
    assert review.status == "pass"
    assert review.evidence and review.values


@pytest.mark.parametrize(
    "sentence",
    [
        "2020年，我县深入推进行政复议体制改革。",  # a year is not a figure
        "第3次行政复议工作会议在县政府召开。",  # an ordinal is not a figure
        "构建调解、仲裁、行政复议等衔接机制，化解各类矛盾纠纷1200余件。",  # a count of something else
        "行政复议工作培训2次，参训人员80人次。",  # trainings are not cases
        "直接纠错率为12.5%。行政复议工作扎实推进。",  # the rate lies in another sentence
    ],
)
def test_numbers_that_are_not_review_figures(tmp_path, sentence):
    measures = ["（一）化解行政争议", sentence]
    assert statuses(check_text(tmp_path, report(measures=measures)))["data.review"] == "partial"


@pytest.mark.parametrize(
    "sentence",
    [
        "全县行政诉讼案件13件，行政首长出庭应诉率为100%。",
        "区政府领导出庭19次，出庭应诉率100%。",
        "以区政府为被告的一审案件51件、二审案件28件。",
        "全年行政应诉案件败诉率为6.2%。",
    ],
)
def test_litigation_figures_pass(tmp_path, sentence):
    measures = ["（一）依法应诉", sentence]
    assert statuses(check_text(tmp_path, report(measures=measures)))["data.litigation"] == "pass"


@pytest.mark.parametrize(
    "sentence",
    [
        "收到行政诉讼诉前调解移送函106件，诉前调解成功率达50%。",
        "对行政机关负责人未出庭应诉的单位发送意见书。",
        "组织旁听庭审2次，提升应诉能力。",
    ],
)
def test_litigation_discussed_without_case_figures_is_partial(tmp_path, sentence):
    measures = ["（一）依法应诉", sentence]
    assert statuses(check_text(tmp_path, report(measures=measures)))["data.litigation"] == "partial"


def test_figures_in_the_plan_do_not_count(tmp_path):
    plan = ["2025年，力争行政机关负责人出庭应诉率达到100%，行政复议案件纠错率低于10%。"]
    got = statuses(check_text(tmp_path, report(measures=WITHOUT_TOPIC, plan=plan)))
    assert got["data.litigation"] == "fail"
    assert got["data.review"] == "fail"


def test_data_evidence_points_at_the_figure_line(tmp_path):
    result = check_text(tmp_path, report())
    review = finding(result, "data.review")
    line = report().splitlines()[review.evidence[0].line - 1]
    assert "64件" in line
    assert MEASURES[5] in line


# ── the subject governs the number ───────────────────


def data_finding(tmp_path, rule: str, *lines: str, name: str = "report.txt"):
    """The finding of a data rule on a report whose measures are only these lines."""
    return finding(check_text(tmp_path, report(measures=["（一）化解行政争议", *lines]), name=name), rule)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("白沙区全年新收行政复议申请十二件，办结十件。", "办结十件"),  # the list goes on counting
        ("经复议，依法撤销行政行为2件，行政复议维持31件。", "行政复议维持31件"),
        ("行政复议机构全年受理案件43件，驳回4件，终止2件。", "终止2件"),
        ("行政复议收案量保持平稳，各乡镇受理复议申请3—5件不等。", "各乡镇受理复议申请3—5件不等"),  # a range
        ("行政复议工作稳步推进，全年调撤率达到41.2%。", "全年调撤率达到41.2%"),  # the head clause names it
        ("经行政复议确认无效1件，责令履行2件。", "经行政复议确认无效1件"),
        ("青石县行政复议案件数为27件。", "青石县行政复议案件数为27件"),
        ("全市行政复议机关收到申请1.2万件，审结1.1万件。", "审结1.1万件"),  # 万 counts
    ],
)
def test_review_figures_governed_by_the_subject_pass(tmp_path, sentence, value):
    review = data_finding(tmp_path, "data.review", sentence)
    assert review.status == "pass"
    assert value in review.values
    assert review.evidence


@pytest.mark.parametrize(
    "sentence",
    [
        "评查执法案件120件，行政复议工作稳步推进。",  # the count lies before, in another clause
        "行政复议工作扎实推进，组织案卷评查，评查案件45件。",  # a clause in between starts something else
        "畅通行政复议渠道，受理信访事项36件。",
        "全年受理行政复议及信访案件52件。",  # 信访 mixed in: not the subject's count
        "12345热线办结率、满意率均达100%，行政复议工作规范有序。",
        "收到行政复议申请的同时，行政诉讼案件增加9件。",  # another subject's count
    ],
)
def test_numbers_the_subject_does_not_govern_are_no_review_figures(tmp_path, sentence):
    review = data_finding(tmp_path, "data.review", sentence)
    assert review.status == "partial"
    assert not review.values


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("白沙区政府负责人出庭应诉率达100%，区级部门出庭应诉率98.6%，败诉率4.2%。", "败诉率4.2%"),
        ("全年新增行政诉讼案件二十一件，其中一审十五件，二审六件。", "二审六件"),
        ("县政府主要负责人出庭应诉3次。", "县政府主要负责人出庭应诉3次"),
        ("以县政府为被告的案件审结18件，胜诉率90%。", "胜诉率90%"),
    ],
)
def test_litigation_figures_governed_by_the_subject_pass(tmp_path, sentence, value):
    litigation = data_finding(tmp_path, "data.litigation", sentence)
    assert litigation.status == "pass"
    assert value in litigation.values


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("开展涉企刑事诉讼积案清理，清理积案7起。", "fail"),  # criminal litigation is not even a mention
        ("律师事务所代理诉讼案件40余件。", "fail"),  # bare 诉讼 without 行政
        ("公安机关侦办涉企犯罪案件31起，行政应诉工作有序开展。", "partial"),
        ("政府法律顾问代理行政诉讼案件26件。", "partial"),  # a lawyer's count names the subject only
        ("组织执法人员旁听行政诉讼庭审，旁听率达100%。", "partial"),
        ("执法人员持证上岗率达100%，落实行政机关负责人出庭应诉制度。", "partial"),
        ("首次将行政机关负责人出庭应诉率纳入绩效考核指标。", "partial"),
        ("办理民事诉讼案件8件，行政诉讼工作有序。", "partial"),
    ],
)
def test_numbers_that_are_no_litigation_figures(tmp_path, sentence, status):
    litigation = data_finding(tmp_path, "data.litigation", sentence)
    assert litigation.status == status
    assert not litigation.values


@pytest.mark.parametrize(
    ("rule", "sentence", "zero"),
    [
        ("data.review", "全年未发生行政复议案件。", "未发生行政复议案件"),
        ("data.review", "本年度行政复议申请为零。", "零"),
        ("data.review", "全年实现行政复议零纠错。", "零纠错"),
        ("data.litigation", "本镇全年没有行政诉讼案件发生。", "没有行政诉讼案件"),
        ("data.litigation", "全年未发生以本局为被告的行政诉讼案件。", "未发生以本局为被告的行政诉讼案件"),
        ("data.litigation", "本局行政应诉案件数为0。", "0"),
        ("data.litigation", "全年行政诉讼零败诉。", "零败诉"),
    ],
)
def test_an_explicit_zero_is_a_figure(tmp_path, rule, sentence, zero):
    found = data_finding(tmp_path, rule, sentence)
    assert found.status == "pass"
    assert found.values == (sentence.rstrip("。"),)
    assert zero in found.evidence[0].text


@pytest.mark.parametrize(
    ("rule", "sentence"),
    [
        ("data.litigation", "个别行政机关负责人没有按规定出庭应诉。"),  # no cases counted
        ("data.review", "推行无纸化办理行政复议案件。"),
        ("data.review", "全年无一例行政复议培训缺席。"),
    ],
)
def test_a_negation_that_counts_no_cases_is_no_zero(tmp_path, rule, sentence):
    assert data_finding(tmp_path, rule, sentence).status == "partial"


@pytest.mark.parametrize(
    "sentence",
    [
        "组织学习《中华人民共和国行政复议法》《行政诉讼法》等法律法规。",
        "专题学习行政复议法、行政诉讼法。",
    ],
)
def test_law_titles_in_a_study_list_are_not_even_mentions(tmp_path, sentence):
    got = statuses(check_text(tmp_path, report(measures=["（一）学法用法", sentence])))
    assert got["data.review"] == "fail"
    assert got["data.litigation"] == "fail"


def test_a_law_title_beside_a_figure_keeps_the_figure(tmp_path):
    review = data_finding(tmp_path, "data.review", "贯彻新修订的《行政复议法》，全年受理行政复议申请57件。")
    assert review.status == "pass"
    assert review.values == ("全年受理行政复议申请57件",)


# ── figures in tables ────────────────────────────────────────────────────────


def test_markdown_table_cells_count_with_the_unit_of_their_header(tmp_path):
    table = [
        "| 项目 | 件数 | 比率(%) |",
        "| --- | ---: | --- |",
        "| 行政复议纠错 | 6 | 15.4 |",
        "| 行政诉讼一审 | 9 | |",
    ]
    result = check_text(tmp_path, report(measures=["（一）化解行政争议", *table]), name="report.md")
    review, litigation = finding(result, "data.review"), finding(result, "data.litigation")
    assert review.status == "pass"
    assert review.values == ("行政复议纠错 件数 6件", "行政复议纠错 比率(%) 15.4%")
    assert review.evidence[0].text.endswith("6 | 15.4 |")
    assert litigation.status == "pass"
    assert litigation.values == ("行政诉讼一审 件数 9件",)


def test_tab_separated_rows_and_column_headers_naming_the_subject(tmp_path):
    table = ["类别\t行政复议\t行政应诉", "收案数\t14\t8", "培训人数\t60\t45"]
    result = check_text(tmp_path, report(measures=["（一）化解行政争议", *table]))
    assert finding(result, "data.review").values == ("收案数 行政复议 14件",)
    assert finding(result, "data.litigation").values == ("收案数 行政应诉 8件",)


@pytest.mark.parametrize(
    "table",
    [
        ["| 项目 | 件数 |", "| --- | --- |", "| 信访事项（涉行政复议） | 12 |"],  # something else
        ["| 项目 | 次数 |", "| --- | --- |", "| 行政复议业务培训 | 2 |"],  # not a unit of cases
        ["| 行政复议案件 | 数量（件） |"],  # a header alone
    ],
)
def test_table_rows_that_are_no_review_figures(tmp_path, table):
    review = data_finding(tmp_path, "data.review", *table)
    assert review.status == "partial"
    assert not review.values


def test_docx_table_rows_count_with_generic_headers(tmp_path):
    path = (
        DocxBuilder()
        .title(TITLE.format(year=2024))
        .para("一、2024年度推进法治政府建设的主要举措和成效")
        .para("（一）化解行政争议")
        .table([["项目", "件数", "比率（%）"], ["行政复议纠错", "5", "12.5"], ["行政应诉败诉", "2", ""]])
        .save(tmp_path / "t.docx")
    )
    from checker.packs import load_packs
    from checker.pipeline import check_file
    from checker.score import Gate

    result = check_file(str(path), load_packs(["national"]), Gate())
    review, litigation = finding(result, "data.review"), finding(result, "data.litigation")
    assert review.status == "pass"
    assert review.values == ("5件", "12.5%")
    assert "行政复议纠错：5件，12.5%" in review.evidence[0].text
    assert litigation.status == "pass"
    assert litigation.values == ("2件",)


# ── the fields that say what governs ─────────────────────────────────────────

HEARING = {
    "subjects": ["听证"],
    "counted": ["听证会", "案件"],
    "units": ["场", "件"],
    "not_subjects": ["价格"],
    "requires": {"听证": ["行政", "决策"]},
}


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("重大行政决策举行听证会6场。", "pass"),
        ("举行价格听证会2场，行政决策听证工作规范。", "partial"),  # not_subjects
        ("组织模拟听证会4场。", "fail"),  # requires: 听证 without 行政/决策 names nothing
    ],
)
def test_a_figure_rule_of_its_own_uses_the_same_fields(tmp_path, sentence, status):
    text = report(measures=["（一）依法决策", sentence])
    assert run(tmp_path, text, "figure", **HEARING).status == status


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({**HEARING, "requires": ["行政"]}, "requires 应是"),
        ({**HEARING, "requires": {"决策": ["重大"]}}, "不在 subjects 中"),
        ({**HEARING, "requires": {"听证": []}}, "非空的字符串列表"),
        ({**HEARING, "zero": ["未举行"]}, "须同时写"),
        ({**HEARING, "not_subjects": [""]}, "not_subjects 中不能有空字符串"),
    ],
)
def test_figure_load_errors(tmp_path, fields, match):
    refused(tmp_path, "figure", match, **fields)


def test_filler_words_are_taken_off_as_the_pattern_takes_them():
    """without_filler reads only the run of filler characters ending a text: the same as _FILLER.sub("", text)."""
    words = [c for c in _FILLER.pattern if "\u4e00" <= c <= "\u9fff"]
    assert set(words) <= _FILLER_CHARS
    alphabet = [*words, "案", "件", "复", "议", " ", "\u3000", "\t", "\n", "1", "余"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert without_filler(text) == _FILLER.sub("", text), text


def test_words_read_once_per_rule_are_those_read_per_report():
    """A built-in figure rule's words, worked out once per rule, are what filling in a report's variables gives."""
    from checker.evaluate import Context
    from checker.model import RawDocument
    from checker.normalize import normalize
    from checker.ruledoc import ordered_builtin_packs
    from checker.ruletypes.figure import fixed_terms, words_read

    doc = normalize(RawDocument(path="x.txt", text="某县2024年度法治政府建设情况的报告\n正文。", encoding="utf-8"))
    rules = [(pack, rule) for pack in ordered_builtin_packs() for rule in pack.rules if rule.type == "figure"]
    assert rules
    for pack, rule in rules:
        fixed = fixed_terms(rule)
        assert fixed is not None, rule.id
        ctx = Context(doc, (), pack)
        assert fixed == words_read(rule, ctx.terms, ctx.expand), rule.id
