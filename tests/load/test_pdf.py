"""PDF loader: text layer -> paragraphs, page furniture dropped, locations "第 P 页第 L 行"."""

from __future__ import annotations

import sys

import pytest

import checker.load.pdf.decoding as pdf_decoding
import checker.load.pdf.reading as pdf_reading
from checker.errors import InputError
from checker.install import install_hint
from checker.load import load
from checker.load.pdf.furniture import is_page_number

FONT = "STSong-Light"
PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4 in points
SIZE = 12
LEADING = 20
TEXT_WIDTH = 36 * SIZE
LEFT = (PAGE_WIDTH - TEXT_WIDTH) / 2
TOP = 760

HEADER = "某某县人民政府文件"
TITLE = "青石县人民政府关于2024年度法治政府建设情况的报告"
OPENING = (
    "2024年，青石县坚持以习近平法治思想为指导，统筹推进法治政府建设各项工作，取得了新的进展。现将有关情况报告如下："
)
# Long enough to wrap over several lines, with digits (narrower than Chinese characters).
ENFORCEMENT = (
    "全面落实行政执法“三项制度”。全县32个执法单位在统一平台公示执法信息，配备执法记录仪410台，实现执法全过程记录，"
    "重大执法决定法制审核率100%；组织执法案卷评查2次，评查案卷186卷，发现并整改问题23个，执法规范化水平持续提升。"
)
# Starts at the foot of page 1 and ends at the top of page 2.
DISPUTES = (
    "全年收到行政复议申请64件，受理58件，审结51件，直接纠错7件，纠错率13.7%。全县行政诉讼一审案件37件，"
    "败诉2件，败诉率5.4%，行政机关负责人出庭应诉率100%，行政争议化解成效明显，群众满意度进一步提高。"
)
LEADER = "县委、县政府主要负责人认真履行推进法治建设第一责任人职责，全年主持召开专题会议6次，组织会前学法12次。"
SHORTCOMINGS = "一是部分执法人员业务能力不足；二是基层法治力量薄弱。究其原因，主要是培训机制不健全、编制保障不够。"
PLAN = "2025年，我县将继续深化法治政府建设：一是完善重大行政决策程序；二是加强执法人员培训；三是提升复议应诉质效。"


@pytest.fixture
def reportlab():
    """reportlab's canvas with the built-in Chinese CID font registered; skips without the tools."""
    pytest.importorskip("pdfminer", reason="pdfminer.six is not installed (extra 'pdf')")
    pytest.importorskip("reportlab", reason="reportlab makes the test PDFs (extra 'test')")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    from reportlab.pdfgen import canvas

    return canvas


def wrapped(text: str, indent: bool = True) -> list[tuple[str, float]]:
    """A paragraph broken into (line, x) by width, as a word processor does; the first line indented."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[tuple[str, float]] = []
    line = ""
    for ch in text:
        width = TEXT_WIDTH - (2 * SIZE if indent and not lines else 0)
        if stringWidth(line + ch, FONT, SIZE) > width:
            lines.append((line, LEFT + TEXT_WIDTH - width))
            line = ""
        line += ch
    lines.append((line, LEFT + (2 * SIZE if indent and not lines else 0)))
    return lines


def heading(text: str) -> list[tuple[str, float]]:
    return [(text, LEFT + 2 * SIZE)]


# Page 1 line numbers count the header as line 1 (what a reader counts on the page).
PAGE_1 = [
    *heading("一、2024年度推进法治政府建设的主要举措和成效"),  # line 4 (after header, title, 2 opening lines)
    *heading("（一）严格规范公正文明执法"),
    "ENFORCEMENT",
    *heading("（二）依法化解行政争议"),
    "DISPUTES_HEAD",
]
PAGE_2 = [
    "DISPUTES_TAIL",
    *heading("二、党政主要负责人履行推进法治建设第一责任人职责情况"),
    "LEADER",
    *heading("三、推进法治政府建设存在的不足和原因"),
    "SHORTCOMINGS",
    *heading("四、2025年推进法治政府建设的主要安排"),
    "PLAN",
]


def page_lines() -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The body lines of both pages with their x, the DISPUTES paragraph split over the page break."""
    disputes = wrapped(DISPUTES)
    parts = {
        "ENFORCEMENT": wrapped(ENFORCEMENT),
        "DISPUTES_HEAD": disputes[:2],
        "DISPUTES_TAIL": disputes[2:],
        "LEADER": wrapped(LEADER),
        "SHORTCOMINGS": wrapped(SHORTCOMINGS),
        "PLAN": wrapped(PLAN),
    }

    def expand(items):
        return [line for item in items for line in (parts[item] if isinstance(item, str) else [item])]

    return wrapped(OPENING), expand(PAGE_1), expand(PAGE_2)


