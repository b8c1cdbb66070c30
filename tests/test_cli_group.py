"""A mistyped command is answered with the closest one."""

from __future__ import annotations

import pytest

from tests.reportkit import run_here


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("chek", "报告.txt"), "fzcheck：未知命令 chek，您是不是要输入 check？（用 fzcheck --help 查看用法）"),
        (("confg",), "fzcheck：未知命令 confg，您是不是要输入 config？（用 fzcheck --help 查看用法）"),
        (
            ("rules", "shwo", "data.review"),
            "fzcheck：未知命令 shwo，您是不是要输入 show？（用 fzcheck rules --help 查看用法）",
        ),
        (
            ("zzz",),
            "fzcheck：未知命令 zzz（可用命令：check、config、diff、rules、serve）（用 fzcheck --help 查看用法）",
        ),
    ],
)
def test_an_unknown_command_is_one_line_with_a_suggestion(capsys, args, line):
    code, out, err = run_here(capsys, *args)
    assert (code, out, err) == (2, "", line + "\n")


def test_known_commands_and_help_are_untouched(capsys):
    code, out, _err = run_here(capsys, "--help")
    assert code == 0 and "check" in out and "config" in out
    assert run_here(capsys, "rules", "list")[0] == 0
