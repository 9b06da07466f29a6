"""The category model: spaCy's textcat built from classifier/config.cfg and the shipped data, cached.

Training is seeded and reads its settings from the config, so the same data and config give the
same model. After training, the threshold below which the best category gives way to `other` is
chosen on the dev split (never trained on) and kept in the model's meta.
"""

from __future__ import annotations

import itertools
import logging
import random
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy import util
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Config, fix_random_seed

from classifier.categories import OTHER, category_names
from classifier.evaluate import evaluate
from classifier.examples import LabelledText, dev_dir, read_examples
from classifier.examples import train_dir as train_dir  # where callers have always found it
from classifier.recipe import cached_model_dir, config_path
from classifier.tokens import without_plain_whitespace_rules
from radar.errors import ModelError

logger = logging.getLogger(__name__)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class TrainingSettings:
    """The [rivalradar] section of config.cfg."""

    version: str
    seed: int
    epochs: int
    batch_size: int
    dropout: float
    lead_words: int
    threshold_grid: tuple[float, ...]
    # Read the lead case-folded: an all-caps wire headline and a lower-case page are the same words.
    casefold: bool = False
    # The share of `other` the threshold is calibrated for: real crawls are mostly `other`, while
    # the dev split is balanced, so dev `other` items count as if they were this share. 0: as is.
    other_prior: float = 0.0


def load_config(path: Path | None = None) -> Config:
    try:
        return util.load_config(path or config_path())
    except (OSError, ValueError) as err:
        raise ModelError(f"cannot read the model config {path or config_path()}: {err}") from err


def training_settings(config: Config) -> TrainingSettings:
    raw = dict(config["rivalradar"])
    raw["threshold_grid"] = tuple(raw["threshold_grid"])
    return TrainingSettings(**raw)


def item_text(title: str, text: str) -> str:
    """An item as the classifier stage reads it: the title's line, then the body."""
    return "\n".join(part for part in (title.strip(), text.strip()) if part)


def lead_end(title: str, text: str, lead_words: int) -> int:
    """Where the lead ends in item_text: after the title and the body's first `lead_words` words."""
    body = text.strip()
    words = list(itertools.islice(_WORD.finditer(body), lead_words))
    cut = words[-1].end() if words else 0
    return len(title.strip()) + (1 if title.strip() and body else 0) + cut


def model_text(title: str, text: str, lead_words: int, casefold: bool = False) -> str:
    """What the model reads: the title, then the body's lead (its first `lead_words` words)."""
    lead = item_text(title, text)[: lead_end(title, text, lead_words)]
    return lead.casefold() if casefold else lead


def train(
    examples: Sequence[LabelledText], config: Config | None = None, epochs: int | None = None
) -> Language:
    """A pipeline built from the config and trained on the examples; same inputs, same model."""
    if not examples:
        raise ModelError("no training examples")
    config = config or load_config()
    settings = training_settings(config)
    fix_random_seed(settings.seed)
    nlp = util.load_model_from_config(config, auto_fill=True, validate=True)
    textcat = nlp.get_pipe("textcat")
    assert isinstance(textcat, TextCategorizer)
    labels = category_names()
    for label in labels:
        textcat.add_label(label)
    data = [
        Example.from_dict(
            nlp.make_doc(model_text(ex.title, ex.text, settings.lead_words, settings.casefold)),
            {"cats": {label: float(label == ex.category) for label in labels}},
        )
        for ex in examples
    ]
    nlp.initialize(lambda: data)
    order = random.Random(settings.seed)
    for _ in range(settings.epochs if epochs is None else epochs):
        order.shuffle(data)
        losses: dict[str, float] = {}
        for start in range(0, len(data), settings.batch_size):
            nlp.update(
                data[start : start + settings.batch_size], drop=settings.dropout, losses=losses
            )
    return nlp


def choose_threshold(
    scores: Sequence[dict[str, float]],
    gold: Sequence[str],
    grid: Iterable[float],
    other_prior: float = 0.0,
) -> float:
    """The threshold with the best macro-F1; of equals the lowest, so it acts only where it helps.

    With `other_prior`, each gold `other` item counts as many times as makes `other` that share
    of the items, as in a real crawl, so that false alarms weigh what they will cost.
    """
    labels = category_names()
    repeats = _other_repeats(gold, other_prior)
    weighted = [(s, g) for s, g in zip(scores, gold, strict=True) for _ in range(repeats.get(g, 1))]
    best, best_f1 = 0.0, -1.0
    for threshold in sorted(grid):
        predicted = [label_scores(s, threshold) for s, _ in weighted]
        f1 = evaluate([g for _, g in weighted], predicted, labels).macro_f1
        if f1 > best_f1 + 1e-9:
            best, best_f1 = threshold, f1
    return best


