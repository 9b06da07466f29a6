from __future__ import annotations

import pytest

from classifier.categories import category_names
from classifier.model import (
    CategoryModel,
    choose_threshold,
    item_text,
    label_scores,
    load_config,
    model_text,
    read_examples,
    train,
    train_dir,
    training_settings,
)
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

    text = model_text("Headline", long_body, lead_words=120)

    assert text.startswith("Headline\n") and len(text.split()) == 121


def test_training_needs_examples():
    with pytest.raises(ModelError):
        train([])


def test_a_title_alone_is_read_when_there_is_no_body():
    assert model_text("Acme cuts prices", "", lead_words=120) == "Acme cuts prices"


def test_an_all_caps_headline_reads_as_the_same_words_as_title_case():
    shouting = model_text("ACME CUTS PRICES", "BY 5 PCT", lead_words=120, casefold=True)

    assert shouting == model_text("Acme cuts prices", "by 5 pct", lead_words=120, casefold=True)


def test_calibrating_for_a_prior_of_other_makes_false_alarms_weigh_more():
    # A weak true launch and an `other` item that reads as weakly as it: on balanced data a
    # threshold between them costs as much as it saves, but where `other` is most items, the
    # false alarm it saves is worth more than the event it loses.
    weak = {"launch": 0.35, "other": 0.33, "pricing": 0.32}
    scores = [
        {"launch": 0.9, "other": 0.1},
        {"pricing": 0.9, "other": 0.1},
        weak,
        weak,
        {"other": 0.8, "launch": 0.2},
    ]
    gold = ["launch", "pricing", "launch", "other", "other"]

    assert choose_threshold(scores, gold, [0.0, 0.4]) == 0.0
    assert choose_threshold(scores, gold, [0.0, 0.4], other_prior=0.75) == 0.4


def test_below_the_threshold_the_best_category_gives_way_to_other():
    scores = {"launch": 0.4, "pricing": 0.3, "other": 0.3}

    assert label_scores(scores, threshold=0.5) == "other"
    assert label_scores(scores, threshold=0.35) == "launch"


def test_the_threshold_chosen_is_the_lowest_with_the_best_macro_f1():
    scores = [
        {"launch": 0.9, "other": 0.1},
        {"launch": 0.55, "other": 0.45},
        {"pricing": 0.6, "other": 0.4},
    ]
    gold = ["launch", "other", "pricing"]

    assert choose_threshold(scores, gold, [0.0, 0.56, 0.58, 0.7]) == 0.56


def test_the_shipped_config_is_seeded_and_names_its_version():
    settings = training_settings(load_config())

    assert settings.seed and settings.version and settings.epochs > 0


def test_the_lead_cut_from_the_whole_item_is_what_the_model_reads():
    nlp = train(SAMPLE, epochs=1)
    model = CategoryModel(nlp)
    body = " ".join(f"word{n}," for n in range(400))
    full = nlp.make_doc(item_text("A title", body))

    lead = model.lead(full, "A title", body)

    expected = nlp.make_doc(model_text("A title", body, model.lead_words, model.casefold))
    assert [t.text for t in lead] == [t.text for t in expected]
    assert lead[-2].text == "word119" and len(lead) < len(full)
