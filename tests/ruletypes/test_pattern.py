"""The pattern rule's start-character prefilter never skips a pattern that would match."""

from __future__ import annotations

import random
import re

import pytest

from checker.ruletypes.pattern import could_match, matches_in, start_chars

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
