"""Hostile rule packs: refused with a clear line by `check --pack` (exit 2) and `rules lint` (exit 1),
in seconds and within a memory limit; nothing in a pack is ever executed."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import PackError
from checker.packs import _MAX_RULES, load_pack
from tests.hostile.kit import bounded
from tests.reportkit import SAMPLE_RULE, one_clear_line, report

RULE = SAMPLE_RULE.replace("id: a.rule", "id: {id}")


def pack_of(count: int) -> str:
    return "id: many\nrules:\n" + "".join(RULE.format(id=f"r.rule{i}") for i in range(count))


def alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    return "\n".join(lines) + "\nrules: *a8\n"


def catastrophic_regex() -> str:
    return (
        RULE.format(id="p.slow")
        .replace("type: keywords", "type: pattern")
        .replace("    any: [法治]\n", "    forbid: ['(a+)+$']\n")
    )


HOSTILE = {
    # name: (pack text, words in the refusal)
    "alias-bomb": (alias_bomb(), "别名炸弹"),
    "python-object-tag": ("id: !!python/object:os.system p\nrules:\n" + RULE.format(id="a.rule"), "YAML"),
    "python-apply-tag": ("id: p\nrules: !!python/object/apply:os.system ['touch {marker}']\n", "YAML"),
    "catastrophic-regex": ("id: p\nrules:\n" + catastrophic_regex(), "量词嵌套"),
    "extends-itself": ("id: loop\nextends: hostile.yaml\nrules: []\n", "循环"),
    "ten-thousand-rules": (pack_of(10_000), f"规则过多（10000 条，上限 {_MAX_RULES} 条）"),
    "deep-nesting": ("id: p\nrules: " + "[" * 5000 + "]" * 5000 + "\n", "YAML"),
}


def write_pack(tmp_path: Path, name: str) -> tuple[Path, Path]:
    text, _ = HOSTILE[name]
    marker = tmp_path / "executed"
    path = tmp_path / "hostile.yaml"
    path.write_text(text.replace("{marker}", str(marker)), encoding="utf-8")
    return path, marker


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_pack_is_refused_by_check(tmp_path, name):
    pack, marker = write_pack(tmp_path, name)
    report_path = tmp_path / "report.txt"
    report_path.write_text(report(), encoding="utf-8")
    line = one_clear_line(bounded("check", str(report_path), "--pack", str(pack)), "hostile.yaml")
    assert line.startswith("fzcheck：规则包 ")
    assert HOSTILE[name][1] in line
    assert not marker.exists()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_pack_is_refused_by_lint(tmp_path, name):
    pack, marker = write_pack(tmp_path, name)
    proc = bounded("rules", "lint", str(pack))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("✗ 规则包 ") and "hostile.yaml" in lines[0], proc.stdout
    assert HOSTILE[name][1] in lines[0]
    if name == "python-object-tag":
        assert f"{pack}:1:" in lines[0]  # where the tag is
    assert not marker.exists()


def test_packs_extending_each_other_are_a_cycle(tmp_path):
    (tmp_path / "a.yaml").write_text("id: a\nextends: b.yaml\nrules: []\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("id: b\nextends: a.yaml\nrules: []\n", encoding="utf-8")
    with pytest.raises(PackError, match="循环") as info:
        load_pack(tmp_path / "a.yaml")
    assert "a.yaml" in str(info.value) and "b.yaml" in str(info.value)


def test_pack_at_the_rule_limit_loads_and_runs_in_bounded_time(tmp_path):
    # The limit is refused above, not merely slow: a pack of exactly _MAX_RULES rules still works.
    pack = tmp_path / "limit.yaml"
    pack.write_text(pack_of(_MAX_RULES), encoding="utf-8")
    report_path = tmp_path / "report.txt"
    report_path.write_text(report(), encoding="utf-8")
    lint = bounded("rules", "lint", str(pack))
    assert lint.returncode == 0 and f"{_MAX_RULES} 条规则，校验通过" in lint.stdout, lint.stdout + lint.stderr
    proc = bounded("check", str(report_path), "--pack", str(pack), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count('"rule": "r.rule') == _MAX_RULES
