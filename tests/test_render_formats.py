"""The report formats for CI and people: junit, sarif, github, markdown, csv, xlsx, html.

Results come from the real pipeline on the examples; every format is checked for its own contract
and for determinism (same results -> same bytes, even with the clock moved on).
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.errors import FzcheckError
from checker.model import Result
from checker.pipeline import check_file
from checker.render import FORMATS as REGISTRY
from checker.render import STATUS_NAME, format_list, renderer
from checker.score import Gate, tallies

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("examples/gaps-2023.txt", "examples/complete-2024.txt")
ERRORS = [("missing/无此文件.txt", "文件不存在")]
FORMATS = ("junit", "sarif", "github", "markdown", "csv", "xlsx", "html")


@pytest.fixture(scope="module")
def results() -> list[Result]:
    """The examples checked with the default packs, paths relative to the project root as on a command line."""
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        return [check_file(path, None, Gate()) for path in EXAMPLES]
    finally:
        os.chdir(old)


def render(fmt: str, results: list[Result], errors=None) -> bytes:
    return renderer(fmt)(results, ERRORS if errors is None else errors)


def gaps(result: Result) -> list:
    """Findings that ask for a change: neither passed nor n/a (nothing to check)."""
    return [f for f in result.findings if f.status not in ("pass", "n/a")]


def not_applicable(result: Result) -> list:
    return [f for f in result.findings if f.status == "n/a"]


def with_findings(result: Result, findings: tuple, **changes) -> Result:
    """The result holding other findings, its counts and groups recomputed as the score stage does."""
    return replace(result, findings=findings, **tallies(findings, result.part_titles, result.rule_groups), **changes)


def test_examples_have_not_applicable_items(results):
    # The format tests below check n/a in every format: the gaps example must hold some.
    assert not_applicable(results[0]) and not_applicable(results[1])


def core(snippet: str) -> str:
    """An evidence snippet without the … that mark where it was cut."""
    return snippet.strip().removeprefix("…").removesuffix("…")


def source_lines(path: str) -> list[str]:
    return (ROOT / path).read_text(encoding="utf-8").splitlines()


# --- registry ----------------------------------------------------------------------------------


def test_registry_names_every_format():
    assert list(REGISTRY) == ["text", "json", *FORMATS[:4], "html", "csv", "xlsx"]
    for fmt, spec in REGISTRY.items():
        assert spec.name == fmt
        assert callable(renderer(fmt))
    with pytest.raises(FzcheckError):
        renderer("pdf")


def test_output_dir_names_are_distinct_and_from_the_registry(tmp_path):
    extensions = [spec.extension for spec in REGISTRY.values()]
    assert len(set(extensions)) == len(extensions)
    chosen = [fmt for fmt in REGISTRY if fmt != "xlsx" or importlib.util.find_spec("openpyxl")]
    args = ["check", "examples/gaps-2023.txt", "--output-dir", str(tmp_path)]
    for fmt in chosen:
        args += ["--format", fmt]
    from checker.cli import main

    old = os.getcwd()
    os.chdir(ROOT)
    try:
        main(args)
    finally:
        os.chdir(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"fzcheck.{REGISTRY[fmt].extension}" for fmt in chosen)


@pytest.mark.parametrize("fmt", list(REGISTRY))
def test_each_format_renders_whole_and_streamed_alike(fmt, results):
    if fmt == "xlsx":
        pytest.importorskip("openpyxl", reason="openpyxl（可选依赖 xlsx）未安装")
    spec = REGISTRY[fmt]
    whole = spec.render(results, ERRORS)
    assert isinstance(whole, bytes) and whole
    assert b"".join(spec.chunks(results, ERRORS)) == whole
    if spec.streams:
        assert len(list(spec.chunks(results, ERRORS))) > len(results)  # report by report, not whole


def test_help_and_readme_list_the_registry():
    from click.testing import CliRunner

    from checker.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| `--format 格式` | 输出格式，可多次指定：{format_list('`')}。 |" in readme.splitlines()
    shown = CliRunner().invoke(cli, ["check", "--help"], terminal_width=1000).output
    assert "[" + "|".join(REGISTRY) + "]" in shown
    assert format_list() in shown


def test_only_text_formats_go_to_the_screen():
    from checker.cli import main

    assert [f for f, spec in REGISTRY.items() if spec.binary] == ["xlsx"]
    assert main(["check", "examples/gaps-2023.txt", "--format", "xlsx"]) == 2


def test_json_and_light_formats_import_neither_rich_nor_openpyxl(tmp_path):
    code = f"""
