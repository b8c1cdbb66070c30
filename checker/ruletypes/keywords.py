"""`keywords`: the report names something (any term, or every group of terms).

pass: a term of `any` is found, or at least `at_least` groups of `all` (default
every group); partial: at least `partial_at_least` groups, or a `mentions` term;
fail: none. `scope` / `exclude` name the parts to look in / not to look in.
`study_words`: a hit in a clause about studying or training (学习……“三项制度”等内容,
“三项制度”专题培训) shows the thing was learnt, not done: it is only a mention (partial).
`near: N` (with `all`): groups count only together, when exact hits of each lie in
one line with their starts at most N characters apart (the line with the most
groups so close decides).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from checker.evaluate import Context, LineHit, Verdict, prepared
from checker.match import exact_hits
from checker.model import FAIL, PARTIAL, PASS, Rule
from checker.ruletypes.common import EXCLUDE, SCOPE, looked_in
from checker.ruletypes.registry import Field, RuleType, TypeDoc, problem, register, string_list, threshold

SETTINGS = (
    Field("any", "str_list", "任一词命中即符合"),
    Field("all", "groups", "词组列表：每组至少命中一词"),
    Field("at_least", "int", "all 中至少命中几组即符合（默认全部）", min=1),
    Field("partial_at_least", "int", "all 中至少命中几组为部分符合（默认 1）", min=1),
    Field("mentions", "str_list", "只提及时为部分符合的词"),
    SCOPE,
    EXCLUDE,
    Field("near", "int", "all 的各组须在同一行、相距不超过这么多字", min=1),
    Field("study_words", "str_list", "学习、培训类词语：其所在分句中的命中只算提及"),
)
_CLAUSE = re.compile(r"[^，,；;。！？!?\n]+")
_DOING = re.compile(r"落实|推行|执行|实施|推进|严格|全面|健全|完善")
_STUDY_AFTER = 6  # 三项制度”专题培训: a study word right after the hit


def validate(rule: Rule) -> None:
    groups = rule.settings.get("all", ())
    if not string_list(rule, "any") and not groups:
        raise problem(rule, "keywords 类型至少要有 any 或 all")
    if rule.settings.near is not None and not groups:
        raise problem(rule, "near 只能与 all 一起使用")


class Asked(NamedTuple):
    """A keywords rule's settings, read once per rule (evaluate.prepared), not per report."""

    scope: tuple[str, ...]
    exclude: tuple[str, ...]
    limit: float  # the fuzzy threshold
    study: tuple[str, ...]
    any: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    near: int | None
    at_least: int | None
    partial_at_least: int
    mentions: tuple[str, ...]


def asked(rule: Rule) -> Asked:
    settings = rule.settings
    return Asked(
        string_list(rule, "scope"),
        string_list(rule, "exclude"),
        threshold(rule),
        string_list(rule, "study_words"),
        string_list(rule, "any"),
        settings.get("all", ()),
        settings.near,
        settings.get("at_least"),
        settings.get("partial_at_least", 1),
        string_list(rule, "mentions"),
    )


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    given = prepared(rule, asked)
    scope, exclude = given.scope, given.exclude
    lines = ctx.lines_in(scope, exclude)
    if scope and not lines:
        where = looked_in(ctx, scope, exclude)
        return Verdict(FAIL, detail=f"报告中没有{ctx.describe(scope)}部分，无法查找", looked_in=where)
    limit = given.limit
    study = given.study
    learnt: list[LineHit] = []
    for term in ctx.terms(given.any):
        hits = ctx.find(term, lines, limit)
        done = [h for h in hits if not in_study_clause(ctx, h, study)]
        if done:
            return Verdict(PASS, evidence_of(ctx, done), f"找到“{term}”")
        learnt.extend(hits)
    groups = [ctx.terms(g) for g in given.groups]
    near = given.near
    if near:
        found = near_hits(ctx, groups, lines, int(near))
    else:
        keep = (lambda h: not in_study_clause(ctx, h, study)) if study else None
        found = [first_hit(ctx, g, lines, limit, keep) for g in groups]
    got = [h for h in found if h]
    need = len(groups) if given.at_least is None else given.at_least
    close = f"（同一行 {near} 字以内）" if near else ""
    if groups and len(got) >= need:
        return Verdict(PASS, evidence_of(ctx, got), f"找到 {len(got)}/{len(groups)} 组要素{close}")
    where = looked_in(ctx, scope, exclude)  # said only where something is missing
    if groups and got and len(got) >= given.partial_at_least:
        missing = "、".join(g[0] for g, h in zip(groups, found, strict=True) if not h)
        return Verdict(
            PARTIAL, evidence_of(ctx, got), f"只找到 {len(got)}/{len(groups)} 组要素{close}，缺少：{missing}", where
        )
    if learnt:
        return Verdict(PARTIAL, evidence_of(ctx, learnt), "只在学习、培训的内容中提及，没有写落实情况", where)
    for term in ctx.terms(given.mentions):
        hits = ctx.find(term, lines, limit)
        if hits:
            return Verdict(PARTIAL, evidence_of(ctx, hits), f"只有相关提及（“{term}”）", where)
    return Verdict(FAIL, detail="没有找到相关内容", looked_in=where)


