"""Network views on the seed graph, the offline page in headless Chromium, and the figures."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread
from playwright.sync_api import sync_playwright

from graph.errors import PledgeGraphError
from graph.viz.figures import save_figures
from graph.export.networks import SupportEdge, support_edges, support_network
from graph.store.local import GraphStore
from graph.viz.viz import draw, flow_network, neighbourhood
from processes import CHROMIUM_FLAGS, chromium

ACTOR = "https://w3id.org/pledgegraph/id/actor/"
SYSTEM = "https://w3id.org/pledgegraph/id/system/"


@pytest.fixture()
def edges(seed_store: GraphStore) -> list[SupportEdge]:
    return support_edges(seed_store)


def test_support_network_has_germany_funding_two_patriots(edges: list[SupportEdge]) -> None:
    network = support_network(edges)
    assert network.nodes[ACTOR + "germany"]["label"] == "Germany"
    assert network.nodes[SYSTEM + "patriot"]["node_type"] == "system"
    funding = [d for d in network.get_edge_data(ACTOR + "germany", SYSTEM + "patriot").values() if d["kind"] == "funding"]
    assert [(d["role"], d["quantity"], d["said_by"]) for d in funding] == [("funder", 2, "Volodymyr Zelensky")]
    recipients = {network.nodes[v]["label"] for _, v in network.out_edges(SYSTEM + "patriot")}
    assert recipients == {"Ukraine"}


def test_flow_network_follows_money_and_equipment(edges: list[SupportEdge]) -> None:
    flows = flow_network(edges)
    steps = {(flows.nodes[u]["label"], d["step"], flows.nodes[v]["label"], d["system"], d.get("quantity"))
             for u, v, d in flows.edges(data=True) if d["kind"] == "funding"}
    assert ("Germany", "funds", "Ukraine", "Patriot", 2) in steps
    assert ("Norway", "funds", "Ukraine", "Patriot", 1) in steps
    assert ("NATO", "pays for", "United States", "Patriot", None) in steps  # NATO members cover the cost of US weapons
    assert ("United States", "hands over to", "NATO", "Patriot", None) in steps
    assert ("NATO", "supplies", "Ukraine", "Patriot", None) in steps
    assert all(flows.nodes[n]["node_type"] == "actor" for n in flows)


def test_neighbourhood_of_a_system_by_label(edges: list[SupportEdge]) -> None:
    around = neighbourhood(support_network(edges), "patriot")
    labels = {data["label"] for _, data in around.nodes(data=True)}
    assert {"Patriot", "Germany", "Norway", "United States", "Ukraine", "NATO"} <= labels
    assert "air defence systems" not in labels and "Canada" not in labels
    with pytest.raises(PledgeGraphError, match="no actor or system labelled 'Atlantis'"):
        neighbourhood(support_network(edges), "Atlantis")


def test_node_cap_gives_a_clear_message(edges: list[SupportEdge], tmp_path: Path) -> None:
    with pytest.raises(PledgeGraphError, match="more than the 5 a readable picture holds"):
        draw(edges, tmp_path / "big.html", max_nodes=5)
    assert not (tmp_path / "big.html").exists()


def test_page_draws_the_network_offline_in_headless_chromium(edges: list[SupportEdge], tmp_path: Path) -> None:
    page_file = tmp_path / "network.html"
    network = draw(edges, page_file)
    html = page_file.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "the page links a resource outside itself"
    assert "Zelensky shared that Germany was ready to pay for two Patriot systems" in html  # an edge tooltip
    outside: list[str] = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.on("request", lambda request: None if request.url.startswith("file://") else outside.append(request.url))
        page.goto(page_file.as_uri())
        page.wait_for_function("typeof network !== 'undefined' && network.body.nodeIndices.length > 0", timeout=30_000)
        page.wait_for_timeout(2500)  # let the physics settle
        drawn_nodes = page.evaluate("network.body.nodeIndices.length")
        page.locator("#mynetwork canvas").screenshot(path=str(tmp_path / "network.png"))
        browser.close()
    assert outside == []
    assert drawn_nodes == network.number_of_nodes()
    pixels = imread(tmp_path / "network.png")[:, :, :3]
    not_white = (pixels < 0.92).any(axis=2).mean()
    colours = {tuple(p) for p in (pixels[::7, ::7] * 255).astype(int).reshape(-1, 3).tolist()}
    assert not_white > 0.01, f"the canvas is nearly blank ({not_white:.3%} drawn)"
    assert len(colours) > 20  # nodes, edges and labels in several colours, not a flat fill


def test_figures_are_drawn(seed_store: GraphStore, tmp_path: Path) -> None:
    paths = save_figures(seed_store, tmp_path)
    assert [p.name for p in paths] == ["claims-by-kind-over-time.png", "pledged-versus-delivered.png", "who-pays-for-whom.png"]
    for path in paths:
        pixels = imread(path)[:, :, :3]
        assert pixels.shape[0] > 150 and pixels.shape[1] > 300
        assert (pixels < 0.9).any(axis=2).mean() > 0.02, f"{path.name} is nearly blank"
        assert np.unique((pixels * 255).astype(int).reshape(-1, 3), axis=0).shape[0] > 10
