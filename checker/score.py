"""Score stage: Findings -> Result (weights, statuses, counts, gate verdict).

Every figure a renderer shows (score, counts per status, required items met, gaps by severity,
groups in display order) is computed here once; renderers only read the Result. The formula is
documented in docs/scoring.md.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any

from checker.config import Waiver, apply_waivers
from checker.model import (
    ALL_STATUSES,
    ERROR,
    FAIL,
    NA,
    PARTIAL,
    PASS,
    SEVERITIES,
    UNMET,
    WAIVED,
    WARNING,
    Document,
    Finding,
    Pack,
    Result,
    Section,
)

FAIL_ON = ("error", "warning", "never")
# Points a required (error) item costs on top of its weight when it is missing; a partial one costs
# this times (1 - its status score). It makes each missing required item cost at least this much,
# whatever the weights and the number of advisory items.
REQUIRED_PENALTY = 10.0
# Groups in display order: the report's parts first, then the groups of rules that are not parts.
PART_ORDER = ("measures", "leader-duty", "shortcomings", "next-year", "other", "publication", "outline",
              "consistency", "freshness", "hygiene", "quality")  # fmt: skip


@dataclass(frozen=True)
class Gate:
    """The gate's policy: what fails it, and what a configuration ignores or waives."""

    fail_on: str = "error"
    fail_under: float | None = None
    ignore: tuple[str, ...] = ()  # rule ids (globs) whose findings are dropped
    waivers: tuple[Waiver, ...] = ()


def group_of(part: str, rule: str) -> str:
    """The group a finding is shown in: its part, else its id's prefix (freshness.x -> freshness)."""
    return part or rule.split(".", 1)[0]


def scored(findings: list[Finding] | tuple[Finding, ...]) -> list[Finding]:
    """The findings the score counts: n/a items had nothing to check and waived ones are accepted gaps."""
    return [f for f in findings if f.status not in (NA, WAIVED)]


def weighted_share(findings: list[Finding] | tuple[Finding, ...], status_scores: dict[str, float]) -> float | None:
    """0-100: the weighted share of what the scored rules ask for that the report has; None when none is scored."""
    counted = scored(findings)
    total = sum(f.weight for f in counted)
    if total <= 0:
        return None
    return 100.0 * sum(f.weight * status_scores.get(f.status, 0.0) for f in counted) / total


def required_penalty(findings: list[Finding] | tuple[Finding, ...], status_scores: dict[str, float]) -> float:
    """Points taken off for required items not met: REQUIRED_PENALTY each missing, less for a partial one."""
    return sum(
        REQUIRED_PENALTY * (1.0 - status_scores.get(f.status, 0.0)) for f in scored(findings) if f.severity == ERROR
    )


def score_of(findings: list[Finding] | tuple[Finding, ...], status_scores: dict[str, float]) -> float:
    """0-100: the weighted share of the scored items, less the required-item penalty, never below 0."""
    share = weighted_share(findings, status_scores)
    if share is None:
        return 100.0  # nothing to score: no gap either
    return round(max(0.0, share - required_penalty(findings, status_scores)), 1)


def part_scores(findings: tuple[Finding, ...], status_scores: dict[str, float]) -> dict[str, float]:
    """Per group, the weighted share of its scored items; a group with nothing scored has no subtotal."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(group_of(finding.part, finding.rule), []).append(finding)
    shares = {part: weighted_share(group, status_scores) for part, group in groups.items()}
    return {part: round(share, 1) for part, share in shares.items() if share is not None}


def gate_passed(findings: tuple[Finding, ...], score: float, gate: Gate) -> bool:
    """False when an item at or above the fail-on severity is a gap, or the score is too low (n/a never blocks)."""
    if gate.fail_under is not None and score < gate.fail_under:
        return False
    if gate.fail_on == "never":
        return True
    blocking = (ERROR,) if gate.fail_on == "error" else (ERROR, WARNING)
    return not any(f.severity in blocking and f.status in UNMET for f in findings)


def status_counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    """Findings per status; every status is present, in display order."""
    out = dict.fromkeys(ALL_STATUSES, 0)
    for finding in findings:
        out[finding.status] = out.get(finding.status, 0) + 1
    return out


def unmet_by_severity(findings: tuple[Finding, ...]) -> dict[str, int]:
    """Severity -> findings that are gaps (partial or fail); every severity is present."""
    out = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        if finding.status in UNMET:
            out[finding.severity] = out.get(finding.severity, 0) + 1
    return out


def required_met(findings: tuple[Finding, ...]) -> tuple[int, int]:
    """(required items that pass, required items scored): 必备 5/7. n/a and waived items count in neither."""
    required = [f for f in scored(findings) if f.severity == ERROR]
    return sum(f.status == PASS for f in required), len(required)


def display_groups(findings: tuple[Finding, ...]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The applicable findings' indexes by group, groups in PART_ORDER (others after, as first met)."""
    groups: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        if finding.status != NA:
            groups.setdefault(group_of(finding.part, finding.rule), []).append(index)
    order = {p: i for i, p in enumerate(PART_ORDER)}
    ranked = sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))
    return tuple((group, tuple(indexes)) for group, indexes in ranked)


def missing_part_titles(findings: tuple[Finding, ...]) -> tuple[str, ...]:
    """Titles of the report parts that are absent (optional info parts left out)."""
    return tuple(f.title for f in findings if f.rule_type == "part" and f.status == FAIL and f.severity != "info")


def tallies(findings: tuple[Finding, ...]) -> dict[str, Any]:
    """The Result fields that follow from the findings alone (counts, required met, groups...).

    Whoever builds a Result from other findings (a test, a filter) takes these along, so that
    renderers never read counts of findings the Result no longer holds.
    """
    met, total = required_met(findings)
    return {
        "counts": status_counts(findings),
        "required_met": met,
        "required_total": total,
        "unmet": unmet_by_severity(findings),
        "groups": display_groups(findings),
        "not_applicable": tuple(i for i, f in enumerate(findings) if f.status == NA),
        "missing_parts": missing_part_titles(findings),
    }


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
        **tallies(ordered),
    )


def merged_status_scores(packs: list[Pack]) -> dict[str, float]:
    """The last pack's status scores win (a provincial pack may override)."""
    scores = {PASS: 1.0, PARTIAL: 0.5, FAIL: 0.0}
    for pack in packs:
        scores.update(pack.status_scores)
    return scores
