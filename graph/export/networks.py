"""Network views of the graph for networkx, Gephi and Cytoscape (GraphML).

Analysts think in "who supports whom with what", not in triples. The support network is a
directed multigraph over actors and systems, one edge per claim and participant:

    provider / funder / via  --(kind, role, quantity)-->  system  --(kind, recipient)-->  recipient

so "Germany pays for two Patriots for Ukraine" reads Germany -> Patriot -> Ukraine, each edge
carrying the claim, its kind, quantity and unit, the article and the evidence sentence. The rows
come from `queries/support_network.rq`, so the view is whatever the store says, never a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.query.queries import query_records
from graph.store.base import Store

ROLES_INTO_SYSTEM = ("provider", "funder", "via")


@dataclass(frozen=True)
class SupportEdge:
    """One actor's part in one claim (a row of support_network.rq)."""

    claim: str
    kind: str
    role: str
    actor: str
    actor_name: str
    actor_type: str
    system: str
    system_name: str
    quantity: int | None
    unit: str
    article: str
    said_by: str
    date: str
    evidence: str


def support_edges(store: Store) -> list[SupportEdge]:
    """Every (claim, participant) of the store, in a fixed order."""
    edges = []
    for values in query_records(store, "support_network"):
        quantity = values.pop("quantity")
        edges.append(SupportEdge(quantity=int(quantity) if quantity else None, **values))
    return sorted(edges, key=lambda e: (e.claim, e.role, e.actor))


def support_network(edges: list[SupportEdge]) -> nx.MultiDiGraph:
    """The actor-system support network of `edges` (see the module docstring).

    Nodes are IRIs with `label`, `node_type` ("actor" or "system") and, for actors,
    `actor_type` (State, Person, Organisation). Edges are keyed `claim|role|actor` and carry
    kind, role, quantity (when stated), unit, claim, article, said_by, date and evidence.
    Nodes and edges are inserted in sorted order, so a GraphML file of it is deterministic.
    """
    network = nx.MultiDiGraph()
    nodes: dict[str, dict[str, str]] = {}
    for edge in edges:
        nodes[edge.actor] = {"label": edge.actor_name, "node_type": "actor", "actor_type": edge.actor_type}
        nodes[edge.system] = {"label": edge.system_name, "node_type": "system"}
    for iri in sorted(nodes):
        network.add_node(iri, **nodes[iri])
    for edge in edges:
        source, target = (edge.actor, edge.system) if edge.role in ROLES_INTO_SYSTEM else (edge.system, edge.actor)
        attributes = {
            "kind": edge.kind,
            "role": edge.role,
            "claim": edge.claim,
            "unit": edge.unit,
            "article": edge.article,
            "said_by": edge.said_by,
            "date": edge.date,
            "evidence": edge.evidence,
        }
        if edge.quantity is not None:
            attributes["quantity"] = edge.quantity
        network.add_edge(source, target, key=f"{edge.claim}|{edge.role}|{edge.actor}", **attributes)
    return network


def write_graphml(network: nx.MultiDiGraph, path: Path) -> None:
    """Write `network` as GraphML (for Gephi, Cytoscape, yEd) with networkx's own writer."""
    nx.write_graphml(network, path, encoding="utf-8", prettyprint=True, named_key_ids=True)
