"""Precision, recall and F1 per category, macro-F1 and the confusion matrix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CategoryScore:
    category: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class Evaluation:
    per_category: tuple[CategoryScore, ...]
    macro_f1: float
    accuracy: float
    labels: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]  # rows: gold, columns: predicted


def evaluate(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> Evaluation:
    pairs = Counter(zip(gold, predicted, strict=True))
    scores = []
    for label in labels:
        tp = pairs[(label, label)]
        predicted_n = sum(n for (_, p), n in pairs.items() if p == label)
        gold_n = sum(n for (g, _), n in pairs.items() if g == label)
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / gold_n if gold_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(CategoryScore(label, precision, recall, f1, gold_n))
    confusion = tuple(tuple(pairs[(g, p)] for p in labels) for g in labels)
    macro = sum(s.f1 for s in scores) / len(scores) if scores else 0.0
    accuracy = sum(n for (g, p), n in pairs.items() if g == p) / max(len(gold), 1)
    return Evaluation(tuple(scores), macro, accuracy, tuple(labels), confusion)
