""".docx: the body read straight from the XML (zipfile + ElementTree).

Body paragraphs and table rows come out in document order; headers, footers,
footnotes and comments are not read; text boxes are. Tracked changes read as
accepted (w:ins kept, w:del dropped). Automatic numbering from numbering.xml is
put back in front of its paragraph, so a heading whose 二、 comes from Word's
numbering is still seen as 二、. Reading the XML directly is several times faster
than python-docx's object model (see docs/performance.md) and needs no extra.
"""

from __future__ import annotations

import lzma
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from xml.etree import ElementTree as ET

from checker.errors import InputError
from checker.model import Block, RawDocument
from checker.tables import UNIT_IN_HEADER, unit_for

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PARTS_LIMIT = 200 * 1024 * 1024  # uncompressed bytes of the parts we read: a zip bomb stops here
_RATIO_LIMIT = 200  # uncompressed/compressed of one part
_SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delText", MC + "Fallback", W + "txbxContent"}
_SKIP |= {W + "footnoteReference", W + "endnoteReference", W + "commentReference"}
_CN = "一二三四五六七八九十"
_LEVELS = range(9)  # list levels 0-8, as Word has them
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*(?:\d|heading|标题)$", re.I)
_OFF = {"0", "false", "off"}
# A header that only names the kind of value (件数, 比率(%)): the row reads 行政复议收案：12件.
_GENERIC_HEADER = re.compile(r"(?:件数|数量|数值|数目|次数|比率|比例|占比|数)?")


@dataclass
class Styles:
    """What a paragraph style contributes: heading level and numbering."""

    level: dict[str, int] = field(default_factory=dict)
    num: dict[str, tuple[str, int]] = field(default_factory=dict)
    toc: set[str] = field(default_factory=set)  # ids of table-of-contents styles (toc 1, 目录 1)


@dataclass
class Numbering:
    """numbering.xml: level formats per abstract list, and each list instance's counters."""

    abstract_of: dict[str, str] = field(default_factory=dict)
    levels: dict[str, dict[int, tuple[int, str, str]]] = field(default_factory=dict)  # start, numFmt, lvlText
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        """The text Word shows before the paragraph ("二、", "（一）", "1."), advancing the list."""
        abstract = self.abstract_of.get(num_id)
        formats = self.levels.get(abstract or "", {})
        # Word has nine list levels (0-8); a list claiming more has no label rather than an IndexError.
        if ilvl not in formats or ilvl >= len(_LEVELS):
            return ""
        counters = self.counters.setdefault(num_id, [0] * len(_LEVELS))
        start, fmt, text = formats[ilvl]
        start = self.overrides.get(num_id, {}).get(ilvl, start)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, len(_LEVELS)):
            counters[deeper] = 0
        if fmt in ("bullet", "none"):
            return ""

        def value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt = formats.get(level, (1, "decimal", ""))[1]
            count = counters[level] or formats.get(level, (1, "", ""))[0]
            return format_number(count, level_fmt)

        return re.sub(r"%(\d)", value, text)


def format_number(n: int, fmt: str) -> str:
    if fmt.startswith("chinese") or fmt in ("ideographDigital", "japaneseCounting", "taiwaneseCounting"):
        return chinese_numeral(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 23 -> 二十三 (up to 99)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN[tens - 1] + "十")
    return head + (_CN[ones - 1] if ones else "")


def to_roman(n: int) -> str:
    if n >= 4000:  # Word's roman numbering stops there; counting out a huge start would hang
        return str(n)
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def load_docx(path: str, data: bytes) -> RawDocument:
    """A .docx's body as Blocks: one per paragraph or table row, with its location."""
    parts = read_parts(path, data)
    body = parse(path, parts["word/document.xml"]).find(W + "body")
    if body is None:
        raise InputError(path, "Word 文档中没有正文")
    used = {attr(e) or "" for e in body.iter(W + "pStyle")}
    styles = read_styles(path, parts.get("word/styles.xml"), used)
    numbered = body.find(f".//{W}numPr") is not None or bool(styles.num)
    numbering = read_numbering(path, parts.get("word/numbering.xml")) if numbered else Numbering()
    refs = {id(p): i for i, p in enumerate(body.iter(W + "p"))}
    try:
        blocks = BlockWriter(styles, numbering, refs).walk(body)
    except RecursionError as exc:
        # The walk recurses into nested elements; Word nests a few levels, a damaged or hostile
        # file thousands (ElementTree itself parses such nesting without complaint).
        raise InputError(path, "Word 文件结构异常（元素嵌套过深），无法读取") from exc
    if not any(b.text.strip() for b in blocks):
        raise InputError(path, "Word 文档中没有文字")
    return RawDocument(
        path=path,
        text="\n".join(b.text for b in blocks),
        encoding="docx",
        blocks=tuple(blocks),
        kind="docx",
    )


