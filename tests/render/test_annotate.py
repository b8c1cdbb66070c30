"""--annotate: a commented .docx copy of the draft (Word 批注 by fzcheck), the draft untouched."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

docx = pytest.importorskip("docx", reason="python-docx is not installed (extra 'docx')")

from docx.oxml.ns import qn  # noqa: E402

from checker.model import Block, RawDocument  # noqa: E402
from checker.packs import load_packs  # noqa: E402
from checker.pipeline import check_file  # noqa: E402
from checker.render.annotate import anchor_runs, write_annotated  # noqa: E402
from checker.score import Gate  # noqa: E402
from tests.paths import ROOT  # noqa: E402
from tests.reportkit import run_fzcheck as fzcheck  # noqa: E402

HAS_DOCX_LOADER = importlib.util.find_spec("checker.load.docx") is not None

TITLE = "青山县人民政府关于2024年度法治政府建设情况的报告"
# (key, text): our own made-up report; the leader's duty is only mentioned, never a heading, and
# the 三项制度 are never named (a gap without evidence: its comment sits on the title).
PARAGRAPHS = [
    ("title", TITLE),
    ("blank", ""),
    ("opening", "2024年，青山县在县委的领导下统筹推进法治政府建设，各项工作取得新进展。现将有关情况报告如下。"),
    ("measures", "一、2024年度推进法治政府建设的主要举措和成效"),
    (
        "leader",
        "（一）加强组织领导。县政府常务会议专题研究法治政府建设4次，县长切实履行推进法治建设第一责任人职责。",
    ),
    ("enforcement", "（二）严格规范行政执法。开展执法案卷评查，全县执法质量稳步提升。"),
    ("review", "（三）依法化解行政争议。规范行政复议案件办理程序，推行公开听证，提升办案质量。"),
    ("litigation", "全县行政诉讼一审案件21件，败诉1件，行政机关负责人出庭应诉率100%。"),
    ("table", None),
    ("shortcomings", "二、存在的不足和原因"),
    ("causes", "一是执法人员专业能力不足；二是基层法治宣传不够深入。究其原因，主要是培训投入不够。"),
    ("plan", "三、下一步工作安排"),
    ("plan-body", "2024年，我县将继续完善重大行政决策程序，加强行政执法监督。"),
]
TABLE = [("指标", "完成情况"), ("政务服务事项网上可办率", "97%")]


def write_draft(path: Path) -> dict[str, int]:
    """The draft .docx; returns each key's paragraph index in body w:p order."""
    word = docx.Document()
    for key, text in PARAGRAPHS:
        if key == "table":
            table = word.add_table(rows=len(TABLE), cols=2)
            for row, cells in zip(table.rows, TABLE, strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
        elif key == "leader":
            # A lead sentence in bold and its body in a second run, as drafters write them.
            paragraph = word.add_paragraph()
            lead, _, rest = text.partition("。")
            paragraph.add_run(lead + "。").bold = True
            paragraph.add_run(rest)
        else:
            word.add_paragraph(text)
    word.save(str(path))
    return paragraph_indexes(path)


def paragraph_indexes(path: Path) -> dict[str, int]:
    texts = [paragraph_text(p) for p in docx.Document(str(path)).element.body.iter(qn("w:p"))]
    return {key: texts.index(text) for key, text in PARAGRAPHS if text}


def paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def contract_load(path: str, *, max_bytes: int) -> RawDocument:
    """A .docx read as the docx loader's contract says: one Block per paragraph or table row, ref = w:p index.

    The size limit is the real loader's business; this stand-in reads a small test draft.
    """
    word = docx.Document(path)
    body = word.element.body
    # Keyed by the element itself: lxml keeps one proxy per node while a reference to it lives.
    index_of = {p: i for i, p in enumerate(body.iter(qn("w:p")))}
    blocks = []
    for child in body.iterchildren():
        if child.tag == qn("w:p") and paragraph_text(child).strip():
            ref = index_of[child]
            blocks.append(Block(paragraph_text(child), f"第 {ref + 1} 段", None, ref))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                first = next(row.iter(qn("w:p")))
                cells = [paragraph_text(c) for c in row.iter(qn("w:tc"))]
                blocks.append(Block(" | ".join(cells), "表格", None, index_of[first]))
    text = "\n".join(b.text for b in blocks)
    return RawDocument(path=path, text=text, encoding="utf-8", blocks=tuple(blocks), kind="docx")


def comments_of(path: Path) -> tuple[dict[int, tuple[str, str]], dict[int, int]]:
    """Comment id -> (author, text), and comment id -> index of the paragraph its range starts in."""
    word = docx.Document(str(path))
    comments = {c.comment_id: (c.author, c.text) for c in word.comments}
    anchors = {}
    for index, p in enumerate(word.element.body.iter(qn("w:p"))):
        for start in p.iter(qn("w:commentRangeStart")):
            anchors[int(start.get(qn("w:id")))] = index
            # The range closes in the same paragraph and the comment is referenced there.
            ends = [int(e.get(qn("w:id"))) for e in p.iter(qn("w:commentRangeEnd"))]
            refs = [int(r.get(qn("w:id"))) for r in p.iter(qn("w:commentReference"))]
            assert int(start.get(qn("w:id"))) in ends and int(start.get(qn("w:id"))) in refs
    return comments, anchors


def anchored(path: Path) -> dict[str, int]:
    """Comment title (before the status) -> paragraph index."""
    comments, anchors = comments_of(path)
    return {text.split("（")[0].removeprefix("【fzcheck】"): anchors[cid] for cid, (_, text) in comments.items()}


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def assert_expected_anchors(out: Path, where: dict[str, int]) -> None:
    comments, anchors = comments_of(out)
    assert comments and set(anchors) == set(comments), "every comment is anchored in the body"
    for author, text in comments.values():
        assert author == "fzcheck"
        assert text.startswith("【fzcheck】")
        assert "建议：" in text
        assert "（部分符合）" in text or "（缺失）" in text
    titles = anchored(out)
    assert titles["党政主要负责人履行推进法治建设第一责任人职责情况"] == where["leader"]
    assert titles["行政复议数据"] == where["review"]
    # The wrong year is in the plan's body; the comment sits on the plan heading.
    assert titles["下一年度安排的年份正确"] == where["plan"]
    # What is missing is noted on the title.
    assert titles["行政执法“三项制度”落实情况"] == where["title"]
    assert "其他需要报告的情况" not in titles, "optional (info) items get no comment"
    assert "年度报告按时公开发布" not in titles, "n/a items (no publication date in a draft) get no comment"
    assert "行政应诉数据" not in titles, "passing items get no comment"


def test_docx_comments_follow_the_loader_contract(tmp_path, monkeypatch):
    draft, out = tmp_path / "draft.docx", tmp_path / "out.docx"
    where = write_draft(draft)
    before = snapshot(draft)
    monkeypatch.setattr("checker.pipeline.load", contract_load)
    result = check_file(str(draft), load_packs(["national"]), Gate())
    count = write_annotated(result, str(draft), str(out))
    assert count == sum(f.status in ("partial", "fail") and f.severity != "info" for f in result.findings)
    assert count == len(comments_of(out)[0])
    assert_expected_anchors(out, where)
    assert snapshot(draft) == before
    # The copy keeps the draft's own text and formatting.
    original, copy = docx.Document(str(draft)), docx.Document(str(out))
    texts = [paragraph_text(p) for p in copy.element.body.iter(qn("w:p"))]
    assert texts == [paragraph_text(p) for p in original.element.body.iter(qn("w:p"))]
    leader = next(p for p in copy.paragraphs if p.text == PARAGRAPHS[4][1])
    assert leader.runs[0].bold is True


@pytest.mark.skipif(not HAS_DOCX_LOADER, reason="checker/load/docx/ (the .docx loader) does not exist yet")
def test_cli_annotates_a_docx_draft(tmp_path):
    draft, out = tmp_path / "draft.docx", tmp_path / "out.docx"
    where = write_draft(draft)
    before = snapshot(draft)
    proc = fzcheck("check", "draft.docx", "--annotate", "out.docx", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # part.leader-duty (必备) is only partial
    assert "out.docx" in proc.stderr and "条批注" in proc.stderr
    assert_expected_anchors(out, where)
    assert snapshot(draft) == before


def test_cli_annotates_a_txt_draft_into_a_new_docx(tmp_path):
    lines = [text if text is not None else "指标 | 完成情况" for _, text in PARAGRAPHS]
    draft, out = tmp_path / "draft.txt", tmp_path / "out.docx"
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(draft)
    proc = fzcheck("check", "draft.txt", "--annotate", "out.docx", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    comments, _ = comments_of(out)
    assert f"批注版已写入 out.docx（{len(comments)} 条批注）" in proc.stderr
    # One paragraph per line of the file: evidence on line N is paragraph N - 1.
    texts = [paragraph_text(p) for p in docx.Document(str(out)).element.body.iter(qn("w:p"))]
    assert texts == [*lines, ""]
    assert_expected_anchors(out, {key: i for i, (key, _) in enumerate(PARAGRAPHS)})
    assert snapshot(draft) == before


def test_annotate_over_the_input_is_refused(tmp_path):
    draft = tmp_path / "draft.docx"
    write_draft(draft)
    before = snapshot(draft)
    proc = fzcheck("check", "draft.docx", "--annotate", "./draft.docx", cwd=tmp_path)
    assert proc.returncode == 2
    assert "draft.docx" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert snapshot(draft) == before


@pytest.mark.parametrize("inputs", [("a.txt", "b.txt"), (".",)])
def test_annotate_needs_exactly_one_file(tmp_path, inputs):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{TITLE}\n一、主要举措和成效\n", encoding="utf-8")
    proc = fzcheck("check", *inputs, "--annotate", "out.docx", cwd=tmp_path)
    assert proc.returncode == 2
    assert "--annotate" in proc.stderr and "单个文件" in proc.stderr
    assert not (tmp_path / "out.docx").exists()


def test_missing_python_docx_is_one_clear_line(tmp_path):
    (tmp_path / "a.txt").write_text(f"{TITLE}\n一、主要举措和成效\n", encoding="utf-8")
    code = (
        "import sys; sys.modules['docx'] = None\n"
        "from checker.cli import main\n"
        "sys.exit(main(['check', 'a.txt', '--annotate', 'out.docx']))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 2
    assert 'install ".[docx]"' in proc.stderr and "fzcheck[" not in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_a_paragraph_without_runs_gets_one_to_anchor_on():
    word = docx.Document()
    word.add_paragraph("")
    p = next(word.element.body.iter(qn("w:p")))
    runs = anchor_runs(word, p)
    assert len(runs) == 1 and runs[0]._r.getparent() is p


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_annotated_copy_converts_to_pdf(tmp_path, suffix):
    if suffix == ".docx" and not HAS_DOCX_LOADER:
        pytest.skip("checker/load/docx/ (the .docx loader) does not exist yet")
    draft, out = tmp_path / f"draft{suffix}", tmp_path / "out.docx"
    if suffix == ".docx":
        write_draft(draft)
    else:
        draft.write_text("\n".join(t or "" for _, t in PARAGRAPHS) + "\n", encoding="utf-8")
    assert fzcheck("check", draft.name, "--annotate", "out.docx", cwd=tmp_path).returncode == 1
    proc = subprocess.run(
        [
            shutil.which("soffice"),
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "out.pdf"
    assert pdf.is_file(), proc.stdout + proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
