"""The endpoint's query page in a real browser (issue 16: a browser gets the query page):
headless Chromium opens ``/``, finds one tab per named query, runs the one shown and reads
its result table; the console holds no error (no CDN, nothing from another host). Skips
when Chromium or its driver is not installed, and fails then under CI (``CI`` set)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator

import pytest

from reportgraph.query.serve import SparqlServer
from reportgraph.rdf.resources import query_names
from reportgraph.rdf.to_rdf import to_dataset

from builders import make_extraction

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chrome = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
                  None)
    driver_path = shutil.which("chromedriver")
    if chrome is None or driver_path is None:
        message = "no headless browser: install Debian's chromium and chromium-driver (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="rg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1400,900", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait(predicate, seconds: float = 30.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


def test_query_page_runs_a_named_query(browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    with SparqlServer(to_dataset([make_extraction()]), port=0) as server:
        browser.get(server.url[: -len("query")])
        names = set(query_names())
        tabs = _wait(lambda: [t for t in (e.get_attribute("textContent").replace("✖", "").strip()
                                          for e in browser.find_elements(By.CSS_SELECTOR, ".tabsList .tab"))
                              if t in names])
        assert tabs == list(query_names())
        button = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, ".yasqe_queryButton"))
        button[0].click()
        result = lambda: browser.find_element(By.CSS_SELECTOR, ".yasr").get_attribute("textContent")  # noqa: E731
        assert _wait(lambda: "代县" in result()), result()[:300]
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
