"""Developer-facing documents stay in step with the code."""

from pathlib import Path

from checker.packs import load_packs
from checker.render.json import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent


def test_every_builtin_rule_has_a_reference_section():
    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for pack in load_packs(["national"]):
        for rule in pack.rules:
            assert f"## {rule.id}\n" in reference, f"docs/rules.md lacks a section for {rule.id}"


def test_json_doc_names_the_current_schema_version():
    doc = (ROOT / "docs" / "json-format.md").read_text(encoding="utf-8")
    assert f"schema version {SCHEMA_VERSION}" in doc


def test_readme_lists_every_builtin_rule():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in load_packs(["national"])[0].rules:
        assert f"`{rule.id}`" in readme
