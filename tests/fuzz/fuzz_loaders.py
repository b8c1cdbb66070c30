"""atheris harness for the loaders and the heading parser.

    python tests/fuzz/fuzz_loaders.py TARGET [libFuzzer options] [corpus dirs]

TARGET is one of: text, docx, pdf, html, structure (see docs/fuzzing.md). Each
target feeds the fuzzer's bytes to one stage in memory and accepts either a
result or InputError, the clean refusal the command line turns into one line;
any other exception is a crash.
"""

from __future__ import annotations

import contextlib
import io
import sys
import zipfile

import atheris

TARGETS = ("text", "docx", "pdf", "html", "structure")
PATH = "<fuzz>"
TARGET = "text"
# docx inputs that do not start with a zip header are taken as the XML parts, split by this line:
# document.xml, then styles.xml, then numbering.xml. The fuzzer then mutates the XML the reader
# walks instead of compressed bytes whose CRC check fails on nearly every mutation.
PART_SEPARATOR = b"\n--part--\n"
DOCX_PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml")
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def docx_bytes(data: bytes) -> bytes:
    """The input itself when it is a zip, else a stored zip of the XML parts it holds."""
    if data.startswith(b"PK"):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        for name, part in zip(DOCX_PARTS, data.split(PART_SEPARATOR), strict=False):
            archive.writestr(name, part)
    return out.getvalue()


def check_structure(data: bytes) -> None:
    """Normalize and section any text; the offset map and sections must stay inside the file."""
    text = data.decode("utf-8", errors="replace")
    doc = normalize(RawDocument(path=PATH, text=text, encoding="utf-8"))
    file_lines = text.count("\r\n") + (text.count("\r") - text.count("\r\n")) + text.count("\n") + 1
    for line in doc.lines:
        if not 1 <= line.source_line <= file_lines:
            raise AssertionError(f"source line {line.source_line} outside 1..{file_lines}")
        for _, source in line.breaks:
            if not 1 <= source <= file_lines:
                raise AssertionError(f"break source line {source} outside 1..{file_lines}")
    for section in walk(build_sections(doc)):
        if not 0 <= section.line_index < section.end_index <= len(doc.lines):
            raise AssertionError(f"section {section.id} spans {section.line_index}..{section.end_index}")


def load_one(data: bytes) -> None:
    if TARGET == "text":
        decode_text(PATH, data)
    elif TARGET == "docx":
        load_docx(PATH, docx_bytes(data))
    elif TARGET == "pdf":
        load_pdf(PATH, data)
    elif TARGET == "html":
        load_html(PATH, data)
    else:
        check_structure(data)


def test_one_input(data: bytes) -> None:
    with contextlib.suppress(InputError):
        load_one(data)


def import_stages(target: str) -> None:
    """Import the code under test with coverage instrumentation (this module's globals)."""
    global InputError, RawDocument, build_sections, decode_text, load_docx, load_html, load_pdf, normalize, walk
    with atheris.instrument_imports():
        # Modules the stages import lazily are imported here, so that they are instrumented too.
        import charset_normalizer  # noqa: F401

        import checker.infer  # noqa: F401
        from checker.errors import InputError
        from checker.load.docx import load_docx
        from checker.load.html import load_html
        from checker.load.text import decode_text
        from checker.model import RawDocument
        from checker.normalize import normalize
        from checker.structure import build_sections, walk

        if target == "pdf":
            # pdfminer.six is the parser of the untrusted bytes here: instrument it too.
            import pdfminer.converter
            import pdfminer.layout
            import pdfminer.pdfinterp
            import pdfminer.pdfparser  # noqa: F401

            from checker.load.pdf import load_pdf


def main() -> None:
    global TARGET
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options] [corpus dirs]")
    TARGET = sys.argv.pop(1)
    import_stages(TARGET)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
