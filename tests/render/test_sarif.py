"""`--format sarif`: a SARIF 2.1.0 log (checked against the schema's parts fzcheck uses), results placed at
their evidence."""

from __future__ import annotations

import json
import re

from tests.paths import ROOT
from tests.render.kit import ERRORS, core, render


def source_lines(path: str) -> list[str]:
    return (ROOT / path).read_text(encoding="utf-8").splitlines()


# The parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) that fzcheck's output uses, by hand:
# required properties, types, enums, minimums, and additionalProperties: false on every object.
LEVEL = {"enum": ["none", "note", "warning", "error"]}
PROPERTY_BAG = {"type": "object"}
MESSAGE = {
    "type": "object",
    "required": ["text"],
    "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}, "id": {"type": "string"}},
}
MULTIFORMAT = {
    "type": "object",
    "required": ["text"],
    "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}, "properties": PROPERTY_BAG},
}
ARTIFACT_LOCATION = {
    "type": "object",
    "properties": {"uri": {"type": "string", "format": "uri-reference"}, "uriBaseId": {"type": "string"}},
}
REGION = {
    "type": "object",
    "properties": {
        "startLine": {"type": "integer", "minimum": 1},
        "startColumn": {"type": "integer", "minimum": 1},
        "endLine": {"type": "integer", "minimum": 1},
        "endColumn": {"type": "integer", "minimum": 1},
        "snippet": {"type": "object", "properties": {"text": {"type": "string"}}},
        "message": MESSAGE,
    },
}
PHYSICAL_LOCATION = {
    "type": "object",
    "required": ["artifactLocation"],  # the schema: anyOf address / artifactLocation
    "properties": {"artifactLocation": ARTIFACT_LOCATION, "region": REGION, "contextRegion": REGION},
}
LOCATION = {
    "type": "object",
    "properties": {
        "id": {"type": "integer", "minimum": -1},
        "physicalLocation": PHYSICAL_LOCATION,
        "message": MESSAGE,
        "properties": PROPERTY_BAG,
    },
}
REPORTING_DESCRIPTOR = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "shortDescription": MULTIFORMAT,
        "fullDescription": MULTIFORMAT,
        "help": MULTIFORMAT,
        "helpUri": {"type": "string", "format": "uri"},
        "defaultConfiguration": {
            "type": "object",
            "properties": {
                "enabled": {"type": "boolean"},
                "level": LEVEL,
                "rank": {"type": "number"},
                "parameters": PROPERTY_BAG,
                "properties": PROPERTY_BAG,
            },
        },
        "properties": PROPERTY_BAG,
    },
}
RESULT = {
    "type": "object",
    "required": ["message"],
    "properties": {
        "ruleId": {"type": "string"},
        "ruleIndex": {"type": "integer", "minimum": -1},
        "kind": {"enum": ["notApplicable", "pass", "fail", "review", "open", "informational"]},
        "level": LEVEL,
        "message": MESSAGE,
        "locations": {"type": "array", "items": LOCATION},
        "relatedLocations": {"type": "array", "uniqueItems": True, "items": LOCATION},
        "suppressions": {
            "type": "array",
            "uniqueItems": True,
            "items": {
                "type": "object",
                "required": ["kind"],
                "properties": {
                    "kind": {"enum": ["inSource", "external"]},
                    "status": {"enum": ["accepted", "underReview", "rejected"]},
                    "justification": {"type": "string"},
                    "properties": PROPERTY_BAG,
                },
            },
        },
        "properties": PROPERTY_BAG,
    },
}
NOTIFICATION = {
    "type": "object",
    "required": ["message"],
    "properties": {
        "message": MESSAGE,
        "level": LEVEL,
        "locations": {"type": "array", "uniqueItems": True, "items": LOCATION},
        "properties": PROPERTY_BAG,
    },
}
SARIF_SUBSET = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "semanticVersion": {"type": "string"},
                                    "informationUri": {"type": "string", "format": "uri"},
                                    "rules": {"type": "array", "uniqueItems": True, "items": REPORTING_DESCRIPTOR},
                                    "properties": PROPERTY_BAG,
                                },
                            },
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "invocations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["executionSuccessful"],
                            "properties": {
                                "executionSuccessful": {"type": "boolean"},
                                "toolExecutionNotifications": {"type": "array", "items": NOTIFICATION},
                                "properties": PROPERTY_BAG,
                            },
                        },
                    },
                    "results": {"type": "array", "items": RESULT},
                    "properties": PROPERTY_BAG,
                },
            },
        },
    },
}
_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "integer": int,
    "number": (int, float),
}


def schema_errors(value, schema: dict, where: str = "$") -> list[str]:
    """A small JSON-schema check: type, required, properties (closed unless a property bag), items, enum, …"""
    problems: list[str] = []
    kind = schema.get("type")
    if kind:
        wanted = _TYPES[kind]
        if not isinstance(value, wanted) or (kind in ("integer", "number") and isinstance(value, bool)):
            return [f"{where}: expected {kind}, got {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        problems.append(f"{where}: {value} < {schema['minimum']}")
    fmt = schema.get("format")
    if fmt in ("uri", "uri-reference") and (re.search(r"[\s\\<>\"{}|^`]", value) or not value):
        problems.append(f"{where}: not a URI reference: {value!r}")
    if fmt == "uri" and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
        problems.append(f"{where}: not an absolute URI: {value!r}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                problems.append(f"{where}: missing required {key!r}")
        properties = schema.get("properties")
        if properties is not None:  # objects of the schema are closed (additionalProperties: false)
            for key, item in value.items():
                if key not in properties:
                    problems.append(f"{where}: unexpected property {key!r}")
                else:
                    problems += schema_errors(item, properties[key], f"{where}.{key}")
    if isinstance(value, list):
        if schema.get("uniqueItems"):
            dumped = [json.dumps(item, sort_keys=True) for item in value]
            if len(set(dumped)) != len(dumped):
                problems.append(f"{where}: items not unique")
        if "items" in schema:
            for index, item in enumerate(value):
                problems += schema_errors(item, schema["items"], f"{where}[{index}]")
    return problems


def test_schema_check_catches_broken_logs():
    assert schema_errors({"version": "2.1.0", "runs": []}, SARIF_SUBSET) == []
    assert schema_errors({"runs": []}, SARIF_SUBSET)  # no version
    bad_result = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"level": "fatal"}]}]}
    problems = schema_errors(bad_result, SARIF_SUBSET)
    assert any("message" in p for p in problems) and any("fatal" in p for p in problems)
    extra = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "colour": 1}}}]}
    assert any("colour" in p for p in schema_errors(extra, SARIF_SUBSET))


def test_sarif_structure_and_locations(results):
    log = json.loads(render("sarif", results))
    assert schema_errors(log, SARIF_SUBSET) == []
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
    assert schema_errors(log, SARIF_SUBSET) == []
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
