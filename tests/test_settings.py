"""Typed rule settings: every declared field of every rule type refuses a wrong value at load,
at its own file:line:column, so `rules lint` catches what `check` would trip on."""

from __future__ import annotations

import json

import pytest

from checker.cli import main
from checker.packs import DEFAULT_THRESHOLD as PACKS_THRESHOLD
from checker.packs import load_pack
from checker.ruletypes import RULE_TYPES
from checker.ruletypes.registry import DEFAULT_THRESHOLD, FUZZY_THRESHOLD, Field

# A minimal valid rule of each type (type-specific fields only).
BASES: dict[str, dict] = {
    "keywords": {"any": ["法治"]},
    "length": {"part": "shortcomings", "min_chars": 50},
    "year": {"part": "next-year", "expect": "{next_year}"},
    "reuse": {},
    "part": {"part": "shortcomings"},
    "pattern": {"forbid": ["法制政府"]},
    "meta": {"check": "title", "require": ["法治政府"]},
    "consistency": {"subjects": ["行政复议"], "check": "rate_at_most_100"},
    "figure": {"subjects": ["行政复议"], "counted": ["案件"], "units": ["件"]},
    "freshness": {"term": "七五普法", "valid_to": 2020, "instead": "八五普法"},
}
HEAD = (
    "id: p\nrules:\n  - id: a.rule\n    type: {type}\n    title: 标题\n    severity: warning\n"
    "    basis: 依据\n    message: 说明\n    suggestion: 建议\n"
)


def wrong_values(spec: Field) -> list[str]:
    """YAML texts of values the field must refuse: of another kind, and out of its range."""
    out = {
        "word": ["[]", "''"],
        "text": ["5", "[a]"],
        "date": ["[1]", "{a: 1}"],
        "str_list": ["5", "法治", "[[a]]"],
        "groups": ["法治", "[法治]", "[[]]"],
        "int": ["abc", "true", "1.5", ".nan"],
        "number": ["abc", "true", ".nan", ".inf"],
        "bool": ["yes please", "1"],
        "enum": ["nosuch", "[a]"],
        "concepts": ["法治", "[{any: [a]}]"],
        "mapping": ["[a]", "{a: b}", "{a: [1]}"],
        "text_or_list": ["5", "[1]"],
    }[spec.kind]
    if spec.min is not None:
        out.append(f"{spec.min - 1:g}")
    if spec.max is not None:
        out.append(f"{spec.max + 1:g}")
    return out


def pack_text(rule_type: str, name: str, value: str) -> tuple[str, int]:
    """The pack with `name: value` written last in the rule, and the line it is on."""
    fields = {k: v for k, v in BASES[rule_type].items() if k != name}
    text = HEAD.format(type=rule_type)
    text += "".join(f"    {k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items())
    line = text.count("\n") + 1
    return text + f"    {name}: {value}\n", line


def lint(path, capsys) -> tuple[int, str]:
    code = main(["rules", "lint", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


CASES = [
    (t, spec.name, value)
    for t in sorted(RULE_TYPES)
    for spec in (*RULE_TYPES[t].settings, FUZZY_THRESHOLD)
    for value in wrong_values(spec)
]


def test_every_type_has_a_valid_base(tmp_path, capsys):
    assert set(BASES) == set(RULE_TYPES)
    for rule_type in BASES:
        path = tmp_path / f"{rule_type}.yaml"
        text = HEAD.format(type=rule_type)
        text += "".join(f"    {k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in BASES[rule_type].items())
        path.write_text(text, encoding="utf-8")
        code, out = lint(path, capsys)
        assert code == 0, out


@pytest.mark.parametrize(("rule_type", "name", "value"), CASES)
def test_a_wrong_value_of_every_field_is_refused_where_it_is(tmp_path, capsys, rule_type, name, value):
    text, line = pack_text(rule_type, name, value)
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    code, out = lint(path, capsys)
    assert code == 1, out
    assert "✗" in out and f"{path}:{line}:" in out, out
    assert name in out
    assert "Traceback" not in out and "内部错误" not in out


def test_every_field_says_what_it_is():
    for rule_type in RULE_TYPES.values():
        assert rule_type.settings, rule_type.name
        for spec in rule_type.settings:
            assert spec.doc.strip() and any("\u4e00" <= c <= "\u9fff" for c in spec.doc), (rule_type.name, spec.name)


def test_one_default_threshold():
    assert DEFAULT_THRESHOLD == PACKS_THRESHOLD == 85


def test_settings_are_typed_and_frozen(tmp_path):
    path = tmp_path / "p.yaml"
    text = HEAD.format(type="keywords") + "    all: [[法治], [政府]]\n    at_least: 1\n    fuzzy_threshold: 90\n"
    path.write_text(text, encoding="utf-8")
    rule = load_pack(path).rules[0]
    assert rule.settings.all == (("法治",), ("政府",))
    assert rule.settings.at_least == 1 and rule.settings.fuzzy_threshold == 90.0
    assert rule.settings.near is None and rule.settings.any is None
    with pytest.raises(AttributeError):
        rule.settings.at_least = 2


RULE = HEAD.format(type="keywords") + "    any: [法治]\n"
# The crashes and silent passes the typed settings fix: (pack text, line of the problem, words in the message).
CRASHES = {
    "threshold_abc_in_rule": (RULE + "    fuzzy_threshold: abc\n", 11, "fuzzy_threshold"),
    "threshold_abc_in_defaults": (
        "id: p\ndefaults:\n  fuzzy_threshold: abc\n" + RULE[6:],
        3,
        "fuzzy_threshold",
    ),
    "weight_nan": (RULE + "    weight: .nan\n", 11, "weight"),
    "weight_negative": (RULE + "    weight: -1\n", 11, "weight"),
    "default_weight_inf": ("id: p\ndefaults:\n  weight: .inf\n" + RULE[6:], 3, "weight"),
    "threshold_1000": (RULE + "    fuzzy_threshold: 1000\n", 11, "fuzzy_threshold"),
    "status_score_negative": ("id: p\ndefaults:\n  status_scores: {fail: -100}\n" + RULE[6:], 3, "fail"),
    "status_score_nan": ("id: p\ndefaults:\n  status_scores: {partial: .nan}\n" + RULE[6:], 3, "partial"),
    "status_scores_not_a_mapping": ("id: p\ndefaults:\n  status_scores: 1\n" + RULE[6:], 3, "status_scores"),
    "at_least_true": (
        HEAD.format(type="keywords") + "    all: [[法治], [政府]]\n    at_least: true\n",
        11,
        "at_least",
    ),
}


@pytest.mark.parametrize("name", sorted(CRASHES))
def test_crash_cases_are_refused_by_lint_and_check(tmp_path, capsys, name):
    text, line, words = CRASHES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    code, out = lint(path, capsys)
    assert code == 1, out
    assert "✗" in out and f"{path}:{line}:" in out and words in out, out
    report = tmp_path / "r.md"
    report.write_text("# 2023年度法治政府建设情况报告\n\n一、法治建设\n法治政府建设。\n", encoding="utf-8")
    code = main(["check", "--pack", str(path), str(report), "--fail-under", "50"])
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert code == 2, out  # a pack error, not a score
    assert f"{path}:{line}:" in out and "内部错误" not in out and "Traceback" not in out