def first_hit(
    ctx: Context, terms: list[str], lines: list[int], limit: float, keep: Callable[[LineHit], bool] | None = None
) -> LineHit | None:
    """The first hit of a group's terms (that `keep` accepts: then a few hits are looked at, not one)."""
    for term in terms:
        hits = ctx.find(term, lines, limit, limit=5 if keep else 1)
        hits = [h for h in hits if keep(h)] if keep else hits
        if hits:
            return hits[0]
    return None


def in_study_clause(ctx: Context, hit: LineHit, words: tuple[str, ...]) -> bool:
    """True when its clause studies or trains the hit: 学习……“三项制度”等内容, “三项制度”专题培训.

    学习贯彻落实“三项制度” is implementing it: a doing verb after the study word wins.
    """
    if not words:
        return False
    text = ctx.doc.lines[hit.line_index].text
    clause = next((c for c in _CLAUSE.finditer(text) if c.start() <= hit.hit.start < c.end()), None)
    if clause is None:
        return False
    before = text[clause.start() : hit.hit.start]
    after = text[hit.hit.end : min(clause.end(), hit.hit.end + _STUDY_AFTER)]
    if any(w in after for w in words):
        return True
    last = max((before.rfind(w) for w in words), default=-1)
    return last >= 0 and not _DOING.search(before, last)


def near_hits(ctx: Context, groups: list[list[str]], lines: list[int], near: int) -> list[LineHit | None]:
    """One hit per group from the line and window where the most groups lie within `near` characters."""
    best: list[LineHit | None] = [None] * len(groups)
    best_count = 0
    for index in lines:
        text = ctx.doc.lines[index].text
        hits = sorted(
            (hit.start, g, hit) for g, terms in enumerate(groups) for term in terms for hit in exact_hits(text, term)
        )
        left = 0
        for right in range(len(hits)):
            while hits[right][0] - hits[left][0] > near:
                left += 1
            chosen: dict[int, LineHit] = {}
            for _, g, hit in hits[left : right + 1]:
                chosen.setdefault(g, LineHit(index, hit))
            if len(chosen) > best_count:
                best_count = len(chosen)
                best = [chosen.get(g) for g in range(len(groups))]
                if best_count == len(groups):
                    return best
    return best


def evidence_of(ctx: Context, hits: list[LineHit]) -> tuple:
    return tuple(ctx.evidence(h.line_index, h.hit.start, h.hit.end, h.hit.similarity) for h in hits[:3])


# The Chinese reference of this type (docs/rule-types.md is generated from it: python -m tests.regen_docs).
REFERENCE = TypeDoc(
    intro="报告写到了某项内容：任一词，或每一组词。",
    required={
        "any": "与 `all` 至少一个",
        "all": "与 `any` 至少一个",
    },
    notes={
        "any": "词语列表，找到任一个即 ✓",
        "all": ("“词组”的列表，如 `[[执法公示], [全过程记录], [法制审核, 法制审查]]`；每组找到其中一个词即算这一组"),
        "at_least": "找到多少组即 ✓，默认全部组",
        "partial_at_least": "找到多少组即 △，默认 1",
        "mentions": "只表示相关提及的词，找到为 △",
        "study_words": (
            "学习、培训类词语：命中的词所在分句是在学习或培训它（“学习……“三项制度”等"
            "内容”“三项制度专题培训”），而不是写落实情况时，只算提及（△）；同一分句中"
            "学习词之后又有“落实、推行、执行”等词的不算"
        ),
        "near": (
            "正整数（字数），只与 `all` 一起用：各组的词须在同一行中、起点相距不超"
            "过这么多字，才算找到（以这样相近的组最多的一行为准）；`near` 时只做精"
            "确匹配"
        ),
    },
    statuses=(
        "- ✓：找到 `any` 中的词；或找到的组数不少于 `at_least`。"
        "证据为找到的词（最多 3 处）。\n"
        "- △：找到的组数不少于 `partial_at_least`（情况中写明缺"
        "少哪些组）；或找到 `mentions` 中的词。\n"
        "- ✗：都没有；`scope` 指定的部分在报告中不存在时也为 ✗。"
    ),
    examples=(
        (
            "- id: litigation.leader-appearance\n"
            "  type: keywords\n"
            "  part: measures\n"
            "  title: 行政机关负责人出庭应诉情况\n"
            "  severity: warning\n"
            "  basis: 《行政诉讼法》第三条第三款\n"
            "  message: 报告应写明行政机关负责人出庭应诉的情况。\n"
            "  suggestion: 写明负责人出庭应诉的次数和出庭应诉率。\n"
            "  all: [[负责人], [出庭应诉, 出庭]]\n"
            "  near: 15\n"
            "  mentions: [应诉]\n"
            "  exclude: [next-year]\n"
        ),
    ),
)


TYPE = register(
    RuleType(
        name="keywords",
        evaluate=evaluate,
        validate=validate,
        settings=SETTINGS,
        reference=REFERENCE,
        doc="关键词：any 任一词命中即符合；all 每组至少命中一词；可限定 scope/exclude。",
    )
)
