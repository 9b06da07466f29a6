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
    """Scores of one labelling against gold labels.

    `macro_f1` averages over the categories the gold labels have (a corpus of wire news with no
    executive moves is not scored on them); `false_alarm_rate` is the share of gold `other`
    items given an event category, None when the gold has no `other`.
    """

    per_category: tuple[CategoryScore, ...]
    macro_f1: float
    accuracy: float
    labels: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]  # rows: gold, columns: predicted
    false_alarm_rate: float | None = None


def evaluate(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str], other: str = "other"
) -> Evaluation:
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
    present = [s for s in scores if s.support]
    macro = sum(s.f1 for s in present) / len(present) if present else 0.0
    accuracy = sum(n for (g, p), n in pairs.items() if g == p) / max(len(gold), 1)
    others = [p for g, p in zip(gold, predicted, strict=True) if g == other]
    alarms = sum(1 for p in others if p != other) / len(others) if others else None
    return Evaluation(tuple(scores), macro, accuracy, tuple(labels), confusion, alarms)


@dataclass(frozen=True, slots=True)
class PairEvaluation:
    """Precision, recall and F1 over pairs: (item, company) links, or two items in one story."""

    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int


def evaluate_links(
    gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]
) -> PairEvaluation:
    tp = fp = fn = 0
    for truth, found in zip(gold, predicted, strict=True):
        tp += len(truth & found)
        fp += len(found - truth)
        fn += len(truth - found)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairEvaluation(precision, recall, f1, tp, fp, fn)


def evaluate_story_pairs(gold: Sequence[str], predicted: Sequence[str]) -> PairEvaluation:
    """Pairwise story scores: of every two items, are they one story in the gold and in the
    prediction? Precision first: a wrong merge hides an event from the reader."""
    tp = fp = fn = 0
    for i in range(len(gold)):
        for j in range(i + 1, len(gold)):
            same_gold, same_found = gold[i] == gold[j], predicted[i] == predicted[j]
            tp += same_gold and same_found
            fp += same_found and not same_gold
            fn += same_gold and not same_found
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairEvaluation(precision, recall, f1, tp, fp, fn)
