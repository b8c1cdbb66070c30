"""`--format sarif`: a SARIF 2.1.0 log (validated against the official schema, tests/sarifschema.py), results
placed at their evidence."""

from __future__ import annotations

import json

from tests.paths import ROOT
from tests.render.kit import ERRORS, core, render
from tests.sarifschema import sarif_errors


def source_lines(path: str) -> list[str]:
    return (ROOT / path).read_text(encoding="utf-8").splitlines()


def test_schema_check_catches_broken_logs():
    assert sarif_errors({"version": "2.1.0", "runs": []}) == []
    assert sarif_errors({"runs": []})  # no version
    bad_result = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"level": "fatal"}]}]}
    problems = sarif_errors(bad_result)
    assert any("message" in p for p in problems) and any("fatal" in p for p in problems)
    extra = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "colour": 1}}}]}
    assert any("colour" in p for p in sarif_errors(extra))
    spaced = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "informationUri": "docs/a b"}}}]}
    assert any("uri" in p for p in sarif_errors(spaced))  # formats are checked too


def test_sarif_structure_and_locations(results):
    log = json.loads(render("sarif", results))
    assert sarif_errors(log) == []
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "fzcheck"
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert len(rules) == len(driver["rules"])
    assert rules["data.review"]["defaultConfiguration"]["level"] == "error"
    assert rules["part.other"]["defaultConfiguration"]["level"] == "note"
    assert "依据" in rules["part.measures"]["help"]["text"]  # basis of the built-in rule
    expected = [(r, f) for r in results for f in r.findings if f.status != "pass"]
    assert len(run["results"]) == len(expected)
    for item, (result, finding) in zip(run["results"], expected, strict=True):
        assert item["ruleId"] == finding.rule
        assert driver["rules"][item["ruleIndex"]]["id"] == finding.rule
        if finding.status == "n/a":  # SARIF 2.1.0: a result of kind notApplicable has level none
            assert (item["kind"], item["level"]) == ("notApplicable", "none")
            assert item["message"]["text"] == f"不适用：{finding.detail}"
            continue
        assert "kind" not in item  # kind defaults to fail
        assert item["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        assert finding.message in item["message"]["text"] and finding.suggestion in item["message"]["text"]
        physical = item["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == result.document.path
        region = physical["region"]
        if finding.evidence:
            ev = finding.evidence[0]
            assert (region["startLine"], region["startColumn"]) == (ev.line, ev.column)
            # the region is the file line holding the evidence
            assert core(ev.text) in source_lines(result.document.path)[region["startLine"] - 1]
        else:
            assert region["startLine"] == 1
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notification = invocation["toolExecutionNotifications"][0]
    assert ERRORS[0][1] in notification["message"]["text"]


def test_sarif_help_uri_only_under_a_configured_absolute_base(results, monkeypatch):
    monkeypatch.delenv("FZCHECK_DOCS_URL", raising=False)
    rules = json.loads(render("sarif", results))["runs"][0]["tool"]["driver"]["rules"]
    assert all("helpUri" not in rule for rule in rules)  # SARIF wants an absolute URI: none without a base
    monkeypatch.setenv("FZCHECK_DOCS_URL", "docs/")  # not absolute: ignored
    assert all(
        "helpUri" not in rule for rule in json.loads(render("sarif", results))["runs"][0]["tool"]["driver"]["rules"]
    )
    monkeypatch.setenv("FZCHECK_DOCS_URL", "https://example.org/fzcheck/blob/main")
    log = json.loads(render("sarif", results))
    assert sarif_errors(log) == []
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    # The first report is a department's: its part.leader-duty is the department pack's own section.
    first = next(f for f in results[0].findings if f.rule == "part.leader-duty")
    assert first.doc == "docs/rules.md#partleader-duty-1"
    assert rules["part.leader-duty"]["helpUri"] == f"https://example.org/fzcheck/blob/main/{first.doc}"


def test_sarif_help_is_the_findings_basis_without_reloading_packs(results, monkeypatch):
    import checker.packs

    def refuse(*args, **kwargs):
        raise AssertionError("a renderer loaded a pack")

    monkeypatch.setattr(checker.packs, "load_pack", refuse)
    finding = next(f for r in results for f in r.findings if f.rule == "part.measures")
    rule = next(
        r
        for r in json.loads(render("sarif", results))["runs"][0]["tool"]["driver"]["rules"]
        if r["id"] == "part.measures"
    )
    assert finding.basis and rule["help"]["text"] == f"建议：{finding.suggestion}\n依据：{finding.basis}"


def test_sarif_uri_is_a_uri_reference():
    from checker.render.sarif import artifact_uri

    assert artifact_uri("examples/gaps-2023.txt") == "examples/gaps-2023.txt"
    assert artifact_uri("报告 2024\\a.txt") == "%E6%8A%A5%E5%91%8A%202024/a.txt"
    assert artifact_uri("/srv/r.txt") == "file:///srv/r.txt"
    assert artifact_uri("C:\\r\\a.txt") == "file:///C:/r/a.txt"
