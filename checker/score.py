"""Score stage: Findings -> Result (weights, statuses, gate verdict)."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from checker.config import Waiver, apply_waivers
from checker.model import ERROR, FAIL, PASS, WAIVED, WARNING, Document, Finding, Pack, Result, Section

FAIL_ON = ("error", "warning", "never")


@dataclass(frozen=True)
class Gate:
    """The gate's policy: what fails it, and what a configuration ignores or waives."""

    fail_on: str = "error"
    fail_under: float | None = None
    ignore: tuple[str, ...] = ()  # rule ids (globs) whose findings are dropped
    waivers: tuple[Waiver, ...] = ()


def score_of(findings: list[Finding] | tuple[Finding, ...], status_scores: dict[str, float]) -> float:
    """0-100: the weighted share of what the rules ask for that the report has."""
    # Waived items are accepted gaps: they count neither for nor against the report.
    counted = [f for f in findings if f.status != WAIVED]
    total = sum(f.weight for f in counted)
    if total <= 0:
        return 100.0
    got = sum(f.weight * status_scores.get(f.status, 0.0) for f in counted)
    return round(100.0 * got / total, 1)


def part_scores(findings: tuple[Finding, ...], status_scores: dict[str, float]) -> dict[str, float]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.part or finding.rule.split(".", 1)[0], []).append(finding)
    return {part: score_of(group, status_scores) for part, group in groups.items()}


def gate_passed(findings: tuple[Finding, ...], score: float, gate: Gate) -> bool:
    """False when an item at or above the fail-on severity is not pass, or the score is too low."""
    if gate.fail_under is not None and score < gate.fail_under:
        return False
    if gate.fail_on == "never":
        return True
    blocking = (ERROR,) if gate.fail_on == "error" else (ERROR, WARNING)
    return not any(f.severity in blocking and f.status not in (PASS, WAIVED) for f in findings)


def result_of(
    doc: Document, sections: tuple[Section, ...], findings: list[Finding], packs: list[Pack], gate: Gate
) -> Result:
    scores = merged_status_scores(packs)
    kept = [f for f in findings if not any(fnmatch.fnmatchcase(f.rule, pattern) for pattern in gate.ignore)]
    ordered = tuple(apply_waivers(kept, doc.path, gate.waivers))
    score = score_of(ordered, scores)
    return Result(
        document=doc,
        findings=ordered,
        score=score,
        passed=gate_passed(ordered, score, gate),
        packs=tuple(p.id for p in packs),
        sections=sections,
        part_scores=part_scores(ordered, scores),
        part_titles={pid: part.title for pack in reversed(packs) for pid, part in pack.parts.items()},
    )


def merged_status_scores(packs: list[Pack]) -> dict[str, float]:
    """The last pack's status scores win (a provincial pack may override)."""
    scores = {PASS: 1.0, "partial": 0.5, FAIL: 0.0}
    for pack in packs:
        scores.update(pack.status_scores)
    return scores
