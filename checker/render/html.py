"""`--format html`: one self-contained page (inline CSS, no script, no external reference; A4 print).

Per document: the score, the required items met and the verdict, the checklist grouped by part
(△ / ✗ listed, each part's ✓ items folded into a <details> that opens on a click, or open with the
view ALL; the n/a items, which had nothing to check, folded apart under their own heading), each
item linking to where it belongs in the report text shown below it. The text is the report's own lines, evidence
highlighted with <mark>, and every gap noted (with its suggestion) after the line it belongs to: its
first evidence, else the heading of its part, else the top of the text (a missing part). For several
documents an index ranks them by score. Renderers never evaluate: placement only reads the findings.

Kept as one module past ~400 lines on purpose: the page's CSS, the checklist and the annotated text
share one numbering of items and anchors, and splitting them would pass that state between modules.
"""

from __future__ import annotations

from html import escape

from checker import __version__
from checker.model import Document, Evidence, Finding, Result
from checker.render import (
    ALL,
    GAPS,
    NA_TITLE,
    SEVERITY_NAME,
    STATUS_MARK,
    STATUS_NAME,
    TYPE_NAME,
    folded_text,
    passed_count,
    required_text,
    unfolded,
    verdict_text,
)
from checker.render.doclink import absolute_doc_url, docs_base_url

TOP = -1  # placement of a gap that belongs to no line (a missing part)
_RANK = {"pass": 0, "n/a": 0, "waived": 1, "partial": 2, "fail": 3}
NOTED = ("partial", "fail", "waived")  # statuses that get a note in the text (n/a and pass need no change)

