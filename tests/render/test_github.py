"""`--format github`: one escaped workflow command a gap."""

from __future__ import annotations

import re
from dataclasses import replace

from tests.render.kit import ERRORS, gaps, render, with_findings

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
