"""Load time per input format for a report of about 15,000 characters.

Run from the project root:  python -m benchmarks.load_formats
Builds the same report as .txt, .docx, .html and .pdf in a temporary folder (python-docx,
reportlab and pdfminer.six from the `test` extra), then prints the median load time of each
(checker.load.load, 20 runs after one warm-up), and python-docx's Document(path).paragraphs
for comparison.
"""

from __future__ import annotations

import sys
import tempfile
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.load import load  # noqa: E402

TARGET_CHARS = 15_000


def report_text() -> str:
    """examples/complete-2024.txt, its measures repeated until the report is about 15,000 characters."""
    lines = (ROOT / "examples" / "complete-2024.txt").read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if line.strip()]
    text = "\n".join(body)
    extra = [line for line in body[2:40] if not line.startswith(("一、", "二、", "三、", "四、", "五、"))]
    while len(text) < TARGET_CHARS:
        text += "\n" + "\n".join(extra)
    return text


def median_ms(action, runs: int = 20) -> float:
    from benchmarks.run import median_s

    return median_s(action, runs) * 1000


def write_formats(text: str, folder: Path) -> dict[str, Path]:
    from tests.docxkit import report_docx

    paths = {"txt": folder / "r.txt", "html": folder / "r.html"}
    paths["txt"].write_text(text, encoding="utf-8")
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines())
    paths["html"].write_text(
        f'<html><head><meta charset="utf-8"></head><body><div class="TRS_Editor">{paragraphs}</div></body></html>',
        encoding="utf-8",
    )
    paths["docx"] = report_docx(folder / "r.docx", text)
    paths["pdf"] = write_pdf(text, folder / "r.pdf")
    return paths


def write_pdf(text: str, path: Path) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    rows = [line[i : i + 36] for line in text.splitlines() for i in range(0, len(line), 36)]
    pdf = canvas.Canvas(str(path))
    for start in range(0, len(rows), 34):
        pdf.setFont("STSong-Light", 12)
        y = 780
        for row in rows[start : start + 34]:
            pdf.drawString(70, y, row)
            y -= 20
        pdf.showPage()
    pdf.save()
    return path


def main() -> int:
    text = report_text()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_formats(text, Path(tmp))
        print(f"report: {len(text):,} characters")
        print(f"{'format':<28}{'median ms':>10}")
        for fmt, path in paths.items():
            print(f"{'load ' + fmt:<28}{median_ms(lambda p=path: load(str(p))):>10.1f}")
        import docx

        reference = median_ms(lambda: [p.text for p in docx.Document(str(paths["docx"])).paragraphs])
        print(f"{'python-docx .paragraphs':<28}{reference:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