def two_page_report(canvas, path) -> dict[str, tuple[int, int]]:
    """Write the report; return where each line starts as (page, line on page)."""
    opening, first, second = page_lines()
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    where: dict[str, tuple[int, int]] = {}
    for number, body in ((1, first), (2, second)):
        # Running header and footer are drawn first, as page templates do.
        pdf.setFont(FONT, 10)
        pdf.drawCentredString(PAGE_WIDTH / 2, 800, HEADER)
        pdf.drawCentredString(PAGE_WIDTH / 2, 40, f"第 {number} 页 共 2 页")
        y = TOP
        line_no = 2
        if number == 1:
            pdf.setFont(FONT, 16)
            pdf.drawCentredString(PAGE_WIDTH / 2, y, TITLE)
            where.setdefault(TITLE, (1, line_no))
            y, line_no = y - 2 * LEADING, line_no + 1
            body = opening + body
        pdf.setFont(FONT, SIZE)
        for text, x in body:
            pdf.drawString(x, y, text)
            where.setdefault(text, (number, line_no))
            y, line_no = y - LEADING, line_no + 1
        pdf.showPage()
    pdf.save()
    return where


@pytest.fixture
def report_pdf(reportlab, tmp_path):
    path = tmp_path / "报告.pdf"
    where = two_page_report(reportlab, path)
    return path, where


def expected_paragraphs() -> list[str]:
    return [
        TITLE,
        OPENING,
        "一、2024年度推进法治政府建设的主要举措和成效",
        "（一）严格规范公正文明执法",
        ENFORCEMENT,
        "（二）依法化解行政争议",
        DISPUTES,
        "二、党政主要负责人履行推进法治建设第一责任人职责情况",
        LEADER,
        "三、推进法治政府建设存在的不足和原因",
        SHORTCOMINGS,
        "四、2025年推进法治政府建设的主要安排",
        PLAN,
    ]


def test_fixture_paragraphs_really_wrap(reportlab):
    assert len(wrapped(ENFORCEMENT)) >= 3
    assert len(wrapped(DISPUTES)) >= 3
    # A full line that happens to end in ； must still be joined to the next.
    assert any(line.endswith("；") for line, _ in wrapped(ENFORCEMENT)[:-1])


def test_headers_footers_dropped_and_paragraphs_rejoined(report_pdf):
    path, _ = report_pdf
    raw = load(str(path))
    assert raw.kind == "pdf"
    assert raw.text.split("\n") == expected_paragraphs()
    assert HEADER not in raw.text
    assert "第 1 页 共 2 页" not in raw.text and "共2页" not in raw.text
    assert raw.meta["pages"] == "2"


def test_blocks_are_located_at_their_first_line(report_pdf):
    path, where = report_pdf
    blocks = {b.text: b for b in load(str(path)).blocks}
    assert blocks[TITLE].location == "第 1 页第 2 行"
    assert blocks[OPENING].location == "第 1 页第 3 行"
    # The paragraph that runs over the page break is found where it starts, on page 1.
    first_line = wrapped(DISPUTES)[0][0]
    assert where[first_line][0] == 1
    assert blocks[DISPUTES].location == f"第 1 页第 {where[first_line][1]} 行"
    # On page 2 the header is line 1 and the rest of DISPUTES line 2; the next heading follows it.
    tail = len(wrapped(DISPUTES)) - 2
    assert blocks["二、党政主要负责人履行推进法治建设第一责任人职责情况"].location == f"第 2 页第 {2 + tail} 行"
    for text in (LEADER, SHORTCOMINGS, PLAN):
        page, line = where[wrapped(text)[0][0]]
        assert blocks[text].location == f"第 {page} 页第 {line} 行"
    assert all(b.heading_level is None and "\n" not in b.text for b in blocks.values())