def read_parts(path: str, data: bytes) -> dict[str, bytes]:
    """The XML parts we need, refusing archives that would inflate beyond the limits."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    # A damaged central directory may also claim a zip version or feature zipfile lacks
    # (NotImplementedError, a RuntimeError) or end early (EOFError).
    except (zipfile.BadZipFile, ValueError, RuntimeError, EOFError, OSError) as exc:
        raise InputError(path, "Word 文件已损坏（不是有效的 .docx 压缩包）") from exc
    wanted = ("word/document.xml", "word/styles.xml", "word/numbering.xml")
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise InputError(path, "不是 Word 文档（压缩包中没有 word/document.xml）")
    infos = [archive.getinfo(n) for n in wanted if n in names]
    if sum(i.file_size for i in infos) > _PARTS_LIMIT or any(
        i.compress_size and i.file_size / i.compress_size > _RATIO_LIMIT and i.file_size > 10 * 1024 * 1024
        for i in infos
    ):
        raise InputError(path, f"Word 文件解压后过大（上限 {_PARTS_LIMIT // (1024 * 1024)} MB），可能是压缩炸弹")
    try:
        parts = {i.filename: read_member(archive, i) for i in infos}
    # Corrupt compressed data fails inside the decompressor (zlib.error, LZMAError) before the CRC
    # check (an unknown compression method raises NotImplementedError, a RuntimeError); offsets
    # pointing before the start of the file give ValueError (negative seek).
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        RuntimeError,
        ValueError,
        zlib.error,
        lzma.LZMAError,
    ) as exc:
        raise InputError(path, "Word 文件已损坏（无法解压）") from exc
    # OOXML parts never declare a DTD; one that does is refused, so entities are never expanded.
    # The whole part is searched: a prolog padded with comments could push a DTD past any window.
    if any(b"<!DOCTYPE" in xml or b"<!ENTITY" in xml for xml in parts.values()):
        raise InputError(path, "Word 文件中含有不允许的 XML 声明（DTD/实体），已拒绝读取")
    return parts


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A part's bytes, never inflating more than its header declares.

    ZipFile.read() inflates in one unbounded call and only then cuts to the declared size, so
    a header that understates a bomb's size would still exhaust memory; reading a bounded
    amount stops at the declared size, and the CRC check then reports the lie.
    """
    with archive.open(info) as member:
        return member.read(info.file_size)


def parse(path: str, xml: bytes) -> ET.Element:
    try:  # read_parts has refused any DTD
        return ET.fromstring(xml)
    # The XML declaration may name an encoding Python lacks (LookupError) or expat cannot use
    # (ValueError: multi-byte, UnicodeError from idna and the like): the part is unreadable.
    except (ET.ParseError, LookupError, ValueError) as exc:
        raise InputError(path, "Word 文件已损坏（XML 无法解析）") from exc


def attr(element: ET.Element | None, name: str = "val") -> str | None:
    return None if element is None else element.get(W + name)


def decimal(value: str | None, default: int | None = None) -> int | None:
    """An attribute's non-negative whole number, else the default.

    Only ASCII digits count: str.isdigit() is also true for "²", which int() refuses, and
    a damaged file may put anything in an attribute. Nine digits at most: int() refuses
    more than 4,300 digits, and no list counts that far.
    """
    if value and len(value) <= 9 and value.isascii() and value.isdigit():
        return int(value)
    return default


