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
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from checker.errors import InputError
from checker.load import DEFAULT_MAX_BYTES
from checker.model import Block, RawDocument
from checker.tables import UNIT_IN_HEADER, unit_for

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Strict Open XML names the same elements in other namespaces; they are read as their transitional twins.
_STRICT = {
    "{http://purl.oclc.org/ooxml/wordprocessingml/main}": W,
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}": R,
}
_W_URIS = (W[1:-1].encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
# The limits on inflating a .docx, for every part anything in fzcheck opens (the reader and --annotate).
_PARTS_LIMIT = 200 * 1024 * 1024  # uncompressed bytes of the parts opened, in total: a zip bomb stops here
_RATIO_LIMIT = 200  # uncompressed/compressed of one part…
_RATIO_MIN_SIZE = 10 * 1024 * 1024  # …once it inflates beyond this (small XML parts compress well)
_BASE_PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml")
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
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


def load_docx(path: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """A .docx's body as Blocks: one per paragraph or table row, with its location.

    `max_bytes` is the input size limit: the altChunk parts together may not exceed it.
    """
    package = Package(path, data)
    parts = package.read(_BASE_PARTS)
    body = parse(path, parts["word/document.xml"]).find(W + "body")
    if body is None:
        raise InputError(path, "Word 文档中没有正文")
    used = {attr(e) or "" for e in body.iter(W + "pStyle")}
    styles = read_styles(path, parts.get("word/styles.xml"), used)
    numbered = body.find(f".//{W}numPr") is not None or bool(styles.num)
    numbering = read_numbering(path, parts.get("word/numbering.xml")) if numbered else Numbering()
    chunks = read_chunks(package, body, max_bytes)
    refs = {id(p): i for i, p in enumerate(body.iter(W + "p"))}
    try:
        blocks = BlockWriter(styles, numbering, refs, chunks).walk(body)
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


class Package:
    """A .docx archive whose parts are read within one budget: the limits count every part read so far."""

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.archive = open_archive(path, data)
        self.names = set(self.archive.namelist())
        if "word/document.xml" not in self.names:
            raise InputError(path, "不是 Word 文档（压缩包中没有 word/document.xml）")
        self.opened: list[zipfile.ZipInfo] = []

    def read(self, names: tuple[str, ...] | list[str], xml: bool = True) -> dict[str, bytes]:
        """The named parts present in the archive (absent ones are left out), checked before inflating.

        `xml`: the parts will be parsed as XML, so a DTD in them is refused (an HTML chunk, read by
        the HTML reader that expands no entities, may well start with <!DOCTYPE html>).
        """
        infos = [self.archive.getinfo(n) for n in dict.fromkeys(names) if n in self.names]
        refuse_inflation(self.path, [*self.opened, *infos])
        self.opened.extend(infos)
        parts = {i.filename: read_checked(self.path, self.archive, i) for i in infos}
        # OOXML parts never declare a DTD; one that does is refused, so entities are never expanded.
        # The whole part is searched: a prolog padded with comments could push a DTD past any window.
        if xml and any(b"<!DOCTYPE" in part or b"<!ENTITY" in part for part in parts.values()):
            raise InputError(self.path, "Word 文件中含有不允许的 XML 声明（DTD/实体），已拒绝读取")
        return parts


def open_archive(path: str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(BytesIO(data))
    # A damaged central directory may also claim a zip version or feature zipfile lacks
    # (NotImplementedError, a RuntimeError) or end early (EOFError).
    except (zipfile.BadZipFile, ValueError, RuntimeError, EOFError, OSError) as exc:
        raise InputError(path, "Word 文件已损坏（不是有效的 .docx 压缩包）") from exc


def refuse_inflation(path: str, infos: list[zipfile.ZipInfo]) -> None:
    """InputError when the parts, as their zip headers declare them, pass the limits (nothing is inflated)."""
    if sum(i.file_size for i in infos) > _PARTS_LIMIT or any(
        i.compress_size and i.file_size / i.compress_size > _RATIO_LIMIT and i.file_size > _RATIO_MIN_SIZE
        for i in infos
    ):
        raise InputError(path, f"Word 文件解压后过大（上限 {_PARTS_LIMIT // (1024 * 1024)} MB），可能是压缩炸弹")


def check_every_part(path: str, data: bytes) -> None:
    """InputError unless every member of the archive is within the limits and inflates to what its header says.

    For readers that open every part themselves (python-docx for --annotate): the headers are
    checked before anything is inflated, then each member is inflated in bounded pieces, never
    past its declared size, so its CRC check catches a header that lies.
    """
    archive = open_archive(path, data)
    infos = archive.infolist()
    refuse_inflation(path, infos)
    for info in infos:
        read_checked(path, archive, info, keep=False)


def read_checked(path: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, keep: bool = True) -> bytes:
    """read_member, with what a damaged member raises turned into one InputError."""
    try:
        return read_member(archive, info, keep)
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


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, keep: bool = True) -> bytes:
    """A part's bytes, never inflating more than its header declares (b"" when not kept).

    ZipFile.read() inflates in one unbounded call and only then cuts to the declared size, so
    a header that understates a bomb's size would still exhaust memory; reading a bounded
    amount stops at the declared size, and the CRC check then reports the lie.
    """
    with archive.open(info) as member:
        if keep:
            return member.read(info.file_size)
        left = info.file_size
        while left > 0:
            piece = member.read(min(left, 1 << 20))
            if not piece:
                break
            left -= len(piece)
        member.read(1)  # at the declared end: the CRC is checked here even for an empty member
        return b""


# --- altChunk: content imported whole from another format (HTML, MHT, plain text) --------------

_MIME_VERSION = re.compile(rb"(?im)^mime-version[ \t]*:")
_LINE_END = re.compile(r"\r\n|\r|\n")  # as in normalize.source_pieces
_NOT_READ = {"docx": "Word（.docx）", "zip": "压缩包", "pdf": "PDF", "legacy": "RTF 或 .doc", "encrypted": "加密文档"}


def read_chunks(package: Package, body: ET.Element, max_bytes: int) -> dict[str, list[tuple[str, int | None]]]:
    """The lines (and heading levels) of each altChunk in the body, by relationship id.

    Word imports such a part's content when it opens the file; skipping it would lose text the
    reader sees. Chunks count towards the inflation limits, and together may not exceed
    `max_bytes`, the size limit of a file of their own.
    """
    ids = [element.get(R + "id") or "" for element in body.iter(W + "altChunk")]
    if not ids:
        return {}
    path = package.path
    rels = package.read([_DOCUMENT_RELS]).get(_DOCUMENT_RELS)
    targets = chunk_targets(path, rels) if rels else {}
    if any(targets.get(rid) not in package.names for rid in ids):
        raise InputError(path, "Word 文件已损坏（嵌入的内容块 altChunk 找不到对应的部件）")
    names = [targets[rid] for rid in ids]
    size = sum(package.archive.getinfo(n).file_size for n in set(names))
    if size > max_bytes:
        megabytes, limit = size // (1024 * 1024), max_bytes // (1024 * 1024)
        raise InputError(path, f"Word 文档中嵌入的内容块（altChunk）过大（{megabytes} MB，上限 {limit} MB）")
    parts = package.read(names, xml=False)
    lines = {name: chunk_lines(path, parts[name]) for name in set(names)}
    return {rid: lines[targets[rid]] for rid in ids}


def chunk_targets(path: str, rels: bytes) -> dict[str, str]:
    """Relationship id -> archive member of the document's altChunk (aFChunk) relationships."""
    targets = {}
    for rel in parse(path, rels).iter(RELS + "Relationship"):
        kind, target = rel.get("Type") or "", rel.get("Target") or ""
        if not kind.endswith("/aFChunk") or rel.get("TargetMode") == "External" or not target:
            continue
        target = unquote(target)
        member = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("word", target))
        targets[rel.get("Id") or ""] = member
    return targets


def chunk_lines(path: str, data: bytes) -> list[tuple[str, int | None]]:
    """An altChunk's lines with heading levels: HTML and MHT through the HTML reader, text through the text reader."""
    from checker.load import sniff

    if _MIME_VERSION.search(data[:4096].split(b"\r\n\r\n")[0].split(b"\n\n")[0]):
        return mht_lines(path, data)
    kind = sniff("chunk", data)
    if kind == "html":
        return html_lines(path, data)
    if kind == "text":
        from checker.load.text import decode_text

        text, _ = decode_text(path, data)
        return [(line.strip(), None) for line in _LINE_END.split(text) if line.strip()]
    raise InputError(
        path,
        f"Word 文档中嵌入的内容块（altChunk）是 {_NOT_READ.get(kind, kind)} 格式，无法读取；"
        "请在 Word 中打开后另存为 .docx 再检查",
    )


def html_lines(path: str, data: bytes, text: str | None = None) -> list[tuple[str, int | None]]:
    """Every line of an HTML chunk (not only an article: the whole chunk is content), as the HTML reader renders it."""
    from checker.load.html import body_lines, count_text, decode_html, parse_tree

    root = parse_tree(text if text is not None else decode_html(path, data)[0])
    count_text(root)
    return body_lines(root)


def mht_lines(path: str, data: bytes) -> list[tuple[str, int | None]]:
    """The lines of a web archive chunk (MHT): its HTML part, else its plain-text part."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    parts = [p for p in message.walk() if not p.is_multipart()]
    for wanted in ("text/html", "text/plain"):
        for part in parts:
            if part.get_content_type() != wanted:
                continue
            payload = part.get_payload(decode=True) or b""
            text = decoded(payload, part.get_content_charset())
            if wanted == "text/plain":
                lines = _LINE_END.split(text if text is not None else payload.decode("utf-8", "replace"))
                return [(line.strip(), None) for line in lines if line.strip()]
            return html_lines(path, payload, text)
    raise InputError(path, "Word 文档中嵌入的网页内容块（altChunk）中没有正文，无法读取")


def decoded(payload: bytes, charset: str | None) -> str | None:
    """The payload in its declared charset; None when there is none or it does not fit."""
    if not charset:
        return None
    try:
        return payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None


def parse(path: str, xml: bytes) -> ET.Element:
    """A part's root element, in transitional namespaces also when the file is Strict Open XML."""
    try:  # Package.read has refused any DTD
        root = ET.fromstring(xml)
    # The XML declaration may name an encoding Python lacks (LookupError) or expat cannot use
    # (ValueError: multi-byte, UnicodeError from idna and the like): the part is unreadable.
    except (ET.ParseError, LookupError, ValueError) as exc:
        raise InputError(path, "Word 文件已损坏（XML 无法解析）") from exc
    if root.tag.startswith("{http://purl.oclc.org/"):
        to_transitional(root)
    return root


def to_transitional(root: ET.Element) -> None:
    """Rename Strict Open XML elements and attributes to their transitional names, in place."""
    for element in root.iter():
        element.tag = transitional_name(element.tag)
        if any(key.startswith("{http://purl.oclc.org/") for key in element.attrib):
            element.attrib = {transitional_name(k): v for k, v in element.attrib.items()}


def transitional_name(name: str) -> str:
    if name.startswith("{http://purl.oclc.org/"):
        space, _, local = name.partition("}")
        return _STRICT.get(space + "}", space + "}") + local
    return name


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
    body, and a report uses a handful of styles. One scan indexes every style by id,
    so the cost grows with the size of styles.xml, not with styles times lookups.
    """
    root_tag = _STYLES_ROOT.search(xml[:65536])
    prefix = styles_prefix(root_tag.group()) if root_tag else None
    if root_tag is None or prefix is None:
        # Unusual prefixes (a default namespace): parse the whole part rather than guess.
        return list(parse(path, xml).iter(W + "style"))
    index = style_index(xml, prefix)
    based_on = re.compile(rb"<" + prefix + rb":basedOn\b[^<>]*?\s" + prefix + rb':val="([^"]*)"')
    chosen: dict[str, bytes] = {}
    queue = list(wanted)
    while queue:
        sid = queue.pop()
        if sid in chosen or sid not in index:
            continue
        start, end = index[sid]
        chosen[sid] = xml[start:end]
        based = based_on.search(chosen[sid])
        if based:
            queue.append(based.group(1).decode("utf-8", "replace"))
    if not chosen:
        return []
    # The chosen styles inside the part's own root tag, so every prefix it declares stays bound.
    name = root_tag.group(1)
    wrapped = root_tag.group() + b"".join(chosen.values()) + b"</" + name + b">"
    return list(parse(path, wrapped).iter(W + "style"))


# Scans stop at the next "<": a run of unclosed tags (in a comment, say) cannot make them quadratic.
_STYLES_ROOT = re.compile(rb"<((?:[\w.-]+:)?styles)\b[^<>]*>")


def styles_prefix(root_tag: bytes) -> bytes | None:
    """The prefix styles.xml binds to the wordprocessingml namespace (transitional or strict)."""
    for uri in _W_URIS:
        match = re.search(rb'xmlns:([\w.-]+)="' + re.escape(uri) + rb'"', root_tag)
        if match:
            return match.group(1)
    return None


def style_index(xml: bytes, prefix: bytes) -> dict[str, tuple[int, int]]:
    """Where each style id's <w:style> element is in the part (the first of a repeated id), found in one pass."""
    opening = re.compile(rb"<" + prefix + rb":style\b[^<>]*?\s" + prefix + rb':styleId="([^"]*)"[^<>]*>')
    closing = b"</" + prefix + b":style>"
    index: dict[str, tuple[int, int]] = {}
    position = 0
    while match := opening.search(xml, position):
        if match.group().endswith(b"/>"):
            end = match.end()
        else:
            close = xml.find(closing, match.end())
            end = len(xml) if close < 0 else close + len(closing)
        index.setdefault(match.group(1).decode("utf-8", "replace"), (match.start(), end))
        position = end
    return index


def read_styles(path: str, xml: bytes | None, used: set[str]) -> Styles:
    """Heading levels and numbering of the paragraph styles in use, following basedOn chains."""
    styles = Styles()
    if not xml or not used:
        return styles
    raw: dict[str, tuple[str | None, int | None, tuple[str, int] | None]] = {}
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
        raw.setdefault(sid, (attr(style.find(W + "basedOn")), level, num))
        if _TOC_STYLE.match(name.strip()):
            styles.toc.add(sid)
    for sid, (level, num) in inherited(raw).items():
        if level is not None:
            styles.level[sid] = level
        if num:
            styles.num[sid] = num
    return styles


def inherited(
    raw: dict[str, tuple[str | None, int | None, tuple[str, int] | None]],
) -> dict[str, tuple[int | None, tuple[str, int] | None]]:
    """Each style's heading level and numbering, its own or else the nearest along its basedOn chain.

    Every style is resolved once, reusing what its base resolved to: a 3,000-long chain costs
    3,000 steps, not 3,000 walks of it. A chain that loops ends where it meets itself.
    """
    resolved: dict[str, tuple[int | None, tuple[str, int] | None]] = {}
    for sid in raw:
        chain: list[str] = []
        on_chain: set[str] = set()
        current: str | None = sid
        while current in raw and current not in resolved and current not in on_chain:
            chain.append(current)
            on_chain.add(current)
            current = raw[current][0]
        level, num = resolved.get(current or "", (None, None))
        for link in reversed(chain):
            _, own_level, own_num = raw[link]
            level = own_level if own_level is not None else level
            num = own_num or num
            resolved[link] = (level, num)
    return resolved


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
