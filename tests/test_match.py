"""Term matching: no fuzzy hit on a fragment at a line edge, and the fast fuzzy search never loses a line
the line-by-line search would find."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from checker.match import ScopeText, any_of, best_similarity, edge_candidates, fuzzy_candidates, fuzzy_hit


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("网站栏目：政策查询 法制查询 办事指南", "法制审查"),
        ("在县委的领导下", "党的领导"),
        ("法治政府建设组织领导", "法治政府建设情况"),
    ],
)
def test_fragment_at_a_line_edge_is_no_fuzzy_hit(text, term):
    assert fuzzy_hit(text, term, 85) is None
    assert best_similarity(text, [term], 85)[0] < 85


def test_variant_losing_one_character_is_still_a_fuzzy_hit():
    hit = fuzzy_hit("全面推行行政执法公示度和全过程记录", "行政执法公示制度", 85)
    assert hit is not None and hit.end - hit.start >= 7


TERMS = [
    "行政复议",
    "复议纠错",
    "出庭应诉",
    "负责人出庭",
    "法治政府建设",
    "三项制度",
    "权责清单动态",
    "依法行政考核评价",
]
FILLER = "的了在和是年月日全县推进工作开展完成一二三四五，。、"


def lines_with_pieces(rng: random.Random, count: int) -> list[str]:
    """Lines that hold terms whole, cut at the line's start or end, with a character changed, or not at all."""
    out = []
    for _ in range(count):
        term = rng.choice(TERMS)
        filler = "".join(rng.choice(FILLER) for _ in range(rng.randint(0, 12)))
        cut = term[rng.randint(1, len(term) - 1) :] if rng.random() < 0.5 else term[: rng.randint(1, len(term) - 1)]
        changed = list(term)
        changed[rng.randrange(len(term))] = rng.choice(FILLER)
        variant = rng.choice([cut + filler, filler + cut, filler + "".join(changed) + filler, filler])
        out.append(variant)
    return out


@pytest.mark.parametrize("threshold", [75, 80, 85, 88, 90])
def test_candidates_hold_every_line_a_fuzzy_hit_finds(threshold: int) -> None:
    rng = random.Random(threshold)
    checked = found = 0
    for _ in range(300):
        texts = tuple(lines_with_pieces(rng, rng.randint(1, 8)))
        scope = ScopeText(tuple(range(len(texts))), texts, "\n".join(texts))
        for term in TERMS:
            if term in scope.joined:
                continue  # find() answers exact hits before any fuzzy search
            expected = {i for i, text in enumerate(texts) if fuzzy_hit(text, term, threshold)}
            assert expected <= set(fuzzy_candidates(term, scope, threshold)), (term, texts)
            checked += 1
            found += bool(expected)
    assert checked > 1000 and found > 50  # the generated lines do exercise fuzzy hits


def scored_edge_lines(term: str, scope: ScopeText, threshold: float) -> list[int]:
    """The lines whose first or last few characters reach the threshold, every piece scored."""
    n = len(term)
    shortest = next((m for m in range(1, n) if 200 * m / (n + m) >= threshold), n)
    return sorted(
        index
        for index, text in zip(scope.indexes, scope.texts, strict=True)
        if len(text) >= n
        and any(
            fuzz.ratio(term, piece, score_cutoff=threshold) >= threshold
            for m in range(shortest, n)
            for piece in (text[:m], text[-m:])
        )
    )


def test_edge_candidates_are_the_lines_whose_edges_score() -> None:
    rng = random.Random(7)
    found = 0
    for threshold in (70, 75, 80, 85, 88, 90, 95):
        for _ in range(300):
            texts = tuple(lines_with_pieces(rng, rng.randint(1, 8)))
            scope = ScopeText(tuple(range(len(texts))), texts, "\n".join(texts))
            for term in TERMS:
                if 100 * (len(term) - 1) / len(term) < threshold:
                    expected = scored_edge_lines(term, scope, threshold)
                    assert edge_candidates(term, scope, threshold) == expected, (term, texts, threshold)
                    found += bool(expected)
    assert found > 20  # the generated lines do reach the threshold at their edges


@pytest.mark.parametrize("words", [(), ("复议",), ("复议", "应诉"), ("", "诉讼"), ("a.b", "(x)"), ("应诉", "行政应诉")])
@pytest.mark.parametrize("text", ["", "行政复议案件12件", "行政应诉", "a.b", "axb", "(x)"])
def test_any_of_finds_what_any_word_in_text_finds(words, text):
    assert (any_of(words).search(text) is not None) == any(w in text for w in words)