def style_elements(path: str, xml: bytes, wanted: set[str]) -> list[ET.Element]:
    """Only the <w:style> elements of the wanted ids and their basedOn chains.

    styles.xml is often hundreds of kilobytes, parsing it whole cost more than the
    body, and a report uses a handful of styles.
    """
    found: dict[str, ET.Element] = {}
    queue = list(wanted)
    while queue:
        sid = queue.pop()
        if sid in found or not sid:
            continue
        match = re.search(rb'<w:style\b[^>]*w:styleId="' + re.escape(sid.encode()) + rb'".*?</w:style>', xml, re.S)
        if not match:
            continue
        chunk = b'<r xmlns:w="' + W[1:-1].encode() + b'">' + match.group() + b"</r>"
        element = parse(path, chunk).find(W + "style")
        if element is None:
            continue
        found[sid] = element
        based = attr(element.find(W + "basedOn"))
        if based:
            queue.append(based)
    return list(found.values())


def read_styles(path: str, xml: bytes | None, used: set[str]) -> Styles:
    """Heading levels and numbering of the paragraph styles in use, following basedOn chains."""
    styles = Styles()
    if not xml or not used:
        return styles
    raw: dict[str, tuple[str | None, str, int | None, tuple[str, int] | None]] = {}
    for style in style_elements(path, xml, used):
        sid = attr(style, "styleId") or ""
        name = attr(style.find(W + "name")) or ""
        ppr = style.find(W + "pPr")
        outline = attr(ppr.find(W + "outlineLvl")) if ppr is not None else None
        outline_level = decimal(outline)
        level = outline_level + 1 if outline_level is not None and outline_level < 9 else None
        match = _HEADING_STYLE.match(name)
        if level is None and match:
            level = int(match.group(1))
        num = None
        if ppr is not None and ppr.find(W + "numPr") is not None:
            numpr = ppr.find(W + "numPr")
            num_id = attr(numpr.find(W + "numId"))
            ilvl = attr(numpr.find(W + "ilvl"))
            if num_id and num_id != "0":
                num = (num_id, decimal(ilvl, 0))
        raw[sid] = (attr(style.find(W + "basedOn")), name, level, num)
        if _TOC_STYLE.match(name.strip()):
            styles.toc.add(sid)
    for sid in raw:
        level, num, seen, current = None, None, set(), sid
        while current in raw and current not in seen:
            seen.add(current)
            based, _, own_level, own_num = raw[current]
            level = level if level is not None else own_level
            num = num or own_num
            current = based or ""
        if level is not None:
            styles.level[sid] = level
        if num:
            styles.num[sid] = num
    return styles


def read_numbering(path: str, xml: bytes | None) -> Numbering:
    numbering = Numbering()
    if not xml:
        return numbering
    root = parse(path, xml)
    for abstract in root.iter(W + "abstractNum"):
        aid = attr(abstract, "abstractNumId") or ""
        levels = {}
        for lvl in abstract.iter(W + "lvl"):
            ilvl = decimal(attr(lvl, "ilvl"), 0)
            start = attr(lvl.find(W + "start"))
            levels[ilvl] = (
                decimal(start, 1),
                attr(lvl.find(W + "numFmt")) or "decimal",
                attr(lvl.find(W + "lvlText")) or "",
            )
        numbering.levels[aid] = levels
    for num in root.iter(W + "num"):
        nid = attr(num, "numId") or ""
        numbering.abstract_of[nid] = attr(num.find(W + "abstractNumId")) or ""
        for override in num.iter(W + "lvlOverride"):
            start = decimal(attr(override.find(W + "startOverride")))
            if start is not None:
                numbering.overrides.setdefault(nid, {})[decimal(attr(override, "ilvl"), 0)] = start
    return numbering


class BlockWriter:
    """Walks the body in document order and writes one Block per paragraph or table row."""

    def __init__(self, styles: Styles, numbering: Numbering, refs: dict[int, int]) -> None:
        self.styles, self.numbering, self.refs = styles, numbering, refs
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
            elif tag == W + "sdt" and is_toc_control(child):
                self.in_toc_control = True
                self.walk(child)
                self.in_toc_control = False
            elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag"):
                self.walk(child)
        return self.blocks

    def paragraph(self, p: ET.Element, location: str | None = None) -> None:
        text = paragraph_text(p)
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
