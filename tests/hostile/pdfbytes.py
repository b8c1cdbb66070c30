"""Small PDFs written byte by byte, for shapes no PDF library would produce on purpose.

Each builder returns the bytes of a complete file (header, objects, xref table, trailer)
that pdfminer.six opens without repairing anything, so a test exercises the case it
names rather than pdfminer's recovery of a broken file.
"""

from __future__ import annotations

import random
import zlib

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
_MIB = 1 << 20


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF holding these objects, numbered from 1; object 1 must be the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, entries: bytes = b"") -> bytes:
    """A stream object: its dictionary (Length plus `entries`) and its raw bytes."""
    return b"<< /Length %d %b >>\nstream\n%b\nendstream" % (len(data), entries, data)


def pages_pdf(contents: list[bytes], font: list[bytes] | None = None, content_entries: bytes = b"") -> bytes:
    """One page per content stream, all using font /F1 (Helvetica unless `font` gives its objects).

    `font` is a list of objects whose first is the font dictionary; it may refer to the
    objects after it as "+1", "+2" (written as @1@, @2@ and renumbered here).
    """
    font = font or [HELVETICA]
    count = len(contents)
    first_page = 3
    first_content = first_page + count
    first_font = first_content + count
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
    objects.append(b"<< /Type /Pages /Kids [%b] /Count %d >>" % (kids, count))
    for i in range(count):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R"
            b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (PAGE_WIDTH, PAGE_HEIGHT, first_content + i, first_font)
        )
    objects.extend(stream(content, content_entries) for content in contents)
    for body in font:
        for offset in range(1, len(font)):
            body = body.replace(b"@%d@" % offset, b"%d" % (first_font + offset))
        objects.append(body)
    return pdf_file(objects)


# --- decompression bombs -------------------------------------------------------------------------


def zlib_zeros(megabytes: int, checksum_ok: bool = True) -> bytes:
    """A zlib stream (what /FlateDecode holds) inflating to `megabytes` MiB of zeros.

    Built from one compressed mebibyte repeated (a full flush ends each block on a byte
    boundary with no reference across it), so making it takes neither the time nor the
    memory of the data it inflates to.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = packer.compress(b"\0" * _MIB) + packer.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    if checksum_ok:
        zeros = bytes(_MIB)
        for _ in range(megabytes):
            adler = zlib.adler32(zeros, adler)
    return b"\x78\xda" + chunk * megabytes + b"\x03\x00" + adler.to_bytes(4, "big")


def flate_bomb_pdf(megabytes: int, checksum_ok: bool = True, twice: bool = False) -> bytes:
    """A one-page PDF whose content stream inflates to `megabytes` MiB of zeros.

    `twice`: the stream is compressed once more and declared [/FlateDecode /FlateDecode],
    so the file stays a few kilobytes (what the issue reported: 11 KB reaching 1.7 GB).
    """
    data = zlib_zeros(megabytes, checksum_ok)
    filters = b"/Filter /FlateDecode"
    if twice:
        data = zlib.compress(data, 9)
        filters = b"/Filter [/FlateDecode /FlateDecode]"
    return pages_pdf([data], content_entries=filters)


# --- many words ------------------------------------------------------------------------------------


def scattered_words_pdf(words: int, seed: int = 13) -> bytes:
    """One page with `words` short words, each drawn on its own at a random place."""
    rng = random.Random(seed)
    vocabulary = [b"law", b"report", b"review", b"case", b"data", b"plan", b"year", b"county", b"office"]
    ops = [b"BT /F1 %d Tf" % rng.choice((6, 8, 10))]
    for _ in range(words):
        x, y = rng.uniform(20, PAGE_WIDTH - 60), rng.uniform(20, PAGE_HEIGHT - 20)
        ops.append(b"1 0 0 1 %.2f %.2f Tm (%b) Tj" % (x, y, rng.choice(vocabulary)))
    ops.append(b"ET")
    return pages_pdf([b"\n".join(ops)])


# --- a font's ToUnicode map ----------------------------------------------------------------------


def cid_text_pdf(lines: list[str], private_use: bool = False, lines_per_page: int = 35) -> bytes:
    """`lines` drawn with a two-byte CID font whose ToUnicode map gives each glyph its character.

    With `private_use` the map sends glyph n to U+E000+n instead: the glyphs look right on
    screen (a viewer draws the glyph), but the text layer is private-use code points.
    """
    characters = sorted({ch for line in lines for ch in line})
    cid = {ch: n for n, ch in enumerate(characters, 1)}
    targets = {n: (0xE000 + n if private_use else ord(ch)) for ch, n in cid.items()}
    pages = []
    for start in range(0, len(lines), lines_per_page):
        ops = [b"BT /F1 11 Tf 16 TL 40 800 Td"]
        for line in lines[start : start + lines_per_page]:
            glyphs = "".join(f"{cid[ch]:04X}" for ch in line).encode()
            ops.append(b"<%b> Tj T*" % glyphs)
        ops.append(b"ET")
        pages.append(b"\n".join(ops))
    font = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H"
        b" /DescendantFonts [@1@ 0 R] /ToUnicode @2@ 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /DW 1000"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        stream(to_unicode_cmap(targets)),
    ]
    return pages_pdf(pages, font)


def to_unicode_cmap(targets: dict[int, int]) -> bytes:
    """A ToUnicode CMap sending each two-byte glyph code to one character (BMP only)."""
    parts = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    items = sorted(targets.items())
    for start in range(0, len(items), 100):
        block = items[start : start + 100]
        parts.append(b"%d beginbfchar" % len(block))
        parts.extend(b"<%04X> <%04X>" % pair for pair in block)
        parts.append(b"endbfchar")
    parts.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(parts)


def font_files_pdf(fonts: int, megabytes: int) -> bytes:
    """One page using `fonts` CID fonts, each embedding a FontFile2 that inflates to `megabytes` MiB.

    pdfminer decodes an embedded TrueType font as soon as the font is used, without parsing
    it much, so this reaches the cap on all streams of a file together quickly.
    """
    names = b" ".join(b"/F%d %d 0 R" % (n, 5 + 4 * n) for n in range(fonts))
    ops = b"BT " + b" ".join(b"/F%d 12 Tf 72 %d Td <0001> Tj" % (n, 700 - 20 * n) for n in range(fonts)) + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << %b >> >> >>" % names,
        stream(ops),
    ]
    font_file = stream(zlib_zeros(megabytes), b"/Filter /FlateDecode")
    for n in range(fonts):
        first = 5 + 4 * n
        objects += [
            b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H"
            b" /DescendantFonts [%d 0 R] >>" % (first + 1),
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /DW 1000 /FontDescriptor %d 0 R"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>" % (first + 2),
            b"<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontFile2 %d 0 R >>" % (first + 3),
            font_file,
        ]
    return pdf_file(objects)
