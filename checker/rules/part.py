"""`part`: a part of the report, present when a heading of the report is that part.

pass: a heading is the part (for `any_level` parts, at any level, but not inside
an excluded part); partial: the part's content is only mentioned inside other
parts; fail: absent.
"""

from __future__ import annotations

from checker.evaluate import Context, Verdict
from checker.model import FAIL, PARTIAL, PASS, Rule
from checker.parts import HeadingHit
from checker.rules.registry import RuleType, check_known_fields, problem, register, string_list, threshold

FIELDS = ("mentions", "mention_exclude")


def validate(rule: Rule) -> None:
    check_known_fields(rule, FIELDS)
    if not rule.part:
        raise problem(rule, "part 类型的规则须写明 part（要检查的部分）")
    string_list(rule, "mentions")
    string_list(rule, "mention_exclude")


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    if rule.part not in ctx.pack.parts:
        return Verdict(FAIL, detail=f"规则包未定义部分 {rule.part}")
    exclude = string_list(rule, "mention_exclude")
    hits = [h for h in ctx.parts.hits.get(rule.part, ()) if not outer_parts(ctx, h) & set(exclude)]
    if hits:
        return Verdict(PASS, tuple(ctx.heading_evidence(h.section, h.similarity) for h in hits[:3]), detail_of(hits))
    levels = "各级标题" if ctx.pack.parts[rule.part].any_level else "一级标题"
    lines = ctx.lines_in(exclude=exclude, body_only=True)
    mentions = []
    for term in ctx.terms(string_list(rule, "mentions")):
        mentions.extend(ctx.find(term, lines, threshold(rule), limit=2))
    mentions.sort(key=lambda m: (m.line_index, m.hit.start))
    mentions = list({m.line_index: m for m in reversed(mentions)}.values())[::-1]  # one per line
    where = f"{levels}；正文（不含{ctx.describe(exclude)}）" if exclude else levels
    if mentions:
        evidence = tuple(ctx.evidence(m.line_index, m.hit.start, m.hit.end, m.hit.similarity) for m in mentions[:3])
        return Verdict(PARTIAL, evidence, "没有单独成节的标题，只在其他部分的正文中提及", looked_in=where)
    return Verdict(FAIL, detail="报告中没有这一部分", looked_in=where)


def outer_parts(ctx: Context, hit: HeadingHit) -> set[str]:
    """Parts of the sections enclosing a heading (not the heading's own)."""
    sid = hit.section.id
    if "." not in sid:
        return set()
    return set(ctx.parts.section_parts.get(sid.rsplit(".", 1)[0], frozenset()))


def detail_of(hits: list[HeadingHit]) -> str:
    if hits[0].implicit:
        return f"没有总标题，{len(hits)} 个专题标题视为本部分"
    return "有单独的标题"


TYPE = register(
    RuleType(
        name="part",
        evaluate=evaluate,
        validate=validate,
        fields=FIELDS,
        doc="报告的组成部分：须有对应标题才算具备；仅在正文提及为部分符合。",
    )
)
