"""Bounded cost per document, through the real command line: thousands of Word styles, zip bombs
in the parts --annotate opens, altChunk content, Strict OOXML, and text with a stray NUL, NEL line
ends or a leading HTML comment. Each is read (exit 0 or 1) or refused in one Chinese line (exit 2),
within the kit's time and memory limits."""

from __future__ import annotations

import codecs
import json
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.kit import bounded, deflated_zeros
from tests.hostile.test_inputs_hostile import checked, fingerprint, refused
from tests.reportkit import one_clear_line, report

CORE = ("part.measures", "part.leader-duty", "part.shortcomings", "part.next-year", "data.review", "data.litigation")
W_URI = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_URI = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_W_URI = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
STRICT_R_URI = b"http://purl.oclc.org/ooxml/officeDocument/relationships"


def json_document(path: Path) -> dict:
    """The JSON result of a run that finished with a verdict (exit 0 or 1), without errors."""
    proc = bounded("check", str(path), "--format", "json")
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert proc.stderr == ""
    document = json.loads(proc.stdout)["documents"][0]
    assert "score" in document
    return document


def verdicts(path: Path) -> dict[str, str]:
    """Each rule's status in a normal run."""
    return {f["rule"]: f["status"] for f in json_document(path)["findings"]}


def all_core_pass(statuses: dict[str, str]) -> bool:
    return all(statuses[rule] == "pass" for rule in CORE)


# --- raw zip writing (members that lie, or inflate to gigabytes) ----------------------------------


@dataclass
class Member:
    name: str
    stored: bytes  # as written into the archive: raw deflate when method is 8
    size: int  # the inflated size the headers declare
    crc: int
    method: int = 8


def deflated(name: str, content: bytes) -> Member:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    stored = packer.compress(content) + packer.flush()
    return Member(name, stored, len(content), zlib.crc32(content))


def bomb(name: str, megabytes: int, declared_megabytes: int | None = None) -> Member:
    """A member inflating to `megabytes` MiB of zeros; its headers may claim less (and its CRC is wrong)."""
    declared = declared_megabytes if declared_megabytes is not None else megabytes
    return Member(name, deflated_zeros(megabytes), declared << 20, 0xDEADBEEF)


def write_zip(path: Path, members: list[Member]) -> Path:
    local, central = b"", b""
    for m in members:
        name = m.name.encode()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, m.method, 0, 0, m.crc, len(m.stored), m.size, len(name), 0
        )
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, m.method, 0, 0, m.crc, len(m.stored), m.size, len(name),
            0, 0, 0, 0, 0, len(local),
        ) + name  # fmt: skip
        local += header + name + m.stored
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(local), 0)
    path.write_bytes(local + central + end)
    return path


