"""Every built-in rule's own examples, in-process: one test per (pack, rule, example).

Each example runs through checker.ruletest.run_example, the function `fzcheck rules test` uses; the
CLI itself is smoke-tested in packs/test_packs.py. Ids read `national::part.measures::pass-1` (the first
pass example of that rule in that pack).
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest

from checker.model import Pack
from checker.packs import builtin_names, load_packs
from checker.ruletest import kinds_problems, run_example


@cache
def builtin_pack(name: str) -> Pack:
    return load_packs([name])[0]


def _rules() -> list:
    return [
        pytest.param(name, index, id=f"{name}::{rule.id}")
        for name in builtin_names()
        for index, rule in enumerate(builtin_pack(name).rules)
    ]


def _examples() -> list:
    cases = []
    for name in builtin_names():
        for index, rule in enumerate(builtin_pack(name).rules):
            seen: Counter[str] = Counter()
            for number, example in enumerate(rule.examples, start=1):
                seen[example.expect] += 1
                case_id = f"{name}::{rule.id}::{example.expect}-{seen[example.expect]}"
                cases.append(pytest.param(name, index, number, id=case_id))
    return cases


@pytest.mark.parametrize(("name", "index"), _rules())
def test_rule_has_pass_and_fail_examples(name: str, index: int) -> None:
    rule = builtin_pack(name).rules[index]
    assert rule.examples, f"{rule.id}：没有示例（每条规则至少要有一个符合和一个不符合的示例）"
    assert kinds_problems(rule) == ()


@pytest.mark.parametrize(("name", "index", "number"), _examples())
def test_rule_example(name: str, index: int, number: int) -> None:
    pack = builtin_pack(name)
    rule = pack.rules[index]
    assert run_example(pack, rule, number, rule.examples[number - 1]) is None


def test_an_example_with_last_years_report_runs_the_rule_that_compares_with_it() -> None:
    from checker.ruletest import example_status

    pack = builtin_pack("quality")
    rule = next(r for r in pack.rules if r.id == "quality.boilerplate-reuse")
    given = {e.expect: example_status(pack, rule, e)[0] for e in rule.examples if e.previous}
    assert given == {"pass": "pass", "fail": "fail"}
    alone = next(e for e in rule.examples if not e.previous)
    assert example_status(pack, rule, alone)[0] is None, "without last year's report the rule does not run"


@pytest.mark.parametrize("name", builtin_names())
def test_every_builtin_rule_has_examples_that_fire_it_and_that_it_passes(name: str) -> None:
    from checker.ruletest import run_examples

    assert [o.coverage_gap() for o in run_examples(builtin_pack(name)) if not o.covered] == []