def test_full_pipeline_on_the_pdf(report_pdf):
    from checker.packs import load_packs
    from checker.pipeline import check_file
    from checker.score import Gate

    path, _ = report_pdf
    result = check_file(str(path), load_packs(["national"]), Gate())
    status = {f.rule: f.status for f in result.findings}
    for rule in ("part.measures", "part.leader-duty", "part.shortcomings", "part.next-year"):
        assert status[rule] == "pass", rule
    assert status["enforcement.three-systems"] == "pass"
    assert result.document.title == TITLE
    assert result.document.report_year == 2024
    located = [ev.location for f in result.findings for ev in f.evidence]
    assert located and all(loc.startswith("第 ") and "页第" in loc for loc in located)


def test_without_indents_sentence_ends_close_paragraphs(reportlab, tmp_path):
    """Block paragraphs (no first-line indent): a full line ending in 。 ends its paragraph."""
    wrapped_line = "县委县政府主要负责人认真履行推进法治建设第一责任人职责全年主持召开专题会"
    full_sentence = "全县各级行政机关全面落实行政执法公示制度执法全过程记录制度和法制审核制。"
    assert len(wrapped_line) == len(full_sentence) == 36  # both fill the line
    lines = [wrapped_line, "议六次。", full_sentence, "下一步将继续完善制度。"]
    path = tmp_path / "无缩进.pdf"
    pdf = reportlab.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    pdf.setFont(FONT, SIZE)
    for number, text in enumerate(lines):
        pdf.drawString(LEFT, TOP - number * LEADING, text)
    pdf.showPage()
    pdf.save()
    assert load(str(path)).text.split("\n") == [wrapped_line + "议六次。", full_sentence, "下一步将继续完善制度。"]


def test_a_heading_opening_every_page_is_not_a_running_header(reportlab, tmp_path):
    path = tmp_path / "报告.pdf"
    pdf = reportlab.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    expected = []
    for number, text in enumerate((LEADER, SHORTCOMINGS, PLAN), 1):
        head = f"{'一二三'[number - 1]}、第{number}部分"
        pdf.setFont(FONT, SIZE)
        pdf.drawString(LEFT + 2 * SIZE, TOP, head)
        for row, (line, x) in enumerate(wrapped(text), 1):
            pdf.drawString(x, TOP - row * LEADING, line)
        pdf.showPage()
        expected += [head, text]
    pdf.save()
    assert load(str(path)).text.split("\n") == expected


def test_wrapped_centred_title_is_one_line_and_cells_share_a_line(reportlab, tmp_path):
    path = tmp_path / "报告.pdf"
    pdf = reportlab.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    pdf.setFont(FONT, 20)
    pdf.drawCentredString(PAGE_WIDTH / 2, TOP, TITLE[:20])
    pdf.drawCentredString(PAGE_WIDTH / 2, TOP - 30, TITLE[20:])
    pdf.setFont(FONT, SIZE)
    y = TOP - 70
    for text, x in wrapped(OPENING):
        pdf.drawString(x, y, text)
        y -= LEADING
    # A table row: cells far apart on one baseline.
    pdf.drawString(LEFT, y, "行政复议申请")
    pdf.drawString(LEFT + 200, y, "64件")
    pdf.drawString(LEFT + 300, y, "纠错7件")
    pdf.showPage()
    pdf.save()
    assert load(str(path)).text.split("\n") == [TITLE, OPENING, "行政复议申请 64件 纠错7件"]


