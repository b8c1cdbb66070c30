"""Every built-in rule says why: its basis names a document a reviewer can look up, never a web copy."""

import re

import pytest

from checker.packs import builtin_names, load_packs

# A document title in 《》, or an official document number (厅字〔2019〕28号, 国务院令第713号).
DOCUMENT = re.compile(r"《[^》]+》|〔\d{4}〕\d+号|令第\d+号")
# Web addresses, site names and our own research notes are not a basis. The 督察工作规定's own words
# "报刊、网站等新闻媒体" (where reports are published) are a quotation, not a site.
NOT_A_SOURCE = re.compile(
    r"https?://|www\.|\.(?:com|cn|net|org|cc|html?)(?![a-z])|网站|网上|转载|domain\.md|领域研究", re.IGNORECASE
)
QUOTED = "报刊、网站等新闻媒体"


def basis_problems(basis: str) -> list[str]:
    """What is wrong with a basis: empty, no document named, or a web copy cited."""
    if not basis.strip():
        return ["empty"]
    problems = [] if DOCUMENT.search(basis) else ["names no document"]
    cited = NOT_A_SOURCE.search(basis.replace(QUOTED, ""))
    if cited:
        problems.append(f"cites {cited.group(0)!r}")
    return problems


BUILTIN = load_packs(builtin_names())


@pytest.mark.parametrize("pack", BUILTIN, ids=lambda p: p.id)
def test_every_builtin_basis_names_a_document_and_no_web_copy(pack):
    bad = {f"{pack.id}": basis_problems(pack.basis)} if basis_problems(pack.basis) else {}
    bad.update({f"{pack.id}:{r.id}": basis_problems(r.basis) for r in pack.rules if basis_problems(r.basis)})
    assert not bad, bad


@pytest.mark.parametrize(
    "basis",
    [
        "",
        "行政复议、行政应诉案件统计制度（2024年修订）",
        "《行政诉讼法》第三条，见 https://fx361.cc/page/2023/0108/14398010.shtml",
        "《法治政府建设实施纲要（2021—2025年）》，司法部网站",
        "领域研究 domain.md §7.1 G11",
    ],
)
def test_a_basis_without_a_document_or_with_a_web_copy_is_refused(basis):
    assert basis_problems(basis)


def test_the_publication_clause_may_quote_its_own_words():
    assert not basis_problems(
        "《法治政府建设与责任落实督察工作规定》第四章：每年4月1日之前通过报刊、网站等新闻媒体向社会公开"
    )


def rules_by_id(pack_id: str) -> dict:
    return {r.id: r for r in load_packs([pack_id])[0].rules}


@pytest.mark.parametrize("pack_id", ["department", "township"])
def test_respondent_side_review_and_litigation_rules_cite_the_respondents_duties(pack_id):
    rules = rules_by_id(pack_id)
    review, litigation = rules["data.review"].basis, rules["data.litigation"].basis
    assert "《行政复议法》" in review and "第四十八条" in review and "第七十七条" in review
    assert "《行政诉讼法》第三条" in litigation
