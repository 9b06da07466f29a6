"""The category model: a spaCy text classifier trained here from classifier/data/, and cached."""

from __future__ import annotations

import hashlib
import json
import logging
import random
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import spacy
from spacy.about import __version__ as spacy_version
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example
from thinc.api import fix_random_seed

from classifier.categories import OTHER, category_names
from radar.errors import ModelError

logger = logging.getLogger(__name__)

SEED = 20261126
EPOCHS = 12
BATCH = 16
LEAD_WORDS = 120
MODEL_VERSION = "bow-1"
TEXTCAT_CONFIG = {
    "threshold": 0.5,
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 262144,
    },
}


@dataclass(frozen=True, slots=True)
class LabelledText:
    id: str
    title: str
    text: str
    category: str


def data_dir() -> Path:
    return Path(str(files("classifier") / "data"))


def train_dir() -> Path:
    """The training examples: one JSONL file per category."""
    return data_dir() / "train"


def model_text(title: str, text: str) -> str:
    """What the model reads: the title, then the body's lead."""
    lead = " ".join(text.split()[:LEAD_WORDS])
    return f"{title.strip()}\n{lead}" if title.strip() else lead


def read_examples(path: Path) -> list[LabelledText]:
    """Labelled examples from a JSONL file or from every *.jsonl file of a directory."""
    paths = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    known = set(category_names())
    examples: list[LabelledText] = []
    for file in paths:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                example = LabelledText(
                    str(raw.get("id", f"{file.name}:{number}")),
                    raw.get("title", ""),
                    raw.get("text", ""),
                    raw["category"],
                )
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise ModelError(
                    f"{file}:{number}: not an example with title, text and category"
                ) from err
            if example.category not in known:
                raise ModelError(f"{file}:{number}: unknown category {example.category!r}")
            examples.append(example)
    return examples


def train(examples: Sequence[LabelledText], seed: int = SEED, epochs: int = EPOCHS) -> Language:
    """A blank English pipeline with a bag-of-words textcat; same data and seed, same model."""
    if not examples:
        raise ModelError("no training examples")
    fix_random_seed(seed)
    labels = category_names()
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config=TEXTCAT_CONFIG)
    assert isinstance(textcat, TextCategorizer)
    for label in labels:
        textcat.add_label(label)
    data = [_example(nlp, ex, labels) for ex in examples]
    nlp.initialize(lambda: data)
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(data)
        losses: dict[str, float] = {}
        for start in range(0, len(data), BATCH):
            nlp.update(data[start : start + BATCH], drop=0.2, losses=losses)
    return nlp


def _example(nlp: Language, ex: LabelledText, labels: list[str]) -> Example:
    doc = nlp.make_doc(model_text(ex.title, ex.text))
    return Example.from_dict(
        doc, {"cats": {label: float(label == ex.category) for label in labels}}
    )


class CategoryModel:
    """Scores texts for every category; below `threshold` the best category gives way to other."""

    def __init__(self, nlp: Language, threshold: float = 0.0) -> None:
        self.nlp, self.threshold = nlp, threshold

    @classmethod
    def load_or_train(cls, train_path: Path, cache_dir: Path) -> CategoryModel:
        """The model for this training data, from the cache or trained now and cached."""
        key = _data_key(train_path)
        target = cache_dir / f"textcat-{key}"
        if (target / "meta.json").exists():
            try:
                return cls(spacy.load(target))
            except (OSError, ValueError) as err:
                logger.warning("cached model %s unreadable, training again: %s", target, err)
        logger.info("training the category model from %s", train_path)
        nlp = train(read_examples(train_path))
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=".textcat-", dir=cache_dir))
        nlp.to_disk(partial)
        if target.exists():  # another process cached the same model meanwhile
            shutil.rmtree(partial, ignore_errors=True)
        else:
            partial.replace(target)
        return cls(nlp)

    def scores(self, texts: Iterable[str]) -> list[dict[str, float]]:
        return [dict(doc.cats) for doc in self.nlp.pipe(texts, batch_size=64)]

    def label(self, scores: dict[str, float]) -> str:
        best = max(scores, key=lambda name: scores[name])
        return best if scores[best] >= self.threshold else OTHER


def _data_key(train_path: Path) -> str:
    digest = hashlib.sha256(f"{MODEL_VERSION} {spacy_version} {SEED} {EPOCHS}".encode())
    paths = sorted(train_path.glob("*.jsonl")) if train_path.is_dir() else [train_path]
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
