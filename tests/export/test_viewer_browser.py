"""The HTML viewer in a real browser: headless Chromium driven by Selenium.

Opens the sample report's viewer from a file (offline), searches 代县政协, clicks it, reads
the evidence sentences in its card, switches to the map view and checks the browser
console has no error; opens a corpus-sized page and brings hidden entities in. Skips only
when Chromium or its driver is not installed, and fails then under CI (``CI`` set), where
``.ci/run`` installs both (Debian's ``chromium`` and ``chromium-driver``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import chromium

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    yield from chromium()


@pytest.fixture(scope="module")
def sample_page(sample_extraction, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reportgraph.api import ReportGraph
    from reportgraph.export.viewer.source import write_viewer
    from reportgraph.rdf import to_rdf

    graph = ReportGraph.load(to_rdf.to_dataset([sample_extraction]))
    return write_viewer(graph, tmp_path_factory.mktemp("viewer") / "sample.html")


def _errors(driver) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{e['level']}: {e['message']}" for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _wait(driver, condition, timeout: float = 20.0):  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def test_search_card_evidence_and_map(browser, sample_page: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(sample_page.as_uri())
    _wait(driver, lambda d: d.find_element(By.ID, "status").text.startswith("Showing"))
    assert driver.execute_script("return window.reportgraphViewer.graph.order") >= 90

    box = driver.find_element(By.ID, "search")
    box.send_keys("代县政协")
    hit = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))[0]
    assert hit.text.split()[0] == "代县政协"
    hit.click()

    card = _wait(driver, lambda d: d.find_element(By.ID, "card") if d.find_element(By.ID, "card").is_displayed()
                 else None)
    assert card.find_element(By.TAG_NAME, "h2").text == "代县政协"
    assert "县政协" in card.text  # an alias
    sentences = [e.find_element(By.TAG_NAME, "p").text for e in card.find_elements(By.CSS_SELECTOR, ".evidence")]
    assert len(sentences) >= 5
    assert all(len(s) > 5 for s in sentences[:5])
    # the evidence comes with its report, and mentions the entity or what it does
    assert any("政协" in s for s in sentences)
    assert all(c.text for c in card.find_elements(By.CSS_SELECTOR, ".evidence cite"))
    assert driver.execute_script("return window.reportgraphViewer.state.selected") is not None

    driver.find_element(By.ID, "view-map").click()
    _wait(driver, lambda d: "map view" in d.find_element(By.ID, "status").text)
    assert "active" in driver.find_element(By.ID, "view-map").get_attribute("class")
    # areas sit at their map positions: 代县 lies north-east of a county in Yunnan
    positions = driver.execute_script("""
        var g = window.reportgraphViewer.graph, out = {};
        g.forEachNode(function (k, a) { if (a.etype === 'AdministrativeArea') out[a.label] = [a.x, a.y]; });
        return out;""")
    assert "代县" in positions
    yunnan = [xy for name, xy in positions.items() if name in ("会泽县", "巍山彝族回族自治县", "巍山县")]
    assert yunnan and all(positions["代县"][1] > y for _, y in yunnan)
    assert _errors(driver) == []


def test_filters_and_expansion(browser, sample_page: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(sample_page.as_uri())
    _wait(driver, lambda d: d.find_element(By.ID, "status").text.startswith("Showing"))

    def visible() -> int:
        return int(driver.execute_script("""
            var r = window.reportgraphViewer.renderer, g = window.reportgraphViewer.graph, n = 0;
            g.forEachNode(function (k) { if (!r.getNodeDisplayData(k).hidden) n++; }); return n;"""))

    everything = visible()
    box = driver.find_element(By.CSS_SELECTOR, "#filter-types input[value='Document']")
    box.click()
    fewer = visible()
    assert 0 < fewer < everything
    box.click()
    assert visible() == everything
    assert _errors(driver) == []


def _visible(driver) -> int:  # type: ignore[no-untyped-def]
    return int(driver.execute_script("""
        var r = window.reportgraphViewer.renderer, g = window.reportgraphViewer.graph, n = 0;
        g.forEachNode(function (k) { if (!r.getNodeDisplayData(k).hidden) n++; }); return n;"""))


def test_corpus_sized_page_stays_usable(browser, big_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    data, page = big_page
    path = tmp_path / "big.html"
    path.write_text(page, encoding="utf-8")
    driver = browser
    driver.get(path.as_uri())
    status = _wait(driver, lambda d: d.find_element(By.ID, "status").text)
    assert "Showing 1,000 of 5,000 entities" in status and "80,000" in status and "--max-nodes" in status
    assert _visible(driver) == 1000
    # an entity not drawn at first: found by search, drawn with its neighbours when chosen
    degree_order = sorted(range(len(data["nodes"])), key=lambda i: (-data["nodes"][i]["degree"], data["nodes"][i]["name"]))
    late = data["nodes"][degree_order[-1]]
    hidden = "return window.reportgraphViewer.renderer.getNodeDisplayData(arguments[0]).hidden"
    assert driver.execute_script(hidden, late["id"]) is True
    driver.find_element(By.ID, "search").send_keys(late["name"])
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))[0].click()
    _wait(driver, lambda d: d.find_element(By.ID, "card").is_displayed())
    assert driver.find_element(By.CSS_SELECTOR, "#card h2").text == late["name"]
    assert _visible(driver) > 1000 and driver.execute_script(hidden, late["id"]) is False
    # a hub's card offers its hidden neighbours
    hub = data["nodes"][degree_order[0]]
    driver.execute_script("window.reportgraphViewer.select(arguments[0], false)", degree_order[0])
    button = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#card button.expand"))[0]
    before = _visible(driver)
    button.click()
    assert _visible(driver) > before and hub["degree"] > 0
    assert _errors(driver) == []
