"""Static figures for reports (matplotlib), drawn from the named queries over the store.

- `claims_by_kind_over_time`: stacked bars of claims per month, one colour per kind;
- `pledged_versus_delivered`: stated quantities pledged and delivered, per state and system;
- `who_pays_for_whom`: funding claims as a funder x recipient matrix, with the systems named.

Functions build `matplotlib.figure.Figure` objects without pyplot's global state, so they are
safe in library code, scripts and notebooks alike (a notebook shows a returned Figure).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from matplotlib.figure import Figure

from graph.query.queries import query_records
from graph.store.base import Store
from graph.viz.viz import KIND_COLOURS

KIND_ORDER = ("request", "consideration", "pledge", "funding", "delivery", "suspension")


def claims_by_kind_over_time(store: Store) -> Figure:
    """Claims per month, stacked by kind (from claims_over_time.rq)."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in query_records(store, "claims_over_time"):
        counts[row["month"]][row["kind"]] = int(row["claims"])
    months = sorted(counts)
    figure = Figure(figsize=(max(6.0, 1.2 * len(months) + 3), 4.2), layout="constrained")
    axes = figure.subplots()
    bottoms = [0] * len(months)
    for kind in KIND_ORDER:
        heights = [counts[month].get(kind, 0) for month in months]
        if any(heights):
            axes.bar(months, heights, bottom=bottoms, label=kind, color=KIND_COLOURS[kind], width=0.6)
            bottoms = [b + h for b, h in zip(bottoms, heights)]
    axes.set_title("Support claims by kind and month")
    axes.set_xlabel("month (claim date, else publication date)")
    axes.set_ylabel("claims")
    axes.legend(frameon=False, ncols=3, loc="upper left")
    axes.set_ylim(0, max(bottoms or [1]) * 1.35)
    return figure


def pledged_versus_delivered(store: Store) -> Figure:
    """Stated quantities pledged and delivered by each state, per system and unit."""
    states = {row["name"] for row in query_records(store, "actors") if row["type"] == "State"}
    totals: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in query_records(store, "support_by_actor"):
        if row["actor"] in states and row["kind"] in ("pledge", "delivery") and row["total_quantity"] and row["unit"] not in ("USD", "EUR", "GBP"):
            key = (row["actor"], f"{row['system']} ({row['unit']})")
            totals[key][row["kind"]] = totals[key].get(row["kind"], 0) + int(float(row["total_quantity"]))
    keys = sorted(totals)
    figure = Figure(figsize=(8, 2.2 + 0.55 * max(len(keys), 1)), layout="constrained")
    axes = figure.subplots()
    positions = list(range(len(keys)))
    for offset, kind in ((-0.2, "pledge"), (0.2, "delivery")):
        axes.barh([p + offset for p in positions], [totals[k].get(kind, 0) for k in keys], height=0.38,
                  color=KIND_COLOURS[kind], label=kind)
    axes.set_yticks(positions, [f"{actor}: {system}" for actor, system in keys])
    axes.invert_yaxis()
    axes.set_xlabel("stated quantity (sum over claims)")
    axes.set_title("Pledged versus delivered, by state and system")
    axes.legend(frameon=False, loc="lower right")
    if not keys:
        axes.text(0.5, 0.5, "no pledge or delivery with a stated quantity", ha="center", va="center", transform=axes.transAxes)
    return figure


def who_pays_for_whom(store: Store) -> Figure:
    """Funding claims as a matrix: funders (rows) x recipients (columns), cells = claims."""
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in query_records(store, "who_pays"):
        recipient = row["recipient"] or "(not stated)"
        quantity = f"{row['quantity']} " if row["quantity"] else ""
        cells[(row["funder"], recipient)].append(f"{quantity}{row['system']}")
    funders = sorted({f for f, _ in cells})
    recipients = sorted({r for _, r in cells})
    matrix = [[len(cells.get((f, r), [])) for r in recipients] for f in funders]
    figure = Figure(figsize=(4.5 + 2.2 * len(recipients), 1.2 + 0.5 * max(len(funders), 1)), layout="constrained")
    axes = figure.subplots()
    image = axes.imshow(matrix or [[0]], cmap="Oranges", aspect="auto", vmin=0)
    axes.set_xticks(range(len(recipients)), recipients)
    axes.set_yticks(range(len(funders)), funders)
    for i, funder in enumerate(funders):
        for j, recipient in enumerate(recipients):
            systems = sorted(set(cells.get((funder, recipient), [])))
            if systems:
                axes.text(j, i, "; ".join(systems), ha="center", va="center", fontsize=8)
    axes.set_title("Who pays for whom: funding claims (colour: how many)")
    figure.colorbar(image, ax=axes, label="funding claims", shrink=0.8)
    return figure


FIGURES = {
    "claims-by-kind-over-time": claims_by_kind_over_time,
    "pledged-versus-delivered": pledged_versus_delivered,
    "who-pays-for-whom": who_pays_for_whom,
}


def save_figures(store: Store, folder: Path, dpi: int = 110) -> list[Path]:
    """Write every figure as PNG into `folder`; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in FIGURES.items():
        path = folder / f"{name}.png"
        make(store).savefig(path, dpi=dpi, metadata={"Software": None})
        written.append(path)
    return written
