"""Screenshots of the HTML viewer in headless Chromium, for the README.

Usage: ``python examples/screenshot_viewer.py PAGE.html [-o docs/viewer.png] [--map docs/viewer-map.png]``
(write the page first: ``reportgraph view reportgraph-out/graph.trig -o PAGE.html``).
Needs Debian's ``chromium`` and ``chromium-driver``, the ``selenium`` package and a CJK font
(``fonts-noto-cjk``). It searches 代县政协, opens its card, and saves the window; with
``--map`` it also saves the map view (with no entity chosen).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1500,900")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/viewer.png"))
    parser.add_argument("--map", type=Path, help="also save the map view here")
    parser.add_argument("--search", default="代县政协")
    args = parser.parse_args()
    profile = tempfile.mkdtemp(prefix="rg-shot-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver") or "chromedriver"))
    try:
        driver.get(args.page.resolve().as_uri())
        WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "status").text)
        driver.find_element(By.ID, "search").send_keys(args.search)
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))[0].click()
        time.sleep(1.0)  # the camera's animation
        driver.save_screenshot(str(args.output))
        if args.map:
            driver.execute_script("window.reportgraphViewer.clear()")
            driver.find_element(By.ID, "view-map").click()
            time.sleep(1.0)
            driver.save_screenshot(str(args.map))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
