"""`freshness`: a term that fits only reports of some years (七五普法, 二十届四中全会...).

`term` (or `terms`) is valid for report years `valid_from`..`valid_to` (inclusive,
either may be left open). A mention whose sentence (or clause, with `within: clause`)
also holds a `retrospective` word (收官, 总结, 验收...; or a newer term named alongside,
such as 二十大 beside 十九大) is exempt in any year. Words are looked for outside the
rule's own terms, so a term that contains such a word (十四五收官之年) does not exempt itself.

`current` (optional) lists current-use cues (贯彻落实, 按照, 深入开展...): in a report after
`valid_to`, a mention is then stale only when its sentence holds one of them, i.e. when the
superseded term is spoken of as current; before `valid_from` every mention counts. A
report's long opening sentence often ends in 取得积极成效: `within: clause` keeps such a word
from excusing a 贯彻落实《纲要》 clause.

pass: the report year is inside the window, or no mention is stale; fail: a stale mention in
a report whose year is outside the window (the detail says what to write `instead`);
partial: the term is present but the report year is unknown ("无法确定报告年度");
n/a: the term is absent (nothing to date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from checker.evaluate import Context, Verdict, plain_terms, prepared
from checker.model import FAIL, NA, PARTIAL, PASS, Rule
from checker.normalize import fold
from checker.ruletypes.registry import Field, RuleType, TypeDoc, problem, register, string_list

RETROSPECTIVE = ("收官", "总结", "圆满完成", "顺利完成", "验收", "回顾")
LOOKED_IN = "全文"
_SENTENCE = re.compile(r"[^;；。!?！？\n]+")
_CLAUSE = re.compile(r"[^;；。!?！？\n,，:：]+")
# Where `retrospective` and `current` words are looked for around a mention.
WITHIN = {"sentence": _SENTENCE, "clause": _CLAUSE}
_YEARS = range(1949, 2201)
SETTINGS = (
    Field("term", "word", "只适用于某些年度报告的词（与 terms 二选一）"),
    Field("terms", "str_list", "只适用于某些年度报告的词语列表（与 term 二选一）"),
    Field("valid_from", "int", "适用的第一个报告年度", min=_YEARS[0], max=_YEARS[-1]),
    Field("valid_to", "int", "适用的最后一个报告年度", min=_YEARS[0], max=_YEARS[-1]),
    Field("instead", "text", "应改用的写法（中文）", required=True),
    Field("retrospective", "str_list", "回顾性用语：同句中有之即不算过时"),
    Field("current", "str_list", "当前用法的提示词：窗口之后只有同句有之才算过时"),
    Field(
        "within", "enum", "在同一句（sentence）还是同一分句（clause）中找上述用语", "sentence", choices=tuple(WITHIN)
    ),
)

Span = tuple[int, int]


@dataclass(frozen=True)
class Mention:
    line: int
    start: int
    end: int
    term: str
    retrospective: bool  # its sentence holds a retrospective word outside the rule's terms
    current: bool  # its sentence holds a current-use cue outside the rule's terms


def validate(rule: Rule) -> None:
    if ("term" in rule.params) == ("terms" in rule.params):
        raise problem(rule, "freshness 类型须写明 term（一个词）或 terms（词语列表），二者取其一")
    if "term" in rule.params:
        if rule.settings.term is None:
            raise problem(rule, "term 应是非空的词语")
    elif not all(s.strip() for s in string_list(rule, "terms", required=True)) or not rule.params["terms"]:
        raise problem(rule, "terms 应是非空的词语列表")
    bounds = [rule.params.get(key) for key in ("valid_from", "valid_to")]
    if bounds == [None, None]:
        raise problem(rule, "freshness 类型须写明 valid_from 或 valid_to（报告年度，含端点）")
    if None not in bounds and bounds[0] > bounds[1]:
        raise problem(rule, f"valid_from（{bounds[0]}）不能晚于 valid_to（{bounds[1]}）")
    if not rule.settings.instead.strip():
        raise problem(rule, "freshness 类型须写明 instead（应改用的写法，中文）")
    if "retrospective" in rule.params and not all(s.strip() for s in string_list(rule, "retrospective")):
        raise problem(rule, "retrospective 中不能有空字符串")
    validate_current(rule)


def validate_current(rule: Rule) -> None:
    if "current" not in rule.params:
        return
    cues = string_list(rule, "current")
    if not cues or not all(s.strip() for s in cues):
        raise problem(rule, "current 应是非空的词语列表（如 [贯彻落实, 按照]），其中不能有空字符串")
    if rule.params.get("valid_to") is None:
        # Cues only decide whether a superseded term is used as current: they need an end to the window.
        raise problem(rule, "写了 current（当前用法的提示词）时须同时写明 valid_to")
    both = sorted(set(cues) & set(string_list(rule, "retrospective") or RETROSPECTIVE))
    if both:
        raise problem(rule, f"“{'”“'.join(both)}”不能既是 current 又是 retrospective")


def terms_of(rule: Rule) -> tuple[str, ...]:
    if rule.settings.term is not None:
        return (rule.settings.term,)
    return string_list(rule, "terms")


def window(rule: Rule) -> str:
    low, high = rule.settings.valid_from, rule.settings.valid_to
    if low is not None and high is not None:
        return f"{low} 年度" if low == high else f"{low}—{high} 年度"
    if low is not None:
        return f"{low} 年度及以后"
    return f"{high} 年度及以前"


def in_window(rule: Rule, year: int) -> bool:
    low, high = rule.settings.valid_from, rule.settings.valid_to
    return (low is None or year >= low) and (high is None or year <= high)


def needs_current_cue(rule: Rule, year: int) -> bool:
    """Whether a mention in a report of this (out-of-window) year is stale only with a current cue."""
    high = rule.settings.valid_to
    return rule.settings.current is not None and high is not None and year > high


# Rule terms repeat across reports; lines do not, so only terms are cached.
folded = lru_cache(maxsize=4096)(fold)


@lru_cache(maxsize=1024)
def folded_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    """A rule's terms folded as the text is, each once: worked out per rule, not per report."""
    return tuple(dict.fromkeys(folded(t) for t in terms))


