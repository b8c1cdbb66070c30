"""`pattern`: text that must not appear; the start-character prefilter never skips a pattern that would match.

The rule's tests write a pack of one rule (tests/ruletypes/kit.py) and check a made-up report.
"""

from __future__ import annotations

import random
import re
import time

import pytest

from checker.packs import load_pack
from checker.ruletypes.pattern import could_match, matches_in, start_chars
from tests.reportkit import report
from tests.ruletypes.kit import refused, run, with_measures, write_pack

# ── the rule ─────────────────────────────────────────────────────────────────

PLACEHOLDERS = [r"[Xx×]{2,}", r"\*次"]


def test_pattern_clean_report_passes(tmp_path):
    found = run(tmp_path, report(year=2024), "pattern", forbid=PLACEHOLDERS)
    assert (found.status, found.evidence) == ("pass", ())


def test_pattern_match_fails_with_evidence_at_up_to_three_matches(tmp_path):
    lines = [f"{n}.举办培训*次，覆盖XX人。" for n in range(3, 6)]
    text = with_measures(*lines)
    found = run(tmp_path, text, "pattern", forbid=PLACEHOLDERS)
    assert found.status == "fail"
    assert len(found.evidence) == 3
    assert "6 处" in found.detail
    assert set(found.values) == {"*次", "XX"}
    assert found.evidence[0].line == text.splitlines().index(lines[0]) + 1


def test_pattern_message_each_and_scope(tmp_path):
    text = with_measures("3.推进法制政府建设。")
    found = run(tmp_path, text, "pattern", forbid=["法制政府"], message_each="把“{match}”误作“法治政府”")
    assert found.status == "fail"
    assert "把“法制政府”误作“法治政府”" in found.detail
    found = run(tmp_path, text, "pattern", forbid=["法制政府"], scope=["shortcomings"])
    assert found.status == "pass"


def test_pattern_runs_on_long_lines_in_bounded_windows(tmp_path):
    text = with_measures("3." + "推进依法行政，" * 400 + "举办培训XX场。")
    started = time.perf_counter()
    found = run(tmp_path, text, "pattern", forbid=[r"X{2}", r"(?:推进)+依法"])
    assert found.status == "fail"
    assert "XX" in found.values
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("forbid", "match"),
    [
        (["法治(政府"], "法治\\(政府"),
        (["(a+)+"], "可能极慢"),
        (["(a*)*"], "可能极慢"),
        (["(a|a)+"], "可能极慢"),
        (["(x|.)*y"], "可能极慢"),
        ([".*a.*b.*c"], "可能极慢"),
        (["x*"], "空文本"),
        ([], "forbid"),
    ],
)
def test_pattern_load_errors(tmp_path, forbid, match):
    refused(tmp_path, "pattern", match, forbid=forbid)


def test_pattern_message_each_must_fit_forbid(tmp_path):
    refused(tmp_path, "pattern", "message_each", forbid=["XX", "××"], message_each=["占位符"])


def test_pattern_allows_safe_repeats(tmp_path):
    load_pack(write_pack(tmp_path, "pattern", forbid=[r"[Xx×]{2,}", r"(?:ab|cd)+", r"(\d{2},)+", r"(a|ab)+"]))


# ── the start-character prefilter ────────────────────────────────────────────

PATTERNS = [
    r"(?<=[\u4e00-\u9fff])\*{1,3}(?=[次件人])",
    r"(?<![A-Za-z0-9.×])(?:[xX×]{2,3}(?![A-Za-z0-9])|[xX×](?=[镇乡村]))",
    r"_{2,}(?=[次件人%])",
    r"(?:19|20)[xX×]{2}年",
    r"(?<![司宪立])法制政府",
    r"^某某",
    r"[某XX]{2}县",
    r"(?:复议|诉讼)案件\d+",
    r"a*b",
    r"(?i)abc",
]
# Pieces of matches and of near misses, and single characters, joined at random.
TOKENS = [*"某县法制政府治司立复议诉讼案件次人镇乡xX×*_%12092年aAbBcC。，\n ", "法制政府", "司法制政府", "某某",
          "复议案件12", "诉讼案件", "20xx年", "19XX", "**次", "__人", "x镇", "ab", "ABC"]  # fmt: skip


