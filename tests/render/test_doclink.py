"""Finding.doc: a finding's link to its rule's section of docs/rules.md (built-in rules only), shown in HTML
as it is or under FZCHECK_DOCS_URL."""

from __future__ import annotations

from tests.render.kit import render
from tests.rulesdoc import reference_anchors


def test_findings_carry_basis_and_reference_anchor(results):
    from checker.packs import load_packs

    anchors = reference_anchors()
    for result in results:
        packs = load_packs(result.packs)
        rules = {rule.id: rule for pack in packs for rule in pack.rules}  # the last pack's rule wins
        for finding in result.findings:
            assert finding.basis and finding.basis == rules[finding.rule].basis
            page, _, anchor = finding.doc.partition("#")
            assert page == "docs/rules.md" and anchors[anchor][1] == finding.rule
    # A department report's rule changed by the department pack links to that pack's section, the others to
    # the national pack's (the department pack only names them).
    department = next(r for r in results if r.document.report_type == "department")
    docs = {f.rule: anchors[f.doc.partition("#")[2]][0] for f in department.findings}
    assert docs["data.review"] == docs["part.leader-duty"] == "department"
    assert docs["part.measures"] == docs["part.next-year"] == "national"


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
