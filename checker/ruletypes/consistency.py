"""`consistency`: the figures a report writes about a subject do not contradict each other.

Only sentences (split on 。；!?) holding a `subjects` term are read. `check` is one of:

- `rate_at_most_100`: every number followed by % after a term ending in 率 is at most 100
  (纠错率为120% is impossible);
- `concluded_le_received`: within one sentence, the largest count after a `concluded`
  term (审结/办结/结案) is not above the largest count after a `received` term
  (收到/受理/收案/新收); a term right after 不予/不/未 (不予受理3件) is not a received count;
- `parts_sum`: within one sentence, a total introduced by a `total` term (共/合计/总计)
  equals the sum of the counts introduced by the `components` terms after it
  (共收到案件79件，其中一审案件51件、二审案件28件), when at least two components are given.

A count is a number with the unit 件/起/宗 (Arabic numerals, 1.2万件, or Chinese
numerals such as 十二件) found in the term's own clause, within a few characters of
it; approximate counts (50余件) are not checked.

pass: every check found holds; fail: a check does not hold (evidence at the sentence,
values = the numbers); n/a: no sentence gives figures this check can compare ("没有可核对的数据").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from checker.evaluate import Context, Verdict, plain_terms, prepared
from checker.match import any_of
from checker.model import FAIL, NA, PASS, Rule
from checker.normalize import fold
from checker.ruletypes.common import looked_in
from checker.ruletypes.registry import Field, RuleType, TypeDoc, problem, register, string_list

CHECKS = ("rate_at_most_100", "concluded_le_received", "parts_sum")
SETTINGS = (
    Field("subjects", "str_list", "只核对含这些主题词的句子", required=True),
    Field("check", "enum", "核对哪一种一致性", required=True, choices=CHECKS),
    Field("received", "str_list", "收案数的引导词（check: concluded_le_received）"),
    Field("concluded", "str_list", "结案数的引导词（check: concluded_le_received）"),
    Field("total", "str_list", "总数的引导词（check: parts_sum）"),
    Field("components", "str_list", "各分项的引导词（check: parts_sum）"),
    Field("scope", "str_list", "只在这些部分中核对"),
    Field("exclude", "str_list", "不在这些部分中核对"),
)
DEFAULTS: dict[str, tuple[str, ...]] = {
    "received": ("收到", "受理", "收案", "新收"),
    "concluded": ("审结", "办结", "结案"),
    "total": ("共", "合计", "总计"),
    "components": (),
}
# Which term lists each check reads.
USES = {
    "rate_at_most_100": (),
    "concluded_le_received": ("received", "concluded"),
    "parts_sum": ("total", "components"),
}

_SENTENCE = re.compile(r"[^;；。!?！？\n]+")
_CLAUSE_END = re.compile(r"[,，:：]")
_ITEM_END = re.compile(r"[,，:：、]")
_COUNT = re.compile(
    r"(?<![\d.第])(?:(\d+(?:\.\d+)?)\s*(万)?|(?!一起|一件事)([零〇一二两三四五六七八九十百千]{1,8}))"
    r"\s*(余|多)?\s*(件|起|宗)"
)
_UNIT = re.compile(r"[件起宗]")  # a count's unit (_COUNT): no count without one
# 率 ending a term (纠错率), not starting a word (率先, 率领).
_RATE_TERM = re.compile(r"率(?![先领队团])")
_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*%")
_NEGATIONS = ("不予", "不", "未")
# Words holding a term that are not that term (公共法律服务 is no total).
_COMPOUNDS = ("公共", "共同", "共享", "共建", "共治", "共识", "共性", "共青", "总结")
# How far after its term a count may start.
_WINDOW = 20
_CN_DIGITS = {**{c: i for i, c in enumerate("零一二三四五六七八九")}, "〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


class Count(NamedTuple):  # these three are named tuples, made by the thousand a report (as match.Hit)
    value: float
    term_at: int  # offsets in the sentence: of the term introducing the count
    start: int  # of the number
    end: int
    approximate: bool


class Found(NamedTuple):
    """One check made in one sentence: whether it holds, and the span of its terms and numbers."""

    ok: bool
    values: tuple[str, ...]
    detail: str
    start: int  # offsets in the sentence
    end: int


class Check(NamedTuple):
    line_index: int
    start: int  # offsets in the line
    end: int
    found: Found


def validate(rule: Rule) -> None:
    check = rule.settings.check
    if not all(string_list(rule, "subjects", required=True)):
        raise problem(rule, "subjects 中不能有空字符串")
    for key in DEFAULTS:
        values = string_list(rule, key)
        if key in rule.params and key not in USES[check]:
            raise problem(rule, f"{key} 只用于 check: {next(c for c, keys in USES.items() if key in keys)}")
        if key in rule.params and (not values or not all(values)):
            raise problem(rule, f"{key} 应是非空的词语列表")
    if check == "parts_sum" and not string_list(rule, "components"):
        raise problem(rule, "check: parts_sum 须写明 components（各分项的引导词，如 [一审, 二审]）")


class Words(NamedTuple):
    """The words a consistency rule reads, folded as the text is."""

    subjects: tuple[str, ...]
    terms: dict[str, list[str]]  # the term lists its check reads (USES)


def words_of(rule: Rule, ctx: Context) -> Words:
    """The rule's words for this report; worked out once per rule when none names a variable."""
    fixed = prepared(rule, fixed_words)
    return fixed if fixed is not None else words_read(rule, ctx.terms)


