"""Report title, year and type, inferred from the text (the CLI may override them)."""

from __future__ import annotations

import re
from collections import Counter

from checker.model import DEPARTMENT, GOVERNMENT, TOWNSHIP, Document, Line

_TITLE_WORDS = ("报告", "总结", "汇报", "情况", "工作计划")
_YEAR = r"((?:19|20)\d{2})"
_PLAN_AFTER = re.compile(_YEAR + r"年(?:度)?(?:的)?(?:工作)?(?:计划|打算|安排|要点|思路)")
_TITLE_YEAR = re.compile(_YEAR + r"\s*年")
_REPORTING_ON = re.compile(r"现将[^。]{0,20}?" + _YEAR + r"年")
_LEADING_YEAR = re.compile(r"^" + _YEAR + r"年(?:度|以来)?[,，]")
_HEADING_YEAR = re.compile(r"^[一二三四五六七八九十]+、\s*" + _YEAR + r"年")
_ANY_YEAR = re.compile(_YEAR + r"年")
_HEADING_MARK = re.compile(r"^(?:[一二三四五六七八九十]+、|\(|\d{1,2}[、.])")

# The body named in a title ends with one of these; the last one found decides.
_TOWNSHIP = re.compile(r"(镇|乡|街道|街道办|街道办事处|镇人民政府|乡人民政府|苏木)$")
_DEPARTMENT = re.compile(r"(局|委员会|委|办公室|办|厅|署|中心|院|处|站|所|队)$")
_GOVERNMENT = re.compile(r"(人民政府|政府|省|市|区|县|州|盟|旗|自治县|自治州)$")


def infer_title(lines: tuple[Line, ...]) -> str:
    """The first short line before the body that reads like a report title."""
    for line in lines[:4]:
        text = line.text.strip("#* ")
        if _HEADING_MARK.match(text):
            break
        if looks_like_title(text):
            return text
    return ""


def looks_like_title(text: str) -> bool:
    """Short, names a report, and is not a sentence (…情况汇报如下：)."""
    return (
        len(text) <= 80
        and any(w in text for w in _TITLE_WORDS)
        and not text.endswith(("。", "：", ":", "；", ";"))
        and not any(p in text for p in (",", "，", "如下"))
        and not text.startswith(("现将", "根据", "按照"))
    )


def infer_report_year(title: str, lines: tuple[Line, ...], meta: dict[str, str]) -> int | None:
    """The year whose work the report is about (a 2024 report is published in 2025)."""
    if title:
        year = year_in_title(title)
        if year:
            return year
    for line in lines[:8]:
        match = _REPORTING_ON.search(line.text)
        if match:
            return int(match.group(1))
    for line in lines[:8]:
        match = _LEADING_YEAR.match(line.text)
        if match:
            return int(match.group(1))
    for line in lines:
        match = _HEADING_YEAR.match(line.text)
        if match and not _PLAN_AFTER.search(line.text):
            return int(match.group(1))
    published = meta.get("published") or meta.get("written")
    if published:
        return int(published[:4]) - 1
    return most_common_year(lines)


def year_in_title(title: str) -> int | None:
    """The report year a title names; a year of a plan in the title is the next year."""
    for match in _TITLE_YEAR.finditer(title):
        plan = _PLAN_AFTER.match(title, match.start())
        year = int(match.group(1))
        return year - 1 if plan else year
    return None


def most_common_year(lines: tuple[Line, ...]) -> int | None:
    # A year in front of 工作计划/打算 is the plan's year, not the report's.
    counts = Counter(
        int(m.group(1))
        for line in lines
        for m in _ANY_YEAR.finditer(line.text)
        if not _PLAN_AFTER.match(line.text, m.start())
    )
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def infer_report_type(title: str, lines: tuple[Line, ...], meta: dict[str, str] | None = None) -> str:
    """government, department or township, from the body that issues the report."""
    return type_of_issuer(issuing_body(title, lines, meta or {}))


def issuer_of(document: Document) -> str:
    """The unit that issued the report ("" if none is named): see issuing_body."""
    return issuing_body(document.title, document.lines, document.meta)


def issuing_body(title: str, lines: tuple[Line, ...], meta: dict[str, str]) -> str:
    """The body the title names, else the page's 发布机构 (often the 政府办公室 that posts a government's
    report, so it comes second), else the body the opening sentences name."""
    named = (issuer_in_title(title) if title else "") or meta.get("issuer", "")
    return named or issuer_in_opening(lines)


def issuer_in_title(title: str) -> str:
    """The part of a title before 关于 or before the year."""
    title = re.sub(r"^中共\S*?委\s*", "", title).strip()
    cuts = [i for i in (title.find("关于"), _first_year_index(title)) if i >= 0]
    return title[: min(cuts)].strip() if cuts else ""


def _first_year_index(text: str) -> int:
    match = _TITLE_YEAR.search(text)
    return match.start() if match else -1


# The opening lines that may name the issuing body; a light result keeps them (checker.batch.lightened).
OPENING_LINES = 3


def issuer_in_opening(lines: tuple[Line, ...]) -> str:
    """A body named at the start of the opening sentences (西湖区人民政府坚持……)."""
    for line in lines[:OPENING_LINES]:
        text = re.sub(r"《[^》]*》", "", line.text[:200])
        match = re.search(r"([\u4e00-\u9fff]{2,12}?(镇人民政府|乡人民政府|街道办事处|人民政府|局))", text)
        if match:
            return match.group(1)
    return ""


def type_of_issuer(issuer: str) -> str:
    issuer = issuer.strip()
    if not issuer:
        return GOVERNMENT
    if _TOWNSHIP.search(issuer):
        return TOWNSHIP
    if _DEPARTMENT.search(issuer):
        return DEPARTMENT
    return GOVERNMENT


_REGION = re.compile(r"^(.{1,12}?(?:自治区|自治州|自治县|省|市|区|县|旗|州|镇|乡|街道))")


def infer_region(title: str) -> str:
    """The place a report is about, from its issuer ("清河县市场监督管理局" -> "清河县"), for {region}."""
    issuer = issuer_in_title(title) if title else ""
    match = _REGION.match(issuer)
    return match.group(1) if match else ""