CSS = """
:root { --pass: #1a7f37; --partial: #9a6700; --fail: #cf222e; --waived: #0969da; --na: #8c959f; --line: #d0d7de;
  --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60em; padding: 1.5em 2em 3em; color: #1f2328; background: #fff;
  font: 15px/1.7 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Zen Hei", "SimSun", sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.3em; margin: 0 0 .4em; word-break: break-all; }
h3 { font-size: 1.1em; margin: 1.4em 0 .5em; border-bottom: 1px solid var(--line); padding-bottom: .2em; }
h4 { font-size: 1em; margin: 1em 0 .3em; }
a { color: inherit; text-decoration: none; }
a:hover { text-decoration: underline; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .85em; color: var(--muted); }
.tool { color: var(--muted); margin: 0 0 1.5em; }
.index { border: 1px solid var(--line); border-radius: 6px; padding: .8em 1.2em; margin-bottom: 2em; }
.index ol { margin: 0; padding-left: 1.5em; }
.index li { margin: .35em 0; }
.index .row { display: flex; align-items: center; gap: .8em; }
.index .name { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar { flex: 0 0 12em; height: .8em; background: #eaeef2; border-radius: 4px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--fail); }
.bar.ok > span { background: var(--pass); }
.index .score { flex: 0 0 3.5em; text-align: right; font-weight: bold; }
.index .verdict { flex: 0 0 6em; white-space: nowrap; }
.index .required { flex: 0 0 5em; white-space: nowrap; color: var(--muted); }
.errors li { color: var(--fail); }
.document { border-top: 3px solid #1f2328; padding-top: 1em; margin-top: 2em; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: 0 0 .8em; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.summary { display: flex; align-items: baseline; gap: 1.2em; font-size: 1.1em; padding: .5em 1em;
  border-radius: 6px; background: #f6f8fa; }
.summary .score { font-size: 2em; font-weight: bold; }
.summary.passed .verdict { color: var(--pass); font-weight: bold; }
.summary.failed .verdict { color: var(--fail); font-weight: bold; }
.checklist { list-style: none; margin: 0; padding: 0; }
.checklist li { padding: .25em 0 .25em 1.8em; text-indent: -1.8em; border-bottom: 1px dotted #eaeef2; }
.checklist .why { display: block; text-indent: 0; color: var(--muted); font-size: .9em; }
.mark { display: inline-block; width: 1.8em; text-indent: 0; text-align: center; font-weight: bold; }
.sev { font-size: .8em; border: 1px solid var(--line); border-radius: 3px; padding: 0 .3em; color: var(--muted); }
.st-pass .mark { color: var(--pass); }
.st-partial .mark { color: var(--partial); }
.st-fail .mark { color: var(--fail); }
.st-waived .mark { color: var(--waived); }
.st-na .mark { color: var(--na); }
.st-na { color: var(--muted); }
details.fold > summary { cursor: pointer; padding: .25em 0; border-bottom: 1px dotted #eaeef2; }
details.passed > summary { color: var(--pass); }
details.not-applicable { margin-top: 1em; }
details.not-applicable > summary { color: var(--muted); font-weight: bold; }
.summary .required { font-weight: bold; }
.part-score { color: var(--muted); font-weight: normal; font-size: .9em; }
.text { border: 1px solid var(--line); border-radius: 6px; padding: .5em 0; }
.ln { display: flex; gap: .8em; padding: 0 1em 0 0; }
.ln:target, .gap:target { outline: 2px solid #0969da; }
.no { flex: 0 0 3.2em; text-align: right; color: var(--muted); font-size: .8em; padding-top: .25em;
  user-select: none; }
.tx { flex: 1 1 auto; min-width: 0; white-space: pre-wrap; word-break: break-all; }
mark { background: #fff8c5; padding: 0 .1em; border-bottom: 2px solid #d4a72c; }
mark.st-pass { background: #dafbe1; border-bottom-color: #4ac26b; }
mark.st-fail { background: #ffebe9; border-bottom-color: #ff8182; }
.gap { margin: .3em 1em .6em 4.2em; padding: .4em .8em; border-left: 4px solid var(--partial);
  background: #fff8c5; font-size: .92em; }
.gap.st-fail { border-left-color: var(--fail); background: #ffebe9; }
.gap.st-waived { border-left-color: var(--waived); background: #ddf4ff; }
.gap p { margin: .15em 0; }
.gap .back { float: right; font-size: .85em; color: var(--muted); }
.top-gaps { margin-bottom: .6em; }
.top-gaps .gap { margin-left: 1em; }
.top-gaps h4 { margin: .2em 1em; color: var(--muted); font-weight: normal; }
@page { size: A4; margin: 15mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .document { break-before: page; border-top: none; margin-top: 0; }
  .index + .document, .tool + .document { break-before: auto; }
  .ln, .gap, .checklist li, .index li, details.fold > summary { break-inside: avoid; }
  details.fold > summary { list-style: none; }
  h3, h4 { break-after: avoid; }
  .gap .back { display: none; }
  .ln:target, .gap:target { outline: none; }
}
"""


def render(results: list[Result], errors: list[tuple[str, str]], view: str = GAPS) -> bytes:
    """The page; `view` ALL opens every folded list (QUIET shows as GAPS: a page is read, not scanned)."""
    out = page_head(results, errors, view)
    for number, result in enumerate(results, start=1):
        out += document_html(result, f"d{number}", view)
    out += ["</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8")


def page_head(results: list[Result], errors: list[tuple[str, str]], view: str = GAPS) -> list[str]:
    """The page up to the first report: head, heading, and the ranked index of a batch."""
    title = "法治政府建设年度报告检查"
    if len(results) == 1 and not errors:
        title += f"：{results[0].document.title or results[0].document.path}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="fzcheck {esc(__version__)}">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<h1>法治政府建设年度报告检查</h1>",
        f'<p class="tool">由 fzcheck {esc(__version__)} 生成，逐项列出 ✓ 符合 / △ 部分符合 / ✗ 缺失'
        "（— 不适用：没有可检查的内容，不计分），点击检查项可跳到原文中的位置"
        + ("" if view == ALL else "；符合和不适用的项目已折叠，点击可展开")
        + "。</p>",
    ]
    if len(results) > 1 or errors:
        out += index(results, errors)
    return out


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def css_status(status: str) -> str:
    """The status as a CSS class (n/a -> st-na: a slash would need escaping in selectors)."""
    return "st-" + status.replace("/", "")


