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

import re
from dataclasses import dataclass
from typing import Any

from checker.evaluate import Context, Verdict
from checker.model import FAIL, PARTIAL, PASS, Evidence, Rule
from checker.ruletypes.common import looked_in
from checker.ruletypes.registry import Field, RuleType, TypeDoc, problem, register, string_list, threshold
from checker.tables import Cell, is_separator_row, row_cells, unit_for

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
    Field("scope", "str_list", "只在这些部分中查找"),
    Field("exclude", "str_list", "不在这些部分中查找"),
)
# A list of figures may go on after a semicolon (…申请7件；审结72件), so clauses end there and sentences do not.
_SENTENCE = re.compile(r"[^。!?！？\n]+")
_CLAUSE = re.compile(r"[^,，:：;；]+")
_FILLER = re.compile(
    r"(?:共计|合计|总计|共|计|达到|达|为|是|了|有|约|近|超过|逾|分别|累计|均|全部|已|总数|数量|数|\s)*$"
)
# Words that open a clause continuing a list (其中撤销3件) and say nothing about what is counted.
_LEAD = re.compile(r"^(?:其中|另有|另|以及|及|和|并|又|已|均|共计|共|累计|依法)+")
_TITLE = re.compile(r"《[^《》]*》")
_NUMBER_CELL = re.compile(r"(\d+(?:\.\d+)?)\s*([^\d\s]{0,2})")  # 12, 12件, 25%
_MASK = "〓"  # stands in for masked text: in no term, keeps offsets
_SUBJECT_AFTER = 8  # 受理9件行政复议案件: the subject may follow the number this closely
_QUALIFIER = 2  # 直接纠错率, 调解结案: other characters a list continuation may hold
_ZERO_GAP = 4  # 未发生一起行政复议案件; wider lets in 推行无纸化办理行政复议案件
_ZERO_TAIL = 4  # 未发生行政复议案件发生: characters left after the counted noun

# What a clause hands on to the next: nothing, the subject of a list (a clause may go on counting),
# or a label (行政复议：) whose next clause may be a bare number.
NONE, LIST, LABEL = "", "list", "label"


@dataclass(frozen=True)
class Terms:
    subjects: tuple[str, ...]
    counted: tuple[str, ...]
    rates: tuple[str, ...]
    units: tuple[str, ...]
    not_subjects: tuple[str, ...]
    requires: dict[str, tuple[str, ...]]
    zero: tuple[str, ...]
    zero_nouns: tuple[str, ...]
    ignore: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    value: str


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
    requires: dict[str, Any] = rule.settings.get("requires", {})
    return Terms(
        subjects=tuple(ctx.terms(string_list(rule, "subjects"))),
        counted=string_list(rule, "counted"),
        rates=string_list(rule, "rates"),
        units=string_list(rule, "units"),
        not_subjects=tuple(ctx.terms(string_list(rule, "not_subjects"))),
        requires={ctx.expand(str(k)): tuple(ctx.terms(v)) for k, v in requires.items()},
        zero=string_list(rule, "zero"),
        zero_nouns=string_list(rule, "zero_nouns"),
        ignore=tuple(ctx.terms(string_list(rule, "ignore"))),
    )


def number_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    cn = "[零〇一二两三四五六七八九十百千万]{1,6}"
    arabic = r"\d+(?:\.\d+)?[万千]?"
    # Arabic numbers (1.86万件) and ranges (12—15件), or small numbers in Chinese numerals (十二件).
    return re.compile(
        rf"(?<![\d.第])({arabic}(?:\s*[-—–~～至到]\s*{arabic})?"
        rf"|{cn}(?:[至到]{cn})?(?=[余多]?(?:{alternatives})))"
        r"\s*(?:余|多)?\s*(" + alternatives + ")"
    )


def masked(text: str, ignore: tuple[str, ...]) -> str:
    """The line with book titles (《行政复议法》) and `ignore` terms blanked out, offsets kept."""
    text = _TITLE.sub(lambda m: _MASK * len(m.group()), text)
    for term in sorted(ignore, key=len, reverse=True):
        text = text.replace(term, _MASK * len(term))
    return text


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    scope, exclude = string_list(rule, "scope"), string_list(rule, "exclude")
    lines = ctx.lines_in(scope, exclude)
    terms = terms_of(rule, ctx)
    numbers = number_pattern(terms.units)
    figures: list[tuple[int, Figure]] = []
    mention = None
    for index in lines:
        text = masked(ctx.doc.lines[index].text, terms.ignore)
        in_table = table_figures(ctx, index, text, terms)
        figures.extend((index, f) for f in in_table)
        if not any(s in text for s in terms.subjects):
            continue
        taken = {f.start for f in in_table}
        for sentence in _SENTENCE.finditer(text):
            found, named = sentence_figures(sentence.group(), terms, numbers)
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
            if _MASK not in masked(ctx.doc.lines[h.line_index].text, terms.ignore)[h.hit.start : h.hit.end]:
                return ctx.evidence(h.line_index, h.hit.start, h.hit.end, h.hit.similarity)
    return None


