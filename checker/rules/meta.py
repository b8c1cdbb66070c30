"""`meta`: facts about the report that its metadata holds, not its text.

`check: published` — the report was published by `deadline` (an ISO date that may
use {next_year}: "{next_year}-04-01" nationally; some provinces ask departments
for 1 March). pass: published on or before the deadline; fail: after it;
partial: no publication date known, so the deadline could not be checked (a
gap left visible rather than a pass).
"""

from __future__ import annotations

import re
from datetime import date

from checker.evaluate import Context, Verdict
from checker.model import FAIL, PARTIAL, PASS, Rule
from checker.rules.registry import RuleType, check_known_fields, problem, register

FIELDS = ("check", "deadline")
CHECKS = ("published",)
LOOKED_IN = "页面元数据（发布日期/发文日期）"
# Years to try a deadline template with when validating it (any year will do).
_SAMPLE = {"year": "2000", "next_year": "2001", "prev_year": "1999"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?![\d-])")


def validate(rule: Rule) -> None:
    check_known_fields(rule, FIELDS)
    if rule.params.get("check") not in CHECKS:
        raise problem(rule, f"meta 类型须写明 check（可用：{'、'.join(CHECKS)}）")
    deadline = str(rule.params.get("deadline", "")).strip()
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


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    published_text = ctx.doc.meta.get("published", "")
    published = parse_date(published_text)
    if published is None:
        return Verdict(PARTIAL, detail="未找到发布日期，无法核对", looked_in=LOOKED_IN)
    deadline_text = ctx.expand(str(rule.params["deadline"]))
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


TYPE = register(
    RuleType(
        name="meta",
        evaluate=evaluate,
        validate=validate,
        fields=FIELDS,
        doc="元数据：check: published 时，发布日期（页面元数据）须不晚于 deadline（如 {next_year}-04-01）。",
    )
)