def term_spans(text: str, terms: list[str]) -> list[tuple[int, int, str]]:
    """Every occurrence of the terms in a line, less those inside a longer one (as 中央…学习教育 in 深入贯彻中央…)."""
    found = []
    for term in terms:
        at = text.find(term)
        while at >= 0:
            found.append((at, at + len(term), term))
            at = text.find(term, at + 1)
    found.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, str]] = []
    for start, end, term in found:
        if not any(s <= start and end <= e for s, e, _ in kept):
            kept.append((start, end, term))
    return kept


def sentence_bounds(text: str, offset: int, pattern: re.Pattern[str] = _SENTENCE) -> Span:
    """Start and end of the sentence (or clause, by the pattern) of a line holding an offset."""
    for sentence in pattern.finditer(text):
        if sentence.start() <= offset < sentence.end():
            return sentence.span()
    return 0, len(text)


def holds_word(text: str, sentence: Span, words: list[str], masked: list[Span]) -> bool:
    """Whether a word occurs in the sentence other than inside a masked span (the rule's own terms)."""
    lo, hi = sentence
    for word in words:
        at = text.find(word, lo, hi)
        while at >= 0:
            if not any(s <= at and at + len(word) <= e for s, e in masked):
                return True
            at = text.find(word, at + 1, hi)
    return False


class Prepared(NamedTuple):
    """What a freshness rule reads the same in every report (evaluate.prepared)."""

    terms: tuple[str, ...] | None  # its terms folded, None when one names a variable
    absent: Verdict  # the verdict when no term is present


def prepared_of(rule: Rule) -> Prepared:
    raw = terms_of(rule)
    terms = folded_terms(raw) if plain_terms(raw) else None
    return Prepared(terms, Verdict(NA, detail=f"没有出现{named(raw)}", looked_in=LOOKED_IN))


