"""`figure`: the report gives figures for a subject (cases received, rates...).

A figure is a number with a unit that the subject governs: a `subjects` term in the
same clause, before the number or closely after it (受理9件行政复议案件), and the
number counts a `counted` noun or is a `rates` rate (see counts_subject). A clause
that only continues a list of the subject's figures inherits the subject
(收到行政复议申请64件，受理60件，审结51件), as do the cells after a label naming it
(行政复议：收案12件, a .docx table row) and the cells of a Markdown or tab-separated
table row whose label or column header names it. An explicit zero
(全年未发生行政复议案件, 行政应诉案件为零) is a figure too.

A clause holding a `not_subjects` term (刑事, 信访...) gives no figure; a subject
term listed in `requires` names the subject only with one of its companion words in
the clause (诉讼 needs 行政). Text inside 《》 and `ignore` terms (law titles) is
neither a figure nor a mention.

pass: a figure; partial: the subject is discussed without one; fail: absent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from checker.evaluate import Context, Verdict, plain_terms, prepared
from checker.match import any_of
from checker.model import FAIL, PARTIAL, PASS, Evidence, Rule
from checker.ruletypes.common import EXCLUDE, SCOPE, looked_in
from checker.ruletypes.figuretext import (
    MASK,
    SENTENCE,
    Figure,
    Terms,
    masked,
    number_pattern,
    sentence_figures,
    shifted,
    table_figures,
)
from checker.ruletypes.registry import Field, RuleType, TypeDoc, problem, register, string_list, threshold

SETTINGS = (
    Field("subjects", "str_list", "主题词：数据须由其支配", required=True),
    Field("counted", "str_list", "数字所计的对象（如 案件）"),
    Field("rates", "str_list", "比率名称（如 纠错率）"),
    Field("units", "str_list", "数字的单位（如 件、%）", required=True),
    Field("not_subjects", "str_list", "含这些词的分句不算数据"),
    Field("requires", "mapping", "主题词须与伴随词同在一个分句，如 {诉讼: [行政]}"),
    Field("zero", "str_list", "表示“没有”的词（如 未发生）"),
    Field("zero_nouns", "str_list", "可以为零的对象（如 案件）"),
    Field("ignore", "str_list", "不算数据也不算提及的词（如法律名称）"),
    SCOPE,
    EXCLUDE,
)


def validate(rule: Rule) -> None:
    subjects = string_list(rule, "subjects", required=True)
    if not string_list(rule, "counted") and not string_list(rule, "rates"):
        raise problem(rule, "figure 类型至少要有 counted 或 rates")
    string_list(rule, "units", required=True)
    for key in ("counted", "rates", "not_subjects", "zero", "zero_nouns", "ignore"):
        if any(not term for term in string_list(rule, key)):
            raise problem(rule, f"{key} 中不能有空字符串")
    if bool(string_list(rule, "zero")) != bool(string_list(rule, "zero_nouns")):
        raise problem(rule, "zero（表示“没有”的词）和 zero_nouns（可以为零的对象，如 案件）须同时写")
    for subject, companions in (rule.settings.requires or {}).items():
        if subject not in subjects:
            raise problem(rule, f"requires 中的“{subject}”不在 subjects 中")
        if not companions or not all(companions):
            raise problem(rule, f"requires 中“{subject}”的伴随词应是非空的字符串列表")


def terms_of(rule: Rule, ctx: Context) -> Terms:
    """The rule's words for this report; worked out once per rule when none names a variable."""
    fixed = prepared(rule, fixed_terms)
    return fixed if fixed is not None else words_read(rule, ctx.terms, ctx.expand)


def fixed_terms(rule: Rule) -> Terms | None:
    """terms_of for a rule none of whose words names a variable (they read the same in every report), else None."""
    requires: dict[str, Any] = rule.settings.get("requires", {})
    named = (string_list(rule, "subjects"), string_list(rule, "not_subjects"), string_list(rule, "ignore"))
    if not all(plain_terms(tuple(words)) for words in (*named, tuple(requires), *requires.values())):
        return None
    return words_read(rule, tuple, str)


