"""The endpoint's query page in a real browser (issue 16: a browser gets the query page):
headless Chromium opens ``/``, finds one tab per named query, runs the one shown and reads
its result table; the console holds no error (no CDN, nothing from another host). Skips
when Chromium or its driver is not installed, and fails then under CI (``CI`` set)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from reportgraph.query.serve import SparqlServer
from reportgraph.rdf.resources import query_names
from reportgraph.rdf.to_rdf import to_dataset

from browser import chromium
from builders import make_extraction

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    yield from chromium()


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
