"""`freshness`: a term that fits only reports of some years (七五普法, 二十届四中全会...).

`term` (or `terms`) is valid for report years `valid_from`..`valid_to` (inclusive,
either may be left open). A mention in a sentence that also holds a `retrospective`
term (收官, 总结, 圆满完成, 验收...) looks back and is fine in any year.

pass: the report year is inside the window, or every mention is retrospective; fail:
the term is used, not retrospectively, in a report whose year is outside the window
(the detail says what to write `instead`); partial: the term is present but the report
year is unknown ("无法确定报告年度"); n/a: the term is absent (nothing to date).
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.evaluate import Context, Verdict
from checker.model import FAIL, NA, PARTIAL, PASS, Rule
from checker.normalize import fold
from checker.rules.registry import RuleType, check_known_fields, problem, register, string_list

FIELDS = ("term", "terms", "valid_from", "valid_to", "instead", "retrospective")
RETROSPECTIVE = ("收官", "总结", "圆满完成", "顺利完成", "验收", "回顾")
LOOKED_IN = "全文"
_SENTENCE = re.compile(r"[^;；。!?！？\n]+")
_YEARS = range(1949, 2201)


def validate(rule: Rule) -> None:
    check_known_fields(rule, FIELDS)
    if ("term" in rule.params) == ("terms" in rule.params):
        raise problem(rule, "freshness 类型须写明 term（一个词）或 terms（词语列表），二者取其一")
    if "term" in rule.params:
        term = rule.params["term"]
        if not isinstance(term, (str, int)) or not str(term).strip():
            raise problem(rule, "term 应是非空的词语")
    elif not all(s.strip() for s in string_list(rule, "terms", required=True)) or not rule.params["terms"]:
        raise problem(rule, "terms 应是非空的词语列表")
    bounds = [rule.params.get(key) for key in ("valid_from", "valid_to")]
    if bounds == [None, None]:
        raise problem(rule, "freshness 类型须写明 valid_from 或 valid_to（报告年度，含端点）")
    for key, value in zip(("valid_from", "valid_to"), bounds, strict=True):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value not in _YEARS):
            raise problem(rule, f"{key} 应是年份（如 2021），现为 {value!r}")
    if None not in bounds and bounds[0] > bounds[1]:
        raise problem(rule, f"valid_from（{bounds[0]}）不能晚于 valid_to（{bounds[1]}）")
    instead = rule.params.get("instead")
    if not isinstance(instead, str) or not instead.strip():
        raise problem(rule, "freshness 类型须写明 instead（应改用的写法，中文）")
    if "retrospective" in rule.params and not all(s.strip() for s in string_list(rule, "retrospective")):
        raise problem(rule, "retrospective 中不能有空字符串")


def terms_of(rule: Rule) -> tuple[str, ...]:
    if "term" in rule.params:
        return (str(rule.params["term"]),)
    return string_list(rule, "terms")


def window(rule: Rule) -> str:
    low, high = rule.params.get("valid_from"), rule.params.get("valid_to")
    if low is not None and high is not None:
        return f"{low} 年度" if low == high else f"{low}—{high} 年度"
    if low is not None:
        return f"{low} 年度及以后"
    return f"{high} 年度及以前"


def in_window(rule: Rule, year: int) -> bool:
    low, high = rule.params.get("valid_from"), rule.params.get("valid_to")
    return (low is None or year >= low) and (high is None or year <= high)


# Rule terms repeat across reports; lines do not, so only terms are cached.
folded = lru_cache(maxsize=4096)(fold)


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    retrospective = [folded(t) for t in ctx.terms(string_list(rule, "retrospective") or RETROSPECTIVE)]
    mentions = []  # (line index, start, end, term, retrospective)
    for term in dict.fromkeys(folded(t) for t in ctx.terms(terms_of(rule))):
        if term not in ctx.doc.text:  # most dated terms are absent: one search of the whole text
            continue
        for index, line in enumerate(ctx.doc.lines):
            at = line.text.find(term)
            while at >= 0:
                sentence = sentence_at(line.text, at)
                mentions.append((index, at, at + len(term), term, any(r in sentence for r in retrospective)))
                at = line.text.find(term, at + len(term))
    mentions.sort()
    if not mentions:
        # The rule asks "is this term used in a year it fits?": without the term there is no question.
        return Verdict(NA, detail=f"没有出现“{'”“'.join(terms_of(rule))}”", looked_in=LOOKED_IN)
    year = ctx.doc.report_year
    evidence = tuple(ctx.evidence(i, s, e) for i, s, e, *_ in mentions[:3])
    names = "”“".join(dict.fromkeys(m[3] for m in mentions))
    if year is None:
        return Verdict(PARTIAL, evidence, "无法确定报告年度", looked_in=LOOKED_IN, values=(names,))
    if in_window(rule, year):
        return Verdict(PASS, evidence, f"“{names}”适用于 {window(rule)}，本报告为 {year} 年度")
    current = [m for m in mentions if not m[4]]
    if not current:
        return Verdict(PASS, evidence, f"“{names}”只作回顾性提及（{year} 年度报告）")
    term = current[0][3]
    detail = (
        f"“{term}”只适用于 {window(rule)}的报告，本报告为 {year} 年度（共 {len(current)} 处，非回顾性提及）；"
        f"应改为：{ctx.wording(str(rule.params['instead']))}"
    )
    shown = tuple(ctx.evidence(i, s, e) for i, s, e, *_ in current[:3])
    values = tuple(dict.fromkeys(m[3] for m in current))
    return Verdict(FAIL, shown, detail, looked_in=LOOKED_IN, values=values)


def sentence_at(text: str, offset: int) -> str:
    """The sentence of a line holding an offset."""
    for sentence in _SENTENCE.finditer(text):
        if sentence.start() <= offset < sentence.end():
            return sentence.group()
    return text


TYPE = register(
    RuleType(
        name="freshness",
        evaluate=evaluate,
        validate=validate,
        fields=FIELDS,
        doc="时效：某词只适用于 valid_from—valid_to 年度的报告；年度不符且非回顾性提及为不符合。",
    )
)
