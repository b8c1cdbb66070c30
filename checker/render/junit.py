"""`--format junit`: JUnit XML for GitLab / Jenkins test reports.

One <testsuite> per document (name = path), one <testcase> per finding (classname = path,
name = "rule.id 标题"). A finding not passed is a <failure type="severity">, except an info
item, which stays a passed testcase with the gap in <system-out>; a waived finding, and an n/a one
(nothing to check), is <skipped> with the reason.
An unreadable file is a testsuite holding one testcase with an <error>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.model import Finding, Result
from checker.render import SEVERITY_NAME, STATUS_NAME

# Characters XML 1.0 cannot carry at all.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: object) -> str:
    return _INVALID_XML.sub("", str(text))


def render(results: list[Result], errors: list[tuple[str, str]]) -> bytes:
    root = ET.Element("testsuites", {"name": "fzcheck"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in results:
        suite = document_suite(result)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for path, message in errors:
        root.append(error_suite(path, message))
        totals["tests"] += 1
        totals["errors"] += 1
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def document_suite(result: Result) -> ET.Element:
    doc = result.document
    path = clean(doc.path)
    suite = ET.Element("testsuite", {"name": path})
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("title", doc.title),
        ("report_year", doc.report_year if doc.report_year is not None else ""),
        ("report_type", doc.report_type),
        ("score", f"{result.score:g}"),
        ("required", f"{result.required_met}/{result.required_total}"),
        ("passed", "true" if result.passed else "false"),
        ("packs", ",".join(result.packs)),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": clean(value)})
    failures = skipped = 0
    for finding in result.findings:
        case = ET.SubElement(suite, "testcase", {"classname": path, "name": clean(f"{finding.rule} {finding.title}")})
        if finding.status == "pass":
            continue
        if finding.status == "waived":
            reason = getattr(finding, "waiver", "")
            ET.SubElement(case, "skipped", {"message": clean(f"已豁免：{reason}" if reason else "已豁免")})
            skipped += 1
        elif finding.status == "n/a":
            ET.SubElement(case, "skipped", {"message": clean(f"{STATUS_NAME['n/a']}：{finding.detail}")})
            skipped += 1
        elif finding.severity == "info":
            ET.SubElement(case, "system-out").text = clean(body(finding))
        else:
            failure = ET.SubElement(
                case,
                "failure",
                {
                    "message": clean(f"{STATUS_NAME.get(finding.status, finding.status)}：{finding.message}"),
                    "type": finding.severity,
                },
            )
            failure.text = clean(body(finding))
            failures += 1
    suite.set("tests", str(len(result.findings)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


def error_suite(path: str, message: str) -> ET.Element:
    suite = ET.Element("testsuite", {"name": clean(path), "tests": "1", "failures": "0", "errors": "1", "skipped": "0"})
    case = ET.SubElement(suite, "testcase", {"classname": clean(path), "name": "读取文件"})
    error = ET.SubElement(case, "error", {"message": clean(message), "type": "input-error"})
    error.text = clean(f"无法检查 {path}：{message}")
    return suite


def body(finding: Finding) -> str:
    """The gap as lines a person reads in the CI job's test report."""
    lines = [
        f"状态：{STATUS_NAME.get(finding.status, finding.status)}"
        f"（{SEVERITY_NAME.get(finding.severity, finding.severity)}，{finding.rule}）",
        f"说明：{finding.message}",
    ]
    if finding.detail:
        lines.append(f"情况：{finding.detail}")
    for ev in finding.evidence:
        lines.append(f"证据：{ev.location or f'第 {ev.line} 行'}  {ev.text}")
    if finding.looked_in:
        lines.append(f"查找范围：{finding.looked_in}")
    lines.append(f"建议：{finding.suggestion}")
    return "\n".join(lines)
