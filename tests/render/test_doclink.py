"""Finding.doc: a finding's link to its rule's section of docs/rules.md (built-in rules only), shown in HTML
as it is or under FZCHECK_DOCS_URL."""

from __future__ import annotations

import re
from pathlib import Path

from tests.render.kit import render


def test_findings_carry_basis_and_reference_anchor(results):
    from checker.packs import load_packs

    headings = {
        line[3:].strip()
        for line in Path("docs/rules.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    }
    for result in results:
        rules = {rule.id: rule for pack in load_packs(result.packs) for rule in pack.rules}  # the last pack's rule wins
        for finding in result.findings:
            assert finding.basis and finding.basis == rules[finding.rule].basis
            assert finding.doc == f"docs/rules.md#{re.sub(r'[^0-9a-z_-]', '', finding.rule)}"
            assert finding.rule in headings


def test_rules_of_a_users_pack_have_no_reference_anchor(tmp_path):
    from checker.evaluate import rule_doc
    from checker.packs import load_pack, resolve_pack

    rule = next(
        r
        for r in load_pack(resolve_pack("examples/packs/provincial-example.yaml")).rules
        if r.id == "province.demonstration"
    )
    assert rule_doc(rule) == ""
    national = next(r for r in load_pack(resolve_pack("national")).rules if r.id == "part.next-year")
    assert rule_doc(national) == "docs/rules.md#partnext-year"


def test_html_gap_notes_name_the_rules_reference(results, monkeypatch):
    monkeypatch.delenv("FZCHECK_DOCS_URL", raising=False)
    gap = next(f for r in results for f in r.findings if f.status in ("partial", "fail"))
    page = render("html", results).decode("utf-8")
    assert f'<p class="doc">规则说明：<code>{gap.doc}</code></p>' in page  # self-contained: no outside link
    monkeypatch.setenv("FZCHECK_DOCS_URL", "https://example.org/fz/")
    page = render("html", results).decode("utf-8")
    assert f'规则说明：<a href="https://example.org/fz/{gap.doc}">{gap.doc}</a>' in page
