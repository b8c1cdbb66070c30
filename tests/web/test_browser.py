"""The web app in a real browser: a staffer uploads a Word draft, reads the gap report and downloads
the annotated copy. Headless Debian Chromium through Selenium and Debian's chromedriver."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.web import browser
from tests.web.drafts import UNITS, report_text
from tests.web.server import serve

pytestmark = pytest.mark.skipif(browser.missing() is not None, reason=browser.missing() or "")

WAIT_S = 90  # upper bound for any one page to show what the test waits for


@pytest.fixture
def server(tmp_path: Path):
    with serve(data=tmp_path / "data", jobs=1) as running:
        yield running


def wait_for_download(folder: Path, timeout: float = WAIT_S) -> Path:
    """The one finished file in `folder` (Chromium writes *.crdownload until it is complete)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = [p for p in folder.iterdir() if not p.name.startswith(".")]
        if files and not any(p.suffix == ".crdownload" for p in files):
            assert len(files) == 1, files
            return files[0]
        time.sleep(0.1)
    raise TimeoutError(f"nothing downloaded into {folder} within {timeout:.0f} s")


def test_draft_upload_shows_missing_leader_duty_and_downloads_annotated_copy(server, tmp_path: Path) -> None:
    from docx import Document
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.docxkit import report_docx

    text = report_text(UNITS[1], omit=("leader-duty",))
    draft = report_docx(tmp_path / "松岭县司法局2024年度报告（草稿）.docx", text)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with browser.chromium(downloads) as driver:
        # The batch page rebuilds its rows at every poll: an element read a moment ago may be gone.
        wait = WebDriverWait(driver, WAIT_S, ignored_exceptions=(StaleElementReferenceException,))
        driver.get(server.url)
        form = driver.find_element(By.ID, "upload-form")
        assert form.get_attribute("enctype") == "multipart/form-data"
        driver.find_element(By.ID, "files").send_keys(str(draft))
        driver.find_element(By.ID, "submit").click()

        wait.until(lambda d: "/batch/" in d.current_url)
        rows = wait.until(
            lambda d: (
                (found := d.find_elements(By.CSS_SELECTOR, "tr.file-row"))
                and all(r.get_attribute("data-state") in ("done", "error") for r in found)
                and found
            )
        )
        assert [r.get_attribute("data-state") for r in rows] == ["done"], driver.page_source[:2000]
        driver.find_element(By.CSS_SELECTOR, "a.report-link").click()

        wait.until(lambda d: "/report/" in d.current_url)
        link = wait.until(lambda d: d.find_element(By.ID, "download-annotated"))
        report = report_page_text(driver)
        # The missing part is shown missing: every line of the item part.leader-duty carries ✗, none ✓ or △.
        item = [line.strip() for line in report.splitlines() if "part.leader-duty" in line]
        assert item and all(line.startswith("✗") and "第一责任人" in line for line in item), item or report[:3000]

        link.click()
        annotated = wait_for_download(downloads)

    assert annotated.suffix == ".docx"
    document = Document(str(annotated))
    comments = list(document.comments)
    assert comments, "the annotated copy has no comments"
    assert all(c.author == "fzcheck" for c in comments)
    assert any("第一责任人" in c.text for c in comments)
    # The draft itself is untouched: the browser downloaded a new file.
    assert not list(Document(str(draft)).comments)


def report_page_text(driver) -> str:
    """The report's visible text, from the page or from the iframe that holds it."""
    from selenium.webdriver.common.by import By

    text = driver.find_element(By.TAG_NAME, "body").text
    for frame in driver.find_elements(By.TAG_NAME, "iframe"):
        driver.switch_to.frame(frame)
        try:
            text += "\n" + driver.find_element(By.TAG_NAME, "body").text
        finally:
            driver.switch_to.default_content()
    return text
