"""`python -m tests.web.screenshots`: docs/web-upload.png, docs/web-report.png and docs/web-season.png.

Starts `fzcheck serve` on a temporary data folder, uploads invented reports of five units (SUBMISSIONS),
and photographs the pages in headless Chromium with a 1280×900 viewport: the upload form with two
drafts chosen, the gap report of a draft whose 第一责任人 part is missing (scrolled to that item), and
the season page. Needs Debian's chromium and chromium-driver, a Chinese font (fonts-wqy-zenhei or
fonts-noto-cjk, else the Chinese shows as boxes) and, for the browser's own labels in Chinese
(选择文件), chromium-l10n.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.paths import ROOT
from tests.web import browser
from tests.web.drafts import UNITS, Unit, report_text
from tests.web.server import Server, request, serve, upload, wait_batch

WIDTH, HEIGHT = 1280, 900
# (unit, report year, parts left out), uploaded in this order: the season page then shows a unit whose
# report of the year before is on file (与上年重复), one that sent a corrected draft (较上次), and gaps.
SUBMISSIONS = (
    (UNITS[0], 2023, ()),
    (UNITS[0], 2024, ()),
    (UNITS[1], 2024, ("leader-duty",)),
    (UNITS[2], 2024, ()),
    (UNITS[3], 2024, ("leader-duty", "shortcomings")),
    (UNITS[4], 2024, ("next-year", "shortcomings")),
    (UNITS[4], 2024, ("next-year",)),
)
REPORTED = UNITS[1]  # whose report docs/web-report.png shows: its 第一责任人 part is missing


def draft(unit: Unit, year: int, omit: tuple[str, ...], folder: Path) -> Path:
    from tests.docxkit import report_docx

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{unit.name}{year}年度法治政府建设情况报告.docx"
    return report_docx(path, report_text(unit, year, omit=omit, seed=len(omit)))


def submit_all(server: Server, folder: Path) -> dict[str, str]:
    """Uploads every submission as a Word draft, one at a time; the last report path of each unit."""
    reports = {}
    for index, (unit, year, omit) in enumerate(SUBMISSIONS):
        path = draft(unit, year, omit, folder / str(index))
        answer = upload(server, [(path.name, path.read_bytes())])
        (result,) = wait_batch(server, answer["batch"])["files"]
        if result["state"] != "done":
            raise RuntimeError(f"{path.name}: {result}")
        reports[unit.name] = result["report"]
    return reports


def wait_until_compared(server: Server, timeout: float = 60) -> None:
    """The season page compares each unit's report with the year before in the background."""
    deadline = time.monotonic() + timeout
    while "对比中" in request(server.at("/season"), timeout=30).text:
        if time.monotonic() > deadline:
            raise TimeoutError("the season page still compares reports")
        time.sleep(0.2)


def capture(driver, url: str, target: Path, height: int = HEIGHT, before=None) -> None:
    # The viewport itself is WIDTH × height, whatever the headless window adds around it.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.get(url)
    if before is not None:
        before(driver)
    time.sleep(0.5)  # lets the page's own script finish drawing
    driver.save_screenshot(str(target))
    print(f"wrote {target}")


def choose_files(paths: list[Path]):
    """Picks files in the upload form, as a staffer about to press 开始检查 has."""

    def pick(driver) -> None:
        from selenium.webdriver.common.by import By

        driver.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in paths))

    return pick


def scroll_to_item(rule: str):
    """Scrolls the report so that the item `rule` stands in the lower half, under the score."""

    def scroll(driver) -> None:
        driver.execute_script(
            """
            const item = [...document.querySelectorAll('#report li, #report tr, #report div')]
              .reverse().find(e => e.textContent.includes(arguments[0]) && e.offsetHeight < 400);
            if (item) window.scrollTo(0, item.getBoundingClientRect().top + window.scrollY - 700);
            """,
            rule,
        )

    return scroll


def out_folder(prog: str, doc: str, argv: list[str] | None) -> Path | None:
    """The folder a screenshot script writes to (--out, default docs/); None, said why, when no browser is here."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNG files (default docs/)")
    out = parser.parse_args(argv).out
    why = browser.missing()
    if why:
        print(why, file=sys.stderr)
        return None
    return out


def main(argv: list[str] | None = None) -> int:
    out = out_folder("python -m tests.web.screenshots", __doc__, argv)
    if out is None:
        return 2
    with tempfile.TemporaryDirectory(prefix="fzcheck-screenshots-") as name:
        tmp = Path(name)
        with serve(data=tmp / "data", jobs=2) as server, browser.chromium(width=WIDTH, height=HEIGHT) as driver:
            reports = submit_all(server, tmp)
            wait_until_compared(server)
            chosen = [draft(unit, 2025, (), tmp / "chosen") for unit in UNITS[1:3]]
            capture(driver, server.url, out / "web-upload.png", before=choose_files(chosen))
            capture(
                driver,
                server.at(reports[REPORTED.name]),
                out / "web-report.png",
                before=scroll_to_item("part.leader-duty"),
            )
            capture(driver, server.at("/season"), out / "web-season.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
