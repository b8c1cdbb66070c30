"""Hostile documents through the real command line: each is refused in one Chinese line (exit 2)
or checked normally, in seconds and within a memory limit, and never modified."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from checker.load import load
from tests.hostile.kit import bounded, limit_memory_and_permissions, zip_bomb
from tests.reportkit import one_clear_line, report

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refused(path: Path, *options: str) -> str:
    """The one Chinese line fzcheck gives for `path` (exit 2, nothing else on stderr); the file is unchanged."""
    before = fingerprint(path)
    line = one_clear_line(bounded("check", str(path), *options), path.name)
    assert fingerprint(path) == before
    return line


def fingerprint(path: Path) -> tuple:
    """Size, mtime and (for files of a normal size) the bytes' digest."""
    info = path.stat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if info.st_size <= 20 * 1024 * 1024 else ""
    return info.st_size, info.st_mtime_ns, digest


def checked(path: Path, *options: str) -> subprocess.CompletedProcess:
    """A run that finished with a verdict (exit 0 or 1) and a score, without errors."""
    proc = bounded("check", str(path), *options)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert proc.stderr == ""
    assert "得分：" in proc.stdout
    return proc


def good_docx(path: Path) -> Path:
    pytest.importorskip("docx", reason="python-docx (extra 'docx') builds the .docx fixtures")
    from tests.docxkit import report_docx

    return report_docx(path, report())


def docx_with_part(path: Path, part: str, change) -> Path:
    """A copy of a good report .docx whose `part` is replaced by change(its bytes)."""
    good = good_docx(path.with_name("good-" + path.name))
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, change(data) if item.filename == part else data)
    return path


# --- .docx ------------------------------------------------------------------------------------


def test_truncated_docx(tmp_path):
    good = good_docx(tmp_path / "good.docx")
    cut = tmp_path / "截断.docx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "Word 文件已损坏" in refused(cut)


def test_corrupt_docx_with_a_zip_signature(tmp_path):
    path = tmp_path / "corrupt.docx"
    path.write_bytes(b"PK\x03\x04" + random.Random(7).randbytes(20_000))
    assert "Word 文件已损坏" in refused(path)


@pytest.mark.parametrize(
    ("inflated", "declared", "words"),
    [
        (2048, None, "可能是压缩炸弹"),  # 2 GiB of zeros in a 2 MB file: refused by the size limit
        (60, None, "可能是压缩炸弹"),  # under the size limit, but a 1:1000 ratio
        (2048, 1, "已损坏"),  # headers that understate the size: never inflated past what they claim
    ],
    ids=["huge", "ratio", "lying-header"],
)
def test_docx_zip_bomb_is_refused_before_inflating(tmp_path, inflated, declared, words):
    path = zip_bomb(tmp_path / "bomb.docx", inflated, declared)
    assert path.stat().st_size < 3 * 1024 * 1024
    assert words in refused(path)


