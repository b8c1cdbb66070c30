"""The staffer's routes: the upload page, uploads, a batch's progress, the report page and its downloads.

The report page shows the HTML renderer's own page (`FORMATS["html"]`, the gap report of
`--format html`) inline under a toolbar: its style and body are taken from the rendered page, so the
✓/△/✗ marks and item titles are in this page's DOM (no iframe). /report/<sid>/html serves the same
page whole, to save or print.
"""

from __future__ import annotations

import asyncio
import datetime
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from checker.errors import FzcheckError
from checker.model import REPORT_TYPES
from checker.render import FORMATS
from checker.web.app import (
    content_disposition,
    login_required,
    not_found,
    page,
    problem,
    web_of,
)
from checker.web.auth import same_origin
from checker.web.store import DONE, ERROR, QUEUED, RUNNING, NewFile
from checker.web.upload import Upload, UploadRefused, receive

STATE_NAME = {QUEUED: "排队中", RUNNING: "检查中", DONE: "已完成", ERROR: "出错"}
QUEUE_FULL = "当前排队检查的文件过多，请过几分钟再上传"
CROSS_ORIGIN = "请求来源不符，请刷新页面后重新上传"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def year_choices() -> list[int]:
    """Report years to offer: last year first (a report is written the spring after its year)."""
    this_year = datetime.date.today().year
    return list(range(this_year, this_year - 9, -1))


async def index(request: Request) -> Response:
    web = web_of(request)
    viewer = web.viewer(request)
    if not viewer.may_upload:
        return login_required(request)
    recent = web.store.recent_batches(None if viewer.role == "local" else viewer.owner)
    return page(request, "index.html", years=year_choices(), recent=recent, default_year="")


def parse_options(fields: dict[str, str]) -> tuple[int | None, str | None]:
    """The report year and type chosen on the form (empty: inferred from the report)."""
    year_text, kind = fields.get("year", ""), fields.get("type", "")
    year = None
    if year_text:
        if not year_text.isdigit() or not 1990 <= int(year_text) <= 2100:
            raise UploadRefused(400, "报告年度应为 1990 到 2100 之间的年份")
        year = int(year_text)
    if kind and kind not in REPORT_TYPES:
        raise UploadRefused(400, "报告类型无效，请从列表中选择")
    return year, kind or None


def new_file(stored: Any) -> NewFile:
    return NewFile(stored.name, stored.path.name, stored.sha256, stored.size)


async def accept(request: Request) -> str:
    """Receive an upload and queue its files; the new batch's id. Raises UploadRefused."""
    web = web_of(request)
    viewer = web.viewer(request)
    if not viewer.may_upload:
        raise UploadRefused(401, "请先登录，或使用审核人发给本单位的上传链接")
    if not same_origin(request.headers, request.url.scheme):
        raise UploadRefused(403, CROSS_ORIGIN)
    if web.jobs.pending >= web.jobs.queue_limit:
        raise UploadRefused(503, QUEUE_FULL)
    upload: Upload = await receive(request, web.store.uploads, web.limits)
    try:
        year, kind = parse_options(upload.fields)
        if not upload.files:
            if upload.refused:
                raise UploadRefused(415, "；".join(f"“{name}”：{why}" for name, why in upload.refused))
            raise UploadRefused(400, "请先选择要检查的报告文件")
        if not web.jobs.reserve(len(upload.files)):
            raise UploadRefused(503, QUEUE_FULL)
    except UploadRefused:
        upload.remove()
        raise
    files = [new_file(f) for f in upload.files]
    refused = [NewFile(name, "", "", 0, error=why) for name, why in upload.refused]
    previous = new_file(upload.previous) if upload.previous else None
    batch, ids = web.store.create_batch(viewer.owner, files + refused, year, kind, previous)
    for sid in ids[: len(files)]:
        web.jobs.submit(sid)
    return batch


async def upload_form(request: Request) -> Response:
    """The form without JavaScript: 303 to the batch page, or the upload page with the sentence."""
    try:
        batch = await accept(request)
    except UploadRefused as exc:
        if exc.status == 401:
            return login_required(request)
        web = web_of(request)
        viewer = web.viewer(request)
        recent = web.store.recent_batches(None if viewer.role == "local" else viewer.owner)
        return page(request, "index.html", exc.status, years=year_choices(), recent=recent, error=exc.message)
    return RedirectResponse(f"/batch/{batch}", status_code=303)


async def upload_api(request: Request) -> Response:
    try:
        batch = await accept(request)
    except UploadRefused as exc:
        return JSONResponse({"error": exc.message}, status_code=exc.status)
    return JSONResponse({"batch": batch, "url": f"/batch/{batch}"}, status_code=202)


def visible_batch(request: Request) -> list[Any] | Response:
    """The batch's rows, or the response for someone who may not see it (login, 404)."""
    web = web_of(request)
    viewer = web.viewer(request)
    if viewer.role == "nobody":
        return login_required(request)
    rows = web.store.batch_rows(request.path_params["batch"])
    if not rows or not viewer.may_see(rows[0]["owner"]):
        return not_found(request)
    return rows


