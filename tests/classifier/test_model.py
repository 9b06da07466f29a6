from __future__ import annotations

import pytest

from classifier.categories import category_names
from classifier.model import model_text, read_examples, train, train_dir
from radar.errors import ModelError

SAMPLE = read_examples(train_dir())[::6]


def test_training_is_deterministic_same_data_same_scores():
    texts = [
        "Starlink raises the price of its Standard plan to $120",
        "Acme appoints a new chief executive",
    ]

    first, second = train(SAMPLE, epochs=3), train(SAMPLE, epochs=3)

    assert [d.cats for d in first.pipe(texts)] == [d.cats for d in second.pipe(texts)]


def test_the_shipped_training_data_covers_every_category_with_enough_examples():
    examples = read_examples(train_dir())
    counts = {name: sum(e.category == name for e in examples) for name in category_names()}

    assert min(counts.values()) >= 60, counts


def test_the_model_reads_the_title_and_the_lead_of_the_body():
    long_body = " ".join(["word"] * 500)

    text = model_text("Headline", long_body)

    assert text.startswith("Headline\n") and len(text.split()) < 200


def test_training_needs_examples():
    with pytest.raises(ModelError):
        train([])
