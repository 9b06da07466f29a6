"""Which text classifier generalises to other writers: dev macro-F1 of spaCy architectures.

Trains each variant on classifier/data/train with the seed of classifier/config.cfg and scores
the two dev sets (written by other hands). Run: .venv/bin/python bench/classify_architectures.py
"""

from __future__ import annotations

import copy
import sys
import time
from collections.abc import Callable

from thinc.api import Config

from classifier.categories import category_names
from classifier.evaluate import evaluate
from classifier.examples import LabelledText, dev_dir, read_examples, train_dir
from classifier.model import label_scores, load_config, model_text, train

ENSEMBLE = {
    "@architectures": "spacy.TextCatEnsemble.v2",
    "nO": None,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": 64,
            "rows": [2000, 2000, 500, 1000, 500],
            "attrs": ["NORM", "LOWER", "PREFIX", "SUFFIX", "SHAPE"],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": 64,
            "window_size": 1,
            "maxout_pieces": 3,
            "depth": 2,
        },
    },
    "linear_model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 1,
        "no_output_layer": False,
        "length": 262144,
        "nO": None,
    },
}


def variant(change: Callable[[Config], None]) -> Config:
    config = copy.deepcopy(load_config())
    change(config)
    return config


def bow(ngram: int) -> Callable[[Config], None]:
    def change(config: Config) -> None:
        config["components"]["textcat"]["model"]["ngram_size"] = ngram

    return change


def epochs(n: int) -> Callable[[Config], None]:
    def change(config: Config) -> None:
        config["rivalradar"]["epochs"] = n

    return change


def lead(n: int) -> Callable[[Config], None]:
    def change(config: Config) -> None:
        config["rivalradar"]["lead_words"] = n

    return change


def ensemble(config: Config) -> None:
    config["components"]["textcat"]["model"] = ENSEMBLE
    config["rivalradar"]["epochs"] = 8


def score(config: Config, examples: list[LabelledText]) -> tuple[float, float, float]:
    started = time.perf_counter()
    nlp = train(examples, config)
    seconds = time.perf_counter() - started
    lead_words = config["rivalradar"]["lead_words"]
    results = []
    for name in ("wire", "feeds"):
        dev = read_examples(dev_dir() / f"{name}.jsonl")
        docs = nlp.pipe(model_text(e.title, e.text, lead_words) for e in dev)
        predicted = [label_scores(dict(d.cats), 0.0) for d in docs]
        results.append(evaluate([e.category for e in dev], predicted, category_names()).macro_f1)
    return results[0], results[1], seconds


def subset(examples: list[LabelledText], per_category: int) -> list[LabelledText]:
    kept: list[LabelledText] = []
    for name in category_names():
        kept += [e for e in examples if e.category == name][:per_category]
    return kept


def main() -> None:
    examples = read_examples(train_dir())
    per_category = len(examples) // len(category_names())
    runs: list[tuple[str, Config, list[LabelledText]]] = [
        ("bow ngram 2 (shipped)", load_config(), examples),
        ("bow ngram 1", variant(bow(1)), examples),
        ("bow ngram 3", variant(bow(3)), examples),
        ("bow ngram 2, 6 epochs", variant(epochs(6)), examples),
        ("bow ngram 2, 20 epochs", variant(epochs(20)), examples),
        ("bow ngram 2, lead 60 words", variant(lead(60)), examples),
        ("bow ngram 2, lead 250 words", variant(lead(250)), examples),
        ("bow ngram 2, title only", variant(lead(0)), examples),
    ]
    for n in (50, 100, 150, 200):
        if n < per_category:
            runs.append((f"bow ngram 2, {n} per category", load_config(), subset(examples, n)))
    if "--ensemble" in sys.argv:
        runs.append(("ensemble (tok2vec + bow, no vectors)", variant(ensemble), examples))
    print(f"{'variant':<40} {'wire':>6} {'feeds':>6} {'train s':>8}")
    for name, config, data in runs:
        wire, feeds, seconds = score(config, data)
        print(f"{name:<40} {wire:>6.3f} {feeds:>6.3f} {seconds:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
