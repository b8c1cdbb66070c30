"""The .docx body in document order: paragraphs, runs, hidden text, tables of contents, tables, text boxes."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from checker.load.docx.numbering import Numbering
from checker.load.docx.ooxml import MC, R, W, attr, decimal
from checker.load.docx.styles import Styles
from checker.model import Block
from checker.tables import UNIT_IN_HEADER, unit_for

_SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delText", MC + "Fallback", W + "txbxContent"}
_SKIP |= {W + "footnoteReference", W + "endnoteReference", W + "commentReference"}

_OFF = {"0", "false", "off"}
# A header that only names the kind of value (件数, 比率(%)): the row reads 行政复议收案：12件.
_GENERIC_HEADER = re.compile(r"(?:件数|数量|数值|数目|次数|比率|比例|占比|数)?")


class BlockWriter:
    """Walks the body in document order and writes one Block per paragraph or table row."""

    def __init__(
        self,
        styles: Styles,
        numbering: Numbering,
        refs: dict[int, int],
        chunks: dict[str, list[tuple[str, int | None]]] | None = None,
    ) -> None:
        self.styles, self.numbering, self.refs = styles, numbering, refs
        self.chunks = chunks or {}
        self.last_ref = -1  # the body paragraph walked last: where an imported chunk's lines sit
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0
        self.fields: list[str] = []  # instructions of the open complex fields (TOC, PAGEREF…)
        self.in_toc_control = False

    def walk(self, element: ET.Element) -> list[Block]:
        for child in element:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag == W + "altChunk":
                self.chunk(child)
            elif tag == W + "sdt" and is_toc_control(child):
                self.in_toc_control = True
                self.walk(child)
                self.in_toc_control = False
            elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag"):
                self.walk(child)
        return self.blocks

    def chunk(self, element: ET.Element) -> None:
        """An altChunk's lines, each counted as the paragraph Word makes of it when it opens the file."""
        for text, level in self.chunks.get(element.get(R + "id") or "", []):
            self.paragraphs += 1
            location = f"第 {self.paragraphs} 段"
            self.blocks.append(Block(text=text, location=location, heading_level=level, ref=self.last_ref))

    def paragraph(self, p: ET.Element, location: str | None = None) -> None:
        text = paragraph_text(p)
        if location is None:
            self.last_ref = self.refs.get(id(p), self.last_ref)
        ppr = p.find(W + "pPr")
        style = attr(ppr.find(W + "pStyle")) if ppr is not None else None
        label = self.number_label(ppr, style)
        if self.in_toc(p, style):
            # A table of contents lists headings; it is not one. It still counts as a paragraph.
            if text.strip() and location is None:
                self.paragraphs += 1
            return
        if text.strip():
            if location is None:
                self.paragraphs += 1
            self.blocks.append(
                Block(
                    text=(label + text).strip() if label else text.strip(),
                    location=location or f"第 {self.paragraphs} 段",
                    heading_level=self.heading_level(ppr, style),
                    ref=self.refs.get(id(p), -1),
                )
            )
        # Text boxes anchored in this paragraph come after it.
        for box in p.iter(W + "txbxContent"):
            if not self.in_fallback(p, box):
                for inner in box.iter(W + "p"):
                    self.paragraph(inner, location=f"文本框（第 {self.paragraphs} 段处）")

    def in_toc(self, p: ET.Element, style: str | None) -> bool:
        """True when a paragraph is part of a table of contents (control, field or TOC style).

        A TOC field starts in one paragraph and ends in a later one; the open fields are
        followed across paragraphs.
        """
        inside = self.in_toc_control or style in self.styles.toc or "TOC" in self.fields
        for node in p.iter():
            if node.tag == W + "fldChar":
                kind = attr(node, "fldCharType")
                if kind == "begin":
                    self.fields.append("")
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif node.tag == W + "instrText" and self.fields and not self.fields[-1]:
                self.fields[-1] = field_name(node.text or "")
                inside = inside or self.fields[-1] == "TOC"
            elif node.tag == W + "fldSimple" and field_name(attr(node, "instr") or "") == "TOC":
                inside = True
        return inside

    @staticmethod
    def in_fallback(p: ET.Element, box: ET.Element) -> bool:
        """True when a text box sits in mc:Fallback (a duplicate of the mc:Choice one)."""
        for fallback in p.iter(MC + "Fallback"):
            if any(node is box for node in fallback.iter(W + "txbxContent")):
                return True
        return False

    def number_label(self, ppr: ET.Element | None, style: str | None) -> str:
        num = None
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        if numpr is not None:
            num_id = attr(numpr.find(W + "numId"))
            ilvl = attr(numpr.find(W + "ilvl"))
            style_num = self.styles.num.get(style or "")
            if num_id and num_id != "0":
                level = decimal(ilvl, style_num[1] if style_num else 0)
                num = (num_id, level)
            elif num_id == "0":
                return ""
        if num is None and style in self.styles.num:
            num = self.styles.num[style]
        return self.numbering.label(*num) if num else ""

    def heading_level(self, ppr: ET.Element | None, style: str | None) -> int | None:
        outline = decimal(attr(ppr.find(W + "outlineLvl")) if ppr is not None else None)
        if outline is not None:
            return outline + 1 if outline < 9 else None
        return self.styles.level.get(style or "")

    def table(self, tbl: ET.Element) -> None:
        self.tables += 1
        rows = [row for row in tbl.iter(W + "tr")]
        header: list[str] = []
        for number, row in enumerate(rows, start=1):
            cells = [" ".join(paragraph_text(p).strip() for p in tc.iter(W + "p")).strip() for tc in row.iter(W + "tc")]
            if not any(cells):
                continue
            first_p = next(row.iter(W + "p"), None)
            text = row_text(header, cells) if header else "，".join(c for c in cells if c)
            if not header:
                header = cells
            self.blocks.append(
                Block(
                    text=text,
                    location=f"第 {self.tables} 个表格第 {number} 行",
                    ref=self.refs.get(id(first_p), -1) if first_p is not None else -1,
                )
            )