def index(results: list[Result], errors: list[tuple[str, str]]) -> list[str]:
    passed = sum(r.passed for r in results)
    out = [
        '<nav class="index">',
        "<h2>检查结果排名</h2>",
        f"<p>共 {len(results) + len(errors)} 份：通过 {passed} 份，未通过 {len(results) - passed} 份"
        + (f"，无法检查 {len(errors)} 份" if errors else "")
        + "。</p>",
        "<ol>",
    ]
    ranked = sorted(enumerate(results, start=1), key=lambda item: (-item[1].score, item[0]))
    for number, result in ranked:
        doc = result.document
        name = doc.title or doc.path
        width = max(0.0, min(100.0, result.score))
        verdict = "✓ 通过" if result.passed else "✗ 未通过"
        out.append(
            f'<li><div class="row"><a class="name" href="#d{number}" title="{esc(doc.path)}">{esc(name)}</a>'
            f'<span class="bar{" ok" if result.passed else ""}"><span style="width: {width:g}%"></span></span>'
            f'<span class="score">{result.score:g}</span><span class="required">{esc(required_text(result))}</span>'
            f'<span class="verdict">{esc(verdict)}</span></div></li>'
        )
    out.append("</ol>")
    if errors:
        out.append('<ul class="errors">')
        out += [f"<li>✗ 无法检查 {esc(path)}：{esc(message)}</li>" for path, message in errors]
        out.append("</ul>")
    out.append("</nav>")
    return out


def line_index(doc: Document) -> dict[int, int]:
    """File line -> index in Document.lines (a joined line covers several file lines)."""
    out: dict[int, int] = {}
    for number, line in enumerate(doc.lines):
        out.setdefault(line.source_line, number)
        for _, file_line in line.breaks:
            out.setdefault(file_line, number)
    return out


def line_of(doc: Document, lines: dict[int, int], ev: Evidence) -> int:
    if ev.line in lines:
        return lines[ev.line]
    before = [i for i, line in enumerate(doc.lines) if line.source_line <= ev.line]
    return before[-1] if before else TOP


def placements(result: Result, lines: dict[int, int]) -> list[int]:
    """For each finding, the index of the line it belongs to (TOP when none)."""
    doc = result.document
    heading: dict[str, int] = {}
    for finding in result.findings:
        if finding.rule.startswith("part.") and finding.evidence and finding.status != "fail":
            heading.setdefault(finding.rule[len("part.") :], line_of(doc, lines, finding.evidence[0]))
    out = []
    for finding in result.findings:
        if finding.evidence:
            out.append(line_of(doc, lines, finding.evidence[0]))
        else:
            out.append(heading.get(finding.part, TOP))
    return out


