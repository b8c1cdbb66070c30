"""No English in what the command line shows a user: every command's --help, and the errors of wrong invocations.

The commands are discovered from the click group, so a new command or option is covered without
touching this file: its help is read, and it is given an unknown option, a value it refuses, no value
or a value it does not take.

What counts as English: a word of ASCII letters left in the output after removing what a user types
or reads as a name, which is allowed:
- option names (`--format`, `-o`) and command names (`check`, `rules list`), and `fzcheck`;
- the values of every choice (`warning`, `government`…), the output formats (`json`, `sarif`…, which
  `--format 格式[:文件]` takes), the built-in packs' names and the configuration's keys (`fail_under`):
  identifiers a user types;
- identifiers joined by `.`, `/`, `\\` or `_` (rule ids such as `quality.boilerplate-reuse`, file names
  and paths, `.docx`, `max_size_mb`) and environment variables (`NO_COLOR`);
- the technical names in TECHNICAL (JSON, SARIF, JUnit, Word, PDF, HTML, CSV, Excel, TOML, YAML, UTF-8…);
- in an error, the words of the invocation itself (the user's own mistake, quoted back).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from checker.cli import cli, main
from checker.config import KEYS as CONFIG_KEYS
from checker.packs import builtin_names
from checker.render import FORMATS

TECHNICAL = frozenset(
    ("JSON", "SARIF", "JUnit", "Word", "WPS", "PDF", "HTML", "CSV", "Excel", "TOML", "YAML", "UTF", "GitHub",
     "Markdown", "PR", "MB", "KB", "CPU", "Windows", "nginx")
)  # fmt: skip
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
JOINED = re.compile(r"[\w<>-]*[\w<>](?:[./\\_][\w<>-]+)+|(?<!\w)\.\w+")  # a.b, a/b, a_b, .docx
ENV_VAR = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
WORD = re.compile(r"[A-Za-z]+")


def commands(group: click.Group = cli, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command and group under `group`, by the words that invoke it (as --help lists them: a command
    imported only when named, such as `serve`, is looked up)."""
    yield path, group
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


def options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option) and not p.hidden]


def choice_values() -> set[str]:
    return {
        str(value)
        for _, command in commands()
        for param in command.params
        if isinstance(param.type, click.Choice)
        for value in param.type.choices
    }


ALLOWED = TECHNICAL | choice_values() | set(FORMATS) | set(builtin_names()) | set(CONFIG_KEYS) | {"fzcheck"}
ALLOWED |= {word for path, _ in commands() for word in path}


