"""`--format xlsx`: the batch summary as an Excel workbook (optional extra `xlsx`: openpyxl).

Sheet 汇总: the csv summary (documents in the order given), header bold, frozen and with a filter row;
sheet 明细: one row per finding. Statuses are colored (符合 green, 部分符合 yellow, 缺失 red, 不适用 grey,
已豁免 blue). The workbook is dated when it is written (its created/modified properties and zip entries),
or at SOURCE_DATE_EPOCH when that is set: then the same results give the same bytes (reproducible builds).
"""

from __future__ import annotations

import datetime
import io
import os
import re
import zipfile
from collections.abc import Iterable

from checker.errors import FzcheckError
from checker.model import Result
from checker.render import SEVERITY_NAME, STATUS_NAME
from checker.render.csv import SUMMARY_COLUMNS, status_label, summary_header, summary_rows

# What a zip entry's DOS date can hold.
_ZIP_EARLIEST = datetime.datetime(1980, 1, 1)
_ZIP_LATEST = datetime.datetime(2107, 12, 31, 23, 59, 58)
FILLS = {"pass": "C6EFCE", "partial": "FFEB9C", "fail": "FFC7CE", "n/a": "EDEDED", "waived": "DDEBF7"}
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
DETAIL_COLUMNS = ("文件", "编号", "检查项", "状态", "级别", "说明", "建议", "证据位置", "证据")
DETAIL_WIDTHS = (28, 30, 30, 10, 8, 60, 60, 16, 60)


def load_openpyxl():
    try:
        import openpyxl
    except ImportError as exc:
        from checker.install import install_hint

        raise FzcheckError(f"生成 Excel 需要安装可选依赖 xlsx，{install_hint('xlsx')}") from exc
    return openpyxl


def render(results: list[Result], errors: list[tuple[str, str]]) -> bytes:
    return workbook(results, (row for result in results for row in detail_rows(result)), errors)


def detail_rows(result: Result) -> list[tuple[list[object], str]]:
    """The 明细 rows of one report, each with its finding's status (for the fill)."""
    rows = []
    path = result.document.path
    for finding in result.findings:
        settled = finding.status in ("pass", "n/a")  # nothing to fix: say what was (not) found
        explain = finding.detail if settled else finding.message
        if not settled and finding.detail:
            explain += f"\n情况：{finding.detail}"
        if finding.status == "waived" and getattr(finding, "waiver", ""):
            explain += f"\n豁免理由：{finding.waiver}"
        row: list[object] = [
            path,
            finding.rule,
            finding.title,
            STATUS_NAME.get(finding.status, finding.status),
            SEVERITY_NAME.get(finding.severity, finding.severity),
            explain,
            "" if settled else finding.suggestion,
            "\n".join(ev.location or f"第 {ev.line} 行" for ev in finding.evidence),
            "\n".join(ev.text for ev in finding.evidence),
        ]
        rows.append((row, finding.status))
    return rows


def workbook(
    results: list[Result], details: Iterable[tuple[list[object], str]], errors: list[tuple[str, str]]
) -> bytes:
    """The workbook from the results (or their checker.summary records) and the 明细 rows of all of them."""
    openpyxl = load_openpyxl()
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    fills = {status: PatternFill("solid", start_color=color, end_color=color) for status, color in FILLS.items()}
    wrap = Alignment(wrap_text=True, vertical="top")

    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "汇总"
    header = summary_header(results)
    summary.append(header)
    fixed = len(SUMMARY_COLUMNS)
    for row in summary_rows(results, errors):
        summary.append(clean([*row[:fixed], *(status_label(str(v)) if v else None for v in row[fixed:])]))
        verdict = summary.cell(row=summary.max_row, column=SUMMARY_COLUMNS.index("结论") + 1)
        verdict.fill = fills["pass" if verdict.value == "通过" else "fail"]
        for offset, status in enumerate(row[fixed:]):
            if status in fills:
                summary.cell(row=summary.max_row, column=fixed + offset + 1).fill = fills[status]
    widths = [28, 40, 12, 10, 8, 10, 24, 12, 12, 10, 30] + [max(10, min(30, len(rule) + 2)) for rule in header[fixed:]]
    style_sheet(summary, widths, bold)

    detail = book.create_sheet("明细")
    detail.append(list(DETAIL_COLUMNS))
    for values, status in details:
        detail.append(clean(values))
        row = detail.max_row
        if status in fills:
            detail.cell(row=row, column=4).fill = fills[status]
        for column in (6, 7, 9):
            detail.cell(row=row, column=column).alignment = wrap
    for path, message in errors:
        detail.append(clean([path, "", "读取文件", "无法检查", "", message, "", "", ""]))
    style_sheet(detail, list(DETAIL_WIDTHS), bold)

    for sheet in (summary, detail):
        as_text(sheet)
    props = book.properties
    props.creator = "fzcheck"
    props.lastModifiedBy = "fzcheck"
    props.title = "法治政府建设年度报告检查汇总"
    return workbook_bytes(book)


def workbook_bytes(book) -> bytes:
    """The saved workbook, its properties and zip entries all dated written_at()."""
    when = written_at()
    book.properties.created = when
    book.properties.modified = when
    buffer = io.BytesIO()
    book.save(buffer)
    return dated_zip(buffer.getvalue(), when)


def written_at() -> datetime.datetime:
    """SOURCE_DATE_EPOCH (seconds, UTC) when set to a usable value, else now; UTC, whole seconds, naive."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            pass
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)


def clean(row: list[object]) -> list[object]:
    """Strings without the control characters a worksheet cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]


def style_sheet(sheet, widths: list[int], bold) -> None:
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions  # a filter button on every header cell
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def as_text(sheet) -> None:
    """Text that starts with = stays text (openpyxl would store it as a formula)."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def dated_zip(data: bytes, when: datetime.datetime) -> bytes:
    """The same archive with every entry and the modified property dated `when`.

    openpyxl stamps the current time on the zip entries and, when saving, on dcterms:modified.
    """
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entry_time = min(max(when, _ZIP_EARLIEST), _ZIP_LATEST).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=entry_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return out.getvalue()
