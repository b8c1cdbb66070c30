"""Which checks a report gets by its year: the outline areas for every year, the rules of 2024–2026.

Reports on 2026 are drafted in early 2027 with no successor outline issued: the 2021–2025 outline's
areas are re-issued for them (areas-2026); reports on 2016–2020 get the 2015–2020 outline's areas.
"""

from __future__ import annotations

import itertools

import pytest

from checker.errors import PackError
from checker.packs import AREA_PACKS, OPEN_END, default_packs, load_pack, years_label
from checker.pipeline import check_file
from checker.score import Gate
from tests.reportkit import report, run_fzcheck

NEW_RULES = {
    "review.reformed-law": 2024,
    "enforcement.enterprise-inspection": 2025,
    "pufa.responsibility": 2025,
    "enforcement.supervision-regulation": 2026,
}


def applied(tmp_path, year: int, report_type: str = "government", text: str | None = None) -> set[str]:
    path = tmp_path / f"r{year}.txt"
    path.write_text(text or report(year), encoding="utf-8")
    result = check_file(str(path), None, Gate(), year=year, report_type=report_type)
    return {f.rule for f in result.findings}


@pytest.mark.parametrize("report_type", ["government", "department"])
@pytest.mark.parametrize("year", range(2016, 2028))
def test_every_year_gets_area_checks(tmp_path, year, report_type):
    rules = applied(tmp_path, year, report_type)
    prefix = "outline2015." if year <= 2020 else "outline." if year <= 2025 else "areas."
    areas = {r for r in rules if r.startswith(("outline2015.", "outline.", "areas."))}
    assert areas, f"{year} {report_type}: no area checks"
    assert all(r.startswith(prefix) for r in areas), sorted(areas)


@pytest.mark.parametrize("year", range(2016, 2028))
def test_rules_list_names_the_area_pack_of_every_year(year):
    proc = run_fzcheck("rules", "list", "--year", str(year))
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    expected = "outline-2016-2020" if year <= 2020 else "outline-2021-2025" if year <= 2025 else "areas-2026"
    assert last == f"纲要任务领域检查：{expected}"


def test_rules_list_says_townships_get_no_area_checks():
    proc = run_fzcheck("rules", "list", "--year", "2026", "--type", "township")
    assert proc.stdout.strip().splitlines()[-1].startswith("纲要任务领域检查：无（乡镇")
    assert "areas." not in proc.stdout


def test_rules_list_for_a_year_shows_the_packs_note_and_only_that_years_rules():
    proc = run_fzcheck("rules", "list", "--year", "2026")
    assert "说明：新的法治政府建设实施纲要尚未发布" in proc.stdout
    assert "areas.functions" in proc.stdout and "outline.functions" not in proc.stdout
    assert "2026 年起" in proc.stdout


@pytest.mark.parametrize("year", range(2016, 2028))
def test_new_rules_apply_from_their_first_year(tmp_path, year):
    rules = applied(tmp_path, year)
    for rule, first in NEW_RULES.items():
        assert (rule in rules) == (year >= first), (rule, year)


def test_a_report_on_2020_gets_none_of_the_2024_to_2026_rules(tmp_path):
    rules = applied(tmp_path, 2020)
    assert not rules & set(NEW_RULES)
    assert not any(r.startswith(("areas.", "outline.")) for r in rules)


def test_department_gets_the_law_popularisation_duty_as_a_suggestion(tmp_path):
    packs = {p.id: p for p in default_packs("department")}
    rule = next(r for r in packs["department"].rules if r.id == "pufa.responsibility")
    assert rule.severity == "warning"
    government = next(r for r in default_packs("government")[0].rules if r.id == "pufa.responsibility")
    assert government.severity == "info"
    # The reformed review law's vocabulary is asked of governments (the review bodies) only.
    assert "review.reformed-law" not in applied(tmp_path, 2025, "department")
    assert "review.reformed-law" not in {r.id for r in default_packs("township")[0].rules}


def test_unknown_report_year_runs_no_year_limited_rule(tmp_path):
    path = tmp_path / "noyear.txt"
    path.write_text("一、主要举措和成效\n全县深化放管服改革。\n", encoding="utf-8")
    result = check_file(str(path), None, Gate())
    assert result.document.report_year is None
    assert not [f.rule for f in result.findings if f.rule.startswith(("outline", "areas.", *NEW_RULES))]


def test_reissued_rules_take_new_ids_and_the_childs_overrides(tmp_path):
    child = tmp_path / "child.yaml"
    child.write_text(
        "id: child\nversion: '1'\ntitle: t\nbasis: b\nextends: outline-2021-2025\nyears: [2030, null]\n"
        "reissue: {from: outline., to: later.}\nrules:\n  - id: later.functions\n    basis: 另一依据\n",
        encoding="utf-8",
    )
    pack = load_pack(child)
    ids = {r.id for r in pack.rules}
    assert "later.functions" in ids and not any(i.startswith("outline.") for i in ids)
    functions = next(r for r in pack.rules if r.id == "later.functions")
    assert functions.basis == "另一依据"
    assert functions.years == (2030, OPEN_END)
    assert years_label(functions.years) == "2030 年起"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("reissue: {from: outline., to: outline.}\nextends: outline-2021-2025\n", "reissue"),
        ("reissue: {from: outline.}\nextends: outline-2021-2025\n", "reissue"),
        ("reissue: {from: a., to: b.}\nrules: []\n", "extends"),
        ("years: [2026, 2020]\nrules: []\n", "years"),
        ("note: ''\nrules: []\n", "note"),
    ],
)
def test_pack_keys_of_seasons_are_validated(tmp_path, extra, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nversion: '1'\ntitle: t\nbasis: b\n" + extra, encoding="utf-8")
    with pytest.raises(PackError, match=message):
        load_pack(bad)


def test_area_packs_are_in_the_default_set_and_cover_contiguous_years():
    packs = {p.id: p for p in default_packs("government")}
    spans = sorted(packs[name].years for name in AREA_PACKS)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start == end + 1
    assert spans[0][0] <= 2016 and spans[-1][1] == OPEN_END
