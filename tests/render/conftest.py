"""The results every format test renders: the examples, checked once a test module."""

from __future__ import annotations

import os

import pytest

from checker.model import Result
from checker.pipeline import check_file
from checker.score import Gate
from tests.paths import ROOT
from tests.render.kit import EXAMPLES


@pytest.fixture(scope="module")
def results() -> list[Result]:
    """The examples checked with the default packs, paths relative to the project root as on a command line."""
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        return [check_file(path, None, Gate()) for path in EXAMPLES]
    finally:
        os.chdir(old)
