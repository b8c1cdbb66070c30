"""`meta`: facts about the report that its metadata holds, not its text.

`check: published` — the report was published by `deadline` (an ISO date that may
use {next_year}: "{next_year}-04-01" nationally; some provinces ask departments
for 1 March). pass: published on or before the deadline; fail: after it; n/a: no publication
date known (a draft, or a text without page metadata): nothing to check, shown
apart and left out of the score; partial: a date but no report year, so the
deadline itself is unknown (--year settles it).

`check: title` — the title line names what it must: every `require` term, no
`forbid_terms` term (工作总结), and with `require_year: true` the report year.
pass: all hold; fail: something is missing or forbidden (evidence: the title line);
partial: the report has no title line.
"""

from __future__ import annotations

import re
from datetime import date

from checker.evaluate import Context, Verdict
from checker.model import FAIL, NA, PARTIAL, PASS, Rule
from checker.normalize import fold
from checker.ruletypes.registry import Field, RuleType, TypeDoc, problem, register, string_list

CHECKS = ("published", "title")
SETTINGS = (
    Field("check", "enum", "核对什么：published 发布日期，title 标题", required=True, choices=CHECKS),
    Field("deadline", "date", '发布期限（check: published），如 "{next_year}-04-01"'),
    Field("require", "str_list", "标题须含的词（check: title）"),
    Field("forbid_terms", "str_list", "标题不应含的词（check: title）"),
    Field("require_year", "bool", "标题须写明报告年度（check: title）", False),
)
CHECK_FIELDS = {"published": ("check", "deadline"), "title": ("check", "require", "forbid_terms", "require_year")}
TITLE_LOOKED_IN = "标题行"
_CN_YEAR_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
LOOKED_IN = "页面元数据（发布日期/发文日期）"
# Years to try a deadline template with when validating it (any year will do).
_SAMPLE = {"year": "2000", "next_year": "2001", "prev_year": "1999"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?![\d-])")


def validate(rule: Rule) -> None:
    allowed = CHECK_FIELDS[rule.settings.check]
    unknown = sorted(set(rule.params) - set(allowed) - {"fuzzy_threshold"})
    if unknown:
        raise problem(rule, f"未知字段 {'、'.join(unknown)}（{rule.type} 类型可用：{'、'.join(allowed)}）")
    if rule.settings.check == "title":
        validate_title(rule)
        return
    deadline = (rule.settings.deadline or "").strip()
    sample = re.sub(r"\{(\w+)\}", lambda m: _SAMPLE.get(m.group(1), m.group(0)), deadline)
    if parse_date(sample) is None:
        raise problem(rule, f'deadline 应是日期，如 "{{next_year}}-04-01"（现为 "{deadline}"）')


def parse_date(text: str) -> date | None:
    """An ISO date, also the date part of an ISO timestamp (document properties give those)."""
    match = _ISO_DATE.match(text.strip())
    if not match:
        return None
    try:
        return date.fromisoformat(match.group())
    except ValueError:
        return None


def validate_title(rule: Rule) -> None:
    for key in ("require", "forbid_terms"):
        if not all(term.strip() for term in string_list(rule, key)):
            raise problem(rule, f"{key} 中不能有空字符串")
    year = rule.settings.require_year
    if not string_list(rule, "require") and not string_list(rule, "forbid_terms") and not year:
        raise problem(rule, "check: title 至少要有 require、forbid_terms 或 require_year: true 之一")


def evaluate_title(rule: Rule, ctx: Context) -> Verdict:
    title = ctx.doc.title
    if not title:
        return Verdict(PARTIAL, detail="报告没有标题行", looked_in=TITLE_LOOKED_IN)
    index = next((i for i, line in enumerate(ctx.doc.lines[:4]) if line.text.strip("#* ") == title), None)
    evidence = ()
    if index is not None:
        text = ctx.doc.lines[index].text
        evidence = (ctx.evidence(index, text.find(title), text.find(title) + len(title)),)
    require, forbid = ([fold(t) for t in ctx.terms(string_list(rule, key))] for key in ("require", "forbid_terms"))
    problems = [f"缺少“{term}”" for term in require if term not in title]
    problems += [f"不应写“{term}”" for term in forbid if term in title]
    year = ctx.doc.report_year
    if rule.settings.require_year:
        if year is None:
            problems.append("没有写明报告年度")
        elif str(year) not in title and str(year).translate(_CN_YEAR_DIGITS) not in title:
            problems.append(f"没有写明报告年度 {year} 年")
    if problems:
        return Verdict(FAIL, evidence, "标题" + "；".join(problems), looked_in=TITLE_LOOKED_IN, values=(title,))
    return Verdict(PASS, evidence, "标题符合要求", values=(title,))


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    if rule.settings.check == "title":
        return evaluate_title(rule, ctx)
    published_text = ctx.doc.meta.get("published", "")
    published = parse_date(published_text)
    if published is None:
        # A draft has no publication date yet: the deadline cannot be missed or met.
        return Verdict(NA, detail="未找到发布日期（如尚未发布的草稿），无法核对", looked_in=LOOKED_IN)
    deadline_text = ctx.expand(rule.settings.deadline)
    deadline = parse_date(deadline_text)
    if deadline is None:
        # The template names the report year, and the year is unknown.
        detail = f"发布日期为 {published_text}，但无法确定报告年度，未能核对期限；可用 --year 指定"
        return Verdict(PARTIAL, detail=detail, looked_in=LOOKED_IN, values=(published_text,))
    if published <= deadline:
        return Verdict(PASS, detail=f"发布日期 {published_text}，未晚于 {deadline_text}", values=(published_text,))
    late = (published - deadline).days
    detail = f"发布日期 {published_text}，晚于期限 {deadline_text}（晚 {late} 天）"
    return Verdict(FAIL, detail=detail, looked_in=LOOKED_IN, values=(published_text,))


