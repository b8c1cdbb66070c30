"""`fzcheck rules test`: every rule's own examples, run like Semgrep's rule tests.

With --coverage a rule must also be shown both ways by its examples: one that makes it fire (a fail
example giving partial or fail, not n/a) and one that it passes.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.evaluate import in_years
from checker.model import PASS, UNMET, Pack, RawDocument, Rule, RuleExample
from checker.pipeline import check_text
from checker.score import Gate


@dataclass(frozen=True)
class Outcome:
    rule: str
    passed: int
    total: int
    problems: tuple[str, ...]
    fires: bool = False  # a fail example gives partial or fail
    meets: bool = False  # a pass example gives pass

    @property
    def ok(self) -> bool:
        return self.total > 0 and not self.problems

    @property
    def covered(self) -> bool:
        return self.fires and self.meets

    def line(self) -> str:
        if self.total == 0:
            return f"✗ {self.rule}：没有示例（每条规则至少要有一个符合和一个不符合的示例）"
        mark = "✓" if self.ok else "✗"
        text = f"{mark} {self.rule}：{self.passed}/{self.total} 个示例符合预期"
        return text + "".join(f"\n    {p}" for p in self.problems)

    def coverage_gap(self) -> str:
        """What the examples fail to show (for --coverage), or "" when they show both."""
        missing = [
            *([] if self.fires else ["没有使它不符合（缺失或部分符合）的示例"]),
            *([] if self.meets else ["没有使它符合的示例"]),
        ]
        return f"{self.rule}：{'；'.join(missing)}" if missing else ""


def run_examples(pack: Pack) -> list[Outcome]:
    """One outcome per rule of the pack."""
    return [run_rule(pack, rule) for rule in pack.rules]


def outside_years(rule: Rule, year: int | None) -> bool:
    """True when a rule limited to some report years does not cover this one (a known year)."""
    return year is not None and not in_years(rule, year)


def run_rule(pack: Pack, rule: Rule) -> Outcome:
    problems = list(kinds_problems(rule))
    passed = 0
    fires = meets = False
    for number, example in enumerate(rule.examples, start=1):
        got, report_type = example_status(pack, rule, example)
        problem = example_problem(rule, number, example, got, report_type)
        if problem is None:
            passed += 1
            fires = fires or (example.expect == "fail" and got in UNMET)
            meets = meets or (example.expect == "pass" and got == PASS)
        else:
            problems.append(problem)
    return Outcome(rule.id, passed, len(rule.examples), tuple(problems), fires, meets)


def kinds_problems(rule: Rule) -> tuple[str, ...]:
    """What is wrong with the kinds of a rule's examples: both a pass and a fail one are wanted."""
    kinds = {e.expect for e in rule.examples}
    # A rule comparing with last year's report (reuse) runs only on an example that gives one
    # (`previous`); a pack may still have pass examples only, checking that it does not run without.
    if rule.examples and kinds != {"pass", "fail"} and not (needs_previous(rule) and kinds == {"pass"}):
        return ("缺少" + ("不符合" if "fail" not in kinds else "符合") + "的示例",)
    return ()


def needs_previous(rule: Rule) -> bool:
    from checker.ruletypes import RULE_TYPES

    return RULE_TYPES[rule.type].needs_previous


def example_status(pack: Pack, rule: Rule, example: RuleExample) -> tuple[str | None, str]:
    """(the rule's status on the example, None when it did not run; the report type it was run as)."""
    # An inherited example (a government report) is run as a report of the type this pack is for.
    report_type = example.report_type or (pack.applies_to[0] if len(pack.applies_to) == 1 else None)
    previous = RawDocument(path="<上年示例>", text=example.previous, encoding="utf-8") if example.previous else None
    result = check_text(example.text, [pack], Gate(), example.year, report_type, previous=previous)
    got = next((f.status for f in result.findings if f.rule == rule.id), None)
    if got is None and example.year is None and rule.years and outside_years(rule, result.document.report_year):
        # An inherited example written for the parent's years (a re-issued outline rule) is run as
        # a report of the first year this rule is for.
        result = check_text(example.text, [pack], Gate(), rule.years[0], report_type, previous=previous)
        got = next((f.status for f in result.findings if f.rule == rule.id), None)
    return got, result.document.report_type


def example_problem(rule: Rule, number: int, example: RuleExample, got: str | None, report_type: str) -> str | None:
    """The problem with a rule's example `number` (1-based) that gave `got`, or None when that is what it expects."""
    if got is None and needs_previous(rule) and example.expect == "pass" and not example.previous:
        return None  # not run without a previous report, as it should
    if got is None:
        return f"示例 {number}：规则未运行（报告类型 {report_type} 或年度不适用）"
    if example.expect == "pass" and got != PASS:
        return f"示例 {number}（应符合）：结果为 {got}"
    if example.expect == "fail" and (got == PASS or (example.status and got != example.status)):
        return f"示例 {number}（应不符合{('：' + example.status) if example.status else ''}）：结果为 {got}"
    return None


def run_example(pack: Pack, rule: Rule, number: int, example: RuleExample) -> str | None:
    """The problem with a rule's example `number` (1-based), or None when it gives what it expects."""
    got, report_type = example_status(pack, rule, example)
    return example_problem(rule, number, example, got, report_type)
