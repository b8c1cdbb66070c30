"""Season mode: each unit's latest report, its trend, and how much it repeats the year before.

Read from the store only: the figures are those each check stored; the repeated share comes from
checker.diff, run once per pair of reports in a worker (jobs.Jobs.compare) and kept in the store.
The export is one row per unit (openpyxl, as checker/render/xlsx.py writes its summary).
"""

from __future__ import annotations

import datetime
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from checker.render import TYPE_NAME
from checker.web.store import Store, decoded_json
from checker.web.work import unmet_required

COLUMNS = (
    "单位", "类型", "报告年度", "提交时间", "文件", "结论", "得分", "必备",
    "较上次提交", "本年度提交次数", "较上年得分", "与上年报告重复", "缺失或不完整的必备内容",
)  # fmt: skip
WIDTHS = (30, 12, 10, 18, 30, 10, 8, 8, 12, 14, 14, 16, 60)


@dataclass
class UnitRow:
    unit_id: int
    unit: str
    report_type: str
    year: int | None
    time: float
    file_name: str
    submission: str
    passed: bool
    score: float
    required: str
    gaps: list[tuple[str, str]]  # (status, title) of unmet required items
    missing_parts: list[str]
    submissions: int  # the unit's submissions for this report year (a draft sent again counts)
    delta: float | None  # score change since the unit's previous submission for the same report year
    previous_year: str | None = None  # submission id of the unit's report of the year before
    year_delta: float | None = None  # score change since that report
    repeat: dict[str, Any] | None = None  # the stored comparison with it
    history: list[tuple[float, float]] = field(default_factory=list)  # (time, score), oldest first

    @property
    def type_name(self) -> str:
        return TYPE_NAME.get(self.report_type, self.report_type or "")

    @property
    def when(self) -> str:
        return local_time(self.time)

    @property
    def repeat_text(self) -> str:
        if self.previous_year is None:
            return "无上年报告"
        if self.repeat is None:
            return "对比中…"
        if self.repeat["share"] is None:
            return "无法对比"
        return f"{self.repeat['share']:g}%"

    @property
    def delta_text(self) -> str:
        if self.delta is None:
            return "首次提交"
        return f"{self.delta:+.1f}" if self.delta else "持平"

    @property
    def year_delta_text(self) -> str:
        if self.year_delta is None:
            return "无上年报告"
        return f"{self.year_delta:+.1f}" if self.year_delta else "持平"

    @property
    def gaps_text(self) -> str:
        return "；".join(f"{'✗' if status == 'fail' else '△'} {title}" for status, title in self.gaps) or "无"


def local_time(stamp: float) -> str:
    return datetime.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")


def by_unit(rows: list[sqlite3.Row]) -> dict[int, list[sqlite3.Row]]:
    out: dict[int, list[sqlite3.Row]] = {}
    for row in rows:
        out.setdefault(row["unit_id"], []).append(row)
    return out


def season_year(history: list[sqlite3.Row]) -> int | None:
    """The report year a unit's row shows when no year is chosen: its newest report year."""
    years = [r["report_year"] for r in history if r["report_year"] is not None]
    return max(years) if years else None


def year_before(history: list[sqlite3.Row], latest: sqlite3.Row) -> sqlite3.Row | None:
    """The unit's latest report whose year is the year before the latest one's."""
    if latest["report_year"] is None:
        return None
    earlier = [r for r in history if r["report_year"] == latest["report_year"] - 1]
    return earlier[-1] if earlier else None


def year_before_pairs(store: Store, units: set[int] | None = None) -> list[tuple[sqlite3.Row, sqlite3.Row]]:
    """(latest report, report of the year before) for each unit that has both."""
    pairs = []
    for unit_id, history in by_unit(store.season_rows()).items():
        if units is not None and unit_id not in units:
            continue
        previous = year_before(history, history[-1])
        if previous is not None:
            pairs.append((history[-1], previous))
    return pairs


def season_rows(store: Store, report_type: str = "", year: int | None = None) -> list[UnitRow]:
    """One row per unit with a finished check (of that type and report year, when given), by unit name."""
    out = []
    for unit_id, everything in by_unit(store.season_rows()).items():
        # Submissions of one report year only: a corrected draft is compared with the draft before it,
        # last year's report is compared apart (year_delta, repeat).
        shown = year if year is not None else season_year(everything)
        history = [r for r in everything if r["report_year"] == shown]
        if not history:
            continue
        latest = history[-1]
        if report_type and latest["report_type"] != report_type:
            continue
        previous = year_before(everything, latest)
        repeat = None
        if previous is not None:
            stored = store.comparison(latest["id"], previous["id"])
            if stored is not None:
                repeat = {"share": stored["share"], "parts": decoded_json(stored["parts"], [])}
        statuses = decoded_json(latest["statuses"], {})
        out.append(
            UnitRow(
                unit_id=unit_id,
                unit=latest["unit_name"],
                report_type=latest["report_type"] or "",
                year=latest["report_year"],
                time=latest["created"],
                file_name=latest["file_name"],
                submission=latest["id"],
                passed=bool(latest["passed"]),
                score=latest["score"],
                required=f"{latest['required_met']}/{latest['required_total']}",
                gaps=unmet_required(statuses),
                missing_parts=decoded_json(latest["missing_parts"], []),
                submissions=len(history),
                delta=round(latest["score"] - history[-2]["score"], 1) if len(history) > 1 else None,
                previous_year=previous["id"] if previous is not None else None,
                year_delta=round(latest["score"] - previous["score"], 1) if previous is not None else None,
                repeat=repeat,
                history=[(r["created"], r["score"]) for r in history],
            )
        )
    return sorted(out, key=lambda r: r.unit)


def years_present(store: Store) -> list[int]:
    return sorted({r["report_year"] for r in store.season_rows() if r["report_year"]}, reverse=True)


def season_xlsx(rows: list[UnitRow]) -> bytes:
    """The season as a workbook: one row per unit, header bold and frozen, verdicts colored."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from checker.render.xlsx import FILLS, as_text, clean, style_sheet, workbook_bytes

    book = Workbook()
    sheet = book.active
    sheet.title = "各单位报告"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(
            clean(
                [
                    row.unit, row.type_name, row.year, row.when, row.file_name, "通过" if row.passed else "未通过",
                    row.score, row.required, row.delta_text, row.submissions, row.year_delta_text, row.repeat_text,
                    row.gaps_text,
                ]
            )
        )  # fmt: skip
        color = FILLS["pass" if row.passed else "fail"]
        sheet.cell(row=sheet.max_row, column=COLUMNS.index("结论") + 1).fill = PatternFill(
            "solid", start_color=color, end_color=color
        )
    style_sheet(sheet, list(WIDTHS), Font(bold=True))
    as_text(sheet)
    book.properties.creator = "fzcheck"
    book.properties.title = "法治政府建设年度报告收集情况"
    return workbook_bytes(book)
