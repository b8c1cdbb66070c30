"""The TOML and YAML parsers' common mistakes are each explained in Chinese, whichever YAML loader reads them."""

from __future__ import annotations

import pytest
import yaml

from checker.config import toml_module
from checker.parse_zh import SYNTAX_ERROR, toml_problem, yaml_problem
from tests.test_cli_chinese import english_words

TOML_MISTAKES = {
    "fail_on = warning\n": (1, 11),  # a string without quotes
    'output_dir = "C:\\data"\n': (1, 19),  # a Windows path in double quotes
    'packs = ["national"\nyear = 2024\n': (2, 1),
    "year = 2024\nyear = 2025\n": (2, 12),
    "[tool.fzcheck]\n[tool.fzcheck]\n": (2, 14),
    'formats = ["json", "html"] csv\n': (1, 28),
    'packs = "national\n': (1, 18),
    "jobs 4\n": (1, 6),
}

YAML_MISTAKES = [
    "a: b: c",
    "a:\n\tb: 1",
    "a: 'x",
    "a: [1, 2",
    "a: {b: 1",
    "a:\n  - 1\n  b: 2",
    "a:\n  b: 1\n c: 2",
    "a: *x",
    "a: &x 1\nb: &x 2",
    "a: !!python/object:os.system x",
    'a: "\\q"',
    "rules: [\n  - id: x\n  bad: : :\n",
    "{a: 1}}",
]


@pytest.mark.parametrize("text, where", TOML_MISTAKES.items())
def test_toml_mistakes_are_explained_with_line_and_column(text, where):
    tomllib = toml_module()
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    line, column, problem = toml_problem(caught.value, text)
    assert (line, column) == where
    assert problem != SYNTAX_ERROR and english_words(problem) == [], problem


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])  # libyaml and PyYAML word problems differently
@pytest.mark.parametrize("text", YAML_MISTAKES)
def test_yaml_mistakes_are_explained_in_chinese(loader, text):
    if not hasattr(yaml, loader):
        pytest.skip("PyYAML was built without libyaml")
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.load(text, Loader=getattr(yaml, loader))
    problem = yaml_problem(caught.value)
    assert problem != SYNTAX_ERROR and english_words(problem) == [], (caught.value.problem, problem)
