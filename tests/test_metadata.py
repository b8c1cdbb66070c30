"""checker/metadata.py: one list of page metadata labels, read alike from a .txt and from an .html page."""

from __future__ import annotations

import pytest

from checker.load import load
from checker.metadata import META_KEYS, iso_date
from checker.normalize import normalize

TITLE = "青石县司法局2024年度法治政府建设情况报告"
BODY = "一、主要举措和成效\n全年办理行政复议案件八件。\n二、存在的不足和原因\n基层执法力量薄弱。"
ROW = "索引号：11330000/2025-00017 发布机构：青石县司法局 发布日期：2025-02-28"
EXPECTED = {"index_no": "11330000/2025-00017", "issuer": "青石县司法局", "published": "2025-02-28"}


def meta_of(path) -> dict[str, str]:
    meta = normalize(load(str(path))).meta
    return {key: meta[key] for key in EXPECTED if key in meta}


def test_txt_row_keeps_each_label_apart(tmp_path):
    # Before: 发布机构 was not a label for text, so the 索引号 value ran on to the end of the row.
    path = tmp_path / "报告.txt"
    path.write_text(f"{ROW}\n{TITLE}\n{BODY}\n", encoding="utf-8")
    assert meta_of(path) == EXPECTED


def test_html_row_reads_the_same(tmp_path):
    path = tmp_path / "报告.html"
    body = "".join(f"<p>{line}</p>" for line in BODY.split("\n"))
    path.write_text(
        f'<html><head><meta charset="utf-8"><title>{TITLE}</title></head>'
        f"<body><div>{ROW}</div><h1>{TITLE}</h1>{body}</body></html>",
        encoding="utf-8",
    )
    assert meta_of(path) == EXPECTED


@pytest.mark.parametrize("label", sorted(META_KEYS))
def test_every_label_is_read_from_text(label):
    from checker.normalize import metadata_of

    value = "2025年2月28日" if META_KEYS[label] in ("published", "written") else "青石县司法局"
    found = metadata_of(f"{label}：{value}")
    assert found == {META_KEYS[label]: "2025-02-28" if value.startswith("2025") else value}


def test_iso_date():
    assert iso_date("2025年2月8日 10:21") == "2025-02-08"
    assert iso_date("2025/13/01") is None
    assert iso_date("无") is None
