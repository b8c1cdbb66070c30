"""The whole pipeline for one file: load -> normalize -> structure -> evaluate -> score."""

from __future__ import annotations

from dataclasses import replace

from checker.evaluate import evaluate
from checker.load import load
from checker.model import Pack, Result
from checker.normalize import normalize
from checker.score import Gate, result_of
from checker.structure import build_sections


def check_file(
    path: str, packs: list[Pack], gate: Gate, year: int | None = None, report_type: str | None = None
) -> Result:
    """The result of checking one report; raises InputError for unreadable input."""
    doc = normalize(load(path))
    if year is not None or report_type is not None:
        doc = replace(
            doc,
            report_year=year if year is not None else doc.report_year,
            report_type=report_type or doc.report_type,
            meta={
                **doc.meta,
                **({"year_from": "option"} if year else {}),
                **({"type_from": "option"} if report_type else {}),
            },
        )
    sections = build_sections(doc)
    findings = []
    seen: set[str] = set()
    for pack in packs:
        for finding in evaluate(doc, sections, pack):
            if finding.rule in seen:
                continue  # the first pack that names a rule id decides it
            seen.add(finding.rule)
            findings.append(finding)
    return result_of(doc, sections, findings, packs, gate)
