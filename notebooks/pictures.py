"""Redraw the README pictures from the seeds: `make pictures` (needs Debian's chromium).

Writes notebooks/images/support-network.png (the `pledgegraph viz` page, screenshot in headless
Chromium) and the matplotlib figures of graph/viz/figures.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from graph.viz.figures import save_figures
from graph.export.networks import support_edges
from graph.pipeline import build
from graph.store.local import GraphStore
from graph.viz.viz import draw

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "notebooks" / "images"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="pledgegraph-pictures-"))
    store = GraphStore(work / "store")
    build([ROOT / "seeds"], store, workers=1)
    IMAGES.mkdir(parents=True, exist_ok=True)
    page = work / "network.html"
    draw(support_edges(store), page)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        tab = browser.new_page(viewport={"width": 1100, "height": 780})
        tab.goto(page.as_uri())
        tab.wait_for_function("typeof network !== 'undefined' && network.body.nodeIndices.length > 0")
        tab.wait_for_timeout(4000)
        tab.locator("#mynetwork").screenshot(path=str(IMAGES / "support-network.png"))
        browser.close()
    for path in save_figures(store, IMAGES):
        print("wrote", path.relative_to(ROOT))
    print("wrote", (IMAGES / "support-network.png").relative_to(ROOT))


if __name__ == "__main__":
    main()