def file_view(row: Any) -> dict[str, Any]:
    done = row["state"] == DONE
    return {
        "name": row["file_name"],
        "state": row["state"],
        "report": f"/report/{row['id']}" if done else None,
        "passed": bool(row["passed"]) if done else None,
        "score": row["score"] if done else None,
        "required": f"{row['required_met']}/{row['required_total']}" if done else None,
        "error": row["error"] if row["state"] == ERROR else None,
    }


def batch_done(rows: list[Any]) -> bool:
    return all(r["state"] in (DONE, ERROR) for r in rows)


async def batch_api(request: Request) -> Response:
    rows = visible_batch(request)
    if isinstance(rows, Response):
        return rows
    return JSONResponse({"done": batch_done(rows), "files": [file_view(r) for r in rows]})


async def batch_page(request: Request) -> Response:
    rows = visible_batch(request)
    if isinstance(rows, Response):
        return rows
    files = [{**file_view(r), "state_name": STATE_NAME[r["state"]]} for r in rows]
    done_count = sum(f["state"] == DONE for f in files)
    return page(
        request,
        "batch.html",
        batch=request.path_params["batch"],
        files=files,
        done=batch_done(rows),
        done_count=done_count,
        previous_name=rows[0]["previous_name"],
    )


async def summary_xlsx(request: Request) -> Response:
    rows = visible_batch(request)
    if isinstance(rows, Response):
        return rows
    jobs = web_of(request).jobs
    results = [await jobs.result_of(r) for r in rows if r["state"] == DONE]
    errors = [(r["file_name"], r["error"]) for r in rows if r["state"] == ERROR]
    try:
        data = await asyncio.to_thread(FORMATS["xlsx"].render, results, errors)
    except FzcheckError as exc:
        return problem(request, 500, str(exc))
    headers = {"content-disposition": content_disposition("检查汇总.xlsx")}
    return Response(data, media_type=XLSX, headers=headers)


def visible_submission(request: Request) -> Any:
    """The submission's row, or the response for someone who may not see it (login, 404)."""
    web = web_of(request)
    viewer = web.viewer(request)
    if viewer.role == "nobody":
        return login_required(request)
    row = web.store.submission(request.path_params["sid"])
    if row is None or not viewer.may_see(row["owner"]):
        return not_found(request)
    return row


def finished_submission(request: Request) -> Any:
    """A visible submission whose check is done, or the response saying why there is nothing to show yet."""
    row = visible_submission(request)
    if not isinstance(row, Response) and row["state"] != DONE:
        return problem(request, 409, "此文件尚未检查完成")
    return row


def split_page(html: str) -> tuple[str, str]:
    """The rendered page's style and body.

    The page's text is escaped, so the first <style> and the last </body> are the page's own.
    """
    style = html[html.index("<style>") + len("<style>") : html.index("</style>")]
    body = html[html.index("<body>") + len("<body>") : html.rindex("</body>")]
    return style, body


async def rendered(request: Request, row: Any) -> str:
    result = await web_of(request).jobs.result_of(row)
    return (await asyncio.to_thread(FORMATS["html"].render, [result], [])).decode("utf-8")


async def report_page(request: Request) -> Response:
    row = visible_submission(request)
    if isinstance(row, Response):
        return row
    context: dict[str, Any] = {"row": row, "state_name": STATE_NAME[row["state"]], "sid": row["id"]}
    if row["state"] == DONE:
        context["report_style"], context["report_body"] = split_page(await rendered(request, row))
    return page(request, "report.html", **context)


async def report_html(request: Request) -> Response:
    row = finished_submission(request)
    if isinstance(row, Response):
        return row
    return Response(await rendered(request, row), media_type="text/html; charset=utf-8")


async def report_json(request: Request) -> Response:
    row = finished_submission(request)
    if isinstance(row, Response):
        return row
    result = await web_of(request).jobs.result_of(row)
    data = await asyncio.to_thread(FORMATS["json"].render, [result], [])
    name = f"{Path(row['file_name']).stem}-检查结果.json"
    return Response(data, media_type="application/json", headers={"content-disposition": content_disposition(name)})


async def annotated_docx(request: Request) -> Response:
    row = finished_submission(request)
    if isinstance(row, Response):
        return row
    try:
        path = await web_of(request).jobs.annotated(row)
    except FzcheckError as exc:
        message = getattr(exc, "problem", None) or str(exc).split("：", 1)[-1]
        return problem(request, 500, f"无法生成批注版：{message}")
    name = f"{Path(row['file_name']).stem}-批注版.docx"
    return FileResponse(path, media_type=DOCX, headers={"content-disposition": content_disposition(name)})


def routes() -> list[Route]:
    return [
        Route("/", index),
        Route("/upload", upload_form, methods=["POST"]),
        Route("/api/upload", upload_api, methods=["POST"]),
        Route("/batch/{batch}", batch_page),
        Route("/api/batch/{batch}", batch_api),
        Route("/batch/{batch}/summary.xlsx", summary_xlsx),
        Route("/report/{sid}", report_page),
        Route("/report/{sid}/html", report_html),
        Route("/report/{sid}/report.json", report_json),
        Route("/report/{sid}/annotated.docx", annotated_docx),
    ]