def members_of(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def good_docx(path: Path) -> Path:
    pytest.importorskip("docx", reason="python-docx (extra 'docx') builds the .docx fixtures")
    from tests.docxkit import report_docx

    return report_docx(path, report())


# --- .docx: thousands of styles -------------------------------------------------------------------


# What Word writes for a style of a Chinese official document (about 700 bytes of formatting).
STYLE_FORMATTING = (
    '<w:pPr><w:widowControl w:val="0"/><w:adjustRightInd w:val="0"/><w:snapToGrid w:val="0"/>'
    '<w:spacing w:before="0" w:after="0" w:line="560" w:lineRule="exact"/>'
    '<w:ind w:firstLine="640" w:firstLineChars="200"/><w:jc w:val="both"/><w:textAlignment w:val="baseline"/></w:pPr>'
    '<w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" '
    'w:cs="Times New Roman"/><w:color w:val="000000"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr>"
)


def many_styles_docx(path: Path, count: int, layout: str) -> Path:
    """A report whose styles.xml holds `count` more paragraph styles.

    "chain": each style is based on the one before (the first on Heading 1), and a heading uses the last;
    "used": every style is used by a paragraph of its own.
    """
    parts = members_of(good_docx(path.with_name("base-" + path.name)))
    styles = []
    for i in range(count):
        based = "Heading1" if i == 0 else f"Chain{i - 1}"
        based_on = f'<w:basedOn w:val="{based}"/>' if layout == "chain" else ""
        styles.append(
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="Chain{i}"><w:name w:val="chain {i}"/>'
            f'{based_on}<w:uiPriority w:val="99"/><w:qFormat/><w:rsid w:val="00{i:06X}"/>{STYLE_FORMATTING}</w:style>'
        )
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(
        b"</w:styles>", "".join(styles).encode() + b"</w:styles>"
    )
    document = parts["word/document.xml"]
    if layout == "chain":
        # Every part heading carries its level only through the 3,000-long basedOn chain.
        assert b'<w:pStyle w:val="Heading1"/>' in document
        document = document.replace(b'<w:pStyle w:val="Heading1"/>', b'<w:pStyle w:val="Chain%d"/>' % (count - 1))
    else:
        extra = "".join(
            f'<w:p><w:pPr><w:pStyle w:val="Chain{i}"/></w:pPr><w:r><w:t>附：第{i}项工作台账。</w:t></w:r></w:p>'
            for i in range(count)
        ).encode()
        document = document.replace(b"<w:sectPr", extra + b"<w:sectPr", 1)
    parts["word/document.xml"] = document
    return write_zip(path, [deflated(name, data) for name, data in parts.items()])


@pytest.mark.parametrize(
    ("layout", "count"),
    # Looking styles up one by one took 10 s for 3,000 and 61 s for 10,000 (quadratic); now 0.7 s and 1.7 s.
    [("chain", 3000), ("used", 3000), ("chain", 10000)],
    ids=["chain-3000", "used-3000", "chain-10000"],
)
def test_thousands_of_styles_load_in_bounded_time(tmp_path, layout, count):
    path = many_styles_docx(tmp_path / f"styles-{layout}.docx", count, layout)
    statuses = verdicts(path)
    assert all_core_pass(statuses)  # headings styled through the chain still head their parts


# --- .docx: zip bombs in the parts --annotate opens -----------------------------------------------

IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


def docx_with_bomb_part(path: Path, part: str, megabytes: int, declared: int | None = None) -> Path:
    """A good report whose document relates to `part` (an image or comments.xml), which is a zip bomb.

    The reader never opens that part; python-docx (--annotate) loads every related part.
    """
    parts = members_of(good_docx(path.with_name("base-" + path.name)))
    kind = IMAGE_REL if part.endswith(".png") else COMMENTS_REL
    target = part.removeprefix("word/")
    rels = parts["word/_rels/document.xml.rels"]
    parts["word/_rels/document.xml.rels"] = rels.replace(
        b"</Relationships>", f'<Relationship Id="rIdBomb" Type="{kind}" Target="{target}"/></Relationships>'.encode()
    )
    types = parts["[Content_Types].xml"]
    entry = (
        '<Default Extension="png" ContentType="image/png"/>'
        if part.endswith(".png")
        else f'<Override PartName="/{part}" ContentType="{COMMENTS_TYPE}"/>'
    )
    if b'Extension="png"' not in types or not part.endswith(".png"):
        parts["[Content_Types].xml"] = types.replace(b"</Types>", entry.encode() + b"</Types>")
    members = [deflated(name, data) for name, data in parts.items()]
    return write_zip(path, [*members, bomb(part, megabytes, declared)])


@pytest.mark.parametrize(
    ("part", "inflated", "declared", "words"),
    [
        ("word/media/image1.png", 2048, None, "可能是压缩炸弹"),  # 2 GiB of zeros: the size limit
        ("word/comments.xml", 60, None, "可能是压缩炸弹"),  # under the size limit, a 1:1000 ratio
        ("word/media/image1.png", 2048, 1, "已损坏"),  # a header that understates the size
    ],
    ids=["image-huge", "comments-ratio", "image-lying-header"],
)
def test_annotate_refuses_a_bomb_in_any_part_before_inflating(tmp_path, part, inflated, declared, words):
    path = docx_with_bomb_part(tmp_path / "炸弹.docx", part, inflated, declared)
    assert path.stat().st_size < 3 * 1024 * 1024
    checked(path)  # the reader never opens that part: the report itself is checked
    out = tmp_path / "批注.docx"
    before = fingerprint(path)
    line = one_clear_line(bounded("check", str(path), "--annotate", str(out)), path.name)
    assert words in line
    assert not out.exists()
    assert fingerprint(path) == before


def test_annotate_still_writes_a_copy_of_a_normal_docx_with_an_image(tmp_path):
    source = good_docx(tmp_path / "base.docx")
    png = b"\x89PNG\r\n\x1a\n" + bytes(4096)  # the package only holds the bytes: they need not be a picture
    parts = members_of(source)
    rels = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdPic" Type="{IMAGE_REL}" Target="media/image1.png"/></Relationships>'.encode(),
    )
    parts["word/_rels/document.xml.rels"] = rels
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>'
    )
    parts["word/media/image1.png"] = png
    path = write_zip(tmp_path / "图片.docx", [deflated(name, data) for name, data in parts.items()])
    out = tmp_path / "批注.docx"
    proc = bounded("check", str(path), "--annotate", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    assert out.exists() and "条批注" in proc.stderr


# --- .docx: altChunk --------------------------------------------------------------------------------

AF_CHUNK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
CHUNK_LINES = report().splitlines()[-4:]  # the shortcomings and the plan, headings and bodies


def html_chunk() -> tuple[str, bytes, str]:
    body = "".join(f"<p>{line}</p>" for line in CHUNK_LINES)
    page = f'<html><head><meta charset="utf-8"><title>片段</title></head><body>{body}</body></html>'
    return "word/afchunk1.htm", page.encode("utf-8"), "text/html"


def text_chunk() -> tuple[str, bytes, str]:
    return "word/afchunk1.txt", codecs.BOM_UTF8 + "\r\n".join(CHUNK_LINES).encode("utf-8"), "text/plain"


def mht_chunk() -> tuple[str, bytes, str]:
    body = "".join(f"<p>{line}</p>" for line in CHUNK_LINES)
    html = f"<html><body>{body}</body></html>".encode()
    import base64

    mime = (
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; boundary="----=_NextPart_fz"\r\n\r\n'
        b"------=_NextPart_fz\r\n"
        b'Content-Type: text/html; charset="utf-8"\r\n'
        b"Content-Transfer-Encoding: base64\r\n"
        b"Content-Location: file:///C:/chunk.htm\r\n\r\n" + base64.encodebytes(html) + b"\r\n------=_NextPart_fz--\r\n"
    )
    return "word/afchunk1.mht", mime, "message/rfc822"


def rtf_chunk() -> tuple[str, bytes, str]:
    return "word/afchunk1.rtf", rb"{\rtf1\ansi \u19977?\u36275? \par}", "application/rtf"


def altchunk_docx(path: Path, chunk: tuple[str, bytes, str]) -> Path:
    """A report whose last two parts are not paragraphs but an altChunk importing `chunk`."""
    pytest.importorskip("docx", reason="python-docx (extra 'docx') builds the .docx fixtures")
    from tests.docxkit import report_docx

    head = "\n".join(report().splitlines()[:-4]) + "\n"
    parts = members_of(report_docx(path.with_name("base-" + path.name), head))
    name, data, content_type = chunk
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:sectPr", b'<w:altChunk xmlns:r="' + R_URI + b'" r:id="rIdChunk1"/><w:sectPr', 1
    )
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdChunk1" Type="{AF_CHUNK_REL}" Target="{name.removeprefix("word/")}"/>'
        "</Relationships>".encode(),
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'.encode()
    )
    parts[name] = data
    return write_zip(path, [deflated(n, d) for n, d in parts.items()])


