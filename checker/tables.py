"""Table rows as text: cells of a Markdown, tab-separated or web-page row, and the unit a header gives.

The .docx loader writes a table row as a sentence (units from the header); rows of
plain-text tables stay as written, so rules that read figures find their cells here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

UNIT_IN_HEADER = re.compile(r"[（(]\s*(件|起|宗|次|人次|个|项|%|％)\s*[)）]")
_SEPARATOR_CELL = re.compile(r":?-{2,}:?")
_CASE_HEADER = re.compile(r"(案件|件数|案数|收案|受理|审结|办结|纠错|败诉|数)$")


class Cell(NamedTuple):  # a named tuple: made for every cell of every row read
    text: str  # stripped
    start: int  # offset of the stripped text in the line


def unit_for(header: str, value: str) -> str:
    """The unit a header gives a bare number ("收案数（件）" → 件, "纠错率" → %); "" when it gives none."""
    if not re.fullmatch(r"\d+(?:\.\d+)?", value):
        return ""
    unit = UNIT_IN_HEADER.search(header)
    if unit:
        return "%" if unit.group(1) == "％" else unit.group(1)
    header = header.strip()
    if header.endswith("率") or header.endswith("%"):
        return "%"
    if header.endswith("人次"):
        return "人次"
    if header.endswith("次数"):
        return "次"
    if _CASE_HEADER.search(header) and "人" not in header:
        return "件"
    return ""


def row_cells(line: str) -> list[Cell] | None:
    """The cells of a table row ("| 行政复议 | 12 |", "行政复议\\t12", "行政复议 | 12"); None for prose."""
    separator = "\t" if "\t" in line.strip() else "|" if "|" in line else None
    if separator is None:
        return None
    cells: list[Cell] = []
    start = 0
    for piece in line.split(separator):
        stripped = piece.strip()
        cells.append(Cell(stripped, start + (piece.index(stripped) if stripped else 0)))
        start += len(piece) + 1
    # Markdown's outer pipes leave empty cells at both ends.
    if separator == "|":
        while cells and not cells[0].text:
            cells.pop(0)
        while cells and not cells[-1].text:
            cells.pop()
    return cells if len(cells) >= 2 else None


def is_separator_row(cells: list[Cell]) -> bool:
    """A Markdown header separator (| --- | :---: |)."""
    return all(_SEPARATOR_CELL.fullmatch(c.text.replace(" ", "")) for c in cells if c.text)
