"""`--format csv`: the batch summary, one row per document (UTF-8 with BOM so Excel reads the Chinese).

Columns: 文件, 标题, 报告类型, 报告年度, 得分, 必备达标 (met/total, e.g. 5/7), 结论, 必备项未达标,
建议项未达标, 不适用项, 缺失部分, then one column per rule id (first-seen order) with the rule's
status (不适用 for an n/a item). Unreadable files are rows with the
error in 结论. `summary_header` / `summary_rows` are shared with the xlsx renderer.
"""

from __future__ import annotations

import csv
import io

from checker.model import Result
from checker.render import STATUS_NAME, TYPE_NAME

SUMMARY_COLUMNS = ("文件", "标题", "报告类型", "报告年度", "得分", "必备达标", "结论", "必备项未达标", "建议项未达标",
                   "不适用项", "缺失部分")  # fmt: skip
# Excel evaluates a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rule_ids(results: list[Result]) -> list[str]:
    """Every rule id met in the results, in first-seen order."""
    return list(dict.fromkeys(f.rule for r in results for f in r.findings))


def verdict(result: Result) -> str:
    return "通过" if result.passed else "未通过"


def summary_header(results: list[Result]) -> list[str]:
    return [*SUMMARY_COLUMNS, *rule_ids(results)]


def summary_rows(results: list[Result], errors: list[tuple[str, str]]) -> list[list[object]]:
    """Rows of the summary: documents in the order given, then the unreadable files.

    Rule cells hold the status code (pass / partial / fail / n/a / waived; empty when the rule did not run).
    """
    ids = rule_ids(results)
    rows: list[list[object]] = []
    for result in results:
        doc = result.document
        status = {f.rule: f.status for f in result.findings}
        rows.append(
            [
                doc.path,
                doc.title,
                TYPE_NAME.get(doc.report_type, doc.report_type),
                doc.report_year if doc.report_year is not None else "",
                result.score,
                f"{result.required_met}/{result.required_total}",
                verdict(result),
                result.unmet.get("error", 0),
                result.unmet.get("warning", 0),
                result.counts.get("n/a", 0),
                "、".join(result.missing_parts),
                *(status.get(rule, "") for rule in ids),
            ]
        )
    for path, message in errors:
        rows.append([path, "", "", "", "", "", f"无法检查：{message}", "", "", "", "", *("" for _ in ids)])
    return rows


def status_label(status: str) -> str:
    """A rule cell as shown to a person: 符合 / 部分符合 / 缺失 / 不适用 / 已豁免."""
    return STATUS_NAME.get(status, status)


def safe(value: object) -> object:
    """Text cells that Excel would run as formulas get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def number(value: object) -> object:
    return f"{value:g}" if isinstance(value, float) else value


def render(results: list[Result], errors: list[tuple[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = summary_header(results)
    writer.writerow(header)
    fixed = len(SUMMARY_COLUMNS)
    for row in summary_rows(results, errors):
        cells = [number(v) for v in row[:fixed]] + [status_label(str(v)) if v else "" for v in row[fixed:]]
        writer.writerow([safe(v) for v in cells])
    return buffer.getvalue().encode("utf-8-sig")
