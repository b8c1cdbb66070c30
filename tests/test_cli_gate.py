"""--select/--ignore merged with the configuration as ruff merges them, warnings about rule ids no pack knows,
and --exit-zero."""

from __future__ import annotations

import json

from checker.cli_gate import merged_selection, rule_list, unknown_because
from checker.config import Config
from tests.reportkit import SAMPLE_RULE, run_here


def rules_checked(capsys, *args: str) -> list[str]:
    code, out, err = run_here(capsys, "check", "gaps.txt", "--format", "json", *args)
    assert code in (0, 1), err
    return [f["rule"] for f in json.loads(out)["documents"][0]["findings"]]


def test_rule_lists_split_on_commas_and_repeats():
    given = ("part.*,data.review", " quality.* ", "a，b", ",")
    assert rule_list(given) == ("part.*", "data.review", "quality.*", "a", "b")


def test_the_command_lines_select_replaces_the_configurations_select_and_ignore():
    config = Config(select=("part.*",), ignore=("part.other",))
    assert merged_selection(config, (), ()) == (("part.*",), ("part.other",))
    assert merged_selection(config, (), ("data.*",)) == (("part.*",), ("part.other", "data.*"))
    assert merged_selection(config, ("data.*",), ()) == (("data.*",), ())
    assert merged_selection(config, ("data.*",), ("data.review",)) == (("data.*",), ("data.review",))


def test_select_on_the_command_line_keeps_only_those_rules(drafts, capsys):
    rules = rules_checked(capsys, "--no-config", "--select", "part.*,data.review", "--select", "year.next-plan")
    assert "data.review" in rules and "year.next-plan" in rules and "part.leader-duty" in rules
    assert all(r.startswith("part.") or r in ("data.review", "year.next-plan") for r in rules)
    assert "data.litigation" not in rules


def test_ignore_wins_over_select_in_the_same_place(drafts, capsys):
    rules = rules_checked(capsys, "--no-config", "--select", "part.*", "--ignore", "part.other")
    assert rules and all(r.startswith("part.") for r in rules) and "part.other" not in rules


def test_command_line_and_configuration_merge_as_ruff_does(drafts, capsys):
    (drafts / "fzcheck.toml").write_text('select = ["part.*"]\nignore = ["part.other"]\n', encoding="utf-8")
    from_config = rules_checked(capsys)
    assert "part.measures" in from_config and "part.other" not in from_config
    assert all(r.startswith("part.") for r in from_config)
    extended = rules_checked(capsys, "--ignore", "part.measures")  # --ignore adds to the configuration's
    assert set(extended) == set(from_config) - {"part.measures"}
    replaced = rules_checked(capsys, "--select", "part.*,data.*")  # --select drops the configuration's ignore too
    assert "part.other" in replaced and "data.review" in replaced


def test_unknown_rule_ids_are_one_warning_each_with_the_closest_id(drafts, capsys):
    (drafts / "fzcheck.toml").write_text(
        'ignore = ["part.leader-dutty"]\n[[waivers]]\nrule = "outlin.*"\nreason = "另行报送"\n', encoding="utf-8"
    )
    code, out, err = run_here(capsys, "check", "gaps.txt", "--ignore", "data.revew")
    assert code == 1, "a warning, not a failure: the gaps still fail the gate"
    lines = err.splitlines()
    assert lines == [
        f"fzcheck：配置文件 {drafts / 'fzcheck.toml'}：ignore 中的 part.leader-dutty 不是已知的规则编号，"
        "是不是 part.leader-duty？",
        f"fzcheck：配置文件 {drafts / 'fzcheck.toml'}：waivers 第 1 项的 rule outlin.* 没有匹配任何规则，"
        "是不是 outline.*？",
        "fzcheck：--ignore 中的 data.revew 不是已知的规则编号，是不是 data.review？",
    ]
    assert "part.leader-duty" in out, "a misspelt ignore ignores nothing"


def test_a_rule_of_a_pack_in_use_is_known(drafts, capsys):
    (drafts / "local.yaml").write_text("id: local\ntitle: 本地\nrules:\n" + SAMPLE_RULE, encoding="utf-8")
    code, _out, err = run_here(capsys, "check", "ok.txt", "--pack", "national", "--pack", "local.yaml",
                               "--ignore", "a.rule")  # fmt: skip
    assert (code, err) == (0, "")
    assert unknown_because("a.rule", {"part.measures"}) == "a.rule 不是已知的规则编号"


def test_a_select_that_names_no_known_rule_is_refused_in_one_line(drafts, capsys):
    code, out, err = run_here(capsys, "check", "gaps.txt", "--select", "part.leader-dutty")
    assert code == 2 and out == ""
    assert err == (
        "fzcheck：--select 没有选中任何已知的规则，检查将什么也不做：part.leader-dutty 不是已知的规则编号，"
        "是不是 part.leader-duty？\n"
    )
    (drafts / "fzcheck.toml").write_text('select = ["nothing.*"]\n', encoding="utf-8")
    code, _out, err = run_here(capsys, "check", "ok.txt")
    assert code == 2 and err.count("\n") == 1 and "fzcheck.toml 的 select" in err


def test_exit_zero_passes_a_failing_gate_but_not_an_input_error(drafts, capsys):
    assert run_here(capsys, "check", "gaps.txt", "--no-config")[0] == 1
    assert run_here(capsys, "check", "gaps.txt", "--no-config", "--exit-zero")[0] == 0
    assert run_here(capsys, "check", "ok.txt", "--no-config", "--exit-zero")[0] == 0
    code, _out, err = run_here(capsys, "check", "gaps.txt", "missing.txt", "--no-config", "--exit-zero")
    assert code == 2 and "missing.txt" in err
    assert run_here(capsys, "check", "gaps.txt", "--exit-zero", "--fail-on", "nope")[0] == 2