@pytest.mark.parametrize("chunk", [html_chunk, text_chunk, mht_chunk], ids=["html", "text", "mht"])
def test_altchunk_content_is_read(tmp_path, chunk):
    path = altchunk_docx(tmp_path / "嵌入.docx", chunk())
    assert all_core_pass(verdicts(path))


def test_altchunk_of_a_format_not_read_is_refused_clearly(tmp_path):
    path = altchunk_docx(tmp_path / "嵌入RTF.docx", rtf_chunk())
    line = refused(path)
    assert "altChunk" in line and "另存为" in line


def test_altchunk_content_counts_against_the_size_limit_of_the_call(tmp_path):
    from checker.errors import InputError
    from checker.load import load

    name, page, content_type = html_chunk()
    # Padding that compresses to nothing: the chunk inflates to more than the whole file holds.
    padded = page.replace(b"<body>", b"<body><!--" + b" " * 400_000 + b"-->", 1)
    path = altchunk_docx(tmp_path / "大嵌入.docx", (name, padded, content_type))
    limit = path.stat().st_size * 2
    assert limit < len(padded)
    with pytest.raises(InputError, match="altChunk）过大"):
        load(str(path), max_bytes=limit)
    assert CHUNK_LINES[-1] in load(str(path)).text  # the next call has the default limit


# --- .docx: Strict OOXML ----------------------------------------------------------------------------


def strict_docx(path: Path) -> Path:
    """A good report saved as Strict Open XML: purl.oclc.org namespaces and relationship types."""
    parts = members_of(good_docx(path.with_name("base-" + path.name)))
    strict = {}
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")):
            data = data.replace(W_URI, STRICT_W_URI).replace(R_URI, STRICT_R_URI)
        strict[name] = data
    assert STRICT_W_URI in strict["word/document.xml"] and STRICT_R_URI in strict["_rels/.rels"]
    return write_zip(path, [deflated(n, d) for n, d in strict.items()])


def test_strict_ooxml_is_read_like_transitional(tmp_path):
    transitional = good_docx(tmp_path / "transitional.docx")
    path = strict_docx(tmp_path / "strict.docx")
    assert verdicts(path) == verdicts(transitional)
    assert all_core_pass(verdicts(path))
