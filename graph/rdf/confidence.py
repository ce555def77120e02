"""How far to trust a claim: the measured precision of the rule that found it.

Each claim records its pattern (the extraction rule: a trigger group such as "funding_pay",
"ellipsis", "list-item", "anaphoric-…"). Its confidence is that pattern's precision on the
devset, real texts the rules were not written on (`make calibrate` measures it with
`pledgegraph evaluate --calibrate`), shrunk toward the overall precision so a pattern seen
twice does not claim certainty. Patterns never seen there get the overall precision.
The shapes flag claims under WEAK_BELOW as warnings.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import yaml

from graph.errors import PledgeGraphError
from graph.resources import source_checkout

CALIBRATION_FILE = Path(__file__).resolve().parent / "confidence.yaml"
PRIOR_WEIGHT = 2.0  # pseudo-observations at the overall precision
WEAK_BELOW = 0.5  # keep in step with the warning shape in ontology/shapes.ttl


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, float], float]:
    """(confidence per pattern, default) from the calibration file."""
    if not CALIBRATION_FILE.is_file():
        return {}, 0.5
    data = yaml.safe_load(CALIBRATION_FILE.read_text(encoding="utf-8")) or {}
    return {str(k): float(v) for k, v in (data.get("confidence") or {}).items()}, float(data.get("default", 0.5))


def confidence(pattern: str) -> float:
    """The confidence of a claim found by `pattern` (the default for unmeasured patterns)."""
    table, default = _table()
    return table.get(pattern, default)


def calibration_target(path: Path | None = None) -> Path:
    """Where `evaluate --calibrate` writes: `path` when the user names one, else the table the
    builds read (CALIBRATION_FILE), but only in a source checkout.

    Raises PledgeGraphError when no path is named and the package is installed: rewriting a
    file inside site-packages would change every user's confidences silently.
    """
    if path is not None:
        return path
    if source_checkout() is None:
        raise PledgeGraphError(
            f"this pledgegraph is installed, not run from a source checkout, so --calibrate will not rewrite "
            f"{CALIBRATION_FILE}; name the file to write with --calibration-file"
        )
    return CALIBRATION_FILE


def calibrate(counts: Mapping[str, tuple[int, int]]) -> dict[str, object]:
    """The calibration table from (predicted, matched) counts per pattern."""
    predicted = sum(p for p, _ in counts.values())
    matched = sum(m for _, m in counts.values())
    overall = matched / predicted if predicted else 0.5
    table = {
        pattern: round((m + PRIOR_WEIGHT * overall) / (p + PRIOR_WEIGHT), 2)
        for pattern, (p, m) in sorted(counts.items())
    }
    return {"default": round(overall, 2), "confidence": table,
            "measured_on": {pattern: {"predicted": p, "matched": m} for pattern, (p, m) in sorted(counts.items())}}


def write_calibration(counts: Mapping[str, tuple[int, int]], path: Path = CALIBRATION_FILE) -> dict[str, object]:
    """Write the calibration table (YAML) and return it."""
    table = calibrate(counts)
    header = "# Written by `make calibrate` (pledgegraph evaluate --calibrate): pattern precision on the news devset (tests/data/devset-news).\n"
    path.write_text(header + yaml.safe_dump(table, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _table.cache_clear()
    return table
