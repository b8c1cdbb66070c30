"""`--format github`: GitHub Actions workflow commands, one annotation per finding not passed.

    ::error file=报告.txt,line=9,title=part.leader-duty 第一责任人职责::说明 建议：……

error → ::error, warning → ::warning, info → ::notice; waived and n/a findings are not annotated
(nothing to fix).
Data is escaped as the runner requires (% CR LF), properties also : and ,.
"""

from __future__ import annotations

import os
import re

from checker.model import Result
from checker.safetext import terminal_safe

_LINE_BREAKS = re.compile("([\r\n])")
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    # Other control characters made visible first: the runner's log would obey an escape sequence.
    visible = "".join(part if part in ("\r", "\n") else terminal_safe(part) for part in _LINE_BREAKS.split(text))
    return visible.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def posix_path(path: str) -> str:
    """Forward slashes for the runner; a backslash is a separator only on Windows (elsewhere it may be
    part of a name, as in the \\xNN escapes of a name that is not UTF-8)."""
    return path.replace(os.sep, "/") if os.sep != "/" else path


def command(name: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def render(results: list[Result], errors: list[tuple[str, str]]) -> bytes:
    lines = []
    for result in results:
        path = posix_path(result.document.path)
        for finding in result.findings:
            if finding.status in ("pass", "n/a", "waived"):
                continue
            line = finding.evidence[0].line if finding.evidence else 1
            properties = {"file": path, "line": str(max(1, line)), "title": f"{finding.rule} {finding.title}"}
            message = f"{finding.message} 建议：{finding.suggestion}"
            lines.append(command(COMMAND.get(finding.severity, "warning"), properties, message))
    for path, problem in errors:
        lines.append(command("error", {"file": posix_path(path), "title": "无法检查"}, problem))
    return "".join(line + "\n" for line in lines).encode("utf-8")
