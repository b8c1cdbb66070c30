"""Every format assembled from per-report pieces gives the bytes of its render(results, errors):
what a batch's workers render apart is what one process renders whole."""

from __future__ import annotations

import pytest

from checker.pipeline import check_file
from checker.render import FORMATS
from checker.render.pieces import assemble, piece
from checker.safetext import shown_name
from checker.score import Gate
from checker.summary import Summary
from tests.paths import ROOT

MARK = "fzmark0123456789"
REPORTS = sorted((ROOT / "tests" / "fixtures" / "holdout").glob("*.txt"))[:6] + sorted(
    (ROOT / "examples").glob("*.txt")
)
ERRORS = [("missing/无此文件.txt", "文件不存在"), ("坏\udcff名.txt", "无法识别文件编码")]


@pytest.fixture(scope="module")
def results():
    return [check_file(str(path.relative_to(ROOT)), None, Gate()) for path in REPORTS]


def whole_and_assembled(fmt: str, results: list, errors: list) -> tuple[bytes, bytes]:
    pieces = [piece(fmt, result, MARK) for result in results]
    summaries = [Summary.of(result) for result in results]
    assembled = b"".join(assemble(fmt, lambda: iter(pieces), summaries, errors, MARK))
    return FORMATS[fmt].render(results, errors), assembled


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("shape", ["batch", "batch and errors", "one", "one error", "nothing", "one and an error"])
def test_assembled_pieces_are_the_whole_render(fmt, shape, results):
    chosen, errors = {
        "batch": (results, []),
        "batch and errors": (results, ERRORS),
        "one": (results[:1], []),
        "one error": ([], ERRORS[:1]),
        "nothing": ([], []),
        "one and an error": (results[-1:], ERRORS[:1]),
    }[shape]
    if not FORMATS[fmt].raw_names:  # as checker.emit gives them: undecodable bytes shown as \xNN
        errors = [(shown_name(path), problem) for path, problem in errors]
    whole, assembled = whole_and_assembled(fmt, chosen, errors)
    assert assembled == whole
