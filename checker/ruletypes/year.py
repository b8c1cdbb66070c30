"""`year`: the years a part names as its own time frame are the expected year.

Used for the plan part: when it names a year ("2025年工作安排", "2025年，我局将……")
that year must be report year + 1. Years inside 《》 titles, ranges (2021—2025年) and
deadlines (到2035年) are not the plan's year.

pass: every year named is the expected one; fail: another year is named; partial: the
report year is unknown; n/a: the part is absent (its own rule reports that) or names no
year (明年, 下一步): there is no year to check.
"""

from __future__ import annotations

import re

from checker.evaluate import Context, Verdict
from checker.model import FAIL, NA, PARTIAL, PASS, Rule
from checker.ruletypes.registry import Field, RuleType, TypeDoc, problem, register

SETTINGS = (Field("expect", "word", '该部分应写的年份，如 "{next_year}"', required=True),)
_BOOK_TITLE = re.compile(r"《[^》]*》")
_RANGE = re.compile(r"(?:19|20)\d{2}\s*[-—–~～至到]+\s*(?:19|20)\d{2}\s*年")
_DEADLINE = re.compile(r"(?:到|至|截至|截止|于|在)\s*((?:19|20)\d{2})\s*年")
_HEADING_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# A body sentence opening with the year, or the year followed by what will be done.
_BODY_YEAR = re.compile(
    r"(?:^|[。；;])\s*(?:\(?[一二三四五六七八九十\d]{1,3}[)、.]\s*)?((?:19|20)\d{2})\s*年(?:度)?(?:[,，]|[^,，。]{0,6}?(?:将|要|计划|拟|工作|重点))"
)


def validate(rule: Rule) -> None:
    if not rule.part:
        raise problem(rule, "year 类型的规则须写明 part（要检查的部分）")


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    expected = ctx.expand(rule.settings.expect)
    hits = ctx.parts.hits.get(rule.part, ())
    if not hits:
        where = f"{ctx.describe((rule.part,))}部分"
        return Verdict(NA, detail=f"报告中没有{where}，无年份可核对（缺少该部分另有规则提示）", looked_in=where)
    if not expected.isdigit():
        return Verdict(PARTIAL, detail="无法确定报告年度，未能核对年份；可用 --year 指定")
    named = []
    for hit in hits:
        section = hit.section
        heading_line = section.line_index
        for match in years_in_heading(section.heading):
            start = ctx.doc.lines[heading_line].text.find(match)
            named.append((heading_line, max(start, 0), match))
        for index in range(heading_line, section.end_index):
            for year, start in years_in_body(ctx.doc.lines[index].text):
                named.append((index, start, year))
    if not named:
        headings = tuple(ctx.heading_evidence(h.section, h.similarity) for h in hits[:2])
        # 明年 / 下一步 cannot name a wrong year, nor prove the right one.
        return Verdict(NA, headings, "未写明年份（如“明年”“下一步”），无年份可核对")
    wrong = [n for n in named if n[2] != expected]
    chosen = list(dict.fromkeys(wrong or named))[:3]
    evidence = tuple(ctx.evidence(i, start, start + 5) for i, start, _ in chosen)
    if wrong:
        years = "、".join(sorted({w[2] for w in wrong}))
        return Verdict(
            FAIL, evidence, f"写的是 {years} 年，应为 {expected} 年", values=tuple(sorted({w[2] for w in wrong}))
        )
    return Verdict(PASS, evidence, f"写明的年份为 {expected} 年")


def years_in_heading(heading: str) -> list[str]:
    cleaned = _RANGE.sub("", _BOOK_TITLE.sub("", heading))
    cleaned = _DEADLINE.sub("", cleaned)
    return [m.group(1) for m in _HEADING_YEAR.finditer(cleaned)]


def years_in_body(text: str) -> list[tuple[str, int]]:
    """Years a body line names as the plan's own year, with their offsets."""
    masked = _BOOK_TITLE.sub(lambda m: " " * len(m.group()), text)
    masked = _RANGE.sub(lambda m: " " * len(m.group()), masked)
    return [(m.group(1), m.start(1)) for m in _BODY_YEAR.finditer(masked)]


# The Chinese reference of this type (docs/rule-types.md is generated from it: python -m tests.regen_docs).
REFERENCE = TypeDoc(
    intro="某一部分写明的年份是期望的年份（用于“下一年度安排”须为报告年度 + 1）。",
    part_field="要检查的部分",
    notes={
        "expect": '期望的年份，通常写 `"{next_year}"`',
    },
    guide=(
        "该部分标题中的年份，以及正文中作为“本部分年份”的写法（句首“2025年，我"
        "县将……”“2025年工作重点”）都要核对；\n"
        "书名号中的年份、年份区间（2021—2025年）和期限（到2035年）不算。"
    ),
    statuses=(
        "- ✓：写明的年份都是期望年份。\n"
        "- —：没写年份（“明年”“下一步”），或报告中没有该部分（缺少该部分由别的"
        "规则提示）：没有年份可核对。\n"
        "- △：无法确定报告年度，未能核对（可用 `--year` 指定）。\n"
        "- ✗：写了别的年份（`values` 为这些年份）。"
    ),
    examples=(
        (
            "- id: year.next-plan\n"
            "  type: year\n"
            "  part: next-year\n"
            "  title: 下一年度安排的年份正确\n"
            "  severity: warning\n"
            "  basis: 《法治政府建设与责任落实督察工作规定》第四章（年度报告）第"
            "4项内容\n"
            "  message: 下一年度安排写明的年份应是 {next_year} 年"
            "。\n"
            "  suggestion: 把安排部分的年份改为 {next_year} 年"
            "，或写“明年”。\n"
            '  expect: "{next_year}"\n'
        ),
    ),
)


TYPE = register(
    RuleType(
        name="year",
        evaluate=evaluate,
        validate=validate,
        settings=SETTINGS,
        reference=REFERENCE,
        doc="年份：某部分写明的年份须为期望年份（如下一年度安排须为报告年度+1）。",
    )
)
