"""Headless Chromium driven by Selenium, for the browser tests of the viewer and the query page.

Skips when Chromium or its driver is not installed, and fails then under CI (``CI`` set),
where ``.ci/run`` installs both (Debian's ``chromium`` and ``chromium-driver``)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1400,900")


def _binary(*names: str) -> str | None:
    return next((found for found in map(shutil.which, names) if found), None)


def chromium() -> Iterator[object]:
    """A Selenium driver of headless Chromium with a fresh profile, quit afterwards (use it
    as the body of a pytest fixture: ``yield from chromium()``)."""
    chrome = _binary("chromium", "chromium-browser", "google-chrome")
    driver_path = _binary("chromedriver")
    if chrome is None or driver_path is None:
        message = "no headless browser: install Debian's chromium and chromium-driver (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs them: a missing browser there is a broken .ci/run
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="rg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