def shifted(figure: Figure, offset: int) -> Figure:
    return Figure(figure.start + offset, figure.end + offset, figure.value)


def sentence_figures(
    sentence: str, terms: Terms, numbers: re.Pattern[str]
) -> tuple[list[Figure], tuple[int, int] | None]:
    """The subject's figures in a sentence, and the span of its first mention (None: not named)."""
    figures: list[Figure] = []
    mention = None
    chain = NONE
    for match in _CLAUSE.finditer(sentence):
        clause = match.group()
        spans = subject_spans(clause, terms)
        if mention is None and spans:
            mention = (match.start() + spans[0][0], match.start() + spans[0][1])
        found = clause_figures(clause, spans, terms, numbers, chain)
        figures.extend(shifted(f, match.start()) for f in found)
        ends_with_colon = sentence[match.end() : match.end() + 1] in (":", "：")
        if (spans and ends_with_colon and not found) or (found and chain == LABEL):
            chain = LABEL  # 行政复议方面：受理45件 / a .docx row 行政复议纠错：5件，12.5%
        elif found or (spans and not clause_is_other(clause, terms)):
            chain = LIST  # 行政复议工作扎实推进，直接纠错率为12.5%
        else:
            chain = NONE
    return figures, mention


def clause_is_other(clause: str, terms: Terms) -> bool:
    return any(term in clause for term in terms.not_subjects)


def subject_spans(clause: str, terms: Terms) -> list[tuple[int, int]]:
    """Where the clause names the subject: subject terms whose required companion words are in the clause."""
    spans = []
    for subject in terms.subjects:
        companions = terms.requires.get(subject, ())
        if companions and not any(c in clause for c in companions):
            continue
        start = clause.find(subject)
        while start >= 0:
            spans.append((start, start + len(subject)))
            start = clause.find(subject, start + 1)
    return sorted(spans)


def clause_figures(
    clause: str, spans: list[tuple[int, int]], terms: Terms, numbers: re.Pattern[str], chain: str
) -> list[Figure]:
    """Figures in one clause: numbers its subject governs, or continuing the list the clause before began."""
    if clause_is_other(clause, terms):
        return []
    figures = []
    for number in numbers.finditer(clause):
        own = governed(spans, number) and counts_subject(clause, number, terms.counted, terms.rates)
        if own or (chain and continues_list(clause, number, terms, chain)):
            figures.append(Figure(number.start(), number.end(), clause.strip()))
    zero = zero_span(clause, spans, terms)
    if zero is not None and not figures:
        figures.append(Figure(zero[0], zero[1], clause.strip()))
    return figures


def governed(spans: list[tuple[int, int]], number: re.Match[str]) -> bool:
    """True when a subject term lies before the number in its clause, or starts closely after it."""
    return any(start < number.start() or number.end() <= start <= number.end() + _SUBJECT_AFTER for start, _ in spans)


def counts_subject(clause: str, number: re.Match[str], counted: tuple[str, ...], rates: tuple[str, ...]) -> bool:
    """True when the number counts a `counted` noun or is a `rates` rate."""
    before = _FILLER.sub("", clause[: number.start()])
    unit = number.group(2)
    if unit in ("%", "％"):
        return any(before.endswith(rate) for rate in rates)
    if any(before.endswith(noun) for noun in counted):
        return True
    # 受理9件行政复议案件: the counted noun follows the number closely.
    after = clause[number.end() : number.end() + 10]
    return any(noun in after for noun in counted)