def words_read(rule: Rule, terms: Callable[[Sequence[str]], Sequence[str]], key: Callable[[str], str]) -> Terms:
    """The rule's words, each list read through `terms` and each `requires` key through `key`: a report's
    variables filled in (Context.terms, Context.expand), or as written."""
    requires: dict[str, Any] = rule.settings.get("requires", {})
    return Terms(
        subjects=tuple(terms(string_list(rule, "subjects"))),
        counted=string_list(rule, "counted"),
        rates=string_list(rule, "rates"),
        units=string_list(rule, "units"),
        not_subjects=tuple(terms(string_list(rule, "not_subjects"))),
        requires={key(str(k)): tuple(terms(v)) for k, v in requires.items()},
        zero=string_list(rule, "zero"),
        zero_nouns=string_list(rule, "zero_nouns"),
        ignore=tuple(terms(string_list(rule, "ignore"))),
    )


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    scope, exclude = string_list(rule, "scope"), string_list(rule, "exclude")
    lines = ctx.lines_in(scope, exclude)
    terms = terms_of(rule, ctx)
    numbers = number_pattern(terms.units)
    figures: list[tuple[int, Figure]] = []
    mention = None
    joined = ctx.scope_text(lines).joined
    # Masking only blanks text out: a line with no subject term and no table cells gives nothing.
    read = lines if "\t" in joined or "|" in joined else ctx.lines_holding(lines, terms.subjects)
    names_subject = any_of(terms.subjects).search  # one search in C per line and sentence, not one per term
    for index in read:
        text = masked(ctx.doc.lines[index].text, terms.ignore)
        in_table = table_figures(ctx, index, text, terms)
        figures.extend((index, f) for f in in_table)
        if names_subject(text) is None:
            continue
        taken = {f.start for f in in_table}
        for sentence in SENTENCE.finditer(text):
            words = sentence.group()
            if names_subject(words) is None:
                continue  # no clause of it names the subject or goes on with a list of its figures
            found, named = sentence_figures(words, terms, numbers)
            found = [shifted(f, sentence.start()) for f in found]
            figures.extend((index, f) for f in found if f.start not in taken)
            if mention is None and named is not None:
                mention = ctx.evidence(index, sentence.start() + named[0], sentence.start() + named[1])
    if figures:
        evidence = tuple(ctx.evidence(i, f.start, f.end) for i, f in figures[:3])
        values = tuple(dict.fromkeys(f.value for _, f in figures))[:10]
        return Verdict(PASS, evidence, f"找到 {len(figures)} 个数据", values=values)
    where = looked_in(ctx, scope, exclude)
    if mention is not None:
        return Verdict(PARTIAL, (mention,), "有相关表述，但没有具体数据", looked_in=where)
    fuzzy = fuzzy_mention(rule, ctx, lines, terms)
    if fuzzy is not None:
        return Verdict(PARTIAL, (fuzzy,), "有相关表述，但没有具体数据", looked_in=where)
    return Verdict(FAIL, detail="没有找到相关内容", looked_in=where)


def fuzzy_mention(rule: Rule, ctx: Context, lines: list[int], terms: Terms) -> Evidence | None:
    """Evidence of a near match of a long subject term outside titles; short terms only match exactly."""
    if threshold(rule) >= 100:
        return None
    for subject in (s for s in terms.subjects if len(s) > 3):
        for h in ctx.find(subject, lines, threshold(rule), limit=1):
            if MASK not in masked(ctx.doc.lines[h.line_index].text, terms.ignore)[h.hit.start : h.hit.end]:
                return ctx.evidence(h.line_index, h.hit.start, h.hit.end, h.hit.similarity)
    return None