@pytest.mark.parametrize("content", ["image", "nothing"])
def test_page_without_text_is_a_scan(reportlab, tmp_path, content):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    path = tmp_path / "扫描件.pdf"
    pdf = reportlab.Canvas(str(path))
    if content == "image":
        pdf.drawImage(ImageReader(Image.new("RGB", (120, 160), "white")), 50, 400, 240, 320)
    pdf.showPage()
    pdf.save()
    with pytest.raises(InputError) as info:
        load(str(path))
    assert "这是扫描件（没有文字层）" in info.value.problem
    assert "OCR 不受支持，请提供带文字层的 PDF 或 Word 文件" in info.value.problem


def test_only_page_numbers_is_a_scan_too(reportlab, tmp_path):
    path = tmp_path / "扫描件.pdf"
    pdf = reportlab.Canvas(str(path))
    for number in (1, 2):
        pdf.setFont(FONT, 10)
        pdf.drawCentredString(300, 40, f"- {number} -")
        pdf.showPage()
    pdf.save()
    with pytest.raises(InputError, match="扫描件"):
        load(str(path))


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 20,
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF",
    ],
    ids=["garbage", "dangling-pages"],
)
def test_broken_pdf_is_refused_in_one_line(tmp_path, data):
    pytest.importorskip("pdfminer", reason="pdfminer.six is not installed (extra 'pdf')")
    path = tmp_path / "坏.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load(str(path))
    assert "文件已损坏" in info.value.problem


def test_truncated_pdf_is_refused(report_pdf, tmp_path):
    path, _ = report_pdf
    cut = tmp_path / "截断.pdf"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(InputError, match="文件已损坏"):
        load(str(cut))


def test_pdf_with_an_open_password_is_refused(reportlab, tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = tmp_path / "加密.pdf"
    pdf = reportlab.Canvas(str(path), encrypt=StandardEncryption("secret", "owner"))
    pdf.setFont(FONT, SIZE)
    pdf.drawString(LEFT, TOP, OPENING[:30])
    pdf.showPage()
    pdf.save()
    with pytest.raises(InputError) as info:
        load(str(path))
    assert "已加密" in info.value.problem


def test_pdf_with_only_an_owner_password_is_read(reportlab, tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = tmp_path / "限制复制.pdf"
    pdf = reportlab.Canvas(str(path), encrypt=StandardEncryption("", "owner", canCopy=0, canModify=0))
    # Latin text: reportlab's encryption garbles the CID font's /CIDSystemInfo strings, which
    # no reader can then map to Unicode; PDFs from Word or WPS do not have that flaw.
    pdf.setFont("Helvetica", SIZE)
    pdf.drawString(LEFT, TOP, "Annual report on law-based government, 2024.")
    pdf.showPage()
    pdf.save()
    assert load(str(path)).text == "Annual report on law-based government, 2024."


def test_too_many_pages_are_refused(report_pdf, monkeypatch):
    path, _ = report_pdf
    monkeypatch.setattr(pdf_reading, "MAX_PAGES", 1)
    with pytest.raises(InputError) as info:
        load(str(path))
    assert "上限 1 页" in info.value.problem


def test_missing_library_names_the_extra(tmp_path, monkeypatch):
    for name in [m for m in sys.modules if m == "pdfminer" or m.startswith("pdfminer.")] + ["pdfminer"]:
        monkeypatch.setitem(sys.modules, name, None)
    path = tmp_path / "报告.pdf"
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    with pytest.raises(InputError) as info:
        load(str(path))
    assert info.value.problem == f"读取 PDF 需要安装可选依赖 pdf，{install_hint('pdf')}"
    assert 'install ".[pdf]"' in info.value.problem  # the tests run from a checkout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第 3 页 共 12 页", True),
        ("第3页", True),
        ("共 12 页 第 3 页", True),
        ("- 3 -", True),
        ("— 12 —", True),
        ("3/12", True),
        ("3 / 12", True),
        ("7", True),
        ("Page 3 of 12", True),
        ("2024年", False),
        ("一、主要举措", False),
        ("第三部分", False),
    ],
)
def test_page_numbers(text, expected):
    assert is_page_number(text) is expected


# --- bounded decoding ----------------------------------------------------------------------------