import sys
from checker.cli import main
from checker.render import renderer
from checker.pipeline import check_file
from checker.score import Gate
main(["check", "--format", "json", "--output", {str(tmp_path / "out.json")!r}, "examples/gaps-2023.txt"])
results = [check_file("examples/gaps-2023.txt", None, Gate())]
for fmt in ("junit", "sarif", "github", "markdown", "csv", "html"):
    renderer(fmt)(results, [])
print(sorted(m for m in ("rich", "openpyxl") if m in sys.modules))
"""
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120, env=os.environ.copy()
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


# --- determinism -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_results_give_same_bytes(fmt, results, monkeypatch):
    if fmt == "xlsx":
        pytest.importorskip("openpyxl", reason="openpyxl（可选依赖 xlsx）未安装")
    first = render(fmt, results)
    if fmt == "xlsx":
        time.sleep(1.1)  # openpyxl stamps datetime.now() on save, to the second
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86_400 * 400)  # a later day: zip dates, clocks
    second = render(fmt, results)
    assert first == second
    assert isinstance(first, bytes) and first


# --- junit -------------------------------------------------------------------------------------


def test_junit_suites_cases_and_failures(results):
    root = ET.fromstring(render("junit", results))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [*EXAMPLES, ERRORS[0][0]]
    total_failures = 0
    for suite, result in zip(suites, results, strict=False):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases) == len(result.findings)
        expected = [f for f in gaps(result) if f.severity != "info" and f.status != "waived"]
        failures = suite.findall("testcase/failure")
        assert int(suite.get("failures")) == len(failures) == len(expected)
        total_failures += len(failures)
        for case, finding in zip(cases, result.findings, strict=True):
            assert case.get("classname") == result.document.path
            assert case.get("name") == f"{finding.rule} {finding.title}"
            failure = case.find("failure")
            if finding in expected:
                assert failure is not None
                assert failure.get("type") == finding.severity
                assert finding.message in failure.get("message")
                assert f"建议：{finding.suggestion}" in failure.text
                for ev in finding.evidence:
                    assert f"第 {ev.line} 行" in failure.text
            else:
                assert failure is None
            if finding.status == "n/a":  # skipped, saying why there was nothing to check
                assert case.find("skipped").get("message") == f"不适用：{finding.detail}"
            if finding in gaps(result) and finding.severity == "info":
                assert finding.suggestion in case.find("system-out").text
    assert results[1].passed and not suites[1].findall("testcase/failure[@type='error']")
    error_suite = suites[-1]
    errors = error_suite.findall("testcase/error")
    assert len(errors) == 1 and errors[0].get("message") == ERRORS[0][1]
    assert int(root.get("failures")) == total_failures
    assert int(root.get("errors")) == 1
    assert int(suites[0].get("skipped")) == len(not_applicable(results[0]))
    properties = {p.get("name"): p.get("value") for p in suites[0].find("properties")}
    assert properties["required"] == f"{results[0].required_met}/{results[0].required_total}"


# --- sarif -------------------------------------------------------------------------------------

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
    assert rules["part.leader-duty"]["helpUri"] == "https://example.org/fzcheck/blob/main/docs/rules.md#partleader-duty"


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


def test_sarif_uri_is_a_uri_reference():
    from checker.render.sarif import artifact_uri

    assert artifact_uri("examples/gaps-2023.txt") == "examples/gaps-2023.txt"
    assert artifact_uri("报告 2024\\a.txt") == "%E6%8A%A5%E5%91%8A%202024/a.txt"
    assert artifact_uri("/srv/r.txt") == "file:///srv/r.txt"
    assert artifact_uri("C:\\r\\a.txt") == "file:///C:/r/a.txt"


# --- github ------------------------------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice) file=([^,:]*),line=(\d+),title=([^,:]*)::(.*)$")


def test_github_one_escaped_command_per_gap(results):
    lines = render("github", results).decode("utf-8").splitlines()
    expected = [(r, f) for r in results for f in gaps(r) if f.status != "waived"]
    assert len(lines) == len(expected) + len(ERRORS)
    for line, (result, finding) in zip(lines, expected, strict=False):
        match = _COMMAND.match(line)
        assert match, line
        command, path, number, title, message = match.groups()
        assert command == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity]
        assert path == result.document.path
        assert int(number) == (finding.evidence[0].line if finding.evidence else 1)
        assert title == f"{finding.rule} {finding.title}".replace("%", "%25")
        assert re.fullmatch(r"([^%\r\n]|%25|%0D|%0A)*", message), message
        assert "建议：" in message
    assert lines[-1].startswith(f"::error file={ERRORS[0][0]},title=")
    assert any("%25" in line for line in lines)  # the suggestions' X% are escaped


def test_github_escapes_data_and_properties(results):
    from checker.render.github import escape_data, escape_property

    assert escape_data("50%\r\n下一行") == "50%25%0D%0A下一行"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    result = results[0]
    odd = replace(gaps(result)[0], title="标题:含,符号", message="第一行\n第二行 100%", evidence=())
    line = render("github", [with_findings(result, (odd,))], []).decode("utf-8")
    assert line.count("\n") == 1
    assert "title=" + odd.rule + " 标题%3A含%2C符号::第一行%0A第二行 100%25 建议：" in line


# --- markdown ----------------------------------------------------------------------------------


def cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_markdown_summary_and_gap_tables(results):
    text = render("markdown", results).decode("utf-8")
    lines = text.splitlines()
    summary_at = lines.index("| 文件 | 标题 | 得分 | 必备 | 结论 | 必备项未达标 | 建议项未达标 |")
    first_doc = next(i for i, line in enumerate(lines) if line.startswith("### "))
    assert summary_at < first_doc  # the batch summary comes first
    summary_rows = lines[summary_at + 2 : summary_at + 2 + len(results) + len(ERRORS)]
    assert [cells(r)[0].strip("`") for r in summary_rows] == [*EXAMPLES, ERRORS[0][0]]
    assert "❌ 未通过" in summary_rows[0] and "✅ 通过" in summary_rows[1]
    for row, result in zip(summary_rows, results, strict=False):
        assert cells(row)[3] == f"{result.required_met}/{result.required_total}"
        assert cells(row)[5:] == [str(result.unmet["error"]), str(result.unmet["warning"])]
    header = "| 状态 | 编号 | 检查项 | 说明 | 位置 |"
    headings = [i for i, line in enumerate(lines) if line.startswith("### `examples/")]
    assert len(headings) == len(results)
    for start, result in zip(headings, results, strict=True):
        assert result.document.path in lines[start]
        assert f"{result.score:g}" in lines[start]
        assert ("✅ 通过" if result.passed else "❌ 未通过") in lines[start]
        table = lines.index(header, start)
        rows = []
        for line in lines[table + 2 :]:
            if not line.startswith("|"):
                break
            rows.append(line)
        assert len(rows) == len(gaps(result))
        for row, finding in zip(rows, gaps(result), strict=True):
            assert len(cells(row)) == 5
            # The rule id links to its section of the reference (every built-in rule has one).
            assert finding.doc == f"docs/rules.md#{finding.rule.replace('.', '')}"
            assert cells(row)[1] == f"[`{finding.rule}`]({finding.doc})"
        assert f"必备 {result.required_met}/{result.required_total}" in lines[start + 3]
        # n/a items are listed apart, after the gaps, never in the gap table
        listed = lines.index(
            f"<details><summary>— 不适用（无可检查的内容，不计分）：{len(not_applicable(result))} 项</summary>", table
        )
        items = [line for line in lines[listed:] if line.startswith("- `")][: len(not_applicable(result))]
        assert items == [f"- `{f.rule}` {f.title}：{f.detail}" for f in not_applicable(result)]


def test_markdown_escapes_pipes_and_lines(results):
    result = results[0]
    odd = replace(gaps(result)[0], message="甲|乙\n丙 <b>", title="A|B")
    text = render("markdown", [with_findings(result, (odd,))], []).decode("utf-8")
    row = next(line for line in text.splitlines() if f"`{odd.rule}`" in line)
    assert len(cells(row)) == 5
    assert "甲\\|乙 丙 &lt;b&gt;" in row and "A\\|B" in row


# --- csv ---------------------------------------------------------------------------------------


def test_csv_summary_rows_with_bom(results):
    data = render("csv", results)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    fixed = ["文件", "标题", "报告类型", "报告年度", "得分", "必备达标", "结论", "必备项未达标", "建议项未达标",
             "不适用项", "缺失部分"]  # fmt: skip
    assert header[: len(fixed)] == fixed
    rule_ids = list(dict.fromkeys(f.rule for r in results for f in r.findings))
    assert header[len(fixed) :] == rule_ids
    assert len(body) == len(results) + len(ERRORS)
    for row, result in zip(body, results, strict=False):
        assert len(row) == len(header)
        values = dict(zip(header, row, strict=True))
        assert values["文件"] == result.document.path
        assert values["结论"] == ("通过" if result.passed else "未通过")
        assert float(values["得分"]) == result.score
        required = [f for f in result.findings if f.severity == "error" and f.status != "n/a"]
        assert values["必备达标"] == f"{sum(f.status == 'pass' for f in required)}/{len(required)}"
        assert int(values["不适用项"]) == len(not_applicable(result))
        missing = [
            f.title for f in result.findings if f.rule_type == "part" and f.status == "fail" and f.severity != "info"
        ]
        assert values["缺失部分"] == "、".join(missing)
        for finding in result.findings:
            assert values[finding.rule] == STATUS_NAME[finding.status]
    gaps_row = dict(zip(header, body[0], strict=True))
    assert int(gaps_row["必备项未达标"]) == sum(1 for f in gaps(results[0]) if f.severity == "error")
    assert gaps_row["缺失部分"] == ""  # gaps-2023 lacks only the optional (info) "其他需要报告的情况"
    assert gaps_row["consistency.review-rate"] == "不适用"
    error_row = dict(zip(header, body[-1], strict=True))
    assert error_row["文件"] == ERRORS[0][0] and ERRORS[0][1] in error_row["结论"]


# --- xlsx --------------------------------------------------------------------------------------


def test_xlsx_workbook(results):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl（可选依赖 xlsx）未安装")
    book = openpyxl.load_workbook(io.BytesIO(render("xlsx", results)))
    assert book.sheetnames == ["汇总", "明细"]
    summary, detail = book["汇总"], book["明细"]
    header = [c.value for c in summary[1]]
    assert header[:11] == [
        "文件",
        "标题",
        "报告类型",
        "报告年度",
        "得分",
        "必备达标",
        "结论",
        "必备项未达标",
        "建议项未达标",
        "不适用项",
        "缺失部分",
    ]
    assert all(c.font.bold for c in summary[1])
    assert summary.freeze_panes == "A2" and detail.freeze_panes == "A2"
    assert summary.column_dimensions["A"].width > 10
    assert summary.max_row == 1 + len(results) + len(ERRORS)
    assert [summary.cell(row=i + 2, column=1).value for i in range(len(EXAMPLES))] == list(EXAMPLES)
    assert [c.value for c in detail[1]] == [
        "文件",
        "编号",
        "检查项",
        "状态",
        "级别",
        "说明",
        "建议",
        "证据位置",
        "证据",
    ]
    assert detail.max_row == 1 + sum(len(r.findings) for r in results) + len(ERRORS)
    fills = {}
    for row in detail.iter_rows(min_row=2):
        fills.setdefault(row[3].value, row[3].fill.fgColor.rgb)
    assert (
        fills["符合"].endswith("C6EFCE") and fills["缺失"].endswith("FFC7CE") and fills["部分符合"].endswith("FFEB9C")
    )
    assert fills["不适用"].endswith("EDEDED")
    assert book.properties.creator == "fzcheck"


def test_xlsx_without_openpyxl_says_how_to_install(results, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl -> ImportError
    with pytest.raises(FzcheckError, match=r"pip install 'fzcheck\[xlsx\]'"):
        render("xlsx", results)


# --- html --------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Ids, links, and per report line its text and which characters are inside <mark>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.refs: list[str] = []  # src=, href= to anything but a fragment
        self.lines: dict[str, tuple[str, str, set[int]]] = {}  # id -> (gutter number, text, marked offsets)
        self.order: list[str] = []  # ids of line divs and gap notes, in page order
        self._line: str | None = None
        self._in_no = self._in_tx = False
        self._mark = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        for key in ("href", "src"):
            if key in attrs:
                (self.links if attrs[key].startswith("#") and key == "href" else self.refs).append(attrs[key])
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "ln" in classes:
            self._line = attrs["id"]
            self.lines[self._line] = ("", "", set())
            self.order.append(self._line)
        elif tag == "aside":
            self.order.append(attrs["id"])
        elif tag == "span" and "no" in classes and self._line:
            self._in_no = True
        elif tag == "div" and "tx" in classes and self._line:
            self._in_tx = True
        elif tag == "mark" and self._in_tx:
            self._mark += 1

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark:
            self._mark -= 1
        elif tag == "span" and self._in_no:
            self._in_no = False
        elif tag == "div" and self._in_tx:
            self._in_tx = False
            self._line = None

    def handle_data(self, data):
        if self._line is None:
            return
        number, text, marked = self.lines[self._line]
        if self._in_no:
            number += data
        elif self._in_tx:
            if self._mark:
                marked |= set(range(len(text), len(text) + len(data)))
            text += data
        self.lines[self._line] = (number, text, marked)


def parse(data: bytes) -> Page:
    page = Page()
    page.feed(data.decode("utf-8"))
    page.close()
    return page


def test_html_self_contained_and_links_resolve(results):
    data = render("html", results)
    text = data.decode("utf-8")
    assert "http://" not in text and "https://" not in text
    assert "<script" not in text and "@import" not in text and "url(" not in text
    assert "@media print" in text and "A4" in text
    page = parse(data)
    assert page.refs == []
    assert len(page.ids) == len(set(page.ids)), "ids are unique"
    assert page.links and set(page.links) <= {f"#{i}" for i in page.ids}
    # every checklist item links somewhere in the page
    for number, result in enumerate(results, start=1):
        items = re.findall(rf'<li class="st-\w+" id="d{number}-c(\d+)"><a href="#([^"]+)"', text)
        assert len(items) == len(result.findings)
        for index, target in items:
            finding = result.findings[int(index)]
            if finding.status == "n/a":
                assert f"d{number}-g{index}" not in page.ids, "an n/a item needs no note in the text"
                assert target in (f"d{number}-text", *(f"d{number}-l{n}" for n in range(len(result.document.lines))))
            elif finding.status != "pass":
                assert target == f"d{number}-g{index}"  # its gap note, with the suggestion
                note = re.search(rf'<aside [^>]*id="d{number}-g{index}">(.*?)</aside>', text).group(1)
                assert "建议：" in note


def test_html_lists_not_applicable_items_apart(results):
    text = render("html", results[:1], []).decode("utf-8")
    result = results[0]
    assert (
        f"必备 {result.required_met}/{result.required_total}"
        in re.search(r'<div class="summary.*?</div>', text).group()
    )
    apart = re.search(r'<div class="not-applicable"><h4>— 不适用（无可检查的内容，不计分）</h4>(.*?)</div>', text, re.S)
    listed = [int(n) for n in re.findall(r'<li class="st-na" id="d1-c(\d+)">', apart.group(1))]
    assert listed == [i for i, f in enumerate(result.findings) if f.status == "n/a"]
    checklist = text[: apart.start()]
    assert 'class="st-na"' not in checklist, "n/a items are not among the scored groups"


def test_html_index_ranks_documents_by_score(results):
    text = render("html", results).decode("utf-8")
    nav = re.search(r'<nav class="index">(.*?)</nav>', text, re.S).group(1)
    ranked = re.findall(r'<a class="name" href="#(d\d)"', nav)
    by_score = sorted(range(len(results)), key=lambda i: -results[i].score)
    assert ranked == [f"d{i + 1}" for i in by_score]
    widths = re.findall(r'style="width: ([\d.]+)%"', nav)
    assert [float(w) for w in widths] == [results[i].score for i in by_score]
    assert ERRORS[0][0] in nav
    single = render("html", results[:1], []).decode("utf-8")
    assert '<nav class="index">' not in single


def test_html_evidence_is_marked_and_gaps_are_placed(results):
    page = parse(render("html", results))
    for number, result in enumerate(results, start=1):
        doc = result.document
        line_ids = [i for i in page.order if i.startswith(f"d{number}-l")]
        assert [page.lines[i][1] for i in line_ids] == [line.shown for line in doc.lines]
        by_file_line = {int(page.lines[i][0]): i for i in line_ids}
        for finding in result.findings:
            if finding.status == "n/a":
                continue  # nothing was checked: its evidence (if any) is not marked
            for ev in finding.evidence:
                _, text, marked = page.lines[by_file_line[ev.line]]
                snippet = core(ev.text)
                start = text.find(snippet)
                assert start >= 0, snippet
                starts = [s for s in range(len(text)) if text.startswith(snippet, s)]
                assert any(
                    set(range(max(s, min(ev.column - 1, s + len(snippet) - 1)), s + len(snippet))) <= marked
                    for s in starts
                ), (finding.rule, snippet)
        order = [i for i in page.order if i.startswith(f"d{number}-")]
        first_line = next(k for k, i in enumerate(order) if "-l" in i)
        part_line = {
            f.rule.removeprefix("part."): f.evidence[0].line
            for f in result.findings
            if f.rule.startswith("part.") and f.evidence and f.status != "fail"
        }
        placed_top = 0
        for index, finding in enumerate(result.findings):
            if finding.status in ("pass", "n/a"):
                continue
            position = order.index(f"d{number}-g{index}")
            line = finding.evidence[0].line if finding.evidence else part_line.get(finding.part)
            if line is None:  # a missing part (or a page-level item): at the top of the text
                assert position < first_line
                placed_top += 1
            else:  # right after its line: the first evidence, else its part's heading (other notes may come first)
                line_id = by_file_line[line]
                between = order[order.index(line_id) + 1 : position]
                assert all("-g" in i for i in between), (finding.rule, between)
        if number == 1:  # gaps-2023 has no "其他需要报告的情况"
            assert (
                placed_top and order.index(f"d1-g{[f.rule for f in result.findings].index('part.other')}") < first_line
            )


def test_html_escapes_text(results):
    result = results[0]
    doc = replace(result.document, title="<script>alert(1)</script>", path="a&b.txt")
    odd = replace(gaps(result)[0], suggestion='写上 "<img src=x>"')
    text = render("html", [with_findings(result, (odd,), document=doc)], []).decode("utf-8")
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "a&amp;b.txt" in text


def chromium() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(html: Path, png: Path, profile: Path, size: str = "1200,1600") -> subprocess.CompletedProcess:
    browser = chromium()
    assert browser
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={size}",
            html.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.mark.skipif(chromium() is None, reason="没有 chromium（apt-get install -y chromium），跳过 HTML 截图")
def test_html_renders_in_headless_chromium(results, tmp_path):
    html = tmp_path / "报告.html"
    html.write_bytes(render("html", results))
    png = tmp_path / "报告.png"
    proc = screenshot(html, png, tmp_path / "profile")
    assert png.exists(), proc.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 1600)
    assert len(data) > 30_000  # a rendered page, not a blank one


def test_output_files_get_ordinary_permissions(tmp_path: Path) -> None:
    from tests.reportkit import run_fzcheck

    out = tmp_path / "out.json"
    old = os.umask(0o022)
    try:
        run_fzcheck("check", str(ROOT / "examples" / "complete-2024.txt"), "--format", "json", "-o", str(out))
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("output_dir", [False, True])
def test_a_config_format_not_in_the_registry_is_refused_in_one_line(output_dir, tmp_path, capsys):
    from checker.cli import main

    (tmp_path / "fzcheck.toml").write_text('formats = ["pdf"]\n', encoding="utf-8")
    args = ["check", str(ROOT / "examples" / "gaps-2023.txt"), "--config", str(tmp_path / "fzcheck.toml")]
    if output_dir:
        args += ["--output-dir", str(tmp_path / "out")]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.err == "fzcheck：不支持的输出格式：pdf\n" and captured.out == ""
    assert not (tmp_path / "out").exists()