def document_html(result: Result, prefix: str, view: str = GAPS) -> list[str]:
    doc = result.document
    lines = line_index(doc)
    placed = placements(result, lines)
    facts = [("文件", doc.path)]
    if doc.title:
        facts.append(("标题", doc.title))
    facts.append(("报告年度", f"{doc.report_year} 年" if doc.report_year else "未能确定"))
    facts.append(("报告类型", TYPE_NAME.get(doc.report_type, doc.report_type)))
    if doc.meta.get("published"):
        facts.append(("发布日期", doc.meta["published"]))
    if doc.traditional:
        facts.append(("提示", "原文含繁体字，已转为简体进行比对，证据按原文显示"))
    verdict = verdict_text(result)
    out = [
        f'<section class="document" id="{prefix}">',
        f"<h2>{esc(doc.title or doc.path)}</h2>",
        '<dl class="facts">',
        *(f"<dt>{esc(name)}</dt><dd>{esc(value)}</dd>" for name, value in facts),
        "</dl>",
        f'<div class="summary {"passed" if result.passed else "failed"}">'
        f'<span>得分 <span class="score">{result.score:g}</span> / 100</span>'
        f'<span class="required">{esc(required_text(result))}</span>'
        f'<span class="verdict">{esc(verdict)}</span></div>',
        "<h3>检查清单</h3>",
    ]
    for group, numbers in result.groups:
        score = result.part_scores.get(group)
        score_text = f' <span class="part-score">{score:g} 分</span>' if score is not None else ""
        out.append(f"<h4>{esc(result.group_titles.get(group, group))}{score_text}</h4>")
        shown = unfolded(result, numbers)
        folded = [n for n in numbers if n not in shown]
        if shown:
            out += checklist(prefix, result, shown, placed)
        if folded:
            summary = f"{STATUS_MARK['pass']} {folded_text(passed_count(result, folded), len(shown))}"
            out += folded_list("passed", summary, view, checklist(prefix, result, folded, placed))
    if result.not_applicable:  # apart from the scored groups
        summary = f"{STATUS_MARK['n/a']} {NA_TITLE}：{len(result.not_applicable)} 项"
        out += folded_list("not-applicable", summary, view, checklist(prefix, result, result.not_applicable, placed))
    out.append("<h3>报告原文</h3>")
    out.append(f'<div class="text" id="{prefix}-text">')
    at_top = [n for n, f in enumerate(result.findings) if placed[n] == TOP and f.status in NOTED]
    if at_top:
        out.append('<div class="top-gaps"><h4>原文中没有对应位置的问题（缺失的部分等）</h4>')
        out += [gap_note(prefix, n, result.findings[n], doc) for n in at_top]
        out.append("</div>")
    notes: dict[int, list[int]] = {}
    for number, finding in enumerate(result.findings):
        if finding.status in NOTED and placed[number] != TOP:
            notes.setdefault(placed[number], []).append(number)
    spans = highlight_spans(result, lines)
    for number, line in enumerate(doc.lines):
        where = esc(doc.location_of(line.source_line))
        out.append(
            f'<div class="ln" id="{prefix}-l{number}"><span class="no" title="{where}">{line.source_line}</span>'
            f'<div class="tx">{marked(line.shown, spans.get(number, []))}</div></div>'
        )
        out += [gap_note(prefix, n, result.findings[n], doc) for n in notes.get(number, [])]
    out += ["</div>", "</section>"]
    return out


def folded_list(kind: str, summary: str, view: str, items: list[str]) -> list[str]:
    """Items folded under a one-line summary: a click opens them; open from the start with the view ALL."""
    opened = " open" if view == ALL else ""
    return [f'<details class="fold {kind}"{opened}><summary>{esc(summary)}</summary>', *items, "</details>"]


def checklist(prefix: str, result: Result, numbers: tuple[int, ...] | list[int], placed: list[int]) -> list[str]:
    """A <ul> of checklist items, one per finding number."""
    items = [
        checklist_item(prefix, n, result.findings[n], target(prefix, result.findings[n], n, placed[n])) for n in numbers
    ]
    return ['<ul class="checklist">', *items, "</ul>"]


def target(prefix: str, finding: Finding, number: int, line: int) -> str:
    """Where a checklist item links: its gap note, else its line, else the top of the text."""
    if finding.status in NOTED:
        return f"{prefix}-g{number}"
    return f"{prefix}-l{line}" if line != TOP else f"{prefix}-text"


def checklist_item(prefix: str, number: int, finding: Finding, anchor: str) -> str:
    status = finding.status
    # A pass or an n/a item says what was found (or why nothing could be checked); a gap says what is asked.
    if status in ("pass", "n/a"):
        why = f"{STATUS_NAME[status]}：{finding.detail}" if status == "n/a" else finding.detail
    else:
        why = f"{STATUS_NAME.get(status, status)}：{finding.message}"
    return (
        f'<li class="{css_status(status)}" id="{prefix}-c{number}"><a href="#{anchor}">'
        f'<span class="mark">{esc(STATUS_MARK.get(status, "?"))}</span>{esc(finding.title)}</a> '
        f'<span class="sev">{esc(SEVERITY_NAME.get(finding.severity, finding.severity))}</span> '
        f"<code>{esc(finding.rule)}</code>" + (f'<span class="why">{esc(why)}</span>' if why else "") + "</li>"
    )


