"""Nothing injected: text from a report, a file name or a pack never drives the terminal, never
becomes rich markup, and never becomes a link, an image or HTML in the Markdown comment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.hostile.kit import bounded
from tests.reportkit import SAMPLE_RULE, one_clear_line, report

CLEAR_SCREEN = "\x1b[2J"
CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"  # OSC 52: write "evil" to the clipboard
CURSOR_UP = "\x1b[5A"
C1_CSI = "\x9b2J"  # CSI as one C1 character
BIDI = "\u202e"  # right-to-left override
MARKUP = "[bold red]青石县[/bold red]"
LINK = "[点我](http://evil.example/x)![图](http://evil.example/p.png)<img src=x onerror=alert(1)>"
# A title is at most 80 characters: a short link, image and tag that still fit.
LINK_TITLE = "[点](e.cn)![图](e.png)<b>县</b>人民政府关于2024年度法治政府建设情况的报告"
# Everything a terminal would obey; SGR colour codes are allowed only where fzcheck adds them.
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
RICH_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def hostile_report(tmp_path: Path, name: str = "report.txt", title: str = "") -> Path:
    """A complete report whose title and evidence carry escape sequences, markup and links."""
    lines = report().splitlines()
    lines[0] = title or f"{MARKUP}{CLIPBOARD}人民政府{CURSOR_UP}关于2024年度法治政府建设情况的报告{CLEAR_SCREEN}{BIDI}"
    text = "\n".join(lines) + "\n"
    text = text.replace("全年收到行政复议申请64件", f"全年收到{C1_CSI}行政复议{CLEAR_SCREEN}申请64件{LINK}")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def obeyed(text: str) -> list[str]:
    """Control characters a terminal would act on, after fzcheck's own colour codes."""
    return OBEYED.findall(RICH_COLOUR.sub("", text))


@pytest.mark.parametrize("color", ["never", "always"])
def test_report_text_reaches_the_terminal_inert(tmp_path, color):
    path = hostile_report(tmp_path)
    # --show-passed: the evidence is of an item that passes, printed only when every item is shown
    proc = bounded("check", str(path), "--color", color, "--show-passed")
    assert proc.returncode in (0, 1), proc.stderr
    assert obeyed(proc.stdout) == [] and proc.stderr == ""
    shown = RICH_COLOUR.sub("", proc.stdout)
    assert f"标题：{MARKUP}\\x1b]52;c;ZXZpbA==\\x07人民政府\\x1b[5A关于" in shown  # markup literal, escapes visible
    assert "\\x9b2J行政复议\\x1b[2J申请64件" in shown  # evidence too


