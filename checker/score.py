"""Score stage: Findings -> Result (weights, statuses, counts, gate verdict).

Every figure a renderer shows (score, counts per status, required items met, gaps by severity,
groups in display order) is computed here once; renderers only read the Result. The formula is
documented in docs/scoring.md.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any

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
    GroupDef,
    Pack,
    Result,
    Section,
)
from checker.waivers import Waiver, apply_waivers

# Points a required (error) item costs on top of its weight when it is missing; a partial one costs
# this times (1 - its status score). It makes each missing required item cost at least this much,
# whatever the weights and the number of advisory items.
REQUIRED_PENALTY = 10.0


@dataclass(frozen=True)
class Gate:
    """The gate's policy: what fails it, and what a configuration ignores or waives."""

    fail_on: str = "error"
    fail_under: float | None = None
    ignore: tuple[str, ...] = ()  # rule ids (globs) whose findings are dropped
    waivers: tuple[Waiver, ...] = ()  # the waivers in force (expired ones are left out by the caller)
    select: tuple[str, ...] = ()  # rule ids (globs) whose findings are kept (empty: every rule); ignore wins


def rule_selected(rule: str, gate: Gate) -> bool:
    """Whether the gate keeps a rule's findings: selected (or no selection) and not ignored."""
    if gate.select and not any(fnmatch.fnmatchcase(rule, pattern) for pattern in gate.select):
        return False
    return not any(fnmatch.fnmatchcase(rule, pattern) for pattern in gate.ignore)


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


def grouped(findings: tuple[Finding, ...]) -> dict[str, list[int]]:
    """Every finding's index by group (its part, else its id's prefix), groups as first met."""
    groups: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        # group_of, inlined: this runs for every finding of every report, twice
        groups.setdefault(finding.part or finding.rule.split(".", 1)[0], []).append(index)
    return groups


def part_scores(
    findings: tuple[Finding, ...], status_scores: dict[str, float], by_group: dict[str, list[int]] | None = None
) -> dict[str, float]:
    """Per group, the weighted share of its scored items; a group with nothing scored has no subtotal.

    `by_group` is grouped(findings) when the caller has it already."""
    shares = {
        group: weighted_share([findings[i] for i in indexes], status_scores)
        for group, indexes in (grouped(findings) if by_group is None else by_group).items()
    }
    return {group: round(share, 1) for group, share in shares.items() if share is not None}


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


def display_groups(
    findings: tuple[Finding, ...],
    parts: tuple[str, ...] = (),
    rule_groups: tuple[str, ...] = (),
    by_group: dict[str, list[int]] | None = None,
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The applicable findings' indexes by group: the report's parts in the packs' order, then the packs' rule
    groups in theirs, then any other group as first met. n/a findings are in none (they are shown apart).

    `by_group` is grouped(findings) when the caller has it already."""
    applicable = {
        group: tuple(i for i in indexes if findings[i].status != NA)
        for group, indexes in (grouped(findings) if by_group is None else by_group).items()
    }
    order = {group: rank for rank, group in enumerate((*parts, *rule_groups))}
    ranked = sorted(((g, ix) for g, ix in applicable.items() if ix), key=lambda kv: order.get(kv[0], len(order)))
    return tuple(ranked)


def group_titles(
    groups: tuple[tuple[str, tuple[int, ...]], ...], part_titles: dict[str, str], rule_groups: dict[str, str]
) -> dict[str, str]:
    """Each shown group's heading: the part's title from the packs, else the rule group's title, else its id."""
    return {group: part_titles.get(group) or rule_groups.get(group, group) for group, _ in groups}


def missing_part_titles(findings: tuple[Finding, ...]) -> tuple[str, ...]:
    """Titles of the report parts that are absent (optional info parts left out)."""
    return tuple(f.title for f in findings if f.rule_type == "part" and f.status == FAIL and f.severity != "info")


def tallies(
    findings: tuple[Finding, ...],
    part_titles: dict[str, str] | None = None,
    rule_groups: dict[str, str] | None = None,
    by_group: dict[str, list[int]] | None = None,
) -> dict[str, Any]:
    """The Result fields that follow from the findings and the packs' parts and rule groups (id -> title, each in
    display order: pack_parts, pack_groups).

    Whoever builds a Result from other findings (a test, a filter) takes these along, so that
    renderers never read counts of findings the Result no longer holds. `by_group` is grouped(findings)
    when the caller has it already.
    """
    part_titles, rule_groups = part_titles or {}, rule_groups or {}
    met, total = required_met(findings)
    groups = display_groups(findings, tuple(part_titles), tuple(rule_groups), by_group)
    return {
        "counts": status_counts(findings),
        "required_met": met,
        "required_total": total,
        "unmet": unmet_by_severity(findings),
        "groups": groups,
        "group_titles": group_titles(groups, part_titles, rule_groups),
        "not_applicable": tuple(i for i, f in enumerate(findings) if f.status == NA),
        "missing_parts": missing_part_titles(findings),
    }


def pack_parts(packs: list[Pack]) -> dict[str, str]:
    """Every part the packs define, id -> title: in the order the packs define them, the first pack's title."""
    titles = {pid: part.title for pack in reversed(packs) for pid, part in pack.parts.items()}
    return {pid: titles[pid] for pack in packs for pid in pack.parts}


def pack_groups(packs: list[Pack]) -> dict[str, str]:
    """Every rule group the packs declare, id -> title, in display order: by `order` (groups without one after
    those with one), else as the packs declare them. The first pack declaring a group gives its title and order."""
    declared: dict[str, GroupDef] = {}
    for pack in packs:
        for gid, group in pack.groups.items():
            declared.setdefault(gid, group)
    ranked = sorted(declared.values(), key=lambda g: (g.order is None, g.order or 0))
    return {group.id: group.title for group in ranked}


def result_of(
    doc: Document, sections: tuple[Section, ...], findings: list[Finding], packs: list[Pack], gate: Gate
) -> Result:
    scores = merged_status_scores(packs)
    # The usual gate selects every rule and waives none: then no finding needs asking.
    kept = [f for f in findings if rule_selected(f.rule, gate)] if gate.select or gate.ignore else findings
    ordered = tuple(apply_waivers(kept, doc.path, gate.waivers) if gate.waivers else kept)
    score = score_of(ordered, scores)
    parts, rule_groups = pack_parts(packs), pack_groups(packs)
    by_group = grouped(ordered)
    return Result(
        document=doc,
        findings=ordered,
        score=score,
        passed=gate_passed(ordered, score, gate),
        packs=tuple(p.id for p in packs),
        sections=sections,
        part_scores=part_scores(ordered, scores, by_group),
        part_titles=parts,
        rule_groups=rule_groups,
        **tallies(ordered, parts, rule_groups, by_group),
    )


def merged_status_scores(packs: list[Pack]) -> dict[str, float]:
    """The last pack's status scores win (a provincial pack may override)."""
    scores = {PASS: 1.0, PARTIAL: 0.5, FAIL: 0.0}
    for pack in packs:
        scores.update(pack.status_scores)
    return scores
