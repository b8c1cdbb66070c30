"""`--format csv`: one summary row a report (and a file that could not be checked), with a BOM."""

from __future__ import annotations

import csv
import io

from checker.render import STATUS_NAME
from tests.render.kit import ERRORS, gaps, not_applicable, render


def test_csv_summary_rows_with_bom(results):
    data = render("csv", results)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    fixed = ["文件", "标题", "报告类型", "报告年度", "得分", "必备达标", "结论", "必备项未达标", "建议项未达标",
             "不适用项", "缺失部分"]  # fmt: skip
    assert header[: len(fixed)] == fixed
    rule_ids = list(dict.fromkeys(f.rule for r in results for f in r.findings))
    assert header[len(fixed) :] == rule_ids
    assert len(body) == len(results) + len(ERRORS)
    for row, result in zip(body, results, strict=False):
        assert len(row) == len(header)
        values = dict(zip(header, row, strict=True))
        assert values["文件"] == result.document.path
        assert values["结论"] == ("通过" if result.passed else "未通过")
        assert float(values["得分"]) == result.score
        required = [f for f in result.findings if f.severity == "error" and f.status != "n/a"]
        assert values["必备达标"] == f"{sum(f.status == 'pass' for f in required)}/{len(required)}"
        assert int(values["不适用项"]) == len(not_applicable(result))
        missing = [
            f.title for f in result.findings if f.rule_type == "part" and f.status == "fail" and f.severity != "info"
        ]
        assert values["缺失部分"] == "、".join(missing)
        for finding in result.findings:
            assert values[finding.rule] == STATUS_NAME[finding.status]
    gaps_row = dict(zip(header, body[0], strict=True))
    assert int(gaps_row["必备项未达标"]) == sum(1 for f in gaps(results[0]) if f.severity == "error")
    assert gaps_row["缺失部分"] == ""  # gaps-2023 lacks only the optional (info) "其他需要报告的情况"
    assert gaps_row["consistency.review-rate"] == "不适用"
    error_row = dict(zip(header, body[-1], strict=True))
    assert error_row["文件"] == ERRORS[0][0] and ERRORS[0][1] in error_row["结论"]