def english_words(text: str, also: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The English words of a text: ASCII words left once the allowed names (module docstring) are removed."""
    for pattern in (OPTION, JOINED, ENV_VAR):
        text = pattern.sub(" ", text)
    return [word for word in WORD.findall(text) if word not in ALLOWED and word not in also]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_english_detector_finds_click_defaults_and_allows_names():
    assert english_words("Usage: fzcheck check [OPTIONS] PATHS...") == ["Usage", "OPTIONS", "PATHS"]
    assert english_words("  -h, --help  Show this message and exit.") == ["Show", "this", "message", "and", "exit"]
    assert english_words("--year INTEGER RANGE  [default: auto; 1990<=x<=2100]") == ["INTEGER", "RANGE", "default", "x"]
    allowed = "用 --format json 写到 /tmp/x/fzcheck.toml；规则 quality.boilerplate-reuse（Word 文档 .docx，NO_COLOR）"
    assert english_words(allowed) == []


@pytest.mark.parametrize("path", [path for path, _ in commands()], ids=lambda p: " ".join(p) or "fzcheck")
def test_help_is_chinese(capsys, path):
    code, out, err = run(capsys, *path, "--help")
    assert code == 0 and not err
    assert english_words(out) == [], out
    assert out.startswith(f"用法：fzcheck {' '.join(path)}".rstrip())


@pytest.mark.parametrize("path", [path for path, _ in commands()], ids=lambda p: " ".join(p) or "fzcheck")
def test_every_command_and_option_is_described_in_chinese(path):
    command = dict(commands())[path]
    assert re.search(r"[\u4e00-\u9fff]", command.help or ""), f"{path}: no Chinese description"
    for option in options(command):
        assert re.search(r"[\u4e00-\u9fff]", option.help or ""), f"{' '.join(path)} {option.opts[0]}: no description"


def test_version_and_help_options_are_described_in_chinese(capsys):
    _, out, _ = run(capsys, "--help")
    assert "--version   显示版本号并退出。" in out
    assert "-h, --help  显示此帮助并退出。" in out


def usage_error(capsys, path: tuple[str, ...], *argv: str) -> str:
    """The one-line problem of a wrong invocation, after checking the contract: exit 2, a second line
    naming the --help of the command that was run, and no English."""
    code, out, err = run(capsys, *argv)
    lines = err.splitlines()
    assert code == 2 and not out, err
    assert len(lines) == 2 and lines[0].startswith("fzcheck："), err
    assert lines[1] == f"用 {' '.join(('fzcheck', *path))} --help 查看用法", err
    assert english_words(err, also=set(WORD.findall(" ".join(argv)))) == [], err
    return lines[0]


def bad_values(option: click.Option) -> Iterator[str]:
    """Values the option refuses, from its type."""
    kind = option.type
    if isinstance(kind, click.Choice):
        yield "zzz"
    elif isinstance(kind, (click.IntRange, click.FloatRange)):
        if kind.max is not None:
            yield str(kind.max + 1000)
        elif kind.min is not None:
            yield str(kind.min - 1000)
    if isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
        yield "abc"


def wrong_option_uses() -> Iterator[tuple[tuple[str, ...], list[str], str]]:
    """(command path, argv, what the error line says) for each option of each command used wrongly."""
    for path, command in commands():
        yield path, [*path, "--no-such-option"], "未知选项 --no-such-option"
        for option in options(command):
            name = max(option.opts, key=len)
            if option.is_flag:
                if not option.is_eager:  # --help=1 and --version=1 show the help and the version first
                    yield path, [*path, f"{name}=1"], f"选项 {name} 后面不能跟值"
                continue
            yield path, [*path, name], f"选项 {name} 后面缺少值"
            for value in bad_values(option):
                yield path, [*path, name, value], f"{name} 的值 {value} 无效：应是"


@pytest.mark.parametrize(
    "path, argv, said", list(wrong_option_uses()), ids=lambda v: " ".join(v) if isinstance(v, list) else None
)
def test_every_option_used_wrongly_is_told_in_chinese(capsys, path, argv, said):
    line = usage_error(capsys, path, *argv)
    assert said in line
    option = next((a for a in argv if a.startswith("-")), "")
    assert option.split("=")[0] in line


@pytest.mark.parametrize("path", [path for path, c in commands() if any(p.required for p in c.params)])
def test_missing_arguments_are_named_in_chinese(capsys, path):
    line = usage_error(capsys, path, *path)
    assert "缺少参数" in line


@pytest.mark.parametrize(
    "path, argv, expected",
    [
        (
            ("check",),
            ["check", "--fail-on", "warn", "r.txt"],
            "fzcheck：--fail-on 的值 warn 无效：应是 error、warning、never 之一",
        ),
        (
            ("check",),
            ["check", "--fail-under", "120", "r.txt"],
            "fzcheck：--fail-under 的值 120 无效：应是 0 到 100 之间的数",
        ),
        (("check",), ["check", "--fial-on", "error", "r.txt"], "fzcheck：未知选项 --fial-on，是不是 --fail-on"),
        (("rules", "show"), ["rules", "show"], "fzcheck：缺少参数 规则编号"),
        (("rules", "show"), ["rules", "show", "data.review", "extra"], "fzcheck：多余的参数：extra"),
        (("diff",), ["diff", "a.txt"], "fzcheck：缺少参数 本年报告"),
        ((), ["chek"], "fzcheck：没有命令 chek，是不是 check？"),
        (("rules",), ["rules", "lsit"], "fzcheck：没有命令 lsit，是不是 list"),
    ],
)
def test_wrong_invocations_name_the_problem_and_the_right_help(capsys, path, argv, expected):
    assert usage_error(capsys, path, *argv).startswith(expected)


def test_a_group_alone_shows_its_help(capsys):
    code, out, err = run(capsys, "rules")
    assert code == 0 and not err
    assert out.startswith("用法：fzcheck rules [选项] 命令 [参数]...")


def test_bad_toml_config_names_file_line_and_column_in_chinese(capsys, tmp_path):
    config = tmp_path / "fzcheck.toml"
    config.write_text("year = 2024\nfail_on = warning\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--config", str(config), "r.txt")
    assert code == 2 and not out
    assert len(err.splitlines()) == 1
    assert err.startswith(f"fzcheck：配置文件 {config}:2:11：不是有效的 TOML（值无效（文字要用英文双引号括起来")
    assert english_words(err) == []


def test_toml_error_at_the_end_of_the_file_names_its_last_line(capsys, tmp_path):
    config = tmp_path / "fzcheck.toml"
    config.write_text('packs = ["national",\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "--config", str(config), "r.txt")
    assert code == 2
    assert f"{config}:2:1：不是有效的 TOML（" in err and english_words(err) == []


BAD_YAML = "id: p\nrules: [\n  - id: x\n  bad: : :\n"


@pytest.fixture
def bad_pack(tmp_path) -> Path:
    pack = tmp_path / "bad.yaml"
    pack.write_text(BAD_YAML, encoding="utf-8")
    return pack


def test_bad_yaml_pack_names_file_line_and_column_in_chinese(capsys, bad_pack):
    code, out, err = run(capsys, "check", "--pack", str(bad_pack), "r.txt")
    assert code == 2 and not out
    assert err.splitlines() == [f"fzcheck：规则包 {bad_pack}:3:3：不是有效的 YAML（这里缺少值）"]
    assert english_words(err) == []


def test_rules_lint_explains_bad_yaml_in_chinese(capsys, bad_pack):
    code, out, _ = run(capsys, "rules", "lint", str(bad_pack))
    assert code == 1
    assert out.strip() == f"✗ 规则包 {bad_pack}:3:3：不是有效的 YAML（这里缺少值）"


def test_rules_list_shows_severities_in_chinese(capsys):
    code, out, _ = run(capsys, "rules", "list")
    assert code == 0
    rows = [line.split() for line in out.splitlines() if line and not line.startswith(("#", " "))]
    assert len(rows) > 50
    assert {row[1] for row in rows} == {"必备", "建议", "提示"}
