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


@dataclass(frozen=True, slots=True)
class LinkEvaluation:
    """Precision, recall and F1 over (item, company) pairs."""

    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int


def evaluate_links(
    gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]
) -> LinkEvaluation:
    tp = fp = fn = 0
    for truth, found in zip(gold, predicted, strict=True):
        tp += len(truth & found)
        fp += len(found - truth)
        fn += len(truth - found)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LinkEvaluation(precision, recall, f1, tp, fp, fn)