def fixed_words(rule: Rule) -> Words | None:
    """words_of for a rule none of whose words names a variable (they read the same in every report), else None."""
    lists = (string_list(rule, "subjects"), *(word_lists(rule).values()))
    return words_read(rule, tuple) if all(plain_terms(tuple(words)) for words in lists) else None


def words_read(rule: Rule, terms: Callable[[Sequence[str]], Sequence[str]]) -> Words:
    """The rule's words folded, each list read through `terms`: a report's variables filled in (Context.terms),
    or as written."""
    subjects = folded(tuple(terms(string_list(rule, "subjects"))))
    return Words(subjects, {key: list(folded(tuple(terms(words)))) for key, words in word_lists(rule).items()})


def word_lists(rule: Rule) -> dict[str, Sequence[str]]:
    """The term lists the rule's check reads (USES), its own or the defaults."""
    return {key: string_list(rule, key) or DEFAULTS[key] for key in USES[rule.settings.check]}


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    scope, exclude = string_list(rule, "scope"), string_list(rule, "exclude")
    subjects, terms = words_of(rule, ctx)
    check = rule.settings.check
    checks: list[Check] = []
    named = any_of(subjects).search
    for index in ctx.lines_holding(ctx.lines_in(scope, exclude), subjects):
        for at, words in ctx.pieces(index, _SENTENCE):
            if named(words) is None:
                continue
            for found in checks_in(check, words, terms):
                checks.append(Check(index, at + found.start, at + found.end, found))
    if not checks:
        # No figures to compare is no evidence of consistency: the item is left out of the score.
        return Verdict(NA, detail="没有可核对的数据", looked_in=looked_in(ctx, scope, exclude))
    wrong = [c for c in checks if not c.found.ok]
    shown = wrong or checks
    evidence = tuple(ctx.evidence(c.line_index, c.start, c.end) for c in shown[:3])
    if wrong:
        values = tuple(dict.fromkeys(v for c in wrong for v in c.found.values))[:10]
        detail = "；".join(dict.fromkeys(c.found.detail for c in wrong[:3]))
        if len(wrong) > 3:
            detail += f"（共 {len(wrong)} 处）"
        return Verdict(FAIL, evidence, detail, looked_in=looked_in(ctx, scope, exclude), values=values)
    return Verdict(PASS, evidence, f"核对了 {len(checks)} 处数据，没有发现矛盾")


@lru_cache(maxsize=1024)
def folded(terms: tuple[str, ...]) -> tuple[str, ...]:
    """A rule's terms folded as the text is (once, not for every report)."""
    return tuple(fold(t) for t in terms)


def checks_in(check: str, sentence: str, terms: dict[str, list[str]]) -> list[Found]:
    """Each check of the kind asked for that one sentence allows."""
    # Most sentences naming a subject give no figure: a rate needs 率 and %, a count its unit (件/起/宗).
    if check == "rate_at_most_100":
        return rate_checks(sentence) if "率" in sentence and "%" in sentence else []
    if _UNIT.search(sentence) is None:
        return []
    if check == "concluded_le_received":
        return received_checks(sentence, terms["received"], terms["concluded"])
    return sum_checks(sentence, terms["total"], terms["components"])


def rate_checks(sentence: str) -> list[Found]:
    out = []
    seen: set[int] = set()
    for rate in _RATE_TERM.finditer(sentence):
        clause = clause_after(sentence, rate.end(), _CLAUSE_END, window=None)
        for number in _PERCENT.finditer(sentence, rate.end(), clause):
            if number.start() in seen:
                continue
            seen.add(number.start())
            written = number.group(1)
            name = rate_name(sentence[: rate.end()])
            ok = float(written) <= 100
            detail = "" if ok else f"{name}为{written}%，超过100%"
            out.append(Found(ok, (written,), detail, rate.end() - len(name), number.end()))
    return out


