"""`reuse`: the 存在的不足 / 下一年度 parts are not mostly last year's text again (套路化).

Runs only when a previous year's report is given (`fzcheck check --previous`); without one the
rule is not applicable and gives no finding. For each part of `parts` (default shortcomings and
next-year) found in both reports, this year's sentences are matched against last year's same part
(checker.diff: rapidfuzz ratio ≥ `similarity`, default 80, ignoring years and digits).

fail: in some part, the repeated sentences hold at least `threshold` percent (default 50) of the
part's characters; pass: below that in every part; n/a: no part is in both reports (nothing to compare).
No study quantifies boilerplate (domain research §7.1 G11): the thresholds are a heuristic.
"""

from __future__ import annotations

from checker.evaluate import Context, Verdict
from checker.model import FAIL, NA, PASS, Rule
from checker.ruletypes.registry import Field, RuleType, TypeDoc, problem, register, string_list

SETTINGS = (
    Field("parts", "str_list", "要对比的部分（默认 shortcomings、next-year）"),
    Field("threshold", "number", "重复文字占该部分的百分比达到此值为不符合（大于 0）", 50, 0, 100),
    Field("similarity", "number", "句子相似度达到此值算重复（大于 0）", 80, 0, 100),
)
DEFAULT_PARTS = ("shortcomings", "next-year")


def validate(rule: Rule) -> None:
    if rule.settings.parts is not None and not rule.settings.parts:
        raise problem(rule, "parts 不能为空")
    for key in ("threshold", "similarity"):
        if getattr(rule.settings, key) == 0:
            raise problem(rule, f"{key} 应是 0 到 100 之间的数（百分比），现为 0")


def evaluate(rule: Rule, ctx: Context) -> Verdict | None:
    from checker.diff import compare_with_previous

    if ctx.previous is None:
        return None  # not applicable: no finding at all
    wanted = string_list(rule, "parts") or DEFAULT_PARTS
    threshold = float(rule.settings.threshold)
    similarity = float(rule.settings.similarity)
    parts, heading_threshold, partmap = ctx.pack.parts, ctx.pack.fuzzy_threshold, ctx.parts
    if not all(p in parts for p in wanted):
        # The pack's own parts lack one: both reports are read with the base pack's parts for the report type.
        from checker.packs import default_packs

        base = default_packs(ctx.doc.report_type)[0]
        parts, heading_threshold, partmap = base.parts, base.parts_threshold, None
    results = compare_with_previous(
        ctx.doc,
        ctx.previous,
        tuple(wanted),
        similarity,
        sections=ctx.sections,
        partmap=partmap,
        parts=parts,
        heading_threshold=heading_threshold,
    )
    compared = [r for r in results if r.compared]
    where = "、".join(f"“{r.title}”" for r in results) + "部分（与上一年度报告对比）"
    if not compared:
        return Verdict(NA, detail="两份报告中没有可对比的相应部分，不适用", looked_in=where)
    values = tuple(f"{r.title} {r.share:g}%" for r in compared)
    over = [r for r in compared if r.share >= threshold]
    shares = "，".join(f"“{r.title}”{r.share:g}%（{len(r.repeats)}/{len(r.sentences)} 句）" for r in (over or compared))
    if not over:
        return Verdict(
            PASS,
            detail=f"与上一年度报告重复的文字：{shares}，均低于 {threshold:g}%",
            looked_in=where,
            values=values,
        )
    evidence = tuple(
        ctx.evidence(r.sentence.line_index, r.sentence.start, r.sentence.end, r.similarity)
        for part in over
        for r in part.repeats[:3]
    )
    previous_lines = "、".join(dict.fromkeys(r.previous.location for part in over for r in part.repeats[:3]))
    return Verdict(
        FAIL,
        evidence,
        detail=f"与上一年度报告相同或几乎相同的文字占 {shares}，达到 {threshold:g}%（上一年度报告{previous_lines}）",
        looked_in=where,
        values=values,
    )


# The Chinese reference of this type (docs/rule-types.md is generated from it: python -m tests.regen_docs).
REFERENCE = TypeDoc(
    intro=(
        "与上一年度报告比较，“存在的不足”“下一年度安排”是否大段照搬（套路化）。只"
        "在 `fzcheck check --previous 上年报告`\n"
        "时运行；不给上年报告时不出结果。没有研究给出阈值，这是经验判断。"
    ),
    notes={
        "parts": "比较哪些部分，默认 `[shortcomings, next-year]`",
        "threshold": "某部分中与上年重复的句子占该部分字数的百分比达到此值即不符合，默认 50",
        "similarity": "两句相似度（rapidfuzz，忽略年份和数字）达到此值算重复，默认 80",
    },
    statuses=(
        "- ✓：各部分重复比例都低于 `threshold`。\n"
        "- —：两份报告中没有可比较的相应部分。\n"
        "- ✗：某部分重复比例达到 `threshold`（情况中写明比例，证据为重"
        "复的句子）。"
    ),
    examples=(
        (
            "- id: quality.boilerplate-reuse\n"
            "  type: reuse\n"
            "  title: 不足和安排不照搬上年\n"
            "  severity: warning\n"
            "  basis: 经验判断（无研究量化）\n"
            "  message: “存在的不足”和“下一年度安排”不应大段照搬上一年度报"
            "告。\n"
            "  suggestion: 按本年度的实际情况重写问题和原因，安排要针对今年"
            "新发现的问题。\n"
            "  threshold: 50\n"
        ),
    ),
)


TYPE = register(
    RuleType(
        name="reuse",
        evaluate=evaluate,
        validate=validate,
        settings=SETTINGS,
        reference=REFERENCE,
        doc="套路化：与上一年度报告（--previous）对比，parts 中某部分重复的文字不少于 threshold%"
        "（句子相似度 ≥ similarity）为不符合；没有上一年度报告时不运行。",
        needs_previous=True,
    )
)
