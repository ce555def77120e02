"""Pictures of the graph: analyst views as networkx graphs, and offline interactive pages.

Views (all built from `support_edges`, i.e. from `queries/support_network.rq` over the store):

- `support_network`: actors and systems, one edge per claim and participant, coloured by kind
  (graph/export/networks.py; the GraphML export is the same graph);
- `flow_network`: actors only, money and equipment as they move: funder -> provider (pays for),
  provider -> via (hands over to), via or provider -> recipient (supplies);
- `neighbourhood`: the part of a view within `radius` steps of one actor or system.

`write_html` draws a view with pyvis (vis-network) into one standalone page: the library is
inlined and every external reference pyvis adds (Bootstrap from a CDN) is removed, so the page
works with no internet, in a browser or in a notebook (`IPython.display.HTML`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from graph.errors import PledgeGraphError
from graph.export.networks import SupportEdge, support_network

KIND_COLOURS = {
    "request": "#8e44ad",
    "pledge": "#2e86c1",
    "funding": "#d68910",
    "delivery": "#229954",
    "suspension": "#c0392b",
    "consideration": "#7f8c8d",
}
ACTOR_COLOURS = {"State": "#1f618d", "Person": "#b9770e", "Organisation": "#117864"}
SYSTEM_COLOUR = "#566573"
DEFAULT_MAX_NODES = 300


def flow_network(edges: Iterable[SupportEdge]) -> nx.MultiDiGraph:
    """Who pays whom and who supplies whom: an actor-only graph, one edge per step of a claim.

    For each claim: funder -> provider ("pays for", when both are stated and differ), provider
    -> via ("hands over to"), then via (or provider, or funder when no one else is named) ->
    recipient ("supplies"), or funder -> recipient ("funds") when no supplier is named. Edges carry the claim's kind, system, quantity, article and evidence.
    """
    by_claim: dict[str, list[SupportEdge]] = {}
    for edge in edges:
        by_claim.setdefault(edge.claim, []).append(edge)
    network = nx.MultiDiGraph()
    for claim, parts in sorted(by_claim.items()):
        roles: dict[str, list[SupportEdge]] = {}
        for part in parts:
            roles.setdefault(part.role, []).append(part)
            network.add_node(part.actor, label=part.actor_name, node_type="actor", actor_type=part.actor_type)
        first = parts[0]
        steps: list[tuple[str, str, str]] = []
        funders, providers = roles.get("funder", []), roles.get("provider", [])
        vias, recipients = roles.get("via", []), roles.get("recipient", [])
        steps += [(f.actor, p.actor, "pays for") for f in funders for p in providers if f.actor != p.actor]
        steps += [(p.actor, v.actor, "hands over to") for p in providers for v in vias]
        suppliers, step = (vias or providers, "supplies") if vias or providers else (funders, "funds")
        steps += [(s.actor, r.actor, step) for s in suppliers for r in recipients if s.actor != r.actor]
        for source, target, step in steps:
            attributes = {"kind": first.kind, "step": step, "system": first.system_name, "claim": claim, "article": first.article,
                          "said_by": first.said_by, "evidence": first.evidence, "unit": first.unit}
            if first.quantity is not None:
                attributes["quantity"] = first.quantity
            network.add_edge(source, target, key=f"{claim}|{source}|{target}", **attributes)
    return network


def find_node(network: nx.MultiDiGraph, focus: str) -> str:
    """The node whose IRI or label is `focus` (labels compared case-insensitively)."""
    if focus in network:
        return focus
    wanted = focus.casefold()
    matches = sorted(node for node, data in network.nodes(data=True) if str(data.get("label", "")).casefold() == wanted)
    if not matches:
        labels = sorted({str(d.get("label")) for _, d in network.nodes(data=True)})
        raise PledgeGraphError(f"no actor or system labelled {focus!r} in the graph; known: {', '.join(labels[:40])}")
    return matches[0]


def neighbourhood(network: nx.MultiDiGraph, focus: str, radius: int = 1) -> nx.MultiDiGraph:
    """The subgraph within `radius` steps (either direction) of the node labelled `focus`."""
    centre = find_node(network, focus)
    nodes = nx.ego_graph(network.to_undirected(as_view=True), centre, radius=radius).nodes
    return network.subgraph(nodes).copy()


def write_html(network: nx.MultiDiGraph, path: Path, *, title: str = "pledgegraph", max_nodes: int = DEFAULT_MAX_NODES) -> Path:
    """Draw `network` into one self-contained HTML page at `path` (pyvis, no external resource).

    Nodes show their vocabulary label (tooltip: IRI and type); edges are coloured by claim kind
    and labelled with kind and quantity (tooltip: the evidence sentence and its article). Raises
    PledgeGraphError when the graph has more than `max_nodes` nodes: pick a `--focus` instead.
    """
    if network.number_of_nodes() > max_nodes:
        raise PledgeGraphError(
            f"the graph has {network.number_of_nodes()} nodes, more than the {max_nodes} a readable picture holds; "
            "draw the neighbourhood of one actor or system (--focus LABEL) or raise --max-nodes"
        )
    html = _pyvis_page(network, title)
    temporary = path.with_name(path.name + ".partial")
    temporary.write_text(html, encoding="utf-8")
    temporary.replace(path)
    return path


def _pyvis_page(network: nx.MultiDiGraph, title: str) -> str:
    from pyvis.network import Network

    page = Network(height="760px", width="100%", directed=True, cdn_resources="in_line", heading="")
    for node, data in sorted(network.nodes(data=True)):
        is_system = data.get("node_type") == "system"
        colour = SYSTEM_COLOUR if is_system else ACTOR_COLOURS.get(str(data.get("actor_type")), "#333333")
        kind = "system" if is_system else data.get("actor_type", "actor")
        page.add_node(node, label=str(data.get("label", node)), title=f"{data.get('label', node)} ({kind})\n{node}",
                      color=colour, shape="box" if is_system else "dot", size=18)
    for source, target, key, data in sorted(network.edges(keys=True, data=True), key=lambda e: str(e[2])):
        quantity = f" {data['quantity']}" if "quantity" in data else ""
        label = f"{data.get('step', data.get('kind', ''))}{quantity}"
        tooltip = f"{data.get('kind', '')}{quantity} {data.get('system', '')}\n\u201c{data.get('evidence', '')}\u201d\n{data.get('article', '')}"
        if data.get("said_by"):
            tooltip += f", said by {data['said_by']}"
        page.add_edge(source, target, label=label, title=tooltip, color=KIND_COLOURS.get(str(data.get("kind")), "#999999"),
                      arrows="to", font={"size": 10, "align": "middle"})
    page.set_options('{"physics": {"stabilization": {"iterations": 300}, "barnesHut": {"springLength": 160}},'
                     ' "edges": {"smooth": {"type": "dynamic"}}, "interaction": {"hover": true}}')
    return _offline(page.generate_html(name="pledgegraph.html", notebook=False), title)


def _offline(html: str, title: str) -> str:
    """Remove every reference to a resource outside the page (pyvis always links Bootstrap)."""
    from lxml import html as lxml_html

    document = lxml_html.document_fromstring(html)
    for element in document.xpath("//script[@src] | //link[@href]"):
        reference = element.get("src") or element.get("href") or ""
        if reference.startswith(("http://", "https://", "//")):
            element.getparent().remove(element)
    for heading in document.xpath("//center[h1]"):
        heading.getparent().remove(heading)  # pyvis's empty headings
    head = document.find("head")
    title_element = lxml_html.Element("title")
    title_element.text = title
    head.insert(0, title_element)
    return lxml_html.tostring(document, doctype="<!DOCTYPE html>", encoding="unicode")


def notebook_frame(network: nx.MultiDiGraph, *, height: int = 620, max_nodes: int = DEFAULT_MAX_NODES) -> object:
    """The page of `network` in an iframe for Jupyter (JupyterLab, VS Code, classic).

    The page goes in `srcdoc`, so it needs no file, no server and no internet, and its scripts
    run in the frame whatever the notebook's trust setting.
    """
    import html
    import warnings

    from IPython.display import HTML

    if network.number_of_nodes() > max_nodes:
        raise PledgeGraphError(f"the graph has {network.number_of_nodes()} nodes, more than {max_nodes}; draw a neighbourhood instead")
    page = _pyvis_page(network, "pledgegraph")
    frame = f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:{height}px;border:0"></iframe>'
    with warnings.catch_warnings():  # IPython suggests its IFrame, which needs a URL; srcdoc needs none
        warnings.simplefilter("ignore", UserWarning)
        return HTML(frame)


def draw(edges: list[SupportEdge], path: Path, *, focus: str | None = None, view: str = "support",
         radius: int = 1, max_nodes: int = DEFAULT_MAX_NODES) -> nx.MultiDiGraph:
    """Build a view (`support` or `flow`), cut it to `focus`'s neighbourhood, write the page."""
    if view not in ("support", "flow"):
        raise PledgeGraphError(f"unknown view {view!r}; choose support or flow")
    network = support_network(edges) if view == "support" else flow_network(edges)
    title = f"pledgegraph: {view} network"
    if focus:
        network = neighbourhood(network, focus, radius)
        title += f" around {focus}"
    write_html(network, path, title=title, max_nodes=max_nodes)
    return network
