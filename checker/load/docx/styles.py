"""Paragraph styles of a .docx: heading levels, numbering and table-of-contents styles, along basedOn chains."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from checker.load.docx.ooxml import W, attr, decimal, parse

_W_URIS = (W[1:-1].encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*(?:\d|heading|标题)$", re.I)


@dataclass
class Styles:
    """What a paragraph style contributes: heading level and numbering."""

    level: dict[str, int] = field(default_factory=dict)
    num: dict[str, tuple[str, int]] = field(default_factory=dict)
    toc: set[str] = field(default_factory=set)  # ids of table-of-contents styles (toc 1, 目录 1)


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
