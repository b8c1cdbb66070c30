"""Finding a subject's figures in a line: sentences, clauses, list continuations, zero statements and
table rows (the text analysis behind the `figure` rule type, checker/ruletypes/figure.py, which says
what counts as a figure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from checker.evaluate import Context
from checker.match import any_of
from checker.tables import Cell, is_separator_row, row_cells, unit_for

# A list of figures may go on after a semicolon (…申请7件；审结72件), so clauses end there and sentences do not.
SENTENCE = re.compile(r"[^。!?！？\n]+")
_CLAUSE = re.compile(r"[^,，:：;；]+")
_FILLER = re.compile(
    r"(?:共计|合计|总计|共|计|达到|达|为|是|了|有|约|近|超过|逾|分别|累计|均|全部|已|总数|数量|数|\s)*$"
)
# The characters of _FILLER's words (its \s is any str.isspace() character): a filler run ends a text.
_FILLER_CHARS = frozenset("共计合总达到为是了有约近超过逾分别累均全部已数量")
# Words that open a clause continuing a list (其中撤销3件) and say nothing about what is counted.
_LEAD = re.compile(r"^(?:其中|另有|另|以及|及|和|并|又|已|均|共计|共|累计|依法)+")
_TITLE = re.compile(r"《[^《》]*》")
_NUMBER_CELL = re.compile(r"(\d+(?:\.\d+)?)\s*([^\d\s]{0,2})")  # 12, 12件, 25%
MASK = "〓"  # stands in for masked text: in no term, keeps offsets
_SUBJECT_AFTER = 8  # 受理9件行政复议案件: the subject may follow the number this closely
_QUALIFIER = 2  # 直接纠错率, 调解结案: other characters a list continuation may hold
_ZERO_GAP = 4  # 未发生一起行政复议案件; wider lets in 推行无纸化办理行政复议案件
_ZERO_TAIL = 4  # 未发生行政复议案件发生: characters left after the counted noun

# What a clause hands on to the next: nothing, the subject of a list (a clause may go on counting),
# or a label (行政复议：) whose next clause may be a bare number.
NONE, LIST, LABEL = "", "list", "label"


@dataclass(frozen=True)
class Terms:
    subjects: tuple[str, ...]
    counted: tuple[str, ...]
    rates: tuple[str, ...]
    units: tuple[str, ...]
    not_subjects: tuple[str, ...]
    requires: dict[str, tuple[str, ...]]
    zero: tuple[str, ...]
    zero_nouns: tuple[str, ...]
    ignore: tuple[str, ...]


class Figure(NamedTuple):  # a named tuple, made by the thousand a report (as match.Hit)
    start: int
    end: int
    value: str


@lru_cache(maxsize=256)
def number_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    """A number with one of the units (a rule's `units`: made once per rule, not per report)."""
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    cn = "[零〇一二两三四五六七八九十百千万]{1,6}"
    arabic = r"\d+(?:\.\d+)?[万千]?"
    # Arabic numbers (1.86万件) and ranges (12—15件), or small numbers in Chinese numerals (十二件).
    return re.compile(
        rf"(?<![\d.第])({arabic}(?:\s*[-—–~～至到]\s*{arabic})?"
        rf"|{cn}(?:[至到]{cn})?(?=[余多]?(?:{alternatives})))"
        r"\s*(?:余|多)?\s*(" + alternatives + ")"
    )


def masked(text: str, ignore: tuple[str, ...]) -> str:
    """The line with book titles (《行政复议法》) and `ignore` terms blanked out, offsets kept."""
    text = _TITLE.sub(lambda m: MASK * len(m.group()), text)
    for term in sorted(ignore, key=len, reverse=True):
        text = text.replace(term, MASK * len(term))
    return text


def without_filler(text: str) -> str:
    """_FILLER.sub("", text): the filler words at its end taken off. Only the run of filler characters at the
    end can hold them, so the pattern is tried from there, not at every position of the text."""
    start = len(text)
    while start and (text[start - 1] in _FILLER_CHARS or text[start - 1].isspace()):
        start -= 1
    # The pattern always matches, at the latest as the empty text at the end, and runs to the end.
    return text if start == len(text) else text[: _FILLER.search(text, start).start()]


def shifted(figure: Figure, offset: int) -> Figure:
    return Figure(figure.start + offset, figure.end + offset, figure.value)


def sentence_figures(
    sentence: str, terms: Terms, numbers: re.Pattern[str]
) -> tuple[list[Figure], tuple[int, int] | None]:
    """The subject's figures in a sentence, and the span of its first mention (None: not named)."""
    if any_of(terms.units).search(sentence) is None and any_of(terms.zero).search(sentence) is None:
        return [], first_mention(sentence, terms)  # no number with a unit, no zero word: no figure
    figures: list[Figure] = []
    mention = None
    chain = NONE
    names_subject = any_of(terms.subjects).search
    for match in _CLAUSE.finditer(sentence):
        clause = match.group()
        if chain == NONE and names_subject(clause) is None:
            continue  # names no subject and continues no list: no figure, no mention, still no chain
        spans = subject_spans(clause, terms)
        if mention is None and spans:
            mention = (match.start() + spans[0][0], match.start() + spans[0][1])
        found = clause_figures(clause, spans, terms, numbers, chain)
        figures.extend(shifted(f, match.start()) for f in found)
        ends_with_colon = sentence[match.end() : match.end() + 1] in (":", "：")
        if (spans and ends_with_colon and not found) or (found and chain == LABEL):
            chain = LABEL  # 行政复议方面：受理45件 / a .docx row 行政复议纠错：5件，12.5%
        elif found or (spans and not clause_is_other(clause, terms)):
            chain = LIST  # 行政复议工作扎实推进，直接纠错率为12.5%
        else:
            chain = NONE
    return figures, mention


def first_mention(sentence: str, terms: Terms) -> tuple[int, int] | None:
    """The span of the sentence's first mention of the subject (as sentence_figures finds it), None: not named."""
    for match in _CLAUSE.finditer(sentence):
        spans = subject_spans(match.group(), terms)
        if spans:
            return match.start() + spans[0][0], match.start() + spans[0][1]
    return None


def clause_is_other(clause: str, terms: Terms) -> bool:
    return any_of(terms.not_subjects).search(clause) is not None


def subject_spans(clause: str, terms: Terms) -> list[tuple[int, int]]:
    """Where the clause names the subject: subject terms whose required companion words are in the clause."""
    spans = []
    for subject in terms.subjects:
        companions = terms.requires.get(subject, ())
        if companions and not any(c in clause for c in companions):
            continue
        start = clause.find(subject)
        while start >= 0:
            spans.append((start, start + len(subject)))
            start = clause.find(subject, start + 1)
    return sorted(spans)


def clause_figures(
    clause: str, spans: list[tuple[int, int]], terms: Terms, numbers: re.Pattern[str], chain: str
) -> list[Figure]:
    """Figures in one clause: numbers its subject governs, or continuing the list the clause before began."""
    if clause_is_other(clause, terms):
        return []
    figures = []
    for number in numbers.finditer(clause):
        own = governed(spans, number) and counts_subject(clause, number, terms.counted, terms.rates)
        if own or (chain and continues_list(clause, number, terms, chain)):
            figures.append(Figure(number.start(), number.end(), clause.strip()))
    zero = zero_span(clause, spans, terms)
    if zero is not None and not figures:
        figures.append(Figure(zero[0], zero[1], clause.strip()))
    return figures


def governed(spans: list[tuple[int, int]], number: re.Match[str]) -> bool:
    """True when a subject term lies before the number in its clause, or starts closely after it."""
    return any(start < number.start() or number.end() <= start <= number.end() + _SUBJECT_AFTER for start, _ in spans)


def counts_subject(clause: str, number: re.Match[str], counted: tuple[str, ...], rates: tuple[str, ...]) -> bool:
    """True when the number counts a `counted` noun or is a `rates` rate."""
    before = without_filler(clause[: number.start()])
    unit = number.group(2)
    if unit in ("%", "％"):
        return before.endswith(rates)
    if before.endswith(counted):
        return True
    # 受理9件行政复议案件: the counted noun follows the number closely.
    after = clause[number.end() : number.end() + 10]
    return any(noun in after for noun in counted)


def continues_list(clause: str, number: re.Match[str], terms: Terms, chain: str) -> bool:
    """True when a clause without its own subject only goes on counting (受理60件 after 收到行政复议申请64件).

    It may name nothing but counted nouns and rates, give or take a short qualifier
    (直接纠错率): 行政诉讼案件12件 or 培训2次 start something else.
    """
    before = _LEAD.sub("", without_filler(clause[: number.start()]).strip())
    if not before:
        # 行政复议：12件 (a table row); after a list, a bare number must be followed by what it counts.
        return chain == LABEL or counts_subject(clause, number, terms.counted, ())
    rest = before
    for term in sorted(terms.counted + terms.rates, key=len, reverse=True):
        rest = rest.replace(term, "")
    return len(rest) <= _QUALIFIER and counts_subject(clause, number, terms.counted, terms.rates)


def zero_span(clause: str, spans: list[tuple[int, int]], terms: Terms) -> tuple[int, int] | None:
    """Where the clause states that the subject had no cases: 未发生行政复议案件, 案件为零, 零败诉."""
    for word in terms.zero:
        at = clause.find(word)
        while at >= 0:
            end = at + len(word)
            found = zero_before(clause, at, end, spans, terms) or zero_after(clause, at, end, spans, terms)
            if found:
                return found
            at = clause.find(word, at + 1)
    return None


def zero_before(clause: str, at: int, end: int, spans: list[tuple[int, int]], terms: Terms) -> tuple[int, int] | None:
    """未发生行政复议案件: the zero word, the subject soon after, a zero noun right after it, then the end.

    Only `zero_nouns` end the phrase: 没有按规定出庭应诉 says nothing about the number of cases.
    """
    for start, subject_end in spans:
        if not 0 <= start - end <= _ZERO_GAP:
            continue
        for noun in terms.zero_nouns:
            noun_at = clause.find(noun, subject_end, subject_end + _SUBJECT_AFTER + len(noun))
            if noun_at >= 0 and len(clause[noun_at + len(noun) :].strip()) <= _ZERO_TAIL:
                return at, noun_at + len(noun)
    return None


def zero_after(clause: str, at: int, end: int, spans: list[tuple[int, int]], terms: Terms) -> tuple[int, int] | None:
    """行政应诉案件为零 (the zero word ends the clause) or 行政诉讼零败诉 (it precedes a zero noun)."""
    if not any(start < at for start, _ in spans):
        return None
    before = without_filler(clause[:at])
    if not clause[end:].strip() and before.endswith(terms.zero_nouns + terms.rates):
        return at, end
    following = next((noun for noun in terms.zero_nouns if clause.startswith(noun, end)), None)
    return (at, end + len(following)) if following else None


def table_figures(ctx: Context, index: int, text: str, terms: Terms) -> list[Figure]:
    """Cells of a Markdown or tab-separated row that count the subject: the row label or column header names it."""
    cells = row_cells(text)
    if cells is None or is_separator_row(cells):
        return []
    header = table_header(ctx, index, cells, terms.units)
    if header is None:
        return []
    label = cells[0].text
    figures = []
    for column, cell in enumerate(cells[1:], start=1):
        name = header[column].text if column < len(header) else ""
        count = cell_figure(cell, name, label, terms.units)
        if count and names_subject(label, name, terms):
            figures.append(
                Figure(cell.start, cell.start + len(cell.text), f"{label} {name} {count}".replace("  ", " "))
            )
    return figures


def table_header(ctx: Context, index: int, cells: list[Cell], units: tuple[str, ...]) -> list[Cell] | None:
    """The header row of the table a row belongs to: its first row, unless that holds counts (12件: no header).

    None when the row itself is the header.
    """
    kind = "\t" in ctx.doc.lines[index].text
    first = cells
    for before in range(index - 1, -1, -1):
        text = ctx.doc.lines[before].text
        row = row_cells(text)
        if row is None or ("\t" in text) != kind:
            break
        if not is_separator_row(row):
            first = row
    if any(cell_figure(c, "", "", units) for c in first):
        return []
    return None if first is cells else first


def cell_figure(cell: Cell, header: str, label: str, units: tuple[str, ...]) -> str:
    """A cell's number with its unit ("12件"): the unit written in the cell, else given by the column header
    or the row label; "" when the cell holds no number in one of `units`."""
    value = _NUMBER_CELL.fullmatch(cell.text)
    if value is None:
        return ""
    unit = value.group(2) or unit_for(header, value.group(1)) or unit_for(label, value.group(1))
    return value.group(1) + unit if unit in units else ""


def names_subject(label: str, header: str, terms: Terms) -> bool:
    """True when the row label or the column header names the subject and neither names something else."""
    if any(term in label or term in header for term in terms.not_subjects):
        return False
    return bool(subject_spans(label, terms) or subject_spans(header, terms))
