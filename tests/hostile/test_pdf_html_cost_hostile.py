"""Bounded cost per document, through the real command line.

PDFs whose streams inflate to gigabytes, a page of thousands of scattered words, a text
layer of private-use characters; HTML with thousands of unmatched end tags or nested
elements, and a page declaring UTF-16 that is not. Each run is limited to the kit's time
and memory (tests/hostile/kit.py): a case that is still quadratic or inflates without
bound fails by hitting the limit.
"""

from __future__ import annotations

import zlib

import pytest

from checker.load import load
from checker.load.pdf.decoding import MAX_DECODED_MB, MAX_STREAM_MB
from checker.load.pdf.reading import MAX_CONTENT_MB, MAX_PAGE_CONTENT_MB
from tests.hostile.pdfbytes import cid_text_pdf, flate_bomb_pdf, font_files_pdf, pages_pdf, scattered_words_pdf
from tests.hostile.test_inputs_hostile import checked, refused
from tests.reportkit import report


def require_pdfminer() -> None:
    pytest.importorskip("pdfminer", reason="pdfminer.six is not installed (extra 'pdf')")


# --- PDF ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("checksum_ok", "twice"),
    [(True, False), (False, False), (True, True)],
    ids=["2-GiB-of-zeros", "bad-checksum", "compressed-twice"],
)
def test_pdf_stream_inflating_to_gigabytes_is_refused_at_the_cap(tmp_path, checksum_ok, twice):
    require_pdfminer()
    path = tmp_path / "炸弹.pdf"
    path.write_bytes(flate_bomb_pdf(2048, checksum_ok=checksum_ok, twice=twice))
    assert path.stat().st_size < (16 * 1024 if twice else 3 * 1024 * 1024)
    line = refused(path)
    assert f"PDF 中有解压后过大的数据流（超过 {MAX_STREAM_MB} MB），已拒绝" in line


def test_pdf_page_content_under_the_stream_cap_but_slow_to_interpret_is_refused(tmp_path):
    # Within the stream cap, but pdfminer would take a minute to interpret it.
    require_pdfminer()
    path = tmp_path / "内容.pdf"
    path.write_bytes(flate_bomb_pdf(MAX_STREAM_MB - 4))
    assert f"PDF 第 1 页的内容解压后超过 {MAX_PAGE_CONTENT_MB} MB，已拒绝" in refused(path)


def test_pdf_pages_each_within_the_page_cap_but_too_much_together_are_refused(tmp_path):
    require_pdfminer()
    path = tmp_path / "多页.pdf"
    pages = MAX_CONTENT_MB // MAX_PAGE_CONTENT_MB + 1
    content = zlib.compress(b" " * ((MAX_PAGE_CONTENT_MB << 20) - 1024), 9)
    path.write_bytes(pages_pdf([content] * pages, content_entries=b"/Filter /FlateDecode"))
    assert f"PDF 的页面内容解压后合计超过 {MAX_CONTENT_MB} MB，已拒绝" in refused(path)


def test_pdf_streams_over_the_cap_together_are_refused(tmp_path):
    require_pdfminer()
    path = tmp_path / "字体.pdf"
    megabytes = MAX_STREAM_MB - 4  # each font file is allowed on its own
    path.write_bytes(font_files_pdf(MAX_DECODED_MB // megabytes + 1, megabytes))
    assert f"PDF 中的数据流解压后合计超过 {MAX_DECODED_MB} MB，已拒绝" in refused(path)


def test_page_of_thousands_of_scattered_words_is_read(tmp_path):
    require_pdfminer()
    path = tmp_path / "散字.pdf"
    path.write_bytes(scattered_words_pdf(5_000))
    checked(path)


def test_text_layer_of_private_use_characters_is_refused(tmp_path):
    require_pdfminer()
    path = tmp_path / "私用区.pdf"
    path.write_bytes(cid_text_pdf(report().splitlines(), private_use=True))
    assert "PDF 的文字层无法识别" in refused(path)


def test_same_font_with_a_true_unicode_map_is_checked(tmp_path):
    require_pdfminer()
    path = tmp_path / "正常.pdf"
    path.write_bytes(cid_text_pdf(report().splitlines()))
    proc = checked(path)
    assert proc.returncode == 0  # the whole report was read: every part found


# --- HTML -----------------------------------------------------------------------------------------


def article() -> str:
    return "".join(f"<p>{line}</p>" for line in report().splitlines())


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><div class='content'>" + article() + "</div>" + "</div>" * 10_000 + "</body></html>",
        "<html><body>" + "<span>" * 10_000 + article() + "</div>" * 10_000 + "</body></html>",
        "<html><body>" + "<div class='content'>" * 10_000 + article() + "</div>" * 10_000 + "</body></html>",
        "<html><body>" + "<div>" * 50_000 + article() + "</div>" * 50_000 + "</body></html>",
        "<html><body>" + "<div class='title'>" * 10_000 + article() + "</div>" * 10_000 + "</body></html>",
        "<html><body>" + "<h1>" * 10_000 + article() + "</h1>" * 10_000 + "</body></html>",
    ],
    ids=[
        "10k-unmatched-end-tags",
        "10k-unmatched-end-tags-under-10k-open",
        "10k-nested-content",
        "50k-nested-divs",
        "10k-nested-titles",
        "10k-nested-h1",
    ],
)
def test_deep_or_unbalanced_markup_is_checked(tmp_path, page):
    path = tmp_path / "嵌套.html"
    path.write_text(page, encoding="utf-8")
    checked(path)


def test_utf16_declared_on_utf8_bytes_is_ignored(tmp_path):
    page = "<html><head><meta charset='utf-16'></head><body><div class='content'>" + article() + "</div></body></html>"
    data = page.encode("utf-8")
    path = tmp_path / "声明.html"
    path.write_bytes(data + b" " * (len(data) % 2))  # even: it would decode as UTF-16, to nonsense
    assert load(str(path)).text.splitlines() == report().splitlines()
    assert checked(path).returncode == 0
