"""`--format html`: one self-contained page, evidence marked in the report's own lines, gap notes placed
beside them, a ranked index; and it renders in a real browser when one is there."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.render.kit import ERRORS, core, gaps, render, with_findings


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
    summary = r"<summary>— 不适用（无可检查的内容，不计分）：(\d+) 项</summary>"
    apart = re.search(rf'<details class="fold not-applicable">{summary}(.*?)</details>', text, re.S)
    listed = [int(n) for n in re.findall(r'<li class="st-na" id="d1-c(\d+)">', apart.group(2))]
    assert listed == [i for i, f in enumerate(result.findings) if f.status == "n/a"]
    assert int(apart.group(1)) == len(listed)
    checklist = text[: apart.start()]
    assert 'class="st-na"' not in checklist, "n/a items are not among the scored groups"


def checklist_groups(text: str) -> list[str]:
    """The HTML of each group of the first document's checklist, from its heading to the next one."""
    end = text.find('<details class="fold not-applicable"')
    checklist = text[text.index("<h3>检查清单</h3>") : end if end >= 0 else text.index("<h3>报告原文</h3>")]
    return re.split(r"(?=<h4>)", checklist)[1:]


def test_html_folds_each_groups_passed_items_into_a_closed_details(results):
    for result in results:
        text = render("html", [result], []).decode("utf-8")
        assert "符合和不适用的项目已折叠，点击可展开" in text
        groups = checklist_groups(text)
        assert len(groups) == len(result.groups)
        for (_, indexes), html in zip(result.groups, groups, strict=True):
            passed = [i for i in indexes if result.findings[i].status == "pass"]
            shown = [i for i in indexes if i not in passed]
            folded = re.search(r'<details class="fold passed"><summary>✓ (.*?)</summary>(.*?)</details>', html, re.S)
            if not passed:
                assert folded is None and "<details" not in html
            else:
                summary = f"另有 {len(passed)} 项符合" if shown else f"{len(passed)} 项全部符合"
                assert folded.group(1) == summary
                inside = [int(n) for n in re.findall(r'id="d1-c(\d+)"', folded.group(2))]
                assert inside == passed
            outside = html[: folded.start()] if folded else html
            assert [int(n) for n in re.findall(r'id="d1-c(\d+)"', outside)] == shown


def test_html_show_passed_opens_every_fold_and_keeps_every_item(results):
    folded = render("html", results, []).decode("utf-8")
    opened = render("html", results, [], view="all").decode("utf-8")
    assert "<details" in folded and '<details class="fold passed" open>' in opened
    assert re.findall(r"<details[^>]*>", opened) == [
        tag.replace(">", " open>") for tag in re.findall(r"<details[^>]*>", folded)
    ]
    items = r'<li class="st-\w+" id="(d\d+-c\d+)">'
    assert sorted(re.findall(items, opened)) == sorted(re.findall(items, folded))
    assert len(re.findall(items, opened)) == sum(len(r.findings) for r in results)
    assert "点击可展开" not in opened


def test_html_folds_print_as_their_summary_line(results):
    """Printed, a closed fold shows its count line; its marker is not drawn."""
    text = render("html", results[:1], []).decode("utf-8")
    printed = text[text.index("@media print") :]
    assert "details.fold > summary { list-style: none; }" in printed


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
