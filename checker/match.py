"""Term matching: exact hits first, rapidfuzz only for what exact matching missed."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import combinations
from operator import itemgetter
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

# A fuzzy match of three characters or fewer means nothing in Chinese.
MIN_FUZZY_LEN = 4


def window_counts(term: str, start: int, end: int) -> bool:
    """Whether a fuzzy window is a variant of the term, not a fragment of it.

    partial_ratio also scores windows shorter than the term at a text's edges: 法制查 for 法制审查,
    的领导 for 党的领导, 法治政府建设 for 法治政府建设情况. A variant loses at most one character.
    """
    return end - start >= max(MIN_FUZZY_LEN, len(term) - 1)


class Hit(NamedTuple):  # made by the thousand a report: a named tuple is made faster than a frozen dataclass
    term: str
    start: int
    end: int
    similarity: float


@lru_cache(maxsize=1024)
def any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds a text holding any of the words as `any(w in text for w in words)` says: one search
    in C instead of a test per word, made once per rule's word list (never per report)."""
    return re.compile("|".join(re.escape(w) for w in words) if words else "(?!)")


def exact_hits(text: str, term: str, limit: int = 50) -> list[Hit]:
    """Every exact occurrence of a term (up to `limit`)."""
    hits: list[Hit] = []
    start = text.find(term)
    while start >= 0 and len(hits) < limit:
        hits.append(Hit(term, start, start + len(term), 100.0))
        start = text.find(term, start + len(term))
    return hits


def fuzzy_hit(text: str, term: str, threshold: float) -> Hit | None:
    """The best approximate occurrence of a term at or above the threshold."""
    if len(term) < MIN_FUZZY_LEN or len(text) < len(term):
        return None
    found = fuzz.partial_ratio_alignment(term, text, score_cutoff=threshold)
    if found is None or found.score < threshold or not window_counts(term, found.dest_start, found.dest_end):
        return None
    return Hit(term, found.dest_start, found.dest_end, round(found.score, 1))


def best_similarity(text: str, terms: tuple[str, ...] | list[str], threshold: float) -> tuple[float, str]:
    """The best similarity of any term in a short text (a heading), and the term."""
    for term in terms:
        if term in text:
            return 100.0, term
    # Scored in one C pass; the same partial_ratio as fuzzy_hit, rounded the same way, first best wins.
    choices = [t for t in terms if MIN_FUZZY_LEN <= len(t) <= len(text)]
    if not choices:
        return 0.0, ""
    best, which = 0.0, ""
    found = process.extract(text, choices, scorer=fuzz.partial_ratio, score_cutoff=threshold, limit=None)
    for _, _, index in sorted(found, key=lambda f: f[2]):
        # The same alignment fuzzy_hit takes, so a fragment at the heading's edge is no match.
        hit = fuzzy_hit(text, choices[index], threshold)
        if hit is not None and hit.similarity > best:
            best, which = hit.similarity, choices[index]
    return best, which


@dataclass(frozen=True)
class ScopeText:
    """Lines of a scope (document line indexes and texts) and the same joined by newlines."""

    indexes: tuple[int, ...]
    texts: tuple[str, ...]
    joined: str
    # What searches of this scope work out once: line edges (edge_candidates, edge_pieces), the lines
    # holding a term (term_lines); each keyed apart.
    memo: dict[tuple, Any] = field(default_factory=dict, compare=False)

    def edge_pieces(self, n: int, m: int) -> dict[str, list[int]]:
        """The first and the last m characters of the lines at least n long, each with the lines it starts or
        ends (edge_candidates): one table, so a piece is looked up once."""
        key = ("edge", n, m)
        table = self.memo.get(key)
        if table is None:
            table = {}
            for index, text in zip(self.indexes, self.texts, strict=True):
                if len(text) >= n:
                    table.setdefault(text[:m], []).append(index)
                    table.setdefault(text[-m:], []).append(index)
            self.memo[key] = table
        return table

    def edge_set(self, m: int) -> set[str]:
        """The first and the last m characters of every line (with shorter lines whole): made in C, so that a
        term none of whose pieces is among them (nearly every term no line holds) skips edge_pieces' table."""
        key = ("edge set", m)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = {
                *map(itemgetter(slice(m)), self.texts),
                *map(itemgetter(slice(-m, None)), self.texts),
            }
        return found

    @cached_property
    def starts(self) -> list[int]:
        """The offset of each line in `joined`."""
        out, at = [], 0
        for text in self.texts:
            out.append(at)
            at += len(text) + 1
        return out

    @cached_property
    def longest(self) -> int:
        """The length of the longest line."""
        return max(map(len, self.texts), default=0)

    def line_at(self, offset: int) -> int:
        """The position in the scope (not the document line index) of the line holding an offset of `joined`."""
        return bisect_right(self.starts, offset) - 1

    def term_lines(self, term: str) -> list[int]:
        """Positions in the scope (not document line indexes) of the lines holding a term, in order; kept
        per term, as several rules read the same scope for the same word (复议, 应诉)."""
        key = ("term", term)
        found = self.memo.get(key)
        if found is None:
            found = []
            at = self.joined.find(term)
            while at >= 0:
                position = self.line_at(at)
                if term in self.texts[position]:  # a term holding a newline is in no line
                    found.append(position)
                at = self.joined.find(term, self.starts[position] + len(self.texts[position]) + 1)
            self.memo[key] = found
        return found

    def lines_holding(self, pattern: re.Pattern[str]) -> list[int]:
        """Document indexes of the lines where the pattern matches, in order: one search of the joined text
        per line found, instead of a search of every line (a match never spans lines: no term holds a newline)."""
        out: list[int] = []
        found = pattern.search(self.joined)
        while found:
            position = self.line_at(found.start())
            out.append(self.indexes[position])
            found = pattern.search(self.joined, self.starts[position] + len(self.texts[position]) + 1)
        return out


