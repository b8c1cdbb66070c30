"""`--format junit`: a test suite a report, a test case a rule, a failure a gap that blocks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.render.kit import ERRORS, EXAMPLES, gaps, not_applicable, render


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
