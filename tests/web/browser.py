"""Headless Debian Chromium driven by Selenium through Debian's chromedriver.

Both binaries come from apt (packages chromium and chromium-driver, built from one source, so their
versions always match). The driver path is given explicitly, so Selenium never runs selenium-manager
and nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")


def _find(candidates: tuple[str, ...]) -> str | None:
    for name in candidates:
        if Path(name).is_file():
            return name
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> str | None:
    """Why a browser test cannot run here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "没有安装 selenium（pip install '.[test]'），跳过浏览器测试"
    if _find(CHROMIUM) is None:
        return "没有 chromium（apt-get install -y chromium），跳过浏览器测试"
    if _find(CHROMEDRIVER) is None:
        return "没有 chromedriver（apt-get install -y chromium-driver），跳过浏览器测试"
    return None


@contextmanager
def chromium(downloads: Path | None = None, width: int = 1280, height: int = 900) -> Iterator:
    """A Selenium WebDriver on headless Chromium; downloads land in `downloads` without asking."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.TemporaryDirectory(prefix="fzcheck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = _find(CHROMIUM) or CHROMIUM[0]
    for flag in (
        "--headless=new",
        "--no-sandbox",  # tests run as root in CI
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        # The machine has no network beyond loopback: Chromium's own background requests would only fail.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        f"--user-data-dir={profile.name}",
        f"--window-size={width},{height}",
        "--lang=zh-CN",
    ):
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(downloads),
                "download.prompt_for_download": False,
                "safebrowsing.enabled": False,
            },
        )
    # On Linux the browser's own words (选择文件) follow the environment's language, not --lang.
    env = {**os.environ, "LANGUAGE": "zh_CN"}
    service = Service(executable_path=_find(CHROMEDRIVER) or CHROMEDRIVER[0], env=env)
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(30)
        if downloads is not None:
            # Headless Chromium ignores the download preference unless told over CDP as well.
            driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        yield driver
    finally:
        driver.quit()
        profile.cleanup()
