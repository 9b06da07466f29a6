"""Which text classifier generalises to other writers: dev macro-F1 of spaCy architectures.

    python -m bench.architectures [--quick] --json-out F

Trains each variant on classifier/data/train with the seed of classifier/config.cfg and scores
the two dev sets (written by other hands), with no threshold for `other`. `--quick` trains the
first two variants on 20 examples per category: a smoke test, not a comparison.
"""

from __future__ import annotations

import copy
import time
from typing import TYPE_CHECKING, Any

from bench.child import child_parser, run_child, write_json
from bench.machine import say
from classifier.categories import category_names
from classifier.evaluate import evaluate
from classifier.examples import LabelledText, dev_dir, read_examples, train_dir

if TYPE_CHECKING:  # the runner imports this module; only the child loads spaCy
    from thinc.api import Config

NGRAMS = ("components", "textcat", "model", "ngram_size")
MODEL = ("components", "textcat", "model")
EPOCHS = ("rivalradar", "epochs")
LEAD = ("rivalradar", "lead_words")
CASEFOLD = ("rivalradar", "casefold")
QUICK_PER_CATEGORY = 20
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
Variant = tuple[str, "Config", list[LabelledText]]


def measure_architectures(quick: bool) -> dict[str, Any]:
    say("architectures: training each variant of the category model in a child process")
    args = ["--quick"] if quick else []
    return run_child("bench.architectures", args, "the architecture comparison").result


def changed(shipped: Config, settings: dict[tuple[str, ...], object]) -> Config:
    """The shipped config with each setting, named by its path, set to its value."""
    config = copy.deepcopy(shipped)
    for path, value in settings.items():
        section = config
        for key in path[:-1]:
            section = section[key]
        section[path[-1]] = value
    return config


def variants(examples: list[LabelledText]) -> list[Variant]:
    """The shipped model, then one change at a time; the ensemble last."""
    from classifier.model import load_config

    shipped = load_config()
    runs: list[Variant] = [
        ("bow ngram 2 (shipped)", shipped, examples),
        ("bow ngram 1", changed(shipped, {NGRAMS: 1}), examples),
        ("bow ngram 3", changed(shipped, {NGRAMS: 3}), examples),
        ("bow ngram 2, 6 epochs", changed(shipped, {EPOCHS: 6}), examples),
        ("bow ngram 2, 20 epochs", changed(shipped, {EPOCHS: 20}), examples),
        ("bow ngram 2, lead 60 words", changed(shipped, {LEAD: 60}), examples),
        ("bow ngram 2, lead 250 words", changed(shipped, {LEAD: 250}), examples),
        ("bow ngram 2, title only", changed(shipped, {LEAD: 0}), examples),
        ("bow ngram 2, case kept", changed(shipped, {CASEFOLD: False}), examples),
    ]
    for n in (50, 100, 150, 200):
        if n < len(examples) // len(category_names()):
            runs.append((f"bow ngram 2, {n} per category", shipped, subset(examples, n)))
    ensemble = changed(shipped, {MODEL: ENSEMBLE, EPOCHS: 8})
    return [*runs, ("ensemble (tok2vec + bow, no vectors)", ensemble, examples)]


def subset(examples: list[LabelledText], per_category: int) -> list[LabelledText]:
    """The first `per_category` examples of each category."""
    kept: list[LabelledText] = []
    for name in category_names():
        kept += [e for e in examples if e.category == name][:per_category]
    return kept


def score(name: str, config: Config, examples: list[LabelledText]) -> dict[str, Any]:
    """Dev macro-F1 on the wire and feeds files of a model trained on `examples`."""
    from classifier.model import label_scores, model_text, train, training_settings

    started = time.perf_counter()
    nlp = train(examples, config)
    found: dict[str, Any] = {"name": name, "examples": len(examples)}
    found["train_s"] = time.perf_counter() - started
    settings = training_settings(config)
    for dev_file in ("wire", "feeds"):
        dev = read_examples(dev_dir() / f"{dev_file}.jsonl")
        texts = (model_text(e.title, e.text, settings.lead_words, settings.casefold) for e in dev)
        docs = nlp.pipe(texts)
        predicted = [label_scores(dict(d.cats), 0.0) for d in docs]
        found[dev_file] = evaluate([e.category for e in dev], predicted, category_names()).macro_f1
    say(f"architectures: {name}: wire {found['wire']:.3f}, feeds {found['feeds']:.3f}")
    return found


def main() -> None:
    parser = child_parser("Train and score each classifier variant.")
    parser.add_argument("--quick", action="store_true", help="two variants on a few examples")
    args = parser.parse_args()
    examples = read_examples(train_dir())
    runs = variants(examples)
    if args.quick:
        runs = [(name, config, subset(data, QUICK_PER_CATEGORY)) for name, config, data in runs[:2]]
    write_json(args.json_out, {"variants": [score(*run) for run in runs]})


if __name__ == "__main__":
    main()
