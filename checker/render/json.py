"""`--format json`: a versioned, deterministic document (see docs/json-format.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from checker import __version__
from checker.model import Evidence, Finding, Result

SCHEMA_VERSION = "2.0"  # docs/json-format.md says what each version changed


def evidence_json(ev: Evidence) -> dict[str, Any]:
    return {
        "text": ev.text,
        "line": ev.line,
        "column": ev.column,
        "location": ev.location,
        "section": ev.section,  # a tuple is written as an array
        "similarity": ev.similarity,
    }


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "title": finding.title,
        "part": finding.part,
        "status": finding.status,
        "severity": finding.severity,
        "weight": finding.weight,
        "message": finding.message,
        "detail": finding.detail,
        "suggestion": finding.suggestion,
        "evidence": [evidence_json(e) for e in finding.evidence],
        "looked_in": finding.looked_in,
        "values": finding.values,
        "waiver": finding.waiver,
        "waived_status": finding.waived_status,
    }


def document_json(result: Result) -> dict[str, Any]:
    doc = result.document
    return {
        "path": doc.path,
        "title": doc.title,
        "encoding": doc.encoding,
        "report_year": doc.report_year,
        "report_type": doc.report_type,
        "traditional": doc.traditional,
        "meta": dict(sorted(doc.meta.items())),
        "packs": list(result.packs),
        "score": result.score,
        "passed": result.passed,
        "counts": dict(result.counts),
        "required": {"met": result.required_met, "total": result.required_total},
        "unmet": dict(result.unmet),
        "findings": [finding_json(f) for f in result.findings],
    }


def render_json(results: list[Result], errors: list[tuple[str, str]]) -> str:
    return "".join(render_json_chunks(results, errors))


def render(results: list[Result], errors: list[tuple[str, str]]) -> bytes:
    return render_json(results, errors).encode("utf-8")


def render_chunks(results: list[Result], errors: list[tuple[str, str]]) -> Iterator[bytes]:
    """The bytes of render_json_chunks, as they come (the format streams: see checker.render.Format).

    Made as bytes throughout: orjson writes UTF-8, which was decoded only to be encoded again.
    """
    return json_chunks(results, errors, dumps_bytes, str.encode)


def render_json_chunks(results: list[Result], errors: list[tuple[str, str]]) -> Iterator[str]:
    """The JSON document in pieces, one per report, so a batch of thousands is never held whole.

    The text is exactly json.dumps(payload, indent=2): the payload is dumped with a placeholder
    for the documents, and each document, dumped alone, is indented to its place in the list.
    """
    return json_chunks(results, errors, dumps, str)


_DOCUMENTS = "\x00documents\x00"
AnyText = TypeVar("AnyText", str, bytes)


def json_chunks(
    results: list[Result],
    errors: list[tuple[str, str]],
    dump: Callable[[Any], AnyText],
    literal: Callable[[str], AnyText],
) -> Iterator[AnyText]:
    """render_json_chunks as text or as UTF-8 bytes: `dump` writes a value, `literal` gives the fixed pieces."""
    head, tail = head_and_tail(all(r.passed for r in results) and not errors, errors, dump)
    yield head
    if not results:
        yield literal("[]")
    else:
        yield literal("[")
        indented = literal("\n    ")
        for number, result in enumerate(results):
            body = placed_document(result, dump, literal)
            yield (indented if number == 0 else literal(",") + indented) + body
        yield literal("\n  ]")
    yield tail


def placed_document(result: Result, dump: Callable[[Any], AnyText], literal: Callable[[str], AnyText]) -> AnyText:
    """One report's document indented to its place in the documents list, without its first indent.

    A document dumped as the one item of a list in an object is indented there already (no second pass
    over its text to indent it): only the wrapper's own lines are cut off.
    """
    before, _, after = dump({"": [None]}).partition(literal("null"))
    return dump({"": [document_json(result)]})[len(before) : -len(after)]


def head_and_tail(
    passed: bool, errors: list[tuple[str, str]], dump: Callable[[Any], AnyText]
) -> tuple[AnyText, AnyText]:
    """The document before and after its list of documents (a batch's parent joins the workers' pieces between)."""
    payload = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "fzcheck", "version": __version__},
        "passed": passed,
        "documents": _DOCUMENTS,
        "errors": [{"path": path, "message": message} for path, message in errors],
    }
    head, _, tail = dump(payload).partition(dump(_DOCUMENTS).strip())
    return head, tail


def dumps(payload: Any) -> str:
    """Indented JSON, keys in insertion order, non-ASCII kept; the same text as json.dumps(indent=2).

    orjson writes it about five times faster than the standard library's indented (pure Python)
    encoder, which dominated batch output. Anything orjson refuses falls back to the standard one.
    """
    try:
        import orjson

        return orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    except (ImportError, TypeError):
        import json

        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def dumps_bytes(payload: Any) -> bytes:
    """dumps(payload) as UTF-8."""
    try:
        import orjson

        return orjson.dumps(payload, option=orjson.OPT_INDENT_2) + b"\n"
    except (ImportError, TypeError):
        return dumps(payload).encode("utf-8")
