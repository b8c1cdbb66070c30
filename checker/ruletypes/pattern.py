"""`pattern`: text that must not appear (placeholders left unfilled, 法制政府 for 法治政府...).

`forbid` is a list of regular expressions, compiled when the pack loads. A pattern
that could take exponential time — a repeat inside a repeat (`(a+)+`, `(a*)*`), or
a repeated alternation whose branches can start alike (`(a|a)+`, `(x|.)+`) — is
refused, as is one that matches empty text; each pattern also runs on at most
`_WINDOW` characters of a line at a time.

pass: nothing matches in the lines looked at; n/a: the rule's `scope` names parts the
report lacks (no text to search); fail: a pattern matches (evidence at up
to 3 matches, values = the matched text). `message_each` (one text, or one per
pattern) says what a match is; `{match}` in it is replaced by the matched text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from checker.evaluate import Context, Verdict
from checker.model import FAIL, NA, PASS, Rule
from checker.ruletypes.common import EXCLUDE, SCOPE, looked_in
from checker.ruletypes.registry import Field, RuleType, TypeDoc, problem, register, string_list

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

SETTINGS = (
    Field("forbid", "str_list", "不应出现的文字（正则表达式），任一匹配即为不符合", required=True),
    SCOPE,
    EXCLUDE,
    Field("message_each", "text_or_list", "每处匹配的说明（一段，或与 forbid 一一对应），{match} 代入匹配的文字"),
)
# Each regex runs on windows of a line this long, overlapping by _OVERLAP characters.
_WINDOW = 1000
_OVERLAP = 200
_MAX_MATCHES = 100
_MAX_PATTERN = 500
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT} | (
    {sre_constants.POSSESSIVE_REPEAT} if hasattr(sre_constants, "POSSESSIVE_REPEAT") else set()
)
_ANY = "any"  # a first-character set that may hold any character


def validate(rule: Rule) -> None:
    compiled(rule)
    message = rule.settings.message_each
    if message is None or (isinstance(message, str) and message.strip()):
        return
    patterns = string_list(rule, "forbid")
    if not (isinstance(message, tuple) and len(message) == len(patterns)):
        raise problem(rule, f"message_each 应是一段文字，或与 forbid 一一对应的 {len(patterns)} 段文字")


def compiled(rule: Rule) -> list[re.Pattern[str]]:
    """The forbid patterns, compiled; a load error for a bad or dangerous one."""
    patterns = string_list(rule, "forbid", required=True)
    if not patterns:
        raise problem(rule, "forbid 应至少有一个正则表达式")
    out = []
    for pattern in patterns:
        if len(pattern) > _MAX_PATTERN:
            raise problem(rule, f"forbid 中的正则表达式过长（{len(pattern)} 字符，最多 {_MAX_PATTERN}）")
        try:
            regex = re.compile(pattern)
            tree = sre_parse.parse(pattern)
        except re.error as exc:
            raise problem(rule, f"forbid 中的正则表达式“{pattern}”无效：{exc.msg}") from exc
        danger = dangerous(list(tree)) or (
            "三个以上可匹配任意文字的无界量词，如 .*.*.*" if broad_unbounded(list(tree)) >= 3 else ""
        )
        if danger:
            raise problem(rule, f"forbid 中的正则表达式“{pattern}”可能极慢（{danger}），请改写")
        if regex.search("") is not None:
            raise problem(rule, f"forbid 中的正则表达式“{pattern}”会匹配空文本")
        out.append(regex)
    return out


def dangerous(items: list[tuple[Any, Any]], repeated: bool = False) -> str:
    """Why a parsed pattern may backtrack exponentially ("" when it may not)."""
    for op, av in items:
        if op in _REPEATS:
            low, high, sub = av
            variable = low != high
            if repeated and variable:
                return "量词嵌套，如 (a+)+"
            found = dangerous(list(sub), repeated or variable)
            if found:
                return found
        elif op is sre_constants.BRANCH:
            branches = [list(b) for b in av[1]]
            if repeated and overlapping(branches):
                return "重复的分支可匹配相同文字，如 (a|a)+"
            for branch in branches:
                found = dangerous(branch, repeated)
                if found:
                    return found
        elif op is sre_constants.SUBPATTERN:
            found = dangerous(list(av[-1]), repeated)
            if found:
                return found
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            found = dangerous(list(av[1]), repeated)
            if found:
                return found
    return ""


def broad_unbounded(items: list[tuple[Any, Any]]) -> int:
    """How many unbounded repeats of a broad class (.*, [^x]+, \\w+) a pattern holds."""
    count = 0
    for op, av in items:
        if op in _REPEATS:
            if av[1] == sre_constants.MAXREPEAT and first_chars(list(av[2])) == _ANY:
                count += 1
            count += broad_unbounded(list(av[2]))
        elif op is sre_constants.BRANCH:
            count += max((broad_unbounded(list(b)) for b in av[1]), default=0)
        elif op is sre_constants.SUBPATTERN:
            count += broad_unbounded(list(av[-1]))
    return count


def overlapping(branches: list[list[tuple[Any, Any]]]) -> bool:
    """True when two alternatives are alike or may start with the same character."""
    seen: list[Any] = []
    for branch in branches:
        first = first_chars(branch)
        for other in seen:
            if first == other == set() or first == _ANY or other == _ANY or (first & other if first else False):
                return True
        seen.append(first)
    return False


def first_chars(items: list[tuple[Any, Any]], precise: bool = False) -> Any:
    """The characters an alternative may start with: a set, _ANY, or set() when it is empty.

    Validation takes the coarse answer (a lookaround or an alternation counts as any character).
    `precise` (the prefilter, start_chars) steps over lookarounds, which consume nothing, joins the
    branches of an alternation, and gives up on case-folded groups.
    """
    for op, av in items:
        if op is sre_constants.AT or (precise and op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT)):
            continue
        if op is sre_constants.LITERAL:
            return {av}
        if op is sre_constants.IN and all(o is sre_constants.LITERAL for o, _ in av):
            return {v for _, v in av}
        if op is sre_constants.SUBPATTERN and not (precise and av[1] & re.IGNORECASE):
            return first_chars(list(av[-1]), precise) or _ANY
        if precise and op is sre_constants.BRANCH:
            out: set[int] = set()
            for branch in av[1]:
                first = first_chars(list(branch), precise)
                if not first or first == _ANY:
                    return _ANY
                out |= first
            return out
        if op in _REPEATS and av[0] >= 1:
            return first_chars(list(av[2]), precise) or _ANY
        return _ANY
    return set()


@lru_cache(maxsize=1024)
def start_chars(pattern: str) -> frozenset[str] | None:
    """Every character a non-empty match of the pattern can start with, or None when unknown.

    A scope whose text holds none of them cannot match, so the pattern need not run line by line.
    """
    try:
        tree = sre_parse.parse(pattern)
    except re.error:
        return None
    if tree.state.flags & re.IGNORECASE:
        return None
    found = first_chars(list(tree), precise=True)
    return frozenset(chr(c) for c in found) if found and found != _ANY else None


_NEWLINE = ord("\n")
_CATEGORIES_WITHOUT_NEWLINE = {sre_constants.CATEGORY_DIGIT, sre_constants.CATEGORY_WORD}
_NESTED = {sre_constants.ASSERT, sre_constants.ASSERT_NOT}


def never_newline(items: list[tuple[Any, Any]], dotall: bool) -> bool:
    """True when no part of a parsed pattern can match a newline and none is an anchor (^ $ \\b).

    Such a pattern matches in the lines joined by newlines exactly where it matches in each
    line: a lookaround that reaches the newline fails as it would at the line's edge.
    """
    for op, av in items:
        if op is sre_constants.LITERAL:
            if av == _NEWLINE:
                return False
        elif op is sre_constants.ANY:
            if dotall:
                return False
        elif op is sre_constants.IN:
            for kind, value in av:
                if kind is sre_constants.LITERAL and value == _NEWLINE:
                    return False
                if kind is sre_constants.RANGE and value[0] <= _NEWLINE <= value[1]:
                    return False
                if kind is sre_constants.CATEGORY and value not in _CATEGORIES_WITHOUT_NEWLINE:
                    return False
                if kind not in (sre_constants.LITERAL, sre_constants.RANGE, sre_constants.CATEGORY):
                    return False  # a negated set, among others
        elif op in _REPEATS:
            if not never_newline(list(av[2]), dotall):
                return False
        elif op is sre_constants.SUBPATTERN:
            if not never_newline(list(av[-1]), dotall or bool(av[1] & re.DOTALL)):
                return False
        elif op is sre_constants.BRANCH:
            if not all(never_newline(list(b), dotall) for b in av[1]):
                return False
        elif op in _NESTED:
            if not never_newline(list(av[1]), dotall):
                return False
        elif op is not sre_constants.GROUPREF:
            return False  # anchors, conditionals and whatever else: searched line by line
    return True


@lru_cache(maxsize=1024)
def joined_search_is_exact(pattern: str) -> bool:
    """Whether searching the joined lines finds every line the pattern matches in (never_newline)."""
    try:
        tree = sre_parse.parse(pattern)
    except re.error:
        return False
    return never_newline(list(tree), bool(tree.state.flags & re.DOTALL))


@lru_cache(maxsize=1024)
def after_lookbehind(pattern: str) -> re.Pattern[str] | None:
    """The pattern without the lookbehind it opens with ((?<![司宪立])法制政府 -> 法制政府), or None.

    It matches wherever the whole pattern does, and the regex engine searches it much faster: a
    pattern opening with a lookbehind is tried at every position, one opening with a literal is
    found by a scan.
    """
    if not pattern.startswith(("(?<=", "(?<!")):
        return None
    depth, index = 1, 4
    while index < len(pattern) and depth:
        char = pattern[index]
        if char == "\\":
            index += 1
        elif char == "[":
            index = class_end(pattern, index)
        elif char == "(":
            if not pattern.startswith(("(?:", "(?=", "(?!", "(?<=", "(?<!"), index):
                return None  # a group the rest might refer to
            depth += 1
        elif char == ")":
            depth -= 1
        index += 1
    rest = pattern[index:]
    try:
        return re.compile(rest) if rest and not depth else None
    except re.error:
        return None


def class_end(pattern: str, start: int) -> int:
    """The index of the ] closing the character class opened at `start` ([^]a\\]] included)."""
    index = start + 1
    if pattern.startswith("^", index):
        index += 1
    if pattern.startswith("]", index):
        index += 1  # a ] first in the class is a character
    while pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return index


def may_match(pattern: str, joined: str) -> bool:
    """False when the pattern, less its opening lookbehind, matches nowhere in the scope's joined text."""
    rest = after_lookbehind(pattern)
    return rest is None or rest.search(joined) is not None