def _other_repeats(gold: Sequence[str], other_prior: float) -> dict[str, int]:
    others = sum(1 for g in gold if g == OTHER)
    events = len(gold) - others
    if not 0 < other_prior < 1 or not others or not events:
        return {}
    return {OTHER: max(1, round(other_prior / (1 - other_prior) * events / others))}


def label_scores(scores: dict[str, float], threshold: float) -> str:
    best = max(scores, key=lambda name: scores[name])
    return best if scores[best] >= threshold else OTHER


class CategoryModel:
    """Scores texts for every category; below `threshold` the best category gives way to other."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = without_plain_whitespace_rules(nlp)
        meta = nlp.meta.get("rivalradar", {})
        self.threshold = float(meta.get("threshold", 0.0))
        settings = training_settings(nlp.config)
        self.lead_words, self.casefold = settings.lead_words, settings.casefold

    @classmethod
    def build(cls, train_path: Path, dev_path: Path | None = None) -> CategoryModel:
        """Train from the examples, then choose the threshold on the dev examples."""
        return cls.build_from(read_examples(train_path), dev_path)

    @classmethod
    def build_from(
        cls, examples: Sequence[LabelledText], dev_path: Path | None = None
    ) -> CategoryModel:
        """Train on these examples, then choose the threshold on the dev examples."""
        config = load_config()
        started = time.perf_counter()
        nlp = train(examples, config)
        model = cls(nlp)
        dev = read_examples(dev_path) if dev_path and dev_path.exists() else []
        threshold = 0.0
        if dev:
            # Each dev item as crawled and as a bare title (a feed entry without a body): a title
            # alone scores flatter, and both reach the classifier.
            texts = [model.text(e.title, e.text) for e in dev] + [
                model.text(e.title, "") for e in dev
            ]
            gold = [e.category for e in dev] * 2
            settings = training_settings(config)
            threshold = choose_threshold(
                model.scores(texts), gold, settings.threshold_grid, settings.other_prior
            )
        nlp.meta["rivalradar"] = {
            "threshold": threshold,
            "train_examples": len(examples),
            "dev_examples": len(dev),
            "train_seconds": round(time.perf_counter() - started, 2),
        }
        return cls(nlp)

    @classmethod
    def load_or_train(
        cls, train_path: Path, cache_dir: Path, dev_path: Path | None = None
    ) -> CategoryModel:
        """The model for this data and config, from the cache or built now and cached."""
        dev_path = dev_dir() if dev_path is None else dev_path
        target = cached_model_dir(cache_dir, train_path, dev_path)
        if (target / "meta.json").exists():
            try:
                return cls.load(target)
            except ModelError as err:
                logger.warning("%s; training again", err)
                shutil.rmtree(target, ignore_errors=True)  # or the new model would not replace it
        logger.info("training the category model from %s", train_path)
        model = cls.build(train_path, dev_path)
        model.save(target)
        return model

    @classmethod
    def load(cls, folder: Path) -> CategoryModel:
        """A trained model from its folder."""
        try:
            return cls(spacy.load(folder))
        except (OSError, ValueError, KeyError) as err:
            raise ModelError(f"cached model {folder} unreadable: {err}") from err

    def save_to_cache(self, cache_dir: Path, train_path: Path, dev_path: Path) -> None:
        """Replace the cached model for this data with this one."""
        target = cached_model_dir(cache_dir, train_path, dev_path)
        shutil.rmtree(target, ignore_errors=True)
        self.save(target)

    def save(self, target: Path) -> None:
        """Write the model to `target` at once, so that readers never see half a model."""
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=".textcat-", dir=target.parent))
        self.nlp.to_disk(partial)
        if target.exists():  # another process cached the same model meanwhile
            shutil.rmtree(partial, ignore_errors=True)
        else:
            partial.replace(target)

    def text(self, title: str, text: str) -> str:
        return model_text(title, text, self.lead_words, self.casefold)

    def lead(self, full: Doc, title: str, text: str) -> Doc:
        """The model's input, given item_text(title, text) tokenised: `full` when the lead is the
        whole of it, else the lead tokenised as in training.

        Tokenising the lead again costs a fifteenth of copying it out of `full` (`Span.as_doc`), now
        that the tokenizer's cache works (classifier/tokens.py).
        """
        whole = item_text(title, text)
        end = lead_end(title, text, self.lead_words)
        if self.casefold:
            return self.nlp.make_doc(whole[:end].casefold())
        return full if end >= len(whole) else self.nlp.make_doc(whole[:end])

    def scores(self, texts: Iterable[str | Doc]) -> list[dict[str, float]]:
        return [dict(doc.cats) for doc in self.nlp.pipe(texts, batch_size=64)]

    def label(self, scores: dict[str, float]) -> str:
        return label_scores(scores, self.threshold)