def gap_note(prefix: str, number: int, finding: Finding, doc: Document) -> str:
    status = finding.status
    parts = [
        f'<aside class="gap {css_status(status)}" id="{prefix}-g{number}">',
        f'<a class="back" href="#{prefix}-c{number}">↑ 返回清单</a>',
        f"<p><b>{esc(STATUS_MARK.get(status, '?'))} {esc(finding.title)}</b>"
        f"（{esc(SEVERITY_NAME.get(finding.severity, finding.severity))}，{esc(STATUS_NAME.get(status, status))}）"
        f" <code>{esc(finding.rule)}</code></p>",
        f"<p>{esc(finding.message)}</p>",
    ]
    if finding.detail:
        parts.append(f"<p>情况：{esc(finding.detail)}</p>")
    if finding.evidence:
        where = "、".join(dict.fromkeys(ev.location or doc.location_of(ev.line) for ev in finding.evidence))
        parts.append(f"<p>证据：{esc(where)}</p>")
    elif finding.looked_in:
        parts.append(f"<p>查找范围：{esc(finding.looked_in)}</p>")
    if status == "waived" and getattr(finding, "waiver", ""):
        parts.append(f"<p>豁免理由：{esc(finding.waiver)}</p>")
    parts.append(f"<p><b>建议：</b>{esc(finding.suggestion)}</p>")
    # The page is self-contained: the rule's reference is a link only under a configured absolute base
    # (FZCHECK_DOCS_URL); otherwise its place in the project is named, as text.
    url = absolute_doc_url(finding, docs_base_url())
    if url:
        parts.append(f'<p class="doc">规则说明：<a href="{esc(url)}">{esc(finding.doc)}</a></p>')
    elif finding.doc:
        parts.append(f'<p class="doc">规则说明：<code>{esc(finding.doc)}</code></p>')
    parts.append("</aside>")
    return "".join(parts)


def highlight_spans(result: Result, lines: dict[int, int]) -> dict[int, list[tuple[int, int, str, str]]]:
    """Per line index: (start, end, status, rule titles) of each evidence snippet found in the shown line."""
    doc = result.document
    out: dict[int, list[tuple[int, int, str, str]]] = {}
    for finding in result.findings:
        if finding.status == "n/a":
            continue  # e.g. the plan's heading when it names no year: nothing to mark
        for ev in finding.evidence:
            number = line_of(doc, lines, ev)
            if number == TOP:
                continue
            span = locate(doc.lines[number], ev)
            if span:
                out.setdefault(number, []).append((*span, finding.status, finding.title))
    return out


def locate(line, ev: Evidence) -> tuple[int, int] | None:
    """The span of an evidence in the shown line: from its column to the end of its snippet (… marks a cut).

    The snippet is looked up in the shown line (the occurrence holding the column wins); None when the
    line as shown differs from the snippet (e.g. a line re-joined from several file lines).
    """
    snippet = ev.text.strip().removeprefix("…").removesuffix("…")
    if not snippet:
        return None
    base = next((offset for offset, file_line in line.breaks if file_line == ev.line), 0)
    expected = base + ev.column - 1
    found, start = [], line.shown.find(snippet)
    while start >= 0:
        found.append(start)
        start = line.shown.find(snippet, start + 1)
    if not found:
        return None
    best = min(found, key=lambda s: (not s <= expected < s + len(snippet), abs(s - expected)))
    # The match starts at the evidence column; the snippet before it is context.
    start = expected if best <= expected < best + len(snippet) else best
    return start, best + len(snippet)


def marked(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """The line escaped, with overlapping evidence spans merged into one <mark> each."""
    merged: list[list] = []
    for start, end, status, title in sorted(spans):
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if _RANK.get(status, 0) > _RANK.get(last[2], 0):
                last[2] = status
            if title not in last[3]:
                last[3].append(title)
        else:
            merged.append([start, end, status, [title]])
    out, pos = [], 0
    for start, end, status, titles in merged:
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="{css_status(status)}" title="{esc("、".join(titles))}">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)
