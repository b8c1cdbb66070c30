"""Every format assembled from per-report pieces gives the bytes of its render(results, errors):
what a batch's workers render apart is what one process renders whole."""

from __future__ import annotations

import pytest

from checker.batch import Rendering
from checker.pipeline import check_file
from checker.render import FORMATS, VIEWS
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


def whole_and_assembled(fmt: str, results: list, errors: list, view: str) -> tuple[bytes, bytes]:
    rendering = Rendering((fmt,), MARK, view=view, batch=len(results) + len(errors) > 1)
    pieces = [piece(fmt, result, rendering) for result in results]
    summaries = [Summary.of(result) for result in results]
    assembled = b"".join(assemble(fmt, lambda: iter(pieces), summaries, errors, MARK, view))
    return FORMATS[fmt].render(results, errors, view), assembled


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("shape", ["batch", "batch and errors", "one", "one error", "nothing", "one and an error"])
@pytest.mark.parametrize("view", VIEWS)
def test_assembled_pieces_are_the_whole_render(fmt, shape, view, results, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # the workbook is dated when written: one date for both
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
    whole, assembled = whole_and_assembled(fmt, chosen, errors, view)
    assert assembled == whole
