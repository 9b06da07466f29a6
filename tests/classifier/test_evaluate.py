"""Scores of a labelling: macro-F1 over the categories the data has, and the false-alarm rate."""

from __future__ import annotations

from classifier.evaluate import evaluate, evaluate_story_pairs

LABELS = ["launch", "pricing", "partnership", "executive", "regulatory", "other"]


def test_macro_f1_averages_only_the_categories_the_gold_labels_have():
    gold = ["partnership", "partnership", "other", "other"]
    predicted = ["partnership", "other", "other", "other"]

    result = evaluate(gold, predicted, LABELS)

    partnership = 2 * 1.0 * 0.5 / 1.5
    other = 2 * (2 / 3) * 1.0 / (2 / 3 + 1.0)
    assert abs(result.macro_f1 - (partnership + other) / 2) < 1e-9


def test_false_alarms_are_the_share_of_gold_other_given_an_event():
    gold = ["other", "other", "other", "other", "launch"]
    predicted = ["launch", "other", "regulatory", "other", "launch"]

    assert evaluate(gold, predicted, LABELS).false_alarm_rate == 0.5


def test_data_without_other_has_no_false_alarm_rate():
    assert evaluate(["launch"], ["other"], LABELS).false_alarm_rate is None


def test_story_pairs_count_every_two_items_told_as_one_story():
    gold = ["e1", "e1", "e1", "e2"]
    found = ["s1", "s1", "s2", "s2"]

    scores = evaluate_story_pairs(gold, found)

    # gold pairs: (0,1) (0,2) (1,2); found pairs: (0,1) (2,3)
    assert (scores.true_positives, scores.false_positives, scores.false_negatives) == (1, 1, 2)
    assert scores.precision == 0.5 and abs(scores.recall - 1 / 3) < 1e-9