def test_a_batch_table_shows_names_and_titles_literally(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    hostile_report(folder, f"[bold red]甲{CLEAR_SCREEN}.txt")  # no "/" in a name
    hostile_report(folder, "乙.txt")
    proc = bounded("check", "reports", "--color", "always", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert obeyed(proc.stdout) == []
    table = RICH_COLOUR.sub("", proc.stdout)[proc.stdout.index("汇总") :]
    assert "reports/[bold red]甲\\x1b[2J.txt" in table
    assert "[bold red]青石县[/bold red]" in table


def test_a_file_name_in_an_error_is_inert(tmp_path):
    name = f"缺失{CLIPBOARD}{CURSOR_UP}.txt"
    proc = bounded("check", name, cwd=tmp_path)
    line = one_clear_line(proc, "缺失\\x1b]52;c;ZXZpbA==\\x07\\x1b[5A.txt")
    assert "文件不存在" in line
    assert obeyed(proc.stderr) == [] and obeyed(proc.stdout) == []


def test_github_annotations_carry_no_escape_sequences(tmp_path):
    path = hostile_report(tmp_path)
    proc = bounded("check", str(path), "--format", "github", "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    assert obeyed(proc.stdout) == []


def test_diff_text_carries_no_escape_sequences(tmp_path):
    before = hostile_report(tmp_path, "2023.txt")
    after = hostile_report(tmp_path, "2024.txt")
    proc = bounded("diff", str(before), str(after))
    assert proc.returncode == 0, proc.stderr
    assert obeyed(proc.stdout) == []


def test_markdown_forms_no_link_image_or_html_from_report_text(tmp_path):
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py (installed with rich) renders the check")
    folder = tmp_path / "reports"
    folder.mkdir()
    # The title is a table cell; a file name is a code span; an empty file's name is in an error row.
    hostile_report(folder, "[名](evil.example).txt", title=LINK_TITLE)
    hostile_report(folder, "乙`` <b>x<-b> ``.txt")
    (folder / "![空](evil.example:e.png).txt").write_bytes(b"")
    proc = bounded("check", "reports", "--format", "markdown", cwd=tmp_path)
    assert proc.returncode == 2  # the empty file
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(proc.stdout)
    # The only links are fzcheck's own, to a rule's section of the reference.
    links = re.findall(r"<a [^>]*>", html)
    assert links and all(re.fullmatch(r'<a href="docs/rules\.md#[\w-]+">', a) for a in links), links
    assert "<img" not in html and "<b>" not in html
    assert obeyed(proc.stdout) == []
    assert "[点](e.cn)![图](e.png)&lt;b&gt;县&lt;/b&gt;人民政府" in html  # the title is all there, literally


def pack_with(tmp_path: Path, title_line: str) -> Path:
    pack = tmp_path / "p.yaml"
    pack.write_text(f"id: p\nversion: '1'\n{title_line}\nrules:\n{SAMPLE_RULE}", encoding="utf-8")
    return pack


@pytest.mark.parametrize(
    ("title_line", "where", "char"),
    [
        ('title: "坏\\e[2J包"', "p.yaml:3:8", "U+001B"),  # YAML's own escape for ESC
        ('title: "坏\\x1b]52;c;ZXZpbA==\\x07包"', "p.yaml:3:8", "U+001B"),
        ("title: 坏\u202e包", "p.yaml:3:8", "U+202E"),  # a bidi override written as it is
        ("title: 坏\x1b[2J包", "p.yaml:3:9", "U+001B"),  # ESC written as it is (not valid YAML either)
        ('title: "坏\\x9b2J包"', "p.yaml:3:8", "U+009B"),
    ],
)
def test_rules_lint_rejects_control_characters_in_pack_fields(tmp_path, title_line, where, char):
    pack_with(tmp_path, title_line)
    proc = bounded("rules", "lint", "p.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.strip().startswith(f"✗ 规则包 {where}：含有控制字符 {char}")
    assert obeyed(proc.stdout) == [] and "Traceback" not in proc.stderr


def test_a_control_character_deep_in_a_rule_names_its_line_and_column(tmp_path):
    pack = pack_with(tmp_path, "title: 包")
    pack.write_text(
        pack.read_text(encoding="utf-8").replace("message: 说明", 'message: "说\\e]52;c;eA==\\a明"'), "utf-8"
    )
    proc = bounded("rules", "lint", "p.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("✗ 规则包 p.yaml:10:14：含有控制字符 U+001B")


@pytest.mark.parametrize("command", [["check", "r.txt", "--pack", "p.yaml"], ["rules", "list", "--pack", "p.yaml"]])
def test_a_pack_with_control_characters_is_refused_everywhere(tmp_path, command):
    pack_with(tmp_path, 'title: "坏\\e[2J包"')
    (tmp_path / "r.txt").write_text(report(), encoding="utf-8")
    line = one_clear_line(bounded(*command, cwd=tmp_path), "p.yaml:3:8")
    assert "含有控制字符 U+001B" in line


def test_rules_list_prints_markup_in_a_pack_literally(tmp_path):
    pack_with(tmp_path, "title: '[bold red]标题[/bold red]'")
    proc = bounded("rules", "list", "--pack", "p.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "# p 1  [bold red]标题[/bold red]" in proc.stdout
