"""`--annotate`: a copy of the draft as .docx with one Word comment (批注) per gap.

A .docx draft is copied with its own formatting; any other input (txt/md/html/pdf,
or a .doc converted on load) becomes a new .docx with one paragraph per line of the
loaded text, so that evidence line N is paragraph N - 1 in both cases. The draft
itself is only read. python-docx is an optional extra, imported only here.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from checker.errors import FzcheckError
from checker.load import DEFAULT_MAX_BYTES
from checker.model import FAIL, PARTIAL, Document, Finding, Result, Section
from checker.output import same_file, write_atomic_bytes
from checker.render import STATUS_NAME

AUTHOR = "fzcheck"
INITIALS = "FZ"
# Rule types whose evidence is a wrong detail inside a part (a year rule: a stale year in the next-year
# plan): the comment belongs on the part's heading.
HEADING_ANCHORED = ("year",)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as in normalize.source_pieces: line numbers must agree
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # lxml refuses these characters


def require_docx() -> Any:
    """The python-docx package, or a FzcheckError telling how to install it."""
    from checker.install import install_hint

    try:
        import docx
        from docx.document import Document as WordDocument
    except ImportError as exc:
        raise FzcheckError(f"生成批注版需要安装可选依赖 docx，{install_hint('docx')}") from exc
    if not hasattr(WordDocument, "add_comment"):
        raise FzcheckError(f"python-docx 版本过旧（需要 1.2 或更高版本），{install_hint('docx')}")
    return docx


def refuse_input(out_path: str, source_path: str) -> None:
    """The commented copy never replaces the draft it was made from."""
    if same_file(out_path, source_path):
        raise FzcheckError(f"{out_path}：批注版不能覆盖被检查的文件 {source_path}，请另选输出文件名")


def write_annotated(result: Result, source_path: str, out_path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Write the commented copy to `out_path` atomically; the number of comments added.

    A draft that is not itself a .docx is read again within `max_bytes` (see source_lines).
    """
    refuse_input(out_path, source_path)
    docx = require_docx()
    doc = result.document
    # Block refs index the draft's own paragraphs; a new .docx has one paragraph per line instead.
    word = open_copy(docx, source_path) if is_word_source(doc, source_path) else None
    by_ref = word is not None
    word = word or new_docx(docx, doc, source_path, max_bytes)
    if not any(True for _ in word.element.body.iter(qn("w:p"))):
        word.add_paragraph("")  # a comment needs a paragraph to sit in
    paragraphs = list(word.element.body.iter(qn("w:p")))
    title = title_paragraph(doc, paragraphs, by_ref)
    count = 0
    for finding in result.findings:
        if finding.status not in (PARTIAL, FAIL) or finding.severity == "info":
            # Only gaps get a comment: info items are optional (其他需要报告的情况), and pass, n/a
            # (nothing to check) and waived items ask for no change.
            continue
        index = anchor_paragraph(finding, result, paragraphs, by_ref)
        runs = anchor_runs(word, paragraphs[title if index is None else index])
        word.add_comment(runs, comment_text(finding), author=AUTHOR, initials=INITIALS)
        count += 1
    buffer = io.BytesIO()
    word.save(buffer)
    write_atomic_bytes(out_path, buffer.getvalue(), [source_path])
    return count


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as docx_qn

    return docx_qn(tag)