# The Chinese reference of this type (docs/rule-types.md is generated from it: python -m tests.regen_docs).
REFERENCE = TypeDoc(
    intro="报告给出了某一主题的数据（计数或比率），而不只是工作表述。",
    required={
        "counted": "与 `rates` 至少一个",
        "rates": "与 `counted` 至少一个",
        "zero": "否（须同时写）",
        "zero_nouns": "否（须同时写）",
    },
    notes={
        "subjects": "主题词，如 `[复议]`；数字须受主题词支配（见下）",
        "counted": (
            "被计数的对象，数字要计的是它们：数字前的分句以它结尾（“行政复议案件9件”）"
            "，或数字后紧跟它（“受理9件行政复议案件”）"
        ),
        "rates": "比率名称，如 `[纠错率, 调解率]`；百分数须紧跟在它之后",
        "units": '单位，如 `[件, 起, 宗, "%"]`',
        "not_subjects": (
            "分句中有这些词时，分句中的数字不算本主题的数据，也不承接列举，如 `[刑事,"
            " 民事, 信访, 代理, 旁听]`（“代理行政诉讼案件20件”是律师的代理数"
            "，不是应诉数据）"
        ),
        "requires": (
            "主题词须有的伴随词：`{诉讼: [行政, 应诉]}` 表示“诉讼”只有在同一"
            "分句中有“行政”或“应诉”时才算主题词（“代理街道诉讼案件”“刑事诉讼”不算"
            "，连提及也不算）；键须在 `subjects` 中"
        ),
        "zero": (
            "明确写“没有”也是数据：`zero` 是表示没有的词（`[未发生, 无, 没"
            '有, 零, "0"]`），`zero_nouns` 是可以为零的对象（`[案'
            "件, 申请]`）。“全年未发生行政复议案件”“无以本局为被告的行政诉讼案件”"
            "“行政应诉案件为零”“行政诉讼零败诉”都算；“没有按规定出庭应诉”不算（没有"
            "说案件数）"
        ),
        "ignore": ("既不算数据也不算提及的词，如不加书名号的法律名称 `[行政复议法]`；书名号《》中的文字一律不看"),
    },
    guide=(
        "**主题词支配数字**：主题词须与数字在同一分句（以 `，,：:` 和句末标"
        "点分隔）中，在数字之前，或紧跟在数字之后（8 个字以内，\n"
        "“受理9件行政复议案件”）。“复盘案件78件次，……行政复议”中的数字不算。"
        "没有主题词的分句在以下情况下承接前一分句的主题：\n"
        "\n"
        "- 列举的后续分句：前一分句有主题词或本主题的数据，本分句数字前只有 `co"
        "unted`/`rates` 中的词（外加至多 2 个字，\n"
        "  如“直接纠错率”“其中撤销”），如“收到行政复议申请64件，受理60件，"
        "审结51件”“行政复议工作稳步推进，直接纠错率12.5%”；\n"
        "  “行政诉讼案件12件”“评查卷宗45件”另起了话题，不承接；\n"
        "- 冒号后的分句：“行政复议方面：受理45件”，以及 .docx 表格行（读"
        "入为“行政复议纠错：5件，12.5%”，单位取自表头）。\n"
        "\n"
        "**表格**：Markdown 表格行（`| 行政复议收案 | 12 |`）"
        "、以制表符分隔的行和网页表格行中，行标题或列标题含主题词（且都不含\n"
        "`not_subjects` 中的词）时，单元格中的数字算数据；单位写在单元"
        "格中（“12件”），或取自列标题（`件数`、`数量（件）`、\n"
        "`比率(%)`、以“率”结尾）或行标题（“收案数”）。表格第一行是表头（除非"
        "它本身含带单位的数字）。\n"
        "\n"
        "年份（2020年）、序数（第3次）、别的东西的数量（移送函106件）不算。阿"
        "拉伯数字、范围（3—5件）和较小的中文数字（十二件）都可以。"
    ),
    statuses=(
        "- ✓：有受主题词支配的数据（`values` 中列出所在分句或表格单元格，"
        "如“行政复议纠错 件数 5件”）。\n"
        "- △：有主题词（或较长主题词的模糊匹配），但没有数据。\n"
        "- ✗：没有主题词。"
    ),
    examples=(
        (
            "- id: data.review\n"
            "  type: figure\n"
            "  part: measures\n"
            "  title: 行政复议数据\n"
            "  severity: error\n"
            "  basis: 《法治政府建设实施纲要（2021—2025年）》第七部分\n"
            "  message: 报告应给出行政复议的具体数据。\n"
            "  suggestion: 写明全年收到、受理、审结、纠错的案件数和纠错率。"
            "\n"
            "  subjects: [复议]\n"
            "  counted: [案件, 申请, 受理, 审结, 纠错]\n"
            "  rates: [纠错率, 调解率]\n"
            '  units: [件, 起, 宗, "%"]\n'
            "  not_subjects: [信访, 刑事]\n"
            "  zero: [未发生, 无, 零]\n"
            "  zero_nouns: [案件, 申请]\n"
            "  ignore: [行政复议法]\n"
            "  exclude: [next-year]\n"
        ),
    ),
)


TYPE = register(
    RuleType(
        name="figure",
        evaluate=evaluate,
        validate=validate,
        settings=SETTINGS,
        reference=REFERENCE,
        doc="数据：主题词支配的数字（同一分句中，或承接列举、表格行），且数字计的是规定的对象；明确写“未发生”“为零”也算。",
    )
)