def row_text(header: list[str], cells: list[str]) -> str:
    """A data row as a sentence: 行政复议：收案 86件，审结 72件 (units from the header)."""
    if len(cells) < 2:
        return "，".join(c for c in cells if c)
    pairs = []
    for name, value in zip(header[1:], cells[1:], strict=False):
        if not value:
            continue
        unit = unit_for(name, value)
        label = UNIT_IN_HEADER.sub("", name).strip()
        if unit and _GENERIC_HEADER.fullmatch(label):
            label = ""
        elif unit and label.endswith("数"):
            label = label[:-1]  # 收案数 86件 reads 收案86件
        pairs.append(f"{label}{value}{unit}")
    return f"{cells[0]}：" + "，".join(pairs)


def field_name(instruction: str) -> str:
    """The field type of a field instruction: ' TOC \\o "1-3" \\h ' -> 'TOC'."""
    words = instruction.split()
    return words[0].upper() if words else ""


def is_toc_control(sdt: ET.Element) -> bool:
    """A content control holding a table of contents (docPartGallery "Table of Contents")."""
    gallery = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return (attr(gallery) or "").strip().lower() == "table of contents"


def is_hidden_run(run: ET.Element) -> bool:
    """A run formatted as hidden text (w:vanish): the reader never sees it."""
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and (attr(vanish) or "true").lower() not in _OFF


def paragraph_text(p: ET.Element) -> str:
    """A paragraph's visible text with tracked changes accepted (insertions in, deletions out).

    Hidden runs (w:vanish) are left out.
    """
    out: list[str] = []

    def visit(node: ET.Element) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIP or (tag == W + "r" and is_hidden_run(child)):
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag in (W + "tab", W + "br", W + "cr"):
                out.append(" ")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag != W + "p":  # a nested paragraph (in a text box) is its own block
                visit(child)

    visit(p)
    return "".join(out).replace("\n", " ")
