"""Write small seed inputs for tests/fuzz/fuzz_loaders.py into tests/fuzz/corpus/<target>/ (gitignored).

    python tests/fuzz/make_seeds.py

The seeds are made up here (a few lines of an invented report), never taken from real reports.
PDF seeds need reportlab (in the `test` extra) and are written uncompressed, so that the
fuzzer's mutations land in readable PDF syntax.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fuzz_loaders import CONTENT_TYPES, DOCX_PARTS, PART_SEPARATOR  # noqa: E402

LINES = [
    "白石县人民政府关于2024年度法治政府建设情况的报告",
    "2024年，白石县统筹推进法治政府建设。现将有关情况报告如下：",
    "一、主要举措和成效",
    "（一）依法全面履行政府职能",
    "1.全年收到行政复议申请12件，审结10件。",
    "二、党政主要负责人履行推进法治建设第一责任人职责情况",
    "三、存在的不足和原因",
    "一是执法力量不足；二是培训不够。",
    "四、下一步工作安排",
    "第一部分 2025年工作计划",
]
TEXT = "\n".join(LINES) + "\n"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def text_seeds() -> dict[str, bytes]:
    return {
        "utf8.txt": TEXT.encode(),
        "utf8_bom_crlf.txt": TEXT.replace("\n", "\r\n").encode("utf-8-sig"),
        "gb18030.txt": TEXT.encode("gb18030"),
        "utf16le_bom.txt": TEXT.encode("utf-16"),
        "utf16be.txt": TEXT.encode("utf-16-be"),
        "big5.txt": "法治政府建設情況的報告\n一、主要舉措\n".encode("big5"),
        "ascii.txt": b"1. plan\n2. review\n",
    }


def structure_seeds() -> dict[str, bytes]:
    traditional = "一、法治政府建設\n（一）行政復議\n"
    flat = "。".join(LINES) * 8
    wrapped = "\n".join(TEXT.replace("\n", "")[i : i + 30] for i in range(0, 600, 30))
    return {
        "report.txt": TEXT.encode(),
        "mixed_breaks.txt": "一、甲\r\n（一）乙\r2.丙\n\n\ufeff# 丁\n".encode(),
        "traditional.txt": traditional.encode(),
        "flattened.txt": flat.encode(),
        "wrapped.txt": wrapped.encode(),
        "fullwidth.txt": "１．全角标题\n（２）全角括号\n".encode(),
    }


def document_xml(lines: list[str], numbered: bool) -> bytes:
    paragraphs = []
    for i, line in enumerate(lines):
        ppr = ""
        if numbered and i in (2, 5):
            ppr = '<w:pPr><w:pStyle w:val="H1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        paragraphs.append(f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>')
    table = (
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目（件）</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    tracked = (
        '<w:p><w:ins w:id="1"><w:r><w:t>新增</w:t></w:r></w:ins>'
        '<w:del w:id="2"><w:r><w:delText>删</w:delText></w:r></w:del></w:p>'
    )
    body = "".join(paragraphs) + table + tracked
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}">'
    return f"{head}<w:body>{body}</w:body></w:document>".encode()


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:basedOn w:val="N"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="N"><w:name w:val="Normal"/></w:style></w:styles>'
).encode()
NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>'
).encode()


def docx_zip(parts: dict[str, bytes], method: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_seeds() -> dict[str, bytes]:
    parts = dict(zip(DOCX_PARTS, (document_xml(LINES, True), STYLES, NUMBERING), strict=True))
    return {
        "parts_numbered.bin": PART_SEPARATOR.join(parts.values()),
        "parts_plain.bin": document_xml(LINES[:4], False),
        "stored.docx": docx_zip(parts, zipfile.ZIP_STORED),
        "deflated.docx": docx_zip(parts, zipfile.ZIP_DEFLATED),
    }


def html_seeds() -> dict[str, bytes]:
    body = "".join(f"<p>{line}</p>" for line in LINES[1:])
    page = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{LINES[0]}</title></head><body>'
        '<div class="nav">首页 &gt; 政务公开</div><div class="meta">发布时间：2025-01-20 来源：县司法局</div>'
        f'<div class="article"><h1>{LINES[0]}</h1>{body}<table><tr><td>件数</td><td>12</td></tr></table></div>'
        '<div class="footer">扫一扫在手机打开当前页</div><script>var a = "<p>";</script></body></html>'
    )
    gbk = page.replace('charset="utf-8"', 'charset="gb2312"')
    return {
        "utf8.html": page.encode(),
        "gbk.html": gbk.encode("gb18030"),
        "fragment.html": f"<div><p>{LINES[2]}</p><p>{LINES[4]}<br>{LINES[5]}</div>".encode(),
    }


def pdf_seeds() -> dict[str, bytes]:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    seeds = {}
    for name, lines, pages in (("one_page.pdf", LINES, 1), ("two_pages.pdf", LINES[:5], 2)):
        out = io.BytesIO()
        pdf = canvas.Canvas(out, pagesize=A4, pageCompression=0)
        for page in range(pages):
            pdf.setFont("STSong-Light", 9)
            pdf.drawString(72, 800, "白石县人民政府")  # a running header
            pdf.setFont("STSong-Light", 12)
            for i, line in enumerate(lines):
                pdf.drawString(90 if i % 3 == 0 else 72, 760 - 18 * i, line)
            pdf.drawString(290, 40, str(page + 1))
            pdf.showPage()
        pdf.save()
        seeds[name] = out.getvalue()
    latin = io.BytesIO()
    pdf = canvas.Canvas(latin, pagesize=A4, pageCompression=0)
    pdf.drawString(72, 760, "1. Annual report 2024")
    pdf.save()
    seeds["latin.pdf"] = latin.getvalue()
    return seeds


def main() -> None:
    makers = {
        "text": text_seeds,
        "structure": structure_seeds,
        "docx": docx_seeds,
        "html": html_seeds,
        "pdf": pdf_seeds,
    }
    for target, make in makers.items():
        folder = HERE / "corpus" / target
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in make().items():
            (folder / name).write_bytes(data)
        print(f"{target}: {len(list(folder.iterdir()))} files in {folder}")


if __name__ == "__main__":
    main()
