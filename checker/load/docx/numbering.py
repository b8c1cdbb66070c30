"""Word's automatic numbering (numbering.xml): the labels 二、, （一）, 1., Roman numerals… put back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.load.docx.ooxml import W, attr, decimal, parse

_CN = "一二三四五六七八九十"
_LEVELS = range(9)  # list levels 0-8, as Word has them


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


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def to_roman(n: int) -> str:
    """1 -> I, 40 -> XL, 1994 -> MCMXCIV, 3999 -> MMMCMXCIX; decimal outside 1-3999, where Roman numerals end."""
    if not 1 <= n <= 3999:  # also keeps a huge start from being counted out letter by letter
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


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