def continues_list(clause: str, number: re.Match[str], terms: Terms, chain: str) -> bool:
    """True when a clause without its own subject only goes on counting (受理60件 after 收到行政复议申请64件).

    It may name nothing but counted nouns and rates, give or take a short qualifier
    (直接纠错率): 行政诉讼案件12件 or 培训2次 start something else.
    """
    before = _LEAD.sub("", _FILLER.sub("", clause[: number.start()]).strip())
    if not before:
        # 行政复议：12件 (a table row); after a list, a bare number must be followed by what it counts.
        return chain == LABEL or counts_subject(clause, number, terms.counted, ())
    rest = before
    for term in sorted(terms.counted + terms.rates, key=len, reverse=True):
        rest = rest.replace(term, "")
    return len(rest) <= _QUALIFIER and counts_subject(clause, number, terms.counted, terms.rates)


def zero_span(clause: str, spans: list[tuple[int, int]], terms: Terms) -> tuple[int, int] | None:
    """Where the clause states that the subject had no cases: 未发生行政复议案件, 案件为零, 零败诉."""
    for word in terms.zero:
        at = clause.find(word)
        while at >= 0:
            end = at + len(word)
            found = zero_before(clause, at, end, spans, terms) or zero_after(clause, at, end, spans, terms)
            if found:
                return found
            at = clause.find(word, at + 1)
    return None


def zero_before(clause: str, at: int, end: int, spans: list[tuple[int, int]], terms: Terms) -> tuple[int, int] | None:
    """未发生行政复议案件: the zero word, the subject soon after, a zero noun right after it, then the end.

    Only `zero_nouns` end the phrase: 没有按规定出庭应诉 says nothing about the number of cases.
    """
    for start, subject_end in spans:
        if not 0 <= start - end <= _ZERO_GAP:
            continue
        for noun in terms.zero_nouns:
            noun_at = clause.find(noun, subject_end, subject_end + _SUBJECT_AFTER + len(noun))
            if noun_at >= 0 and len(clause[noun_at + len(noun) :].strip()) <= _ZERO_TAIL:
                return at, noun_at + len(noun)
    return None


def zero_after(clause: str, at: int, end: int, spans: list[tuple[int, int]], terms: Terms) -> tuple[int, int] | None:
    """行政应诉案件为零 (the zero word ends the clause) or 行政诉讼零败诉 (it precedes a zero noun)."""
    if not any(start < at for start, _ in spans):
        return None
    before = _FILLER.sub("", clause[:at])
    if not clause[end:].strip() and any(before.endswith(t) for t in terms.zero_nouns + terms.rates):
        return at, end
    following = next((noun for noun in terms.zero_nouns if clause.startswith(noun, end)), None)
    return (at, end + len(following)) if following else None


def table_figures(ctx: Context, index: int, text: str, terms: Terms) -> list[Figure]:
    """Cells of a Markdown or tab-separated row that count the subject: the row label or column header names it."""
    cells = row_cells(text)
    if cells is None or is_separator_row(cells):
        return []
    header = table_header(ctx, index, cells, terms.units)
    if header is None:
        return []
    label = cells[0].text
    figures = []
    for column, cell in enumerate(cells[1:], start=1):
        name = header[column].text if column < len(header) else ""
        count = cell_figure(cell, name, label, terms.units)
        if count and names_subject(label, name, terms):
            figures.append(
                Figure(cell.start, cell.start + len(cell.text), f"{label} {name} {count}".replace("  ", " "))
            )
    return figures


def table_header(ctx: Context, index: int, cells: list[Cell], units: tuple[str, ...]) -> list[Cell] | None:
    """The header row of the table a row belongs to: its first row, unless that holds counts (12件: no header).

    None when the row itself is the header.
    """
    kind = "\t" in ctx.doc.lines[index].text
    first = cells
    for before in range(index - 1, -1, -1):
        text = ctx.doc.lines[before].text
        row = row_cells(text)
        if row is None or ("\t" in text) != kind:
            break
        if not is_separator_row(row):
            first = row
    if any(cell_figure(c, "", "", units) for c in first):
        return []
    return None if first is cells else first


def cell_figure(cell: Cell, header: str, label: str, units: tuple[str, ...]) -> str:
    """A cell's number with its unit ("12件"): the unit written in the cell, else given by the column header
    or the row label; "" when the cell holds no number in one of `units`."""
    value = _NUMBER_CELL.fullmatch(cell.text)
    if value is None:
        return ""
    unit = value.group(2) or unit_for(header, value.group(1)) or unit_for(label, value.group(1))
    return value.group(1) + unit if unit in units else ""


def names_subject(label: str, header: str, terms: Terms) -> bool:
    """True when the row label or the column header names the subject and neither names something else."""
    if any(term in label or term in header for term in terms.not_subjects):
        return False
    return bool(subject_spans(label, terms) or subject_spans(header, terms))


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
