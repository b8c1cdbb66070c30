"""reports/ holds the gap reports of examples/ exactly as the current code prints them."""

from pathlib import Path

from tests.regen_reports import ROOT, expected_reports


def test_reports_folder_is_up_to_date():
    expected = expected_reports()
    assert expected, "examples/ has no reports"
    for name, content in expected.items():
        committed = ROOT / "reports" / name
        assert committed.is_file(), f"reports/{name} is missing: run python -m tests.regen_reports"
        assert committed.read_text(encoding="utf-8") == content, (
            f"reports/{name} is stale: run python -m tests.regen_reports"
        )
    extra = {p.name for p in Path(ROOT / "reports").glob("*.*")} - set(expected) - {"README.md"}
    assert not extra, f"reports/ holds files no example produces: {sorted(extra)}"
