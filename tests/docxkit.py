"""Build .docx fixtures with python-docx plus the raw XML python-docx has no API for:
real automatic numbering (numbering.xml), tracked changes and text boxes."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# An abstract list: 一、 / （一） / 1. , as Chinese reports number their headings.
ABSTRACT = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
)
NUM_ID = "90"


class DocxBuilder:
    def __init__(self) -> None:
        self.doc = Document()
        numbering = self.doc.part.numbering_part.element
        # abstractNum elements must come before num elements.
        first_num = numbering.find(qn("w:num"))
        abstract = parse_xml(ABSTRACT)
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="90"/></w:num>'))

    def title(self, text: str) -> DocxBuilder:
        self.doc.add_paragraph(text)
        return self

    def para(self, text: str, style: str | None = None) -> DocxBuilder:
        self.doc.add_paragraph(text, style=style)
        return self

    def numbered(self, text: str, level: int = 0, heading_style: str | None = None) -> DocxBuilder:
        """A paragraph whose mark (一、/（一）/1.) comes from Word's numbering, not its text."""
        p = self.doc.add_paragraph(text, style=heading_style)
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))
        return self

    def tracked(self, kept: str, inserted: str, deleted: str) -> DocxBuilder:
        """A paragraph with a tracked insertion and a tracked deletion."""
        p = self.doc.add_paragraph(kept)
        p._p.append(
            parse_xml(
                f'<w:ins {nsdecls("w")} w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z">'
                f"<w:r><w:t>{inserted}</w:t></w:r></w:ins>"
            )
        )
        p._p.append(
            parse_xml(
                f'<w:del {nsdecls("w")} w:id="2" w:author="a" w:date="2025-01-01T00:00:00Z">'
                f"<w:r><w:delText>{deleted}</w:delText></w:r></w:del>"
            )
        )
        return self

    def table(self, rows: list[list[str]]) -> DocxBuilder:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        return self

    def text_box(self, anchor_text: str, box_text: str) -> DocxBuilder:
        """A text box (wps:txbx in mc:Choice, duplicated in mc:Fallback as Word writes it)."""
        p = self.doc.add_paragraph(anchor_text)
        box = (
            '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml" '
            f"{nsdecls('w')}>"
            '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
            f"<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{box_text}</w:t></w:r></w:p>"
            "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{box_text}</w:t></w:r>"
            "</w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"
        )
        run = parse_xml(f"<w:r {nsdecls('w')}/>")
        run.append(parse_xml(box))
        p._p.append(run)
        return self

    def toc_field(self, entries: list[tuple[str, int]]) -> DocxBuilder:
        """A Word TOC field: it begins in the first entry's paragraph and ends in the last one's."""
        for index, (heading, page) in enumerate(entries):
            runs = ""
            if index == 0:
                runs += (
                    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                    '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                )
            runs += f"<w:r><w:t>{heading}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>{page}</w:t></w:r>"
            if index == len(entries) - 1:
                runs += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            self.append(parse_xml(f"<w:p {nsdecls('w')}>{runs}</w:p>"))
        return self

    def toc_control(self, entries: list[tuple[str, int]]) -> DocxBuilder:
        """A table of contents in a content control (docPartGallery "Table of Contents"), without a field."""
        paragraphs = "".join(
            f"<w:p><w:r><w:t>{h}</w:t></w:r><w:r><w:tab/><w:t>{n}</w:t></w:r></w:p>" for h, n in entries
        )
        sdt = (
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            f"</w:docPartObj></w:sdtPr><w:sdtContent>{paragraphs}</w:sdtContent></w:sdt>"
        )
        self.append(parse_xml(sdt))
        return self

    def toc_styled(self, entries: list[tuple[str, int]], style: str = "toc 1") -> DocxBuilder:
        """Table-of-contents entries typed in a TOC paragraph style, without a field."""
        from docx.enum.style import WD_STYLE_TYPE

        if style not in [s.name for s in self.doc.styles]:
            self.doc.styles.add_style(style, WD_STYLE_TYPE.PARAGRAPH)
        for heading, page in entries:
            self.doc.add_paragraph(f"{heading}\t{page}", style=style)
        return self

    def append(self, element) -> None:
        """A body element added at the end, before the section properties Word keeps last."""
        body = self.doc.element.body
        sect = body.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(element)
        else:
            body.append(element)

    def hidden(self, visible: str, hidden: str) -> DocxBuilder:
        """A paragraph with a run of hidden text (w:vanish) after its visible text."""
        p = self.doc.add_paragraph(visible)
        p.add_run(hidden).font.hidden = True
        return self

    def header_footer(self, header: str, footer: str) -> DocxBuilder:
        section = self.doc.sections[0]
        section.header.paragraphs[0].text = header
        section.footer.paragraphs[0].text = footer
        return self

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path


def report_docx(path: Path, text: str, numbered: bool = True) -> Path:
    """A .docx from a plain-text report: heading marks 一、/（一）/1. become Word numbering."""
    import re

    builder = DocxBuilder()
    marks = (
        (re.compile(r"^[一二三四五六七八九十]+、\s*"), 0, "Heading 1"),
        (re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*"), 1, "Heading 2"),
    )
    for line in text.splitlines():
        if not line.strip():
            continue
        for pattern, level, style in marks:
            if numbered and pattern.match(line):
                builder.numbered(pattern.sub("", line), level=level, heading_style=style)
                break
        else:
            builder.para(line)
    return builder.save(path)


__all__ = ["DocxBuilder", "report_docx"]