def prefilter_cutoff(threshold: float) -> float:
    """A cutoff for the joined text that no line reaching `threshold` can fall below.

    partial_ratio also scores windows shorter than the term at a text's edges; inside the joined
    text such a window is a full-length one with its neighbours, scoring at least t/(2-t) of a
    term that reached t on its own line. One point less absorbs rounding.
    """
    t = threshold / 100
    return max(0.0, 100 * t / (2 - t) - 1)


def fuzzy_candidates(term: str, scope: ScopeText, threshold: float) -> list[int]:
    """Indexes of the scope's lines whose partial_ratio with the term reaches the threshold, in order."""
    if len(term) < MIN_FUZZY_LEN or not scope.joined:
        return []
    if 100 * (len(term) - 1) / len(term) < threshold:
        return edge_candidates(term, scope, threshold)
    if not fuzz.partial_ratio(term, scope.joined, score_cutoff=prefilter_cutoff(threshold)):
        return []
    choices = {i: text for i, text in zip(scope.indexes, scope.texts, strict=True) if len(text) >= len(term)}
    found = process.extract(term, choices, scorer=fuzz.partial_ratio, score_cutoff=threshold, limit=None)
    return sorted(key for _, _, key in found)


@lru_cache(maxsize=4096)
def edge_plan(term: str, threshold: float) -> tuple[tuple[int, tuple[str, ...]], ...] | None:
    """For each length m of line edge that may reach the threshold, the term's subsequences of that length;
    None when an edge may reach it without being one.

    ratio is 200·LCS/(n+m): when every piece that can reach the threshold must share all its m
    characters with the term (always so at the default threshold), it is one of the term's few
    subsequences of that length, looked up instead of scoring every line's edges.
    """
    n = len(term)
    shortest = next((m for m in range(1, n) if 200 * m / (n + m) >= threshold), n)
    lengths = range(shortest, n)
    if not all(math.ceil(threshold * (n + m) / 200 - 1e-6) >= m for m in lengths):
        return None
    return tuple((m, tuple(sorted({"".join(kept) for kept in combinations(term, m)}))) for m in lengths)


def edge_candidates(term: str, scope: ScopeText, threshold: float) -> list[int]:
    """fuzzy_candidates for a short term that no line holds exactly.

    A window as long as the term scores 100·shared/len(term), so below 100 it stays under a
    threshold above (len-1)/len: only the shorter windows partial_ratio tries at a line's start
    and end can reach it. Those pieces are scored directly, about ten times faster than a
    pass over the whole text.
    """
    n = len(term)
    plan = edge_plan(term, threshold)
    if plan is not None:
        found: set[int] = set()
        for m, subsequences in plan:
            if scope.edge_set(m).isdisjoint(subsequences):
                continue  # no line starts or ends with one of them
            edges = scope.edge_pieces(n, m)
            for piece in subsequences:
                owners = edges.get(piece)
                if owners and fuzz.ratio(term, piece, score_cutoff=threshold) >= threshold:
                    found.update(owners)
        return sorted(found) if found else []
    shortest = next((m for m in range(1, n) if 200 * m / (n + m) >= threshold), n)
    key = ("scored", n, shortest)
    if key not in scope.memo:
        pieces: list[str] = []
        owners: list[int] = []
        for index, text in zip(scope.indexes, scope.texts, strict=True):
            if len(text) >= n:
                for m in range(shortest, n):
                    pieces += (text[:m], text[-m:])
                    owners += (index, index)
        scope.memo[key] = (pieces, owners)
    pieces, owners = scope.memo[key]
    found = process.extract(term, pieces, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
    return sorted({owners[position] for _, _, position in found})
