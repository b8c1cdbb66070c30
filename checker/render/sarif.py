"""`--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, GitLab, IDE viewers).

One run; the driver lists every rule met in the results (first-seen order); a result for each
finding not passed (waived ones carry an accepted suppression with the waiver's reason; n/a ones,
where the rule had nothing to check, are `kind: notApplicable` at level none); files that could not
be read are tool execution notifications. A rule's help comes from its basis (Finding.basis); it has
a helpUri to its section of docs/rules.md only when FZCHECK_DOCS_URL gives an absolute base.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.model import Evidence, Finding, Result
from checker.render.doclink import absolute_doc_url, docs_base_url
from checker.render.json import dumps
from checker.safetext import shown_name

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(results: list[Result], errors: list[tuple[str, str]]) -> bytes:
    rules: dict[str, dict[str, Any]] = {}
    index: dict[str, int] = {}
    docs_url = docs_base_url()
    sarif_results = []
    for result in results:
        for finding in result.findings:
            if finding.rule not in rules:
                index[finding.rule] = len(rules)
                rules[finding.rule] = rule_json(finding, docs_url)
            if finding.status != "pass":
                sarif_results.append(result_json(result, finding, index[finding.rule]))
    return dumps(payload(list(rules.values()), errors, sarif_results)).encode("utf-8")


def payload(rules: list[dict[str, Any]], errors: list[tuple[str, str]], results: Any) -> dict[str, Any]:
    """The SARIF log: one run, its driver's rules, the files that could not be read, the results."""
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "fzcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "invocations": [invocation(errors)],
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def rule_name(rule_id: str) -> str:
    """A non-localized PascalCase name: part.leader-duty -> PartLeaderDuty."""
    return "".join(word[:1].upper() + word[1:] for word in re.split(r"[^0-9A-Za-z]+", rule_id) if word)


def rule_json(finding: Finding, docs_url: str = "") -> dict[str, Any]:
    """A driver rule: help from the rule's basis; helpUri (absolute, SARIF §3.49.12) only under FZCHECK_DOCS_URL."""
    help_text = f"建议：{finding.suggestion}"
    if finding.basis:
        help_text += f"\n依据：{finding.basis}"
    out: dict[str, Any] = {
        "id": finding.rule,
        "name": rule_name(finding.rule) or finding.rule,
        "shortDescription": {"text": finding.title},
        "fullDescription": {"text": finding.message},
        "help": {"text": help_text},
    }
    uri = absolute_doc_url(finding, docs_url)
    if uri:
        out["helpUri"] = uri
    out["defaultConfiguration"] = {"level": LEVEL.get(finding.severity, "warning")}
    out["properties"] = {"part": finding.part, "weight": finding.weight, "severity": finding.severity}
    return out


def artifact_uri(path: str) -> str:
    """The path as a URI reference: forward slashes, relative as given, percent-encoded where needed."""
    # A name that is not UTF-8 (lone surrogates from the file system) is encoded as its own bytes.
    if PureWindowsPath(path).drive or PurePosixPath(path).is_absolute():
        posix = path.replace("\\", "/")
        return "file://" + ("" if posix.startswith("/") else "/") + quote(name_bytes(posix), safe="/:")
    return quote(name_bytes(path.replace("\\", "/")), safe="/")


def name_bytes(path: str) -> bytes:
    return path.encode("utf-8", "surrogateescape")


def location(path: str, ev: Evidence | None, message: str = "") -> dict[str, Any]:
    loc: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(path)},
            "region": {
                "startLine": max(1, ev.line) if ev else 1,
                "startColumn": max(1, ev.column) if ev else 1,
            },
        }
    }
    if ev is not None:
        loc["physicalLocation"]["region"]["snippet"] = {"text": ev.text}
    if message:
        loc["message"] = {"text": message}
    return loc


def kind_and_level(finding: Finding) -> dict[str, str]:
    """SARIF 2.1.0 §3.27.9: a rule that had nothing to check is kind notApplicable, whose level must be none."""
    if finding.status == "n/a":
        return {"kind": "notApplicable", "level": "none"}
    return {"level": LEVEL.get(finding.severity, "warning")}


def message_text(finding: Finding) -> str:
    if finding.status == "n/a":
        return f"不适用：{finding.detail}" if finding.detail else "不适用"
    text = finding.message
    if finding.detail:
        text += f"\n情况：{finding.detail}"
    if finding.looked_in:
        text += f"\n查找范围：{finding.looked_in}"
    return text + f"\n建议：{finding.suggestion}"


def result_json(result: Result, finding: Finding, rule_index: int) -> dict[str, Any]:
    path = result.document.path
    evidence = finding.evidence
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        **kind_and_level(finding),
        "message": {"text": message_text(finding)},
        "locations": [location(path, evidence[0] if evidence else None)],
    }
    if len(evidence) > 1:
        out["relatedLocations"] = [
            {"id": index, **location(path, ev, f"证据：{ev.location or f'第 {ev.line} 行'}")}
            for index, ev in enumerate(evidence[1:], start=1)
        ]
    if finding.status == "waived":
        reason = getattr(finding, "waiver", "")
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": reason or "已豁免"}]
    out["properties"] = {
        "status": finding.status,
        "severity": finding.severity,
        "title": finding.title,
        "score": result.score,
        "required": f"{result.required_met}/{result.required_total}",
    }
    return out


def invocation(errors: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "executionSuccessful": not errors,
        "toolExecutionNotifications": [
            {
                "level": "error",
                "message": {"text": shown_name(f"无法检查 {path}：{message}")},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}],
            }
            for path, message in errors
        ],
    }
