"""`fzcheck check --statistics`: per rule, how many of the checked reports miss it or meet it in part
(like ruff's --statistics), the rules most often unmet first."""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import FAIL, PARTIAL, Result


@dataclass(frozen=True)
class RuleTally:
    rule: str
    title: str
    failed: int  # reports where the rule is fail (缺失)
    partial: int  # reports where it is partial (部分符合)

    @property
    def unmet(self) -> int:
        return self.failed + self.partial


def rule_tallies(results: list[Result]) -> list[RuleTally]:
    """One tally per rule unmet in at least one report: most reports unmet first, then by rule id."""
    counts: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for result in results:
        for finding in result.findings:
            if finding.status in (FAIL, PARTIAL):
                tally = counts.setdefault(finding.rule, [0, 0])
                tally[finding.status == PARTIAL] += 1
                titles.setdefault(finding.rule, finding.title)
    tallies = [RuleTally(rule, titles[rule], failed, partial) for rule, (failed, partial) in counts.items()]
    return sorted(tallies, key=lambda t: (-t.unmet, -t.failed, t.rule))


def statistics_text(results: list[Result]) -> str:
    """The statistics as lines of text: counts first (aligned), then the rule id and its title."""
    tallies = rule_tallies(results)
    head = f"\n规则统计（{len(results)} 份报告）："
    if not tallies:
        return f"{head}没有未达标的项目\n"
    width = max(len(t.rule) for t in tallies)
    # "缺失" and "部分" are two characters, four columns wide on a terminal: the counts are four wide too.
    lines = [head, f"{'缺失':<2} {'部分':<2} {'编号':<{width - 2}} 标题"]
    lines += [f"{t.failed:>4} {t.partial:>4} {t.rule:<{width}} {t.title}" for t in tallies]
    return "\n".join(lines) + "\n"
