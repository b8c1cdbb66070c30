"""The staffer's pages: upload, batch progress, the report page and its downloads, and clear errors."""

from __future__ import annotations

import io
import re

import pytest

from tests.web.conftest import checked, upload, wait_batch
from tests.web.reports import report_text, write_docx


def test_health(local):
    response = local.get("/healthz")
    assert response.status_code == 200 and response.text == "ok"


def test_upload_page_keeps_the_form_contract(local):
    html = local.get("/").text
    assert '<form id="upload-form" method="post" action="/upload" enctype="multipart/form-data">' in html
    assert '<input type="file" id="files" name="files" multiple>' in html
    assert '<input type="file" id="previous" name="previous">' in html
    assert '<select id="year" name="year">' in html
    type_select = re.search(r'<select id="type" name="type">(.*?)</select>', html, re.S)
    assert type_select and re.findall(r'value="([^"]*)"', type_select.group(1)) == [
        "", "government", "department", "township"
    ]  # fmt: skip
    assert '<button id="submit">' in html
    assert "自动识别" in html and "人民政府" in html and "乡镇（街道）" in html


def test_static_files_are_served_and_local(local):
    for name in ("app.css", "upload.js", "batch.js"):
        response = local.get(f"/static/{name}")
        assert response.status_code == 200
        assert "http://" not in response.text and "https://" not in response.text  # no external requests


def test_text_report_missing_the_leader_part_shows_it_missing(local):
    body = checked(local, [("草稿.txt", report_text(leader=False).encode())])
    [row] = body["files"]
    assert row["state"] == "done" and row["passed"] is False and row["required"] == "6/7"
    assert isinstance(row["score"], float) and row["error"] is None
    page = local.get(row["report"]).text
    # The gap report itself, inline: the item's title and its ✗ mark in this page's DOM.
    item = re.search(r'<li class="st-fail"[^>]*>.*?</li>', page, re.S)
    assert item and "✗" in item.group() and "第一责任人职责" in item.group()
    assert '<a class="fz-button" id="download-annotated" href="' + row["report"] + '/annotated.docx"' in page
    assert "草稿.txt" in page  # the client's name, never the stored one
    assert not re.search(r"[0-9a-f]{32}\.txt", page)


def test_docx_report_passes_and_downloads_open(local, tmp_path):
    docx_bytes = write_docx(tmp_path / "r.docx", report_text()).read_bytes()
    body = checked(local, [("完整报告.docx", docx_bytes)])
    [row] = body["files"]
    assert row["state"] == "done" and row["passed"] is True and row["required"] == "7/7"
    page = local.get(row["report"]).text
    assert "✓" in page and "党政主要负责人履行推进法治建设第一责任人职责情况" in page
    json_response = local.get(row["report"] + "/report.json")
    assert json_response.status_code == 200
    assert json_response.json()["documents"][0]["score"] == row["score"]


def test_annotated_copy_opens_in_word_with_comments(local):
    import docx

    body = checked(local, [("缺第一责任人.txt", report_text(leader=False).encode())])
    response = local.get(body["files"][0]["report"] + "/annotated.docx")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert "%E6%89%B9%E6%B3%A8%E7%89%88.docx" in response.headers["content-disposition"]  # 批注版.docx
    document = docx.Document(io.BytesIO(response.content))
    comments = list(document.comments)
    assert comments and any("第一责任人" in c.text for c in comments)
    assert all(c.author == "fzcheck" for c in comments)