def mentions_of(rule: Rule, ctx: Context, fixed: Prepared) -> list[Mention]:
    """The rule's terms in the document, each with what its sentence says about it."""
    if fixed.terms is not None:  # most dated terms are absent: looked for with the pack's others in one pass
        present = pack_terms_present(ctx)
        terms = [t for t in fixed.terms if not t or t in present]
    else:
        text = ctx.doc.text
        terms = [t for t in folded_terms(tuple(ctx.terms(terms_of(rule)))) if t in text]
    if not terms:
        return []
    retrospective = list(folded_terms(tuple(ctx.terms(string_list(rule, "retrospective") or RETROSPECTIVE))))
    cues = list(folded_terms(tuple(ctx.terms(string_list(rule, "current")))))
    pattern = WITHIN[rule.settings.within]
    mentions = []
    for index in ctx.lines_holding(ctx.all_lines, terms):
        line = ctx.doc.lines[index]
        spans = term_spans(line.text, terms)
        masked = [(s, e) for s, e, _ in spans]
        for start, end, term in spans:
            sentence = sentence_bounds(line.text, start, pattern)
            looks_back = holds_word(line.text, sentence, retrospective, masked)
            current = holds_word(line.text, sentence, cues, masked)
            mentions.append(Mention(index, start, end, term, looks_back, current))
    return mentions


def pack_terms_present(ctx: Context) -> frozenset[str]:
    """Which terms of the pack's freshness rules (those naming no variable) the document holds, found once per
    report for all of them: one regular-expression pass instead of a search of the whole text per term."""
    present = ctx.memo.get("freshness terms present")
    if present is None:
        raws = (terms_of(r) for r in ctx.pack.rules if r.type == TYPE.name)
        union = tuple(dict.fromkeys(t for raw in raws if plain_terms(raw) for t in folded_terms(raw) if t))
        present = ctx.memo["freshness terms present"] = terms_in_text(ctx.doc.text, union)
    return present


def terms_in_text(text: str, terms: tuple[str, ...]) -> frozenset[str]:
    """The terms (none empty) that occur in the text, as `term in text` says of each."""
    if not terms:
        return frozenset()
    pattern, within = term_finder(terms)
    present: set[str] = set()
    found = pattern.search(text)
    while found:
        present.update(within[found.group()])
        # From the next character, not the match's end: a term may start inside another's occurrence.
        found = pattern.search(text, found.start() + 1)
    return frozenset(present)


@lru_cache(maxsize=64)
def term_finder(terms: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """A pattern matching the longest of the terms that starts at a position, and for each term the terms it
    holds (found with it: a shorter term at the same position, or inside it, is not matched apart)."""
    ordered = sorted(set(terms), key=lambda term: (-len(term), term))  # the same pattern in every run
    pattern = re.compile(trie_source(ordered))
    return pattern, {term: tuple(t for t in ordered if t in term) for term in ordered}


def trie_source(terms: list[str]) -> str:
    """A pattern matching the longest of the (non-empty) terms at a position, written as their trie: a position
    is tried against one branch per next character, not against every term in turn (half the time of the plain
    alternation on these reports)."""
    root: dict[str, dict] = {}
    for term in terms:
        node = root
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}  # a term ends here
    return trie_node_source(root)


