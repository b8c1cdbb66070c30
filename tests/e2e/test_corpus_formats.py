"""Round trip: each real report in ../shared/corpus, turned into other formats inside the test,
gets the same core verdicts as its .txt (the converted files live only in tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.packs import load_packs
from checker.pipeline import check_file
from checker.score import Gate
from tests.paths import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = CORPUS / "labels.yaml"
pytestmark = pytest.mark.skipif(
    not LABELS.is_file(), reason="../shared/corpus/labels.yaml is absent: the real-report corpus is not checked out"
)


def corpus() -> list[tuple[str, dict]]:
    if not LABELS.is_file():
        return []
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    return sorted(labels.items())


def verdicts(path: Path, rules: dict) -> dict[str, str]:
    result = check_file(str(path), load_packs(["national"]), Gate())
    return {f.rule: f.status for f in result.findings if f.rule in rules}


@pytest.mark.parametrize(("name", "spec"), corpus(), ids=[n for n, _ in corpus()])
def test_docx_round_trip(tmp_path, name, spec):
    pytest.importorskip("docx", reason="python-docx (extra 'docx') builds the .docx")
    from tests.docxkit import report_docx

    text = (CORPUS / name).read_text(encoding="utf-8")
    path = report_docx(tmp_path / "report.docx", text, numbered=True)
    assert verdicts(path, spec["expect"]) == spec["expect"]


_HEADING = __import__("re").compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


@pytest.mark.parametrize(("name", "spec"), corpus(), ids=[n for n, _ in corpus()])
def test_html_round_trip(tmp_path, name, spec):
    from html import escape

    lines = [line.strip() for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    body = "\n".join(
        f"<h3>{escape(line)}</h3>" if _HEADING.match(line) and len(line) < 50 else f"<p>{escape(line)}</p>"
        for line in lines
    )
    page = (
        '<!DOCTYPE html><html><head><meta charset="gbk"><title>法治政府建设年度报告</title></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/hd">互动交流</a></div>'
        '<div class="position">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>'
        '<div class="fontsize">字号：<a>大</a> <a>中</a> <a>小</a></div>'
        f'<div class="TRS_Editor">{body}</div>'
        '<div class="ewm">扫一扫在手机打开当前页</div><div class="footer">网站标识码：0000000000</div>'
        "</body></html>"
    )
    path = tmp_path / "report.html"
    path.write_bytes(page.encode("gb18030"))
    assert verdicts(path, spec["expect"]) == spec["expect"]


@pytest.mark.parametrize(("name", "spec"), corpus(), ids=[n for n, _ in corpus()])
def test_pdf_round_trip(tmp_path, name, spec):
    pytest.importorskip("pdfminer", reason="pdfminer.six is not installed (extra 'pdf')")
    pytest.importorskip("reportlab", reason="reportlab makes the PDF (extra 'test')")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from tests.load.test_pdf import FONT, LEADING, PAGE_HEIGHT, PAGE_WIDTH, SIZE, TOP, heading, wrapped

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    lines = [line.strip() for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    placed = [
        row for line in lines for row in (heading(line) if _HEADING.match(line) and len(line) < 40 else wrapped(line))
    ]
    path = tmp_path / "report.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    per_page = int((TOP - 80) / LEADING)
    pages = [placed[i : i + per_page] for i in range(0, len(placed), per_page)]
    for number, rows in enumerate(pages, start=1):
        pdf.setFont(FONT, 10)
        pdf.drawCentredString(PAGE_WIDTH / 2, 40, f"- {number} -")
        pdf.setFont(FONT, SIZE)
        y = TOP
        for text, x in rows:
            pdf.drawString(x, y, text)
            y -= LEADING
        pdf.showPage()
    pdf.save()
    assert verdicts(path, spec["expect"]) == spec["expect"]