def is_word_source(doc: Document, source_path: str) -> bool:
    """True when the file itself is a .docx (a .doc converted on load is not: refs point into the conversion)."""
    if doc.kind != "docx" or "converted_from" in doc.meta:
        return False
    with open(source_path, "rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


def open_copy(docx: Any, source_path: str) -> Any | None:
    """The draft opened in memory (saving it elsewhere leaves the file as it was); None for a .docm."""
    from docx.opc.exceptions import OpcError

    from checker.load.docx.archive import check_every_part

    with open(source_path, "rb") as fh:
        data = fh.read()
    # python-docx inflates every part it relates (images, comments…) in one unbounded read each:
    # the reader's limits are applied to all of them first.
    check_every_part(source_path, data)
    try:
        return docx.Document(io.BytesIO(data))
    except ValueError:
        # A macro-enabled document cannot be saved as .docx: its text goes into a new one instead.
        return None
    except (KeyError, zipfile.BadZipFile, OpcError) as exc:
        raise FzcheckError(f"{source_path}：无法在此文件上添加批注（{exc}）；请另存为 .docx 后再试") from exc


def new_docx(docx: Any, doc: Document, source_path: str, max_bytes: int) -> Any:
    """A new .docx holding the loaded text, one paragraph per line."""
    word = docx.Document()
    for line in source_lines(doc, source_path, max_bytes):
        word.add_paragraph(_NOT_XML.sub("", line))
    return word


def source_lines(doc: Document, source_path: str, max_bytes: int) -> list[str]:
    """The lines evidence numbers count: the blocks of a structured source, else the file's lines.

    The file's lines are read again: the Document holds only the normalized text, whose lines
    are joined, dropped (boilerplate, table of contents) and folded.
    """
    if doc.blocks:
        return [block.text for block in doc.blocks]
    from checker.load import load

    return _LINE_BREAK.split(load(source_path, max_bytes=max_bytes).text)


def paragraph_of_line(doc: Document, source_line: int, count: int, by_ref: bool) -> int | None:
    """The index (in body w:p order) of the paragraph holding a 1-based source line."""
    if by_ref:
        if not 0 < source_line <= len(doc.blocks):
            return None
        index = doc.blocks[source_line - 1].ref
    else:
        index = source_line - 1
    return index if 0 <= index < count else None


def title_paragraph(doc: Document, paragraphs: list[Any], by_ref: bool) -> int:
    """Where comments about missing content go: the report's first line, else the first non-empty paragraph."""
    if doc.lines:
        index = paragraph_of_line(doc, doc.lines[0].source_line, len(paragraphs), by_ref)
        if index is not None:
            return index
    for index, p in enumerate(paragraphs):
        if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip():
            return index
    return 0


def anchor_paragraph(finding: Finding, result: Result, paragraphs: list[Any], by_ref: bool) -> int | None:
    """The paragraph a finding's comment is anchored on; None for the title paragraph."""
    if not finding.evidence:
        return None
    doc = result.document
    line = finding.evidence[0].line
    if finding.rule_type in HEADING_ANCHORED:
        heading = top_section_at(doc, result.sections, line)
        if heading is not None:
            line = doc.lines[heading.line_index].source_line
    return paragraph_of_line(doc, line, len(paragraphs), by_ref)


def top_section_at(doc: Document, sections: tuple[Section, ...], source_line: int) -> Section | None:
    """The top-level section holding a source line (its heading names the part)."""
    indexes = [i for i, line in enumerate(doc.lines) if line.source_line <= source_line]
    if not indexes:
        return None
    index = indexes[-1]
    from checker.parts import top_sections

    return next((s for s in top_sections(sections) if s.line_index <= index < s.end_index), None)


def anchor_runs(word: Any, p: Any) -> list[Any]:
    """The text runs of a paragraph; an empty run is added when it has none (a range needs a run)."""
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(p, word._body)
    # A comment's own reference run is no text to anchor on (two comments on one paragraph).
    runs = [r for r in paragraph.runs if r._r.find(qn("w:commentReference")) is None]
    return runs or [paragraph.add_run("")]


def comment_text(finding: Finding) -> str:
    """The comment, in Chinese: what is wrong, why, and what to write."""
    lines = [f"【fzcheck】{finding.title}（{STATUS_NAME.get(finding.status, finding.status)}）", finding.message]
    if finding.detail:
        lines.append(finding.detail)
    lines.append(f"建议：{finding.suggestion}")
    return "\n".join(_NOT_XML.sub("", line) for line in lines)
