"""The whole pipeline for one file: load -> normalize -> structure -> parts -> evaluate -> score."""

from __future__ import annotations

from dataclasses import replace

from checker.evaluate import evaluate
from checker.load import DEFAULT_MAX_BYTES, load
from checker.model import Finding, Pack, RawDocument, Result
from checker.normalize import normalize
from checker.packs import default_packs
from checker.parts import part_maps
from checker.score import Gate, result_of
from checker.structure import build_sections


def check_file(
    source: str | RawDocument,
    packs: list[Pack] | None,
    gate: Gate,
    year: int | None = None,
    report_type: str | None = None,
    *,
    previous_path: str | RawDocument | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Result:
    """The result of checking one report, a path to read or a document already read (rule examples,
    benchmarks); raises InputError for unreadable input.

    With packs None, the default packs for the report's type are used (department reports
    get the department pack, and so on). `previous_path` is last year's report of the same
    body (a path, or a document already read): rules that compare with it (type reuse, built-in pack
    quality) then run. Files read are refused above `max_bytes`.
    """
    raw = load(source, max_bytes=max_bytes) if isinstance(source, str) else source
    previous = None
    if previous_path:
        previous_raw = load(previous_path, max_bytes=max_bytes) if isinstance(previous_path, str) else previous_path
        previous = normalize(previous_raw)
    doc = normalize(raw)
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
    chosen = list(packs) if packs is not None else list(default_packs(doc.report_type))
    if previous is not None:
        chosen = with_previous_rules(chosen)
    by_rule: dict[str, Finding] = {}
    parts_cache = part_maps(doc, sections, chosen)  # the parts stage, once per set of part definitions
    for pack in chosen:
        for finding in evaluate(doc, sections, pack, previous, parts_cache):
            by_rule.pop(finding.rule, None)  # a later pack naming the same rule id decides it
            by_rule[finding.rule] = finding
    return result_of(doc, sections, list(by_rule.values()), chosen, gate)


def check_text(
    text: str,
    packs: list[Pack] | None,
    gate: Gate,
    year: int | None = None,
    report_type: str | None = None,
    *,
    previous: RawDocument | None = None,
) -> Result:
    """The result of checking a text held in memory (rule examples), with last year's report when given."""
    raw = RawDocument(path="<示例>", text=text, encoding="utf-8")
    return check_file(raw, packs, gate, year, report_type, previous_path=previous)


def with_previous_rules(chosen: list[Pack]) -> list[Pack]:
    """The packs, plus the built-in quality pack when none of them compares with last year's report."""
    from checker.packs import load_pack, resolve_pack
    from checker.ruletypes import RULE_TYPES

    if any(RULE_TYPES[rule.type].needs_previous for pack in chosen for rule in pack.rules):
        return chosen
    return [*chosen, load_pack(resolve_pack("quality"))]
