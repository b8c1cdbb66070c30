"""Tables of contents: lines that list the report's headings are not its headings.

A stale table of contents would otherwise make parts present that the body lacks.
Entries are found on the lines as written (after NFKC only, so the space before a page
number is still there):

- a heading-like line ending in dotted leaders and a page number
  (二、存在的不足和原因………………5, 三、下一步工作安排 .......... 7), or a Markdown
  link to an anchor (- [一、总体情况](#一总体情况));
- leaders without a page number, or a bare page number after a space, only next to such
  entries, under a 目录 line, or on three or more numbered lines whose page numbers
  never go down (a heading that ends in a figure, 一、全年办结案件12件, stays a heading);
- under a 目录 line, short lines without page numbers when the first of them comes
  back later as the body's heading.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence

# Leaders after NFKC: …… is six dots; ··· and — runs; dots may be spaced (". . . .").
_LEADERS = r"(?:[.·•‧∙_—–-][ \t]*){4,}"
_PAGE = r"(?:\d{1,3}|[IVXivx]{1,5})"
_HEAD = r"(?P<head>[^。;!?]{2,60}?)"
_LEADERED = re.compile(rf"^{_HEAD}[ \t]*{_LEADERS}(?P<page>{_PAGE})?$")
_PAGED = re.compile(rf"^{_HEAD}[ \t]+(?P<page>\d{{1,3}})$")
_MD_LINK = re.compile(r"^(?:[-*+]|\d+\.)?\s*\[(?P<head>[^\]]{2,60})\]\(#[^)]*\)$")
_HEADER = re.compile(r"^(?:#+\s*)?目\s*录\s*:?$")
_HAN = re.compile("[\u4e00-\u9fff]")
_ENDS_LIKE_ENTRY = re.compile(r"[\d.·•‧∙_—–\-)…IVXivx]$")
_ENTRY_ENDS = frozenset(".·•‧∙_—–-)…IVXivx")  # _ENDS_LIKE_ENTRY but for the digits
_MAX_UNPAGED = 40  # an entry without a page number is a short heading

_NO_ENTRY: tuple[str | None, str, int | None] = (None, "", None)

STRONG = "strong"  # an entry on its own
WEAK = "weak"  # an entry only in a table of contents' company


def ends_like_entry(shown: str) -> bool:
    """_ENDS_LIKE_ENTRY of the last character, without the regular expression (\\d is what isdecimal says)."""
    last = shown[-1:]
    return last in _ENTRY_ENDS or last.isdecimal()


def entry_kind(shown: str) -> tuple[str | None, str, int | None]:
    """(STRONG, WEAK or None, the heading it lists, its page number if arabic) of a line as written."""
    if not _ENDS_LIKE_ENTRY.search(shown[-1:]):  # its last character (a search of the line scans it all)
        return None, "", None
    text = unicodedata.normalize("NFKC", shown).strip()
    for pattern, kind in ((_MD_LINK, STRONG), (_LEADERED, None), (_PAGED, WEAK)):
        found = pattern.match(text)
        if not found or not _HAN.search(found.group("head")):
            continue
        page = found.groupdict().get("page")
        if kind is None:
            kind = STRONG if page else WEAK
        number = int(page) if page and page.isdigit() else None
        return kind, found.group("head").strip(), number
    return None, "", None


def toc_indexes(shown: Sequence[str], folded: Sequence[str], is_heading: Callable[[str], bool]) -> set[int]:
    """Indexes of the lines that belong to a table of contents.

    `shown` are the lines as written, `folded` the same lines as normalize folds them
    (to compare headings with the body); `is_heading` says whether a folded line starts
    with a heading mark.
    """
    # Most lines end unlike an entry: they are turned down here without a call each.
    entries = [entry_kind(line) if ends_like_entry(line) else _NO_ENTRY for line in shown]
    drop: set[int] = set()
    index = 0
    while index < len(entries):
        if entries[index][0] is None:
            index += 1
            continue
        end = index
        while end < len(entries) and entries[end][0] is not None:
            end += 1
        if is_toc_run(entries[index:end], folded[index:end], is_heading, after_header(folded, index)):
            drop.update(range(index, end))
        index = end
    for index, line in enumerate(folded):
        if _HEADER.match(line):
            drop.update(header_block(folded, index, drop, is_heading))
    return drop


def after_header(folded: Sequence[str], index: int) -> bool:
    return index > 0 and bool(_HEADER.match(folded[index - 1]))


def is_toc_run(
    run: Sequence[tuple[str | None, str, int | None]],
    folded: Sequence[str],
    is_heading: Callable[[str], bool],
    headed: bool,
) -> bool:
    """True when consecutive entry-shaped lines are a table of contents."""
    if headed or any(kind == STRONG for kind, _, _ in run):
        return True
    pages = [page for _, _, page in run]
    if len(run) < 3 or None in pages or not all(is_heading(line) for line in folded):
        return False
    return all(a <= b for a, b in itertools.pairwise(pages))  # type: ignore[operator]


def header_block(folded: Sequence[str], index: int, drop: set[int], is_heading: Callable[[str], bool]) -> set[int]:
    """A 目录 line and the entries under it (already dropped, or listed without page numbers)."""
    if index + 1 < len(folded) and index + 1 in drop:
        return {index}
    run = []
    for later in range(index + 1, len(folded)):
        line = folded[later]
        if len(line) > _MAX_UNPAGED or not is_heading(line) or line in folded[index + 1 : later]:
            break
        run.append(later)
    # A bare list of headings is a table of contents when the body repeats its first heading.
    if len(run) >= 2 and folded[run[0]] in folded[run[-1] + 1 :]:
        return {index, *run}
    return set()