def rate_name(before: str) -> str:
    """The term ending in 率 (纠错率, 出庭应诉率), as far back as the clause goes."""
    match = re.search(r"[^\d\s,，:：、%()（）为达是的和与及]{1,8}率$", before)
    return match.group() if match else "率"


def received_checks(sentence: str, received: list[str], concluded: list[str]) -> list[Found]:
    got = counts_after(sentence, received, _CLAUSE_END)
    done = counts_after(sentence, concluded, _CLAUSE_END) if got else []
    if not got or not done:
        return []
    got_term, top_got = max(got, key=lambda c: c[1].value)
    done_term, top_done = max(done, key=lambda c: c[1].value)
    values = (number(top_got.value), number(top_done.value))
    start = min(top_got.term_at, top_done.term_at)
    end = max(top_got.end, top_done.end)
    if top_done.value <= top_got.value:
        return [Found(True, values, "", start, end)]
    detail = (
        f"{done_term}{number(top_done.value)}件，多于{got_term}{number(top_got.value)}件"
        f"（{done_term}数不应超过{got_term}数）"
    )
    return [Found(False, values, detail, start, end)]


def sum_checks(sentence: str, totals: list[str], components: list[str]) -> list[Found]:
    found = sorted(counts_after(sentence, totals, _CLAUSE_END), key=lambda c: c[1].start)
    found = list({c.start: (t, c) for t, c in found}.values())
    out = []
    for i, (term, total) in enumerate(found):
        limit = found[i + 1][1].term_at if i + 1 < len(found) else len(sentence)
        parts = [c for _, c in counts_after(sentence, components, _ITEM_END, start=total.end) if c.start < limit]
        parts = sorted({c.start: c for c in parts}.values(), key=lambda c: c.start)
        if len(parts) < 2:
            continue
        added = sum(c.value for c in parts)
        values = (number(total.value), *(number(c.value) for c in parts))
        end = max(c.end for c in parts)
        if abs(added - total.value) < 1e-9:
            out.append(Found(True, values, "", total.term_at, end))
        else:
            listed = "+".join(number(c.value) for c in parts)
            detail = f"总数（{term}）{number(total.value)}件，但各分项之和为 {listed}={number(added)}件"
            out.append(Found(False, values, detail, total.term_at, end))
    return out


def counts_after(sentence: str, terms: list[str], ends: re.Pattern[str], start: int = 0) -> list[tuple[str, Count]]:
    """(term, its count) for each occurrence of a term from `start` on that a count follows."""
    out: list[tuple[str, Count]] = []
    for term in terms:
        at = sentence.find(term, start)
        while at >= 0:
            if not negated(sentence, at) and not in_compound(sentence, at, term):
                count = first_count(sentence, at, at + len(term), ends)
                if count is not None and not count.approximate:
                    out.append((term, count))
            at = sentence.find(term, at + len(term))
    return out


def negated(sentence: str, at: int) -> bool:
    return sentence.endswith(_NEGATIONS, 0, at)  # one test of the text before the term, not a copy per word


def in_compound(sentence: str, at: int, term: str) -> bool:
    return any(at >= offset and sentence.startswith(word, at - offset) for word, offset in compounds_holding(term))


@lru_cache(maxsize=1024)
def compounds_holding(term: str) -> tuple[tuple[str, int], ...]:
    """The words of _COMPOUNDS holding the term (not it), each with the term's offset: per term, not per hit."""
    return tuple((word, word.find(term)) for word in _COMPOUNDS if word != term and term in word)


def clause_after(sentence: str, start: int, ends: re.Pattern[str], window: int | None = _WINDOW) -> int:
    """Where the clause starting at `start` ends (at most `window` characters on, when given)."""
    end = ends.search(sentence, start)
    stop = end.start() if end else len(sentence)
    return stop if window is None else min(stop, start + window)


def first_count(sentence: str, term_at: int, start: int, ends: re.Pattern[str]) -> Count | None:
    """The first count in the clause right after a term."""
    stop = clause_after(sentence, start, ends)
    match = _COUNT.search(sentence, start, min(len(sentence), stop + 8))
    if match is None or match.start() >= stop:
        return None
    if match.group(1):
        value = float(match.group(1)) * (10000 if match.group(2) else 1)
    else:
        parsed = chinese_number(match.group(3))
        if parsed is None:
            return None
        value = float(parsed)
    return Count(value, term_at, match.start(), match.end(), bool(match.group(4)))


def chinese_number(text: str) -> int | None:
    """十二 -> 12, 一百零五 -> 105, 两千 -> 2000; None when it is no number."""
    total, digit = 0, None
    for char in text:
        if char in _CN_DIGITS:
            if digit:
                return None  # 一二: no number is written this way
            digit = _CN_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[char]
            digit = None
    return total + (digit or 0)


