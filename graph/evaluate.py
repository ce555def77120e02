"""Scoring the claims table against analyst gold (YAML, as in tests/data/gold/README.md).

The articles are built into a fresh in-memory store through the same path as `build`, the
claims table is read back with `queries/claims_table.rq`, and each row is matched one-to-one with
a gold claim of the same article when kind, provider, recipient and system agree and one of the
claim's evidence spans overlaps the gold evidence: the same support claim read from the same
place. Among several candidates the one that agrees on most other fields wins. Names are compared
through the reference vocabulary, so "Zelenskyy" and "Zelensky" are one person.

Over the matched pairs each other field is scored on its own: quantity, funder, via and said_by
(the accuracy analysts ask about), then unit, value, currency and date (the details).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.errors import PledgeGraphError
from graph.model import ClaimKind
from graph.namespaces import PG
from graph.pipeline import build
from graph.query.queries import resolve_query, run_query, solutions_to_rows
from graph.store.base import Store
from graph.store.local import GraphStore
from graph.vocabulary import Vocabulary, load_vocabulary

MATCH_FIELDS = ("kind", "provider", "recipient", "system")
ACCURACY_FIELDS = ("quantity", "funder", "via", "said_by")
DETAIL_FIELDS = ("unit", "value", "currency", "date")
SCORED_FIELDS = (*ACCURACY_FIELDS, *DETAIL_FIELDS)
ALL_FIELDS = (*MATCH_FIELDS, *SCORED_FIELDS)
_ACTOR_FIELDS = ("provider", "recipient", "funder", "via", "said_by")


@dataclass(frozen=True)
class ClaimRow:
    """A claim as compared: normalised field values plus its evidence texts."""

    article: str
    fields: dict[str, str]
    evidence: tuple[str, ...]
    pattern: str = ""  # the rule that found a predicted claim

    def describe(self) -> str:
        shown = ", ".join(f"{name}={self.fields[name]}" for name in ALL_FIELDS if self.fields.get(name))
        return f"[{self.article}] {shown} | {self.evidence[0][:100] if self.evidence else ''}"


@dataclass
class ArticleScore:
    """Counts and differences for one article."""

    article: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    misses: list[ClaimRow] = field(default_factory=list)
    extras: list[ClaimRow] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)
    field_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCORED_FIELDS, 0))
    matched_rows: list[ClaimRow] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, *names: str) -> float:
        """The share of matched claims with these fields right (1.0 with nothing matched)."""
        checked = self.matched * len(names)
        return sum(self.field_correct[name] for name in names) / checked if checked else 1.0

    @property
    def detail_accuracy(self) -> float:
        return self.accuracy(*DETAIL_FIELDS)


@dataclass
class Evaluation:
    """Scores overall and per article."""

    articles: list[ArticleScore]

    def total(self) -> ArticleScore:
        total = ArticleScore("all")
        for score in self.articles:
            total.gold += score.gold
            total.predicted += score.predicted
            total.matched += score.matched
            for name in SCORED_FIELDS:
                total.field_correct[name] += score.field_correct[name]
        return total

    def by_pattern(self) -> dict[str, tuple[int, int]]:
        """(predicted, matched) claims per extraction pattern."""
        counts: dict[str, list[int]] = {}
        for score in self.articles:
            for row in score.matched_rows:
                counts.setdefault(row.pattern, [0, 0])[1] += 1
            for row in (*score.matched_rows, *score.extras):
                counts.setdefault(row.pattern, [0, 0])[0] += 1
        return {pattern: (p, m) for pattern, (p, m) in sorted(counts.items())}

    def by_kind(self) -> dict[str, tuple[int, int, int]]:
        """(gold, predicted, matched) claims per claim kind."""
        counts: dict[str, list[int]] = {kind.value: [0, 0, 0] for kind in ClaimKind}
        for score in self.articles:
            for row in score.misses:
                counts[row.fields["kind"]][0] += 1
            for row in score.matched_rows:
                counts[row.fields["kind"]][0] += 1
                counts[row.fields["kind"]][1] += 1
                counts[row.fields["kind"]][2] += 1
            for row in score.extras:
                counts[row.fields["kind"]][1] += 1
        return {kind: (g, p, m) for kind, (g, p, m) in counts.items()}

    def report(self) -> str:
        """The scores, misses and extras as text."""
        lines = [
            f"{'article':40} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6} "
            f"{'qty':>6} {'funder':>6} {'via':>6} {'saidby':>6} {'details':>7}"
        ]
        for score in [*self.articles, self.total()]:
            lines.append(
                f"{score.article:40} {score.gold:5} {score.predicted:5} {score.matched:5} "
                f"{score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
                + " ".join(f"{score.accuracy(name):6.3f}" for name in ACCURACY_FIELDS)
                + f" {score.detail_accuracy:7.3f}"
            )
        lines.append("(a match agrees on kind, provider, recipient and system and overlaps the gold evidence; "
                     "qty, funder, via, saidby = share of matched claims with that field right; "
                     "details = unit, value, currency, date)")
        lines.append("by kind: " + ", ".join(
            f"{kind} P {m / p if p else 1:.2f} R {m / g if g else 1:.2f} ({m}/{g})" for kind, (g, p, m) in self.by_kind().items()))
        lines.append("precision by pattern: " + ", ".join(
            f"{pattern or '?'} {m}/{p}" for pattern, (p, m) in self.by_pattern().items()))
        for score in self.articles:
            for row in score.misses:
                lines.append(f"MISS  {row.describe()}")
            for row in score.extras:
                lines.append(f"EXTRA {row.describe()}")
            for error in score.field_errors:
                lines.append(f"FIELD {error}")
        return "\n".join(lines)


def _normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _overlaps(gold_evidence: str, predicted: tuple[str, ...]) -> bool:
    gold = _normalise_space(gold_evidence).strip(" .\"“”")
    return any(gold in _normalise_space(p) or _normalise_space(p) in gold for p in predicted if p)


def _normalise(name: str, value: object, vocabulary: Vocabulary) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    if not text:
        return ""
    if name in _ACTOR_FIELDS or name == "system":
        iri = vocabulary.resolve_name(text)
        return vocabulary.label(iri) if iri else text.lower()
    if name in ("quantity", "value"):
        try:
            return str(int(float(text)))
        except ValueError:
            return text
    return text


def load_gold(gold_dir: Path, vocabulary: Vocabulary) -> dict[str, list[ClaimRow]]:
    """Gold claims per article id from every `*.yaml` in `gold_dir`."""
    gold: dict[str, list[ClaimRow]] = {}
    files = sorted(Path(gold_dir).glob("*.yaml"))
    if not files:
        raise PledgeGraphError(f"no gold files (*.yaml) in {gold_dir}")
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise PledgeGraphError(f"{path}: not valid YAML: {error}") from error
        article = str(data.get("article") or path.stem)
        rows = []
        for claim in data.get("claims") or []:
            fields = {name: _normalise(name, claim.get(name), vocabulary) for name in ALL_FIELDS}
            rows.append(ClaimRow(article, fields, (str(claim.get("evidence", "")),)))
        gold[article] = rows
    return gold


def predicted_rows(store: Store, vocabulary: Vocabulary) -> dict[str, list[ClaimRow]]:
    """The claims table of a store as ClaimRows, with every evidence span of each claim."""
    columns, rows = solutions_to_rows(run_query(store, resolve_query("claims_table")))
    _, evidence_rows = solutions_to_rows(run_query(store, resolve_query("claim_evidence")))
    _, pattern_rows = solutions_to_rows(store.query(f"SELECT ?claim ?pattern WHERE {{ ?claim <{PG.pattern}> ?pattern }}"))
    patterns = dict(pattern_rows)
    evidence: dict[str, list[str]] = {}
    for claim, _article, _start, _end, text in evidence_rows:
        evidence.setdefault(claim, []).append(text)
    predicted: dict[str, list[ClaimRow]] = {}
    for row in rows:
        record = dict(zip(columns, row))
        fields = {name: _normalise(name, record.get(name), vocabulary) for name in ALL_FIELDS}
        predicted.setdefault(record["article"], []).append(
            ClaimRow(record["article"], fields, tuple(evidence.get(record["claim"], [record["evidence"]])), patterns.get(record["claim"], ""))
        )
    return predicted


def score(gold: dict[str, list[ClaimRow]], predicted: dict[str, list[ClaimRow]]) -> Evaluation:
    """Match predicted to gold claims one-to-one per article and count."""
    scores = []
    for article in sorted(set(gold) | set(predicted)):
        result = ArticleScore(article, gold=len(gold.get(article, [])), predicted=len(predicted.get(article, [])))
        remaining = list(predicted.get(article, []))
        for wanted in gold.get(article, []):
            candidates = [
                row for row in remaining
                if all(row.fields[n] == wanted.fields[n] for n in MATCH_FIELDS) and _overlaps(wanted.evidence[0], row.evidence)
            ]
            if not candidates:
                result.misses.append(wanted)
                continue
            match = max(candidates, key=lambda row: sum(row.fields[n] == wanted.fields[n] for n in SCORED_FIELDS))
            remaining.remove(match)
            result.matched += 1
            result.matched_rows.append(match)
            for name in SCORED_FIELDS:
                if match.fields[name] == wanted.fields[name]:
                    result.field_correct[name] += 1
                else:
                    result.field_errors.append(
                        f"[{article}] {wanted.fields['kind']} {wanted.fields['system']}: {name} is {match.fields[name]!r}, gold {wanted.fields[name]!r}"
                    )
        result.extras = remaining
        scores.append(result)
    return Evaluation(scores)


def evaluate(gold_dir: Path, articles: list[Path], vocabulary: Vocabulary | None = None) -> Evaluation:
    """Build `articles` into a fresh in-memory store and score its claims table against gold."""
    vocabulary = vocabulary or load_vocabulary()
    store = GraphStore(None)
    summary = build(articles, store, vocabulary=vocabulary)
    if summary.failed:
        problems = "; ".join(f"{o.path}: {o.problem}" for o in summary.failed)
        raise PledgeGraphError(f"some articles could not be built: {problems}")
    gold = load_gold(gold_dir, vocabulary)
    predicted = predicted_rows(store, vocabulary)
    return score(gold, {k: v for k, v in predicted.items() if k in gold})
