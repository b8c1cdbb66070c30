"""`length`: a part of the report is not a token paragraph (存在的不足 in one line).

The part is the rule's own `part`; its body is every line under its heading(s)
(sub-headings included), without the heading line itself (the text after a heading
that leads its paragraph counts). Characters are counted without whitespace;
sentences end with 。；!? or the end of a line.

pass: at least `min_chars` characters (and `min_sentences` sentences, when given);
fail: smaller; n/a: the report has no heading for the part ("报告中没有该部分，不适用":
another rule reports a missing part, and an absent text has no length to judge).
"""

from __future__ import annotations

import re

from checker.evaluate import Context, Verdict
from checker.model import FAIL, NA, PASS, Rule
from checker.ruletypes.registry import Field, RuleType, TypeDoc, problem, register

SETTINGS = (
    Field("min_chars", "int", "该部分正文最少字数（不计空白）", min=1, required=True),
    Field("min_sentences", "int", "该部分正文最少句数", min=1),
)
_SENTENCE = re.compile(r"[^;；。!?！？\n]+")
_WORD = re.compile(r"[\w\u4e00-\u9fff]")


def validate(rule: Rule) -> None:
    if not rule.part:
        raise problem(rule, "length 类型的规则须写明 part（要检查的部分）")


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    hits = ctx.parts.hits.get(rule.part, ())
    where = f"{ctx.describe((rule.part,))}部分正文"
    if not hits:
        return Verdict(NA, detail="报告中没有该部分，不适用", looked_in=where)
    body = body_text(ctx, hits)
    chars = sum(1 for c in body if not c.isspace())
    sentences = sum(1 for s in _SENTENCE.finditer(body) if _WORD.search(s.group()))
    min_chars = rule.settings.min_chars
    min_sentences = rule.settings.min_sentences
    evidence = tuple(ctx.heading_evidence(h.section, h.similarity) for h in hits[:3])
    values = (f"{chars} 字", f"{sentences} 句")
    short = []
    if chars < min_chars:
        short.append(f"只有 {chars} 字（至少应有 {min_chars} 字）")
    if min_sentences is not None and sentences < min_sentences:
        short.append(f"只有 {sentences} 句（至少应有 {min_sentences} 句）")
    if short:
        return Verdict(FAIL, evidence, "该部分正文" + "，".join(short), looked_in=where, values=values)
    wanted = f"不少于 {min_chars} 字" + (f"、{min_sentences} 句" if min_sentences is not None else "")
    return Verdict(PASS, evidence, f"该部分正文 {chars} 字、{sentences} 句，{wanted}", values=values)


def body_text(ctx: Context, hits) -> str:
    """The part's lines without its heading lines (a lead heading's own paragraph text kept)."""
    headings = {h.section.line_index: h.section for h in hits}
    lines: dict[int, str] = {}
    for hit in hits:
        for index in range(hit.section.line_index, hit.section.end_index):
            lines[index] = ctx.doc.lines[index].text
    for index, section in headings.items():
        text = lines[index]
        if section.inline:
            at = text.find(section.heading)
            lines[index] = text[at + len(section.heading) :] if at >= 0 else ""
        else:
            lines[index] = ""
    return "\n".join(lines[i] for i in sorted(lines))


# The Chinese reference of this type (docs/rule-types.md is generated from it: python -m tests.regen_docs).
REFERENCE = TypeDoc(
    intro=("某一部分的篇幅不少于规定的字数（和句数），用于发现“存在的不足”只写一两句之类的敷衍。"),
    part_field="要检查的部分",
    notes={
        "min_chars": (
            "正文最少字数（正整数）：该部分标题行以下的全部文字（含小标题），不计空白，标"
            "点计入；标题引领本段时，同一行中标题之后的文字计入"
        ),
        "min_sentences": "最少句数（正整数）",
    },
    statuses=(
        "- ✓：字数（和句数）够。证据为该部分的标题；`values` 为“N 字”"
        "“M 句”。\n"
        "- —：报告中没有该部分的标题（情况“报告中没有该部分，不适用”：缺少该部分"
        "由 `part` 规则提示）。\n"
        "- ✗：不够（情况写明实有多少字/句、至少应有多少）。"
    ),
    examples=(
        (
            "- id: length.shortcomings\n"
            "  type: length\n"
            "  part: shortcomings\n"
            "  title: 存在的不足写得具体\n"
            "  severity: warning\n"
            "  basis: 《法治政府建设与责任落实督察工作规定》第四章（年度报告）第"
            "2项内容\n"
            "  message: “存在的不足和原因”应逐条写明问题和原因，不应一笔带过"
            "。\n"
            "  suggestion: 逐条写明存在的问题（各举实例），并分析每个问题的"
            "原因。\n"
            "  min_chars: 150\n"
            "  min_sentences: 3\n"
        ),
    ),
)


TYPE = register(
    RuleType(
        name="length",
        evaluate=evaluate,
        validate=validate,
        settings=SETTINGS,
        reference=REFERENCE,
        doc="篇幅：某部分正文（不含标题行）不少于 min_chars 字（及 min_sentences 句）；报告没有该部分时不适用。",
    )
)
