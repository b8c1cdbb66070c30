"""Open XML shared by the .docx modules: namespaces, parsing (Strict read as transitional), attributes."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from checker.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Strict Open XML names the same elements in other namespaces; they are read as their transitional twins.
_STRICT = {
    "{http://purl.oclc.org/ooxml/wordprocessingml/main}": W,
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}": R,
}


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
