"""`part`: a part of the report, present when a heading of the report is that part.

pass: a heading is the part (for `any_level` parts, at any level, but not inside an excluded
part), and the evidence is that heading; partial: the part's content is only mentioned inside
other parts (a term of `mentions`, or a sentence holding one of `mention_concepts`), or, with
`unheaded_min_chars`, written in paragraphs under no heading; fail: absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.evaluate import Context, Verdict
from checker.model import FAIL, PARTIAL, PASS, Concept, Rule
from checker.parts import PREAMBLE, HeadingHit, concept_words, heading_hit
from checker.ruletypes.registry import Field, RuleType, TypeDoc, problem, register, string_list, threshold
from checker.structure import walk

_UNHEADED_RANGE = (50, 100_000)
SETTINGS = (
    Field("mentions", "str_list", "在其他部分正文中出现即为部分符合的词"),
    Field("mention_concepts", "concepts", "在其他部分正文中出现即为部分符合的概念组合"),
    Field("mention_exclude", "str_list", "不在这些部分中找提及（其中的同名小标题也不算具备）"),
    Field(
        "unheaded_min_chars",
        "int",
        "无标题段落达到这么多字时为部分符合",
        min=_UNHEADED_RANGE[0],
        max=_UNHEADED_RANGE[1],
    ),
)
_SENTENCE = re.compile(r"[^。；;!?！？]+")
_MONTH = re.compile(r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月")


@dataclass(frozen=True)
class Mention:
    line_index: int
    start: int
    end: int
    similarity: float = 100.0


def validate(rule: Rule) -> None:
    if not rule.part:
        raise problem(rule, "part 类型的规则须写明 part（要检查的部分）")


def mention_concepts(rule: Rule) -> tuple[Concept, ...]:
    """`mention_concepts`: sentences that mention the part (a principal leader + 主持/带头 + 法治)."""
    return rule.settings.get("mention_concepts", ())


def unheaded_min_chars(rule: Rule) -> int | None:
    """`unheaded_min_chars`: how much text under no heading counts as the part written without one."""
    return rule.settings.unheaded_min_chars


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    if rule.part not in ctx.pack.parts:
        return Verdict(FAIL, detail=f"规则包未定义部分 {rule.part}")
    exclude = string_list(rule, "mention_exclude")
    hits = [h for h in ctx.parts.hits.get(rule.part, ()) if not outer_parts(ctx, h) & set(exclude)]
    if hits:
        return Verdict(PASS, tuple(ctx.heading_evidence(h.section, h.similarity) for h in hits[:3]), detail_of(hits))
    levels = "各级标题" if ctx.pack.parts[rule.part].any_level else "一级标题"
    where = f"{levels}；正文（不含{ctx.describe(exclude)}）" if exclude else levels
    mentions = mentions_of(rule, ctx, exclude)
    if mentions:
        evidence = tuple(ctx.evidence(m.line_index, m.start, m.end, m.similarity) for m in mentions[:3])
        return Verdict(PARTIAL, evidence, mention_detail(rule, ctx, mentions[0]), looked_in=where)
    minimum = unheaded_min_chars(rule)
    unheaded = unheaded_lines(ctx) if minimum else []
    total = sum(len(ctx.doc.lines[i].text) for i in unheaded)
    if minimum and total >= minimum:
        shown = max(unheaded, key=lambda i: len(ctx.doc.lines[i].text))
        evidence = (ctx.evidence(shown, 0, len(ctx.doc.lines[shown].text)),)
        return Verdict(PARTIAL, evidence, f"没有标题，相关内容只写在无标题的段落中（约 {total} 字）", looked_in=where)
    return Verdict(FAIL, detail="报告中没有这一部分", looked_in=where)


def mentions_of(rule: Rule, ctx: Context, exclude: tuple[str, ...]) -> list[Mention]:
    """Mentions of the part in the body outside `exclude`, one per line, in order; never a heading of the part."""
    lines = ctx.lines_in(exclude=exclude, body_only=True)
    own_headings = {h.section.line_index for h in ctx.parts.hits.get(rule.part, ())}
    found: list[Mention] = []
    for term in ctx.terms(string_list(rule, "mentions")):
        for m in ctx.find(term, lines, threshold(rule), limit=5):
            if not is_date(ctx.doc.lines[m.line_index].text, m.hit.end):
                found.append(Mention(m.line_index, m.hit.start, m.hit.end, m.hit.similarity))
    # A line a term already marks is cited by the term (the more telling span).
    marked = {m.line_index for m in found}
    unmarked = [i for i in lines if i not in marked]
    found.extend(concept_mentions(ctx, unmarked, mention_concepts(rule)))
    found = [m for m in found if m.line_index not in own_headings]
    found.sort(key=lambda m: (m.line_index, m.start))
    return list({m.line_index: m for m in reversed(found)}.values())[::-1]


def is_date(text: str, end: int) -> bool:
    """A year followed by a month (2023年2月24日, a signature or an event) names no plan for that year."""
    return text[end - 1 : end] == "年" and bool(_MONTH.match(text, end))


def concept_mentions(ctx: Context, lines: list[int], concepts: tuple[Concept, ...], limit: int = 3) -> list[Mention]:
    """Sentences that hold a concept; the span runs from its first word to its last."""
    if not concepts:
        return []
    year = ctx.doc.report_year
    out: list[Mention] = []
    for index in lines:
        text = ctx.doc.lines[index].text
        for sentence in _SENTENCE.finditer(text):
            words = next((w for c in concepts if (w := concept_words(sentence.group(), c, year))), None)
            if words is None:
                continue
            starts = [sentence.group().find(w) for w in words]
            begin = sentence.start() + min(starts)
            end = sentence.start() + max(s + len(w) for s, w in zip(starts, words, strict=True))
            out.append(Mention(index, begin, end))
            break
        if len(out) >= limit:
            break
    return out


def unheaded_lines(ctx: Context) -> list[int]:
    """Body lines under no heading of any part: the preamble and sections no part claims."""
    return [i for i, parts in enumerate(ctx.parts.line_parts) if parts <= {PREAMBLE}]


def mention_detail(rule: Rule, ctx: Context, first: Mention) -> str:
    """Why a mention is only partial: a sub-heading inside another part, or a passing mention."""
    part = ctx.pack.parts[rule.part]
    for section in walk(ctx.sections):
        if section.line_index == first.line_index and heading_hit(section, part, threshold(rule), ctx.doc.report_year):
            return "只作为其他部分中的小标题出现，没有单独成为一部分"
    return "没有单独成节的标题，只在其他部分的正文中提及"


def outer_parts(ctx: Context, hit: HeadingHit) -> set[str]:
    """Parts of the sections enclosing a heading (not the heading's own)."""
    sid = hit.section.id
    if "." not in sid:
        return set()
    return set(ctx.parts.section_parts.get(sid.rsplit(".", 1)[0], frozenset()))


def detail_of(hits: list[HeadingHit]) -> str:
    if hits[0].implicit:
        return f"没有以本部分为题的标题，前面 {len(hits)} 个一级标题写的是本年度工作，视为本部分"
    return "有单独的标题"


# The Chinese reference of this type (docs/rule-types.md is generated from it: python -m tests.regen_docs).
REFERENCE = TypeDoc(
    intro="报告的组成部分：须有对应的标题才算具备。",
    part_field="要检查的部分编号，须在规则包 `parts` 中定义",
    notes={
        "mentions": "没有标题时，正文中表示“提及了该部分内容”的词语",
        "mention_concepts": (
            "表示“提及”的词语组合，写法同部分的 `concepts`：同一句中每组都有"
            "一个词即算提及（如“县长 + 主持/亲自 + 法治”）"
        ),
        "mention_exclude": (
            "查找 `mentions` 时排除的部分（如 `[next-year, shortcomings]`）；在这些部分之内的同名小标题也不算"
        ),
        "unheaded_min_chars": (
            "整数（50–100000）：不在任何部分标题之下的正文（开头段落和没有被认领"
            "的标题下的文字）合计达到这么多字时，视为该部分只写在无标题的段落中，为 △"
        ),
    },
    statuses=(
        "- ✓：有一个标题是这一部分（一级标题；部分定义了 `any_level: "
        "true` 时任一级标题都算；`measures` 没有以本部分为题的标题时"
        "，\n"
        "  其他部分之前的一级标题视为本部分）。证据为使这一部分成立的标题行：一级标"
        "题在前，小标题在后。\n"
        "- △：没有标题，但正文中有 `mentions` 中的词或 `mentio"
        "n_concepts` 的组合（日期“2025年3月8日”中的年份不算提及）"
        "；\n"
        "  或无标题的正文达到 `unheaded_min_chars`。证据不会是"
        "这一部分自己的标题。\n"
        "- ✗：都没有；或规则包没有定义该部分。"
    ),
    examples=(
        (
            "- id: part.shortcomings\n"
            "  type: part\n"
            "  part: shortcomings\n"
            "  title: 存在的不足和原因\n"
            "  severity: error\n"
            "  weight: 2\n"
            "  basis: 《法治政府建设与责任落实督察工作规定》第四章（年度报告）第"
            "2项内容\n"
            "  message: 报告应有一部分专门写存在的不足和原因。\n"
            "  suggestion: 增设“三、存在的不足和原因”，逐条写问题，并分析"
            "原因。\n"
            "  mentions: [短板, 有待加强, 存在不足]\n"
            "  mention_exclude: [next-year]\n"
        ),
    ),
)


TYPE = register(
    RuleType(
        name="part",
        evaluate=evaluate,
        validate=validate,
        settings=SETTINGS,
        reference=REFERENCE,
        doc="报告的组成部分：须有对应标题才算具备；仅在正文提及为部分符合。",
    )
)