def texts(count: int) -> list[str]:
    rng = random.Random(20241125)
    return ["".join(rng.choice(TOKENS) for _ in range(rng.randint(0, 12))) for _ in range(count)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_pattern_that_matches_is_never_skipped(pattern: str) -> None:
    regex = re.compile(pattern)
    matched = 0
    for text in texts(3000):
        if matches_in(regex, text):
            matched += 1
            assert could_match(pattern, text), text
    assert matched, "the generated texts should exercise the pattern"


def test_start_characters_of_common_patterns() -> None:
    assert start_chars(r"(?<=[\u4e00-\u9fff])\*{1,3}") == frozenset("*")
    assert start_chars(r"(?:19|20)[xX×]{2}年") == frozenset("12")
    assert start_chars(r"(?<![司宪立])法制政府") == frozenset("法")
    # Unknown when a match may start anywhere, or case is folded.
    assert all(start_chars(p) is None for p in (r"a*b", r"(?i)abc", r"[^a]b", r"(?:|a)b", r"\d+"))


def test_a_text_without_any_start_character_is_skipped() -> None:
    assert not could_match(r"(?<![司宪立])法制政府", "推进依规治理，建设服务型政府")
    assert could_match(r"(?<![司宪立])法制政府", "推进法制政府建设")
    assert not could_match(r"_{2,}(?=[次件人%])", "全年办理案件12件")


JOINED_PATTERNS = [
    r"(?<=[\u4e00-\u9fff])\*{1,3}(?=[次件人名个项%])",
    r"(?<![A-Za-z0-9.×])(?:[xX×]{2,3}(?![A-Za-z0-9])|[xX×](?=[镇乡名次件]))",
    r"(?:19|20)[xX×]{2}年",
    r"(?<![司宪立])法制政府",
    r"x\d+",
    r"..法制",
]


@pytest.mark.parametrize("pattern", JOINED_PATTERNS)
def test_joined_search_finds_every_line_a_pattern_matches_in(pattern: str) -> None:
    from checker.match import ScopeText
    from checker.ruletypes.pattern import joined_search_is_exact

    assert joined_search_is_exact(pattern)
    regex = re.compile(pattern)
    rng = random.Random(pattern)
    pieces = ["法制政府", "司法制政府", "x", "X", "××", "20", "xx", "年", "镇", "次", "*", "3", "a", "。", "共"]
    for _ in range(400):
        texts = tuple("".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(1, 6)))
        scope = ScopeText(tuple(range(len(texts))), texts, "\n".join(texts))
        expected = [i for i, text in enumerate(texts) if matches_in(regex, text)]
        assert [i for i in scope.lines_holding(regex) if matches_in(regex, texts[i])] == expected, texts


@pytest.mark.parametrize("pattern", [r"^XX", r"XX$", r"\bX", r"[^a]b", r"a\sb", r"(?s)a.b"])
def test_patterns_that_may_see_a_newline_are_searched_line_by_line(pattern: str) -> None:
    from checker.ruletypes.pattern import joined_search_is_exact

    assert not joined_search_is_exact(pattern)


@pytest.mark.parametrize(
    ("pattern", "rest"),
    [
        (r"(?<![司宪立])法制政府", "法制政府"),
        (r"(?<=[\u4e00-\u9fff])\*{1,3}(?=[次件])", r"\*{1,3}(?=[次件])"),
        (r"(?<=[]a\]])x", "x"),
        (r"(?<=\))(?:ab|c)", "(?:ab|c)"),
        (r"(?<=(a))b\1", None),  # the rest refers to a group of the lookbehind
        (r"法制政府", None),
    ],
)
def test_the_opening_lookbehind_is_set_aside_for_a_first_search(pattern: str, rest: str | None) -> None:
    from checker.ruletypes.pattern import after_lookbehind, may_match

    found = after_lookbehind(pattern)
    assert (found.pattern if found else None) == rest
    rng = random.Random(pattern)
    regex = re.compile(pattern)
    pieces = ["法制政府", "司", "a", "]", "x", ")", "ab", "c", "*", "次", "法"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert may_match(pattern, text) or not regex.search(text), text
