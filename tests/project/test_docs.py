"""Developer-facing documents stay in step with the code."""

import yaml

from checker.packs import builtin_names, load_pack, load_packs
from checker.render.json import SCHEMA_VERSION
from tests.paths import ROOT
from tests.ruletypes.kit import PARTS


def test_every_builtin_rule_has_a_reference_section():
    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for pack in load_packs(builtin_names()):
        for rule in pack.rules:
            assert f"## {rule.id}\n" in reference, f"docs/rules.md lacks a section for {rule.id}"


def test_every_builtin_rule_links_to_its_own_section_of_the_reference():
    from pathlib import Path

    from checker.evaluate import rule_doc
    from tests.rulesdoc import reference_anchors

    anchors = reference_anchors()
    for pack in load_packs(builtin_names()):
        for rule in pack.rules:
            page, _, anchor = rule_doc(rule).partition("#")
            assert page == "docs/rules.md", rule.id
            # The section of the pack whose file wrote the rule when it has one (department's own data.review,
            # national's part.measures for the department pack), else the rule's only section (a re-issued rule).
            written_in = Path(rule.source.rsplit(":", 2)[0]).stem
            sections = [section for section, rid in anchors.values() if rid == rule.id]
            expected = written_in if written_in in sections else sections[0]
            assert anchors.get(anchor) == (expected, rule.id), f"{pack.id} {rule.id}: #{anchor}"


def test_rules_reference_is_generated_from_the_current_packs():
    from tests.regen_docs import REFERENCE, expected_reference

    assert REFERENCE.read_text(encoding="utf-8") == expected_reference(), (
        "docs/rules.md is stale: run python -m tests.regen_docs"
    )


def test_rule_types_reference_is_generated_from_the_rule_type_modules():
    from tests.regen_docs import TYPES, expected_types

    assert TYPES.read_text(encoding="utf-8") == expected_types(), (
        "docs/rule-types.md is stale: run python -m tests.regen_docs"
    )


def test_every_rule_type_documents_its_statuses_examples_and_only_its_own_fields():
    from checker.ruletypes import RULE_TYPES

    for rule_type in RULE_TYPES.values():
        ref, names = rule_type.reference, set(rule_type.fields)
        assert ref.statuses and ref.examples, f"{rule_type.name}: no statuses or examples in its REFERENCE"
        assert set(ref.notes) <= names, f"{rule_type.name}: notes for unknown fields {set(ref.notes) - names}"
        assert set(ref.required) <= names, f"{rule_type.name}: 必填 for unknown fields {set(ref.required) - names}"


def test_readme_shows_what_fzcheck_prints_for_the_examples():
    from tests.regen_docs import README, expected_readme

    assert README.read_text(encoding="utf-8") == expected_readme(), (
        "README.md's printed output differs from what fzcheck prints now: run python -m tests.regen_docs"
    )


def test_readme_output_blocks_hold_the_command_and_its_output():
    from tests.regen_docs import OUTPUT_BLOCK, README, README_OUTPUTS

    blocks = {m.group("name"): m.group("body") for m in OUTPUT_BLOCK.finditer(README.read_text(encoding="utf-8"))}
    assert set(blocks) == set(README_OUTPUTS)
    draft = blocks["word-draft"]
    assert draft.startswith("```bash\nfzcheck check 草稿.docx --annotate 草稿-批注.docx\n```")
    assert "得分：" in draft and "必备 " in draft and "批注版已写入 草稿-批注.docx" in draft
    assert "证据：第 " in draft and " 段" in draft  # a Word draft's evidence is located by paragraph


def test_a_drifted_readme_block_is_caught_and_regenerated(monkeypatch, tmp_path):
    """A README whose printed score no longer matches is told apart, and regenerating restores it."""
    import re

    from tests import regen_docs

    text = regen_docs.README.read_text(encoding="utf-8")
    drifted = re.sub(r"得分：[\d.]+ / 100", "得分：1234 / 100", text, count=1)
    assert drifted != text
    readme = tmp_path / "README.md"
    readme.write_text(drifted, encoding="utf-8")
    monkeypatch.setattr(regen_docs, "README", readme)
    assert regen_docs.expected_readme() == text


def test_every_yaml_example_in_the_rule_type_reference_loads(tmp_path):
    import re

    doc = (ROOT / "docs" / "rule-types.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    assert len(blocks) >= 9
    types = set()
    for number, block in enumerate(blocks):
        rules = yaml.safe_load(block)
        path = tmp_path / f"doc{number}.yaml"
        data = {"id": f"doc{number}", "parts": PARTS, "rules": rules}
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        pack = load_pack(path)
        types.update(rule.type for rule in pack.rules)
    assert types == {
        "part", "keywords", "figure", "year", "meta", "consistency", "freshness", "length", "pattern", "reuse",
    }  # fmt: skip
    for name in sorted(types):
        assert f"\n## {name}\n" in doc


def test_every_hand_written_note_belongs_to_a_builtin_rule():
    from checker.ruledoc import read_notes
    from tests.regen_docs import NOTES

    known = {rule.id for pack in load_packs(builtin_names()) for rule in pack.rules}
    notes = read_notes(NOTES)
    assert notes, "docs/rules-notes.md has no notes"
    assert set(notes) <= known, f"notes for rules that do not exist: {sorted(set(notes) - known)}"


def test_json_doc_names_the_current_schema_version():
    doc = (ROOT / "docs" / "json-format.md").read_text(encoding="utf-8")
    assert f"schema version {SCHEMA_VERSION}" in doc


def test_readme_lists_every_builtin_rule():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in load_packs(["national"])[0].rules:
        assert f"`{rule.id}`" in readme


def test_readme_names_every_suffix_a_folder_check_picks_up():
    from checker.load import supported_suffixes

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    folders = readme[readme.index("检查文件夹时，其中后缀为") :].split("\n\n")[0]
    assert [s for s in supported_suffixes() if f"`{s}`" not in folders] == []


def test_rule_pack_guide_example_lints_and_its_examples_pass(tmp_path):
    import re
    import subprocess
    import sys

    guide = (ROOT / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- example-pack -->\n```yaml\n(.*?)```", guide, re.S)
    assert block, "docs/rule-packs.md lost its example pack"
    pack = tmp_path / "example.yaml"
    pack.write_text(block.group(1), encoding="utf-8")
    for command in ("lint", "test"):
        proc = subprocess.run(
            [sys.executable, "-m", "checker", "rules", command, str(pack)], capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