def number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


# The Chinese reference of this type (docs/rule-types.md is generated from it: python -m tests.regen_docs).
REFERENCE = TypeDoc(
    intro=(
        "报告中的数据前后一致：比率不超过 100%，审结数不超过收案数，合计等于各分"
        "项之和。只核对含 `subjects` 中的词的句子。"
    ),
    required={
        "received": "否（仅 `concluded_le_received`）",
        "concluded": "否（仅 `concluded_le_received`）",
        "total": "否（仅 `parts_sum`）",
        "components": "`parts_sum` 时必填",
    },
    notes={
        "subjects": ("主题词，选出要核对的句子，如 `[复议]`、`[应诉]`；写 `[率]` 即核对所有比率"),
        "check": ("`rate_at_most_100`、`concluded_le_received` 或 `parts_sum`"),
        "received": "引出收案数的词，默认 `[收到, 受理, 收案, 新收]`",
        "concluded": "引出结案数的词，默认 `[审结, 办结, 结案]`",
        "total": "引出合计数的词，默认 `[共, 合计, 总计]`",
        "components": "引出各分项的词，如 `[一审, 二审]`",
    },
    guide=(
        "各项核对：\n"
        "\n"
        "- `rate_at_most_100`：以“率”结尾的词（纠错率、出庭应诉"
        "率；“率先”“率领”不算）之后、同一分句中的百分数都不超过 100。\n"
        "- `concluded_le_received`：同一句中，结案词后的最大"
        "件数不超过收案词后的最大件数（收到64件，受理58件，审结51件 ✓；\n"
        "  受理40件，审结51件 ✗）。紧跟在“不予”“不”“未”之后的词不算（不"
        "予受理3件、未审结1件）。\n"
        "- `parts_sum`：同一句中，合计词引出的总数等于其后各分项件数之和"
        "（共收到案件79件，其中一审案件51件、二审案件28件 ✓）；\n"
        "  只有一个分项时不核对。“公共”“共同”“共享”等词中的“共”不算合计。\n"
        "\n"
        "件数是数字加单位“件、起、宗”，须在该词所在分句中、紧随其后（20 字以内）"
        "；阿拉伯数字、“1.2万件”和中文数字\n"
        "（十二件、一百零五件）都可以；约数（50余件）不核对。"
    ),
    statuses=(
        "- ✓：找到的每一处都一致（情况“核对了 N 处数据，没有发现矛盾”，证据为"
        "核对过的句子）。\n"
        "- —：没有可核对的数据（情况“没有可核对的数据”）。\n"
        "- ✗：有不一致的（证据为不一致的句子，最多 3 处；`values` 为涉"
        "及的数字；情况中写明哪两个数不一致）。"
    ),
    examples=(
        (
            "- id: consistency.review-counts\n"
            "  type: consistency\n"
            "  part: measures\n"
            "  title: 行政复议收结案数前后一致\n"
            "  severity: warning\n"
            "  basis: 行政复议、行政应诉案件统计制度\n"
            "  message: 行政复议的审结数不应多于收案数。\n"
            "  suggestion: 核对收到、受理、审结的案件数；审结数含上年结转案"
            "件的，写明“含上年结转X件”并分别列出。\n"
            "  subjects: [复议]\n"
            "  check: concluded_le_received\n"
        ),
        (
            "- id: consistency.litigation-sum\n"
            "  type: consistency\n"
            "  part: measures\n"
            "  title: 行政应诉案件合计与分项一致\n"
            "  severity: warning\n"
            "  basis: 行政复议、行政应诉案件统计制度\n"
            "  message: 行政应诉案件的合计数应等于一审、二审等分项之和。\n"
            "  suggestion: 核对合计数与各分项，使之一致。\n"
            "  subjects: [应诉, 诉讼]\n"
            "  check: parts_sum\n"
            "  components: [一审, 二审, 再审]\n"
        ),
        (
            "- id: consistency.rates\n"
            "  type: consistency\n"
            "  part: measures\n"
            "  title: 比率不超过100%\n"
            "  severity: warning\n"
            "  basis: 统计常识：纠错率、出庭应诉率等比率不可能超过100%\n"
            "  message: 报告中的比率不应超过100%。\n"
            "  suggestion: 核对比率的分子和分母。\n"
            "  subjects: [率]\n"
            "  check: rate_at_most_100\n"
        ),
    ),
)


TYPE = register(
    RuleType(
        name="consistency",
        evaluate=evaluate,
        validate=validate,
        settings=SETTINGS,
        reference=REFERENCE,
        doc="数据一致性：比率不超过100%、审结数不超过收案数、合计等于各分项之和（在主题词所在句中核对）。",
    )
)
