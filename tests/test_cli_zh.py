"""How checker.cli_zh words a type's values: the metavar, the range in --help, and what an error expects."""

from __future__ import annotations

import click
import pytest

from checker.cli_zh import expected_value, range_text, type_name


@pytest.mark.parametrize(
    "kind, shown, expected",
    [
        (click.IntRange(1, 256), "1–256", "应是 1 到 256 之间的整数"),
        (click.FloatRange(0, 100), "0–100", "应是 0 到 100 之间的数"),
        (click.IntRange(min=0), "不小于 0", "应是不小于 0 的整数"),
        (click.FloatRange(0, min_open=True), "大于 0", "应是大于 0 的数"),
        (click.FloatRange(0, 1, max_open=True), "不小于 0、小于 1", "应是不小于 0、小于 1 的数"),
    ],
)
def test_ranges_in_words(kind, shown, expected):
    assert range_text(kind) == shown
    assert expected_value(kind) == expected


@pytest.mark.parametrize(
    "kind, name",
    [
        (click.STRING, "文本"),
        (click.INT, "整数"),
        (click.IntRange(1, 2), "整数"),
        (click.FLOAT, "数字"),
        (click.Path(dir_okay=False), "文件"),
        (click.Path(file_okay=False), "文件夹"),
        (click.Path(), "路径"),
        (click.File(), "文件"),
    ],
)
def test_type_names(kind, name):
    assert type_name(kind) == name
