"""Corrections folded into training: held-out slice, weights, deduplication, the switch rule."""

from __future__ import annotations

from classifier.corrected import (
    CORRECTION_WEIGHT,
    Verdict,
    split_held_out,
    training_examples,
)
from classifier.examples import LabelledText


def example(n: int, category: str = "pricing", title: str | None = None) -> LabelledText:
    return LabelledText(f"https://a.example/{n}", title or f"Item {n}", f"Body {n}.", category)


def test_a_stable_fifth_of_the_corrections_is_held_out_and_never_trained_on():
    corrections = [example(n) for n in range(50)]

    kept, held = split_held_out(corrections)
    again = split_held_out(list(reversed(corrections)))

    assert 3 <= len(held) <= 20 and not set(kept) & set(held)
    assert set(kept) | set(held) == set(corrections)
    assert set(again[1]) == set(held)


def test_one_correction_is_held_out_even_when_the_hash_picks_none():
    kept, held = split_held_out([example(1), example(2)])

    assert len(held) == 1 and len(kept) == 1


def test_a_correction_replaces_the_shipped_example_of_the_same_text_and_weighs_more():
    shipped = [example(1, "other", title="Acme  cuts prices"), example(2, "launch")]
    corrected = example(9, "pricing", title="acme cuts prices")
    corrected = LabelledText(corrected.id, corrected.title, "Body 1.", "pricing")

    examples = training_examples(shipped, [corrected, corrected])

    assert [e.category for e in examples].count("other") == 0
    assert examples.count(corrected) == CORRECTION_WEIGHT
    assert example(2, "launch") in examples


def test_the_new_model_is_used_only_when_not_worse_on_dev_and_better_on_held_out():
    assert Verdict(0.90, 0.90, 0.50, 0.75).is_better
    assert not Verdict(0.90, 0.89, 0.50, 0.75).is_better
    assert not Verdict(0.90, 0.95, 0.75, 0.75).is_better