# The Chinese reference of this type (docs/rule-types.md is generated from it: python -m tests.regen_docs).
REFERENCE = TypeDoc(
    intro=("报告本身的情况：发布日期（页面元数据）或标题。`check` 决定检查什么，各有自己的字段。"),
    required={
        "deadline": "`published` 时必填",
        "require": "`title` 时三者至少一个",
        "forbid_terms": "同上",
        "require_year": "同上",
    },
    notes={
        "check": "`published`（按时发布）或 `title`（标题）",
        "deadline": ('期限，ISO 日期，可用变量，如 `"{next_year}-04-01"`（当天发布仍算按时）'),
        "require": "标题必须包含的词，如 `[法治政府建设, 报告]`",
        "forbid_terms": "标题不应包含的词，如 `[工作总结]`",
        "require_year": ("`true` 时标题须写明报告年度（阿拉伯数字“2024”或“二〇二四”均可）"),
    },
    statuses=(
        "`check: published`：\n"
        "\n"
        "- ✓：发布日期不晚于期限。\n"
        "- —：找不到发布日期（如尚未发布的草稿，“未找到发布日期（如尚未发布的草稿"
        "），无法核对”）。\n"
        "- △：有发布日期，但报告年度不确定，期限无法计算（可用 `--year` "
        "指定）。\n"
        "- ✗：晚于期限（情况中写明发布日期、期限和晚了几天）。\n"
        "\n"
        "`check: title`：\n"
        "\n"
        "- ✓：标题含有 `require` 中的每个词、不含 `forbid_te"
        "rms` 中的词，要求时写明了报告年度。证据为标题行。\n"
        "- △：报告没有标题行（“报告没有标题行”）。\n"
        "- ✗：有不符合的（情况中逐项写明缺少什么、不应写什么）。"
    ),
    examples=(
        (
            "- id: meta.title\n"
            "  type: meta\n"
            "  part: measures\n"
            "  title: 报告标题规范\n"
            "  severity: warning\n"
            "  basis: 某省法治政府建设年度报告工作指引（名称统一为“法治政府建设"
            "年度报告”）\n"
            "  message: 标题应写明报告年度和“法治政府建设”，不应称“工作总结"
            "”。\n"
            "  suggestion: 标题写作“××县人民政府关于{year}年度法治"
            "政府建设情况的报告”。\n"
            "  check: title\n"
            "  require: [法治政府建设, 报告]\n"
            "  forbid_terms: [工作总结]\n"
            "  require_year: true\n"
        ),
        (
            "- id: meta.published-on-time\n"
            "  type: meta\n"
            "  part: publication\n"
            "  title: 年度报告按时公开发布\n"
            "  severity: warning\n"
            "  basis: 《法治政府建设与责任落实督察工作规定》第四章（年度报告）\n"
            "  message: 年度报告应于{next_year}年4月1日前向社会公"
            "开发布。\n"
            "  suggestion: 在期限前通过政府网站公开发布。\n"
            "  check: published\n"
            '  deadline: "{next_year}-04-01"\n'
        ),
    ),
)


TYPE = register(
    RuleType(
        name="meta",
        evaluate=evaluate,
        validate=validate,
        settings=SETTINGS,
        reference=REFERENCE,
        doc="元数据：check: published 时，发布日期（页面元数据）须不晚于 deadline（如 {next_year}-04-01）；"
        "check: title 时，标题须含 require 各词、不含 forbid_terms、可要求写明报告年度。",
    )
)