def test_several_files_give_an_excel_summary(local):
    files = [("甲.txt", report_text().encode()), ("乙.txt", report_text(leader=False).encode())]
    response = upload(local, files)
    batch = response.json()["batch"]
    body = wait_batch(local, batch)
    assert [f["name"] for f in body["files"]] == ["甲.txt", "乙.txt"]
    assert [f["passed"] for f in body["files"]] == [True, False]
    page = local.get(f"/batch/{batch}").text
    assert page.count('class="file-row" data-state="done"') == 2
    assert page.count('class="report-link"') == 2
    xlsx = local.get(f"/batch/{batch}/summary.xlsx")
    assert xlsx.status_code == 200
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content))["汇总"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["甲.txt", "乙.txt"]


def test_form_upload_without_javascript_redirects_to_the_batch(local):
    response = local.post(
        "/upload", files=[("files", ("a.txt", report_text().encode()))], data={"year": "2024", "type": "department"}
    )
    assert response.status_code == 303
    assert re.fullmatch(r"/batch/[A-Za-z0-9_-]{20,}", response.headers["location"])
    page = local.get(response.headers["location"]).text
    assert 'class="file-row" data-state=' in page


def test_file_names_are_shown_escaped(local):
    name = "<img src=x onerror=alert(1)>报告.txt"
    body = checked(local, [(name, report_text().encode())])
    assert body["files"][0]["name"] == name
    for path in (body["files"][0]["report"], "/"):
        page = local.get(path).text
        assert "&lt;img src=x onerror=alert(1)&gt;报告.txt" in page and "<img" not in page


def test_previous_year_report_is_compared(local):
    """Last year's report with the same 存在的不足 makes the reuse rule appear in the result."""
    this_year = report_text(2024).encode()
    last_year = report_text(2023).encode()
    body = checked(local, [("2024.txt", this_year)], previous=("2023.txt", last_year))
    data = local.get(body["files"][0]["report"] + "/report.json").json()
    rules = {f["rule"]: f["status"] for f in data["documents"][0]["findings"]}
    assert rules.get("quality.boilerplate-reuse") in ("partial", "fail")


def blank_pdf() -> bytes:
    """A PDF page without a text layer: what a scanner gives."""
    canvas = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab (test extra) is not installed")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


ENCRYPTED_DOCX = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le")


@pytest.mark.parametrize(
    ("name", "content", "sentence"),
    [
        ("空白.txt", lambda: b"", "文件为空"),
        ("假的.pdf", lambda: bytes(range(256)) * 40, "无法识别"),
        ("扫描件.pdf", blank_pdf, "这是扫描件（没有文字层）"),
        ("加密.docx", lambda: ENCRYPTED_DOCX, "设有打开密码"),
    ],
)
def test_unreadable_files_are_one_chinese_sentence(local, name, content, sentence):
    content = content()
    body = checked(local, [(name, content)])
    [row] = body["files"]
    assert row["state"] == "error" and row["report"] is None
    assert sentence in row["error"] and "Traceback" not in row["error"]
    batch_page = local.get("/batch/" + upload(local, [(name, content)]).json()["batch"]).text
    assert "Traceback" not in batch_page


def test_a_file_of_another_type_is_refused_by_name(local):
    response = upload(local, [("程序.exe", b"MZ....")])
    assert response.status_code == 415
    assert "不支持此类文件（.exe）" in response.json()["error"]
    mixed = checked(local, [("报告.txt", report_text().encode()), ("图片.png", b"\x89PNG")])
    assert [f["state"] for f in mixed["files"]] == ["done", "error"]
    assert "不支持此类文件" in mixed["files"][1]["error"]


def test_too_large_a_file_is_413_and_leaves_nothing(local):
    uploads = local.app.state.web.store.uploads
    before = set(uploads.iterdir())
    response = upload(local, [("大.txt", b"x" * (1024 * 1024 + 1))])
    assert response.status_code == 413
    assert "超过大小上限" in response.json()["error"]
    assert set(uploads.iterdir()) == before


def test_too_many_files_is_413(local):
    response = upload(local, [(f"{i}.txt", b"abc") for i in range(4)])
    assert response.status_code == 413
    assert "一次最多上传 3 个文件" in response.json()["error"]


def test_declared_length_over_the_cap_is_refused_before_reading(local):
    response = local.post(
        "/api/upload",
        content=b"--x--\r\n",
        headers={"content-type": "multipart/form-data; boundary=x", "content-length": str(10**9)},
    )
    assert response.status_code == 413


def test_no_file_chosen_and_bad_options(local):
    # A browser sends an empty file part when no file was chosen.
    nothing = local.post("/api/upload", files=[("files", ("", b""))], data={"year": ""})
    assert nothing.status_code == 400 and nothing.json()["error"] == "请先选择要检查的报告文件"
    bad_year = upload(local, [("a.txt", b"abc")], year="公元")
    assert bad_year.status_code == 400 and "报告年度" in bad_year.json()["error"]
    form = local.post("/upload", files=[("files", ("a.txt", b"abc"))], data={"type": "county"})
    assert form.status_code == 400 and "报告类型无效" in form.text and 'id="upload-form"' in form.text


def test_unknown_ids_are_404(local):
    for path in ("/batch/nope", "/api/batch/nope", "/batch/nope/summary.xlsx", "/report/nope",
                 "/report/nope/annotated.docx", "/report/nope/report.json", "/report/nope/html"):  # fmt: skip
        response = local.get(path)
        assert response.status_code == 404, path
    assert local.get("/api/batch/nope").json()["error"].startswith("找不到")


def test_cross_site_posts_are_refused(local):
    files = [("files", ("a.txt", report_text().encode()))]
    response = local.post("/api/upload", files=files, headers={"origin": "http://evil.example"})
    assert response.status_code == 403
    same = local.post("/api/upload", files=files, headers={"origin": "http://127.0.0.1"})
    assert same.status_code == 202


def test_a_foreign_host_name_is_refused_in_local_mode(local):
    """A page elsewhere cannot rebind its own name to 127.0.0.1 and read the results."""
    response = local.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400 and "127.0.0.1" in response.text
    assert local.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert local.get("/", headers={"host": "[::1]:8000"}).status_code == 200


def test_local_mode_has_no_login(local):
    assert local.get("/login").headers["location"] == "/season"
    assert local.get("/season").status_code == 200
    assert local.get("/u/" + "A" * 43).status_code == 404  # unit links exist only where logins do


def test_report_page_alone_and_security_headers(local):
    body = checked(local, [("单独.txt", report_text().encode())])
    response = local.get(body["files"][0]["report"] + "/html")
    assert response.status_code == 200 and response.text.startswith("<!DOCTYPE html>")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"
