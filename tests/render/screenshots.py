"""`python -m tests.render.screenshots`: docs/html-report.png and docs/html-report-text.png, the README's
pictures of `--format html`.

The bundled examples are checked from the project root (so the page names them examples/…) and rendered as
one HTML report; headless Chromium photographs its top (the ranked index and the first report's checklist,
its passed items folded) and the gap report's text with its notes. Needs what tests.web.screenshots needs:
Debian's chromium and chromium-driver, and a Chinese font (fonts-wqy-zenhei or fonts-noto-cjk, else the
Chinese shows as boxes).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from tests.paths import ROOT
from tests.web import browser

# (file, viewport height (the width is tests.web.screenshots'), element the page is scrolled to): the report of
# examples/gaps-2023.txt is the second.
SHOTS = (("html-report.png", 1600, ""), ("html-report-text.png", 1050, "d2-text"))


def page() -> bytes:
    """The HTML report of the examples, as `fzcheck check --format html examples/*.txt` writes it."""
    from checker.pipeline import check_file
    from checker.render import FORMATS
    from checker.score import Gate

    old = os.getcwd()
    os.chdir(ROOT)
    try:
        paths = sorted(f"examples/{p.name}" for p in (ROOT / "examples").glob("*.txt"))
        return FORMATS["html"].render([check_file(path, None, Gate()) for path in paths], [])
    finally:
        os.chdir(old)


def scroll_to(element: str):
    """Scrolls the page so that the element with this id stands a little below the top."""

    def scroll(driver) -> None:
        driver.execute_script(
            "const e = document.getElementById(arguments[0]);"
            "if (e) window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 160);",
            element,
        )

    return scroll


def main(argv: list[str] | None = None) -> int:
    from tests.web.screenshots import capture, out_folder

    out = out_folder("python -m tests.render.screenshots", __doc__, argv)
    if out is None:
        return 2
    with tempfile.TemporaryDirectory(prefix="fzcheck-screenshots-") as name:
        html = Path(name) / "报告.html"
        html.write_bytes(page())
        with browser.chromium(height=SHOTS[0][1]) as driver:
            for file_name, height, element in SHOTS:
                before = scroll_to(element) if element else None
                capture(driver, html.as_uri(), out / file_name, height=height, before=before)
    return 0


if __name__ == "__main__":
    sys.exit(main())
