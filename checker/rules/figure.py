"""`figure`: the report gives figures for a subject (cases received, rates...).

A figure is a number with a unit in a sentence about a subject term, and it
must count what the rule counts: the words of its clause right before the number end with a
`counted` noun (行政复议案件9件) or a `rates` term (出庭应诉率为100%), or the
number is followed by one (受理9件行政复议案件). A year, an ordinal (第3次) or a
count of something else (移送函106件) is not a figure of the subject.

pass: a figure; partial: the subject is discussed without one; fail: absent.
"""

from __future__ import annotations

import re

from checker.evaluate import Context, Verdict
from checker.model import FAIL, PARTIAL, PASS, Rule
from checker.rules.keywords import looked_in
from checker.rules.registry import RuleType, check_known_fields, problem, register, string_list, threshold

FIELDS = ("subjects", "counted", "rates", "units", "scope", "exclude")
_SENTENCE = re.compile(r"[^;；。!?！？\n]+")
_CLAUSE = re.compile(r"[^,，:：]+")
_FILLER = re.compile(r"(?:共计|合计|总计|共|计|达到|达|为|是|了|有|约|近|超过|逾|分别|累计|均|全部|已|\s)*$")


def validate(rule: Rule) -> None:
    check_known_fields(rule, FIELDS)
    string_list(rule, "subjects", required=True)
    if not string_list(rule, "counted") and not string_list(rule, "rates"):
        raise problem(rule, "figure 类型至少要有 counted 或 rates")
    string_list(rule, "units", required=True)
    for pattern in string_list(rule, "counted") + string_list(rule, "rates"):
        if not pattern:
            raise problem(rule, "counted/rates 中不能有空字符串")


def number_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    # Arabic numbers, or small numbers in Chinese numerals (审结行政复议案件十二件).
    return re.compile(
        r"(?<![\d.第])(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]{1,6}(?=[余多]?(?:" + alternatives + r")))"
        r"\s*(?:余|多)?\s*(" + alternatives + ")"
    )


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    scope, exclude = string_list(rule, "scope"), string_list(rule, "exclude")
    lines = ctx.lines_in(scope, exclude)
    subjects = ctx.terms(string_list(rule, "subjects"))
    counted, rates = string_list(rule, "counted"), string_list(rule, "rates")
    numbers = number_pattern(string_list(rule, "units"))
    figures, mentions = [], []
    for index in lines:
        text = ctx.doc.lines[index].text
        if not any(s in text for s in subjects):
            continue
        for sentence in _SENTENCE.finditer(text):
            words = sentence.group()
            subject = next((s for s in subjects if s in words), None)
            if subject is None:
                continue
            if not mentions:
                start = sentence.start() + words.index(subject)
                mentions.append(ctx.evidence(index, start, start + len(subject)))
            for clause in _CLAUSE.finditer(words):
                offset = sentence.start() + clause.start()
                for number in numbers.finditer(clause.group()):
                    if counts_subject(clause.group(), number, counted, rates):
                        figures.append((index, offset + number.start(), offset + number.end(), clause.group()))
    if figures:
        evidence = tuple(ctx.evidence(i, s, e) for i, s, e, _ in figures[:3])
        values = tuple(dict.fromkeys(w.strip() for *_, w in figures))[:10]
        return Verdict(PASS, evidence, f"找到 {len(figures)} 个数据", values=values)
    where = looked_in(ctx, scope, exclude)
    if mentions:
        return Verdict(PARTIAL, tuple(mentions), "有相关表述，但没有具体数据", looked_in=where)
    if not subjects or threshold(rule) >= 100:
        return Verdict(FAIL, detail="没有找到相关内容", looked_in=where)
    for subject in subjects:
        hits = ctx.find(subject, lines, threshold(rule), limit=1)
        if hits:
            h = hits[0]
            evidence = (ctx.evidence(h.line_index, h.hit.start, h.hit.end, h.hit.similarity),)
            return Verdict(PARTIAL, evidence, "有相关表述，但没有具体数据", looked_in=where)
    return Verdict(FAIL, detail="没有找到相关内容", looked_in=where)


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


TYPE = register(
    RuleType(
        name="figure",
        evaluate=evaluate,
        validate=validate,
        fields=FIELDS,
        doc="数据：主题词所在分句中须有计数或比率（数字+单位），且数字计的是规定的对象。",
    )
)