def test_pdfminer_still_decodes_through_the_names_that_are_bounded():
    """The cap swaps globals of pdfminer.pdftypes; a pdfminer that stopped using them would be unbounded."""
    pdftypes = pytest.importorskip("pdfminer.pdftypes", reason="pdfminer.six is not installed (extra 'pdf')")
    used = set(pdftypes.PDFStream.decode.__code__.co_names)
    assert {"zlib", "decompress_corrupted", "lzwdecode", "rldecode"} <= used


def test_decoders_are_restored_after_reading(tmp_path):
    pdftypes = pytest.importorskip("pdfminer.pdftypes", reason="pdfminer.six is not installed (extra 'pdf')")
    before = (pdftypes.zlib, pdftypes.decompress_corrupted, pdftypes.lzwdecode, pdftypes.rldecode)
    with pdf_decoding.bounded_decoding("x.pdf"):
        assert pdftypes.zlib is not before[0]
    assert (pdftypes.zlib, pdftypes.decompress_corrupted, pdftypes.lzwdecode, pdftypes.rldecode) == before


@pytest.mark.parametrize("seed", range(5))
def test_bounded_run_length_decodes_as_pdfminer_does(seed):
    runlength = pytest.importorskip("pdfminer.runlength", reason="pdfminer.six is not installed (extra 'pdf')")
    import random

    rng = random.Random(seed)
    data = bytearray()
    for _ in range(200):
        length = rng.choice((rng.randrange(128), rng.randrange(129, 256)))
        data += bytes([length]) + rng.randbytes(length + 1 if length < 128 else 1)
    data += b"\x80"
    budget = pdf_decoding.DecodingBudget("x.pdf")
    assert pdf_decoding.bounded_run_length(budget)(bytes(data)) == runlength.rldecode(bytes(data))


def test_run_length_and_lzw_stop_at_the_cap(monkeypatch):
    pytest.importorskip("pdfminer", reason="pdfminer.six is not installed (extra 'pdf')")
    from pdfminer.lzw import lzwdecode

    monkeypatch.setattr(pdf_decoding, "MAX_STREAM_MB", 1)
    with pytest.raises(pdf_decoding.StreamTooLarge):
        # Each pair repeats a byte 128 times: 2.4 MiB.
        pdf_decoding.bounded_run_length(pdf_decoding.DecodingBudget("x.pdf"))(b"\x81\x00" * 20_000)
    small, large = lzw_of_zeros(1000), lzw_of_zeros(3000)
    assert lzwdecode(small) == bytes(sum(range(1, 1002)))  # what the bounded decoder must agree with
    assert pdf_decoding.bounded_lzw(pdf_decoding.DecodingBudget("x.pdf"))(small) == lzwdecode(small)
    with pytest.raises(pdf_decoding.StreamTooLarge):
        pdf_decoding.bounded_lzw(pdf_decoding.DecodingBudget("x.pdf"))(large)  # 4.3 MiB of zeros


def lzw_of_zeros(codes: int) -> bytes:
    """LZW data whose every code adds one more zero than the last: clear, 0, 258, 259, …

    Codes are 9 bits wide, growing (with PDF's early change) as the table fills.
    """
    out, value, bits, width = bytearray(), 0, 0, 9
    for code in [256, 0, *range(258, 258 + codes)]:
        value, bits = (value << width) | code, bits + width
        while bits >= 8:
            bits -= 8
            out.append((value >> bits) & 0xFF)
        value &= (1 << bits) - 1
        if code >= 258 and code + 1 in (511, 1023, 2047):
            width += 1
    if bits:
        out.append((value << (8 - bits)) & 0xFF)
    return bytes(out)


def test_stream_failing_its_checksum_is_still_read(tmp_path):
    pytest.importorskip("pdfminer", reason="pdfminer.six is not installed (extra 'pdf')")
    import zlib

    from tests.hostile.pdfbytes import pages_pdf

    content = b"BT /F1 14 Tf 72 700 Td (Rule of law report 2024) Tj ET"
    broken_checksum = zlib.compress(content)[:-4] + b"\0\0\0\0"
    path = tmp_path / "checksum.pdf"
    path.write_bytes(pages_pdf([broken_checksum], content_entries=b"/Filter /FlateDecode"))
    assert load(str(path)).text == "Rule of law report 2024"