def matches_in(regex: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Non-empty matches of a regex in a line, run on bounded windows of it."""
    out: list[re.Match[str]] = []
    seen: set[int] = set()
    start = 0
    while True:
        end = min(len(text), start + _WINDOW)
        for match in regex.finditer(text, start, end):
            if match.end() > match.start() and match.start() not in seen:
                seen.add(match.start())
                out.append(match)
        if end >= len(text):
            return out
        start = end - _OVERLAP


def could_match(pattern: str, text: str) -> bool:
    """False only when no character a match can start with occurs in the text."""
    starts = start_chars(pattern)
    return starts is None or any(ch in text for ch in starts)


def evaluate(rule: Rule, ctx: Context) -> Verdict:
    scope, exclude = string_list(rule, "scope"), string_list(rule, "exclude")
    where = looked_in(ctx, scope, exclude)
    lines = ctx.lines_in(scope, exclude)
    if scope and not lines:
        # No part to search is nothing to check (its own rule reports the missing part).
        return Verdict(NA, detail=f"报告中没有{ctx.describe(scope)}部分，无需检查", looked_in=where)
    text_of_scope = ctx.scope_text(lines)
    joined = text_of_scope.joined
    patterns = string_list(rule, "forbid")
    regexes = [
        re.compile(p) if could_match(p, joined) else None  # checked when the pack loaded
        for p in patterns
    ]
    read = lines
    if all(joined_search_is_exact(p) for p in patterns) and text_of_scope.longest <= _WINDOW:
        # One search of the joined text per line that holds a match, not every pattern on every line;
        # lines longer than a window are searched in windows, whose edges a joined search would not see.
        holding = {
            i
            for p, regex in zip(patterns, regexes, strict=True)
            if regex is not None and may_match(p, joined)
            for i in text_of_scope.lines_holding(regex)
        }
        read = [i for i in lines if i in holding]
    message = rule.settings.message_each
    found = []  # (line index, match, pattern number)
    for index in read:
        text = ctx.doc.lines[index].text
        for number, regex in enumerate(regexes):
            if regex is None:
                continue
            found.extend((index, m, number) for m in matches_in(regex, text))
        if len(found) >= _MAX_MATCHES:
            break
    if not found:
        # Unlike a dated term (freshness), forbidden text is forbidden in every report: its absence
        # in text that was searched is the rule met, a real pass.
        return Verdict(PASS, detail="没有发现不应出现的文字", looked_in=where)
    found.sort(key=lambda f: (f[0], f[1].start()))
    evidence = tuple(ctx.evidence(i, m.start(), m.end()) for i, m, _ in found[:3])
    values = tuple(dict.fromkeys(m.group() for _, m, _ in found))[:10]
    described = []
    for _, match, number in found[:3]:
        each = message[number] if isinstance(message, tuple) else message
        described.append(each.replace("{match}", match.group()) if each else f"“{match.group()}”")
    count = f"{len(found)}{'+' if len(found) >= _MAX_MATCHES else ''}"
    detail = f"找到 {count} 处不应出现的文字：" + "；".join(dict.fromkeys(described))
    return Verdict(FAIL, evidence, detail, looked_in=where, values=values)


# The Chinese reference of this type (docs/rule-types.md is generated from it: python -m tests.regen_docs).
REFERENCE = TypeDoc(
    intro=("不应出现的文字（文稿卫生）：未填写的占位符（`XX`、`××`、`*次`）、“法制政府”误作“法治政府”等。"),
    notes={
        "forbid": "正则表达式（Python 语法）列表，任一匹配即 ✗",
        "message_each": (
            "说明每处匹配是什么：一段文字（适用于所有表达式），或与 `forbid` 一"
            "一对应的文字列表；其中的 `{match}` 替换为匹配到的文字"
        ),
    },
    guide=(
        "加载时校验每个表达式：语法错误、会匹配空文本、可能极慢的写法都会被拒绝并指出"
        "是哪一个表达式。可能极慢的写法包括\n"
        "量词嵌套（`(a+)+`、`(a*)*`、`(\\d+,)+`）、重复的分支可"
        "匹配相同文字（`(a|a)+`、`(x|.)*`）、三个以上可匹配任意文字的"
        "\n"
        "无界量词（`.*a.*b.*c`）。请改用字符组和固定次数，如 `[Xx×]"
        "{2,}`、`(?:\\d,)+`。检查时每个表达式在一行中每次最多\n"
        "处理 1000 个字（长段落分段处理，段与段之间重叠 200 字）。"
    ),
    statuses=(
        "- ✓：没有匹配（情况“没有发现不应出现的文字”：不应出现的文字在任何报告中"
        "都不应出现，查过而没有即为符合）。\n"
        "- —：`scope` 指定的部分在报告中不存在（没有可查的文字）。\n"
        "- ✗：有匹配（证据为前 3 处；`values` 为匹配到的文字；情况写明"
        "共几处、各是什么）。"
    ),
    examples=(
        (
            "- id: hygiene.placeholders\n"
            "  type: pattern\n"
            "  part: measures\n"
            "  title: 没有未填写的占位符\n"
            "  severity: error\n"
            "  basis: 公文处理的基本要求\n"
            "  message: 报告中不应留有“XX”“*次”之类未填写的占位符。\n"
            "  suggestion: 把占位符换成实际的数字或名称。\n"
            "  forbid: ['[Xx×]{2,}', '\\*[次件项人个]', '"
            "某某']\n"
            "  message_each: 未填写的占位符“{match}”\n"
        ),
    ),
)


TYPE = register(
    RuleType(
        name="pattern",
        evaluate=evaluate,
        validate=validate,
        settings=SETTINGS,
        reference=REFERENCE,
        doc="不应出现的文字：forbid 中任一正则表达式匹配即为不符合（如未填写的占位符、“法制政府”）。",
    )
)