BILLION_LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)
EXTERNAL = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("doctype", [BILLION_LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/numbering.xml"])
def test_docx_entities_are_never_resolved(tmp_path, doctype, part):
    reference = b"&lol9;" if doctype == BILLION_LAUGHS else b"&xxe;"

    def with_entities(xml: bytes) -> bytes:
        xml = xml.replace(b"?>", b"?>" + doctype.encode(), 1)
        return re.sub(rb"(<w:t(?: [^>]*)?>)", rb"\1" + reference, xml, count=1)

    path = docx_with_part(tmp_path / "entity.docx", part, with_entities)
    assert "DTD/实体" in refused(path)


def test_password_protected_docx(tmp_path):
    # What Word writes for a password: an OLE compound file holding an EncryptedPackage stream.
    path = tmp_path / "加密.docx"
    path.write_bytes(OLE_MAGIC + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100)
    assert "设有打开密码" in refused(path)


# --- HTML ----------------------------------------------------------------------------------------


def test_html_entities_are_never_resolved(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in report().splitlines())
    page = (
        f'<?xml version="1.0"?>\n{BILLION_LAUGHS.replace("w:document", "html")[:-2]}'
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        f"<html><body><div class='content'>{body}<p>正文写有&xxe;和&lol9;两个实体。</p></div></body></html>"
    )
    path = tmp_path / "实体.html"
    path.write_text(page, encoding="utf-8")
    text = load(str(path)).text
    assert "正文写有&xxe;和&lol9;两个实体。" in text  # kept as written, not expanded
    assert "root:" not in text and "lollol" not in text
    proc = checked(path)
    assert "root:" not in proc.stdout and "lollol" not in proc.stdout


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_without_a_text_layer(tmp_path):
    pytest.importorskip("pdfminer", reason="pdfminer.six is not installed (extra 'pdf')")
    pytest.importorskip("reportlab", reason="reportlab makes the test PDFs (extra 'test')")
    from reportlab.pdfgen import canvas

    path = tmp_path / "扫描件.pdf"
    pdf = canvas.Canvas(str(path))
    for page in range(3):  # shapes only, as a scan without OCR looks to a text extractor
        pdf.rect(50, 50 + page * 10, 300, 400, fill=1)
        pdf.circle(300, 600, 80)
        pdf.line(40, 700, 500, 720)
        pdf.showPage()
    pdf.save()
    assert "这是扫描件（没有文字层）" in refused(path)


def test_pdf_that_is_not_a_pdf(tmp_path):
    pytest.importorskip("pdfminer", reason="pdfminer.six is not installed (extra 'pdf')")
    path = tmp_path / "假.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(3).randbytes(50_000))
    assert "文件已损坏" in refused(path)


# --- any format ----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_random_bytes(tmp_path, suffix):
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(random.Random(suffix).randbytes(256 * 1024))
    assert "二进制" in refused(path)


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf", ".html"])
def test_zero_byte_file(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    assert "文件为空" in refused(path)


def test_200_mb_file_is_refused_by_the_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: instant, and takes no disk space
    assert "文件过大（200 MB，上限 20 MB）" in refused(path)


def test_size_limit_from_the_option_and_the_config(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(report() + "备注：" + "法治政府建设。" * 100_000 + "\n", encoding="utf-8")  # 2.1 MB
    assert "上限 1 MB" in refused(path, "--max-size", "1")
    config = tmp_path / "fzcheck.toml"
    config.write_text("max_size_mb = 1\n", encoding="utf-8")
    assert "上限 1 MB" in refused(path, "--config", str(config))
    checked(path, "--config", str(config), "--max-size", "3")  # the option wins over the file


@pytest.mark.parametrize("value", ["0", "5000", '"big"'])
def test_bad_size_limit_in_the_config(tmp_path, value):
    config = tmp_path / "fzcheck.toml"
    config.write_text(f"max_size_mb = {value}\n", encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_text(report(), encoding="utf-8")
    line = one_clear_line(bounded("check", str(path), "--config", str(config)), "fzcheck.toml")
    assert "max_size_mb 应是 1 到 1024 之间的整数" in line


def test_size_limit_option_has_a_ceiling(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(report(), encoding="utf-8")
    proc = bounded("check", str(path), "--max-size", "4096")
    assert proc.returncode == 2 and "--max-size" in proc.stderr and "Traceback" not in proc.stderr


def test_fifo_named_txt_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    line = one_clear_line(bounded("check", str(path)), "pipe.txt")
    assert "不是普通文件" in line


def test_one_megabyte_line_without_breaks_is_checked(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text("法治政府建设取得新进展" * 100_000, encoding="utf-8")  # 3.3 MB on disk, 1.1 M characters
    proc = checked(path)
    assert proc.returncode == 1  # no parts found in it: the gate fails, as for any text without headings


def test_ten_thousand_heading_lines_are_checked(tmp_path):
    marks = ["一、", "（一）", "1.", "（1）", "①"]
    headings = [f"{marks[i % 5]}第{i}项工作" for i in range(10_000)]
    path = tmp_path / "headings.txt"
    path.write_text(report() + "\n".join(headings) + "\n", encoding="utf-8")
    checked(path)


def test_ten_thousand_marks_on_one_heading_are_checked(tmp_path):
    path = tmp_path / "marks.txt"
    path.write_text(report().replace("一、", "一、" * 10_000, 1), encoding="utf-8")
    checked(path)


def test_invalid_utf8_mixed_with_gb18030_is_refused(tmp_path):
    text = report()
    path = tmp_path / "mixed.txt"
    path.write_bytes(text[:200].encode("utf-8") + b"\xff\xfe\x80" + text[200:].encode("gb18030"))
    assert "无法识别文件编码" in refused(path)


def test_chinese_and_spaces_in_paths(tmp_path):
    folder = tmp_path / "各单位 报告" / "2024 年度"
    folder.mkdir(parents=True)
    good = folder / "青石县 人民政府 报告.txt"
    good.write_text(report(), encoding="utf-8")
    out = folder / "结果 汇总.json"
    proc = bounded("check", str(good), "--format", "json", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert str(good) in out.read_text(encoding="utf-8")
    bad = folder / "空 文件.txt"
    bad.write_bytes(b"")
    assert str(bad) in refused(bad)


def test_unreadable_file(tmp_path):
    path = tmp_path / "锁定.txt"
    path.write_text(report(), encoding="utf-8")
    path.chmod(0)
    try:
        probe = subprocess.run(
            [sys.executable, "-c", f"open({str(path)!r}, 'rb')"],
            preexec_fn=limit_memory_and_permissions,
            capture_output=True,
        )
        if probe.returncode == 0:
            pytest.skip("this process may read files whatever their mode (root whose capabilities cannot be dropped)")
        line = one_clear_line(bounded("check", str(path), preexec_fn=limit_memory_and_permissions), "锁定.txt")
        assert "没有读取权限" in line
        assert stat.S_IMODE(path.stat().st_mode) == 0
    finally:
        path.chmod(0o644)


def test_folder_with_a_symlink_loop(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(report(), encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")  # a link to itself
    (folder / "again").symlink_to(".")  # a folder link back to its own folder: never followed
    proc = bounded("check", str(folder), "--format", "json")
    line = one_clear_line(proc, "loop.txt")
    assert "符号链接形成循环" in line
    documents = json.loads(proc.stdout)["documents"]
    assert sorted(Path(d["path"]).name for d in documents) == ["a.txt", "b.txt"]