def trie_node_source(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + trie_node_source(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    # A term ends here and longer ones go on: greedy, so the longest that matches is taken.
    return f"(?:{body})?"


@lru_cache(maxsize=1024)
def named(terms: tuple[str, ...]) -> str:
    """The terms as a short phrase: a list of dash variants would fill the line."""
    if len(terms) <= 3:
        return "“" + "”“".join(terms) + "”"
    return f"“{terms[0]}”等 {len(terms)} 个词"


def is_stale(rule: Rule, mention: Mention, year: int) -> bool:
    """Whether a mention in an out-of-window report is used as current (not looking back)."""
    if mention.retrospective:
        return False
    return mention.current or not needs_current_cue(rule, year)


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    fixed = prepared(rule, prepared_of)
    mentions = mentions_of(rule, ctx, fixed)
    if not mentions:
        # The rule asks "is this term used in a year it fits?": without the term there is no question.
        return fixed.absent
    year = ctx.doc.report_year
    evidence = tuple(ctx.evidence(m.line, m.start, m.end) for m in mentions[:3])
    names = "”“".join(dict.fromkeys(m.term for m in mentions))
    if year is None:
        return Verdict(PARTIAL, evidence, "无法确定报告年度", looked_in=LOOKED_IN, values=(names,))
    if in_window(rule, year):
        return Verdict(PASS, evidence, f"“{names}”适用于 {window(rule)}，本报告为 {year} 年度")
    stale = [m for m in mentions if is_stale(rule, m, year)]
    cued = needs_current_cue(rule, year)
    if not stale:
        how = "只作回顾性提及，没有作为当前工作来写" if cued else "只作回顾性提及"
        return Verdict(PASS, evidence, f"“{names}”{how}（{year} 年度报告）")
    how = "作为当前工作提及" if cued else "非回顾性提及"
    detail = (
        f"“{stale[0].term}”只适用于 {window(rule)}的报告，本报告为 {year} 年度（共 {len(stale)} 处，{how}）；"
        f"应改为：{ctx.wording(rule.settings.instead)}"
    )
    shown = tuple(ctx.evidence(m.line, m.start, m.end) for m in stale[:3])
    values = tuple(dict.fromkeys(m.term for m in stale))
    return Verdict(FAIL, shown, detail, looked_in=LOOKED_IN, values=values)


# The Chinese reference of this type (docs/rule-types.md is generated from it: python -m tests.regen_docs).
REFERENCE = TypeDoc(
    intro=(
        "时效用语：某个词只适用于某些年度的报告（如“七五普法”只适用于 2016—2"
        "020 年度，“二十届四中全会”只能出现在\n"
        "2025 年度及以后的报告中）。在全文（含标题）中精确查找。两个方向都可以写"
        "：`valid_from` 管“还没有就用了”\n"
        "（用在它出现之前的年度），`valid_to` 管“过时了还当作现行的写”（"
        "如 2026 年度报告仍“深入贯彻落实”到期的纲要）。"
    ),
    required={
        "term": "与 `terms` 二选一",
        "terms": "与 `term` 二选一",
        "valid_from": "与 `valid_to` 至少一个",
        "valid_to": "与 `valid_from` 至少一个",
    },
    notes={
        "term": "一个词",
        "terms": ("词语列表（同一概念的几种写法）；一处提及同时命中两个词（长词包含短词）时只算一处"),
        "valid_from": "适用的第一个报告年度（含），整数",
        "valid_to": "适用的最后一个报告年度（含），整数",
        "instead": "应改用的写法（中文），写入情况说明",
        "retrospective": (
            "同一句（或同一分句，见 `within`）中出现这些词时，该提及不算当前用法"
            "，任何年度都可以：回顾性的词（收官、总结、验收），或与更新的提法并列（“十九"
            "大”同句写了“二十大”，“二十届二中、三中全会”同句写了“四中”“历次”）；"
            "默认 `[收官, 总结, 圆满完成, 顺利完成, 验收, 回顾]`"
        ),
        "current": (
            "当前用法的提示词（如 `[落实, 按照, 根据]`）；写了它，报告年度晚于 "
            "`valid_to` 时，只有句中有其中一个词（且不是回顾性提及）的提及才算"
            "过时，只是提到（“纲要确定的目标任务全部完成”）不算。早于 `valid_f"
            "rom` 时不看提示词，每一处非回顾性提及都算。须同时写 `valid_to"
            "`；不能与 `retrospective` 有相同的词"
        ),
        "within": (
            "在哪个范围内找 `retrospective` 和 `current` 的词"
            "：`sentence`（默认，同一句，以句号、分号、问号、叹号和换行分开）或"
            " `clause`（同一分句，再以逗号、冒号分开）。报告开头的长句常以“取得"
            "积极成效”结尾，`clause` 使这类远处的词不会让前面的“深入贯彻落实《"
            "纲要》”算作回顾"
        ),
    },
    guide=(
        "找这些词时不看该词本身（及同一句中该规则的其他词）所占的文字：“十四五收官之"
        "年”含“收官”，但不会因此算作回顾性提及；\n"
        "`current` 的词同样（“深入贯彻中央八项规定精神学习教育”中的“深入"
        "贯彻”不是提示词）。包含该词的更长的词照常算（`retrospective`"
        " 写\n"
        "“十九大以来”时，“党的十九大以来”是回顾）。"
    ),
    statuses=(
        "- ✓：报告年度在适用范围内；或每一处都是回顾性提及（“七五普法顺利通过验收"
        "”）；或写了 `current`、报告年度晚于适用范围，\n"
        "  且没有一处作为当前工作提及（情况“只作回顾性提及，没有作为当前工作来写”"
        "）。\n"
        "- —：没有出现该词（没有可核对的用语）。\n"
        "- △：出现了该词，但无法确定报告年度（情况“无法确定报告年度”；可用 `-"
        "-year` 指定）。\n"
        "- ✗：报告年度不在适用范围内，且有非回顾性（写了 `current` 时："
        "作为当前工作）的提及（证据最多 3 处；情况写明该词、报告年度、\n"
        "  适用范围和 `instead`）。"
    ),
    examples=(
        (
            "- id: freshness.seventh-pufa\n"
            "  type: freshness\n"
            "  part: measures\n"
            "  title: 普法规划的提法符合报告年度\n"
            "  severity: warning\n"
            "  basis: 《中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（"
            "2021—2025年）》\n"
            "  message: 2021年起应写“八五”普法，“七五”普法只在回顾总结"
            "时提及。\n"
            "  suggestion: 把“七五普法”改为“八五普法”，或写明是对“七五"
            "”普法的总结验收。\n"
            "  term: 七五普法\n"
            "  valid_from: 2016\n"
            "  valid_to: 2020\n"
            "  instead: 八五普法（“八五”普法规划）\n"
        ),
        (
            "# 过时的规划仍可回顾、只是不能再当作现行依据时，写 `current`（和"
            " `within: clause`）：\n"
            "- id: freshness.outline-2021\n"
            "  type: freshness\n"
            "  title: 《法治政府建设实施纲要（2021—2025年）》不应在20"
            "26年度起作为现行纲要引用\n"
            "  severity: warning\n"
            "  basis: 《法治政府建设实施纲要（2021—2025年）》（中发〔2"
            "021〕33号）实施期至2025年底\n"
            "  message: 纲要的实施期到2025年底为止，{year}年度报告仍"
            "把它作为当前工作的依据。\n"
            "  suggestion: 改写为最新部署；提及旧纲要的，写成“实施情况总结"
            "评估”等回顾。\n"
            '  terms: ["纲要(2021—2025年)", "纲要(2021-2'
            '025年)"]\n'
            "  valid_to: 2025\n"
            "  instead: 党中央、国务院和上级党委政府关于法治政府建设的最新部署"
            "\n"
            "  retrospective: [收官, 总结, 评估, 验收, 回顾, "
            "期满, 以来, 成果, 成效]\n"
            "  current: [落实, 贯彻, 按照, 根据, 对照, 围绕, 要求"
            ", 部署]\n"
            "  within: clause\n"
        ),
    ),
)


TYPE = register(
    RuleType(
        name="freshness",
        evaluate=evaluate,
        validate=validate,
        settings=SETTINGS,
        reference=REFERENCE,
        doc=(
            "时效：某词只适用于 valid_from—valid_to 年度的报告；"
            "年度不符且非回顾性（写了 current 时为当前用法）的提及为不符合。"
        ),
    )
)
