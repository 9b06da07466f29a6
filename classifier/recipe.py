"""What the classification stage is built from: small, picklable and light to import.

A crawl's worker processes each build their classifier from a recipe (crawler/workers.py), so the
crawling process holds the recipe alone: it imports neither spaCy nor the model, and saves their
memory, unless the model has first to be trained.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from classifier.active import active_model
from classifier.examples import dev_dir, jsonl_paths, train_dir
from radar.records import AccountProfile, Company

if TYPE_CHECKING:
    from classifier.pipeline import Classifier


@dataclass(frozen=True, slots=True)
class ClassifierRecipe:
    """A trained model's folder, the config's companies, accounts and industries, and the file of
    the linker's dictionary (None: the process builds the dictionary in memory)."""

    model_dir: Path
    companies: tuple[Company, ...]
    accounts: tuple[AccountProfile, ...]
    industries: tuple[tuple[str, tuple[str, ...]], ...]
    dictionary: Path | None = None

    def build(self) -> Classifier:
        """The classifier; built once per process for the same recipe."""
        return _built(self)


def classifier_recipe(
    model_dir: Path,
    companies: Sequence[Company],
    accounts: Sequence[AccountProfile],
    industries: Mapping[str, tuple[str, ...]],
    dictionary: Path | None = None,
) -> ClassifierRecipe:
    return ClassifierRecipe(
        model_dir,
        tuple(companies),
        tuple(accounts),
        tuple(sorted(industries.items())),
        dictionary,
    )


def config_path() -> Path:
    return Path(str(files("classifier") / "config.cfg"))


def cached_model_dir(cache_dir: Path, train_path: Path, dev_path: Path) -> Path:
    """Where the model trained on these examples with this config and spaCy is cached."""
    digest = hashlib.sha256(version("spacy").encode())
    digest.update(config_path().read_bytes())
    for path in jsonl_paths(train_path) + (jsonl_paths(dev_path) if dev_path.exists() else []):
        digest.update(path.read_bytes())
    return cache_dir / f"textcat-{digest.hexdigest()[:16]}"


def trained_model_dir(cache_dir: Path) -> Path:
    """The model in use: one `classifier train` switched to (with analysts' corrections), else the
    cached model of the shipped examples, trained first if it is not cached yet, or if its folder
    has lost a file (then it is loaded here, and trained again if it cannot be)."""
    switched = switched_model_dir(cache_dir)
    if switched is not None:
        return switched
    target = cached_model_dir(cache_dir, train_dir(), dev_dir())
    if not looks_whole(target):
        from classifier.model import CategoryModel

        CategoryModel.load_or_train(train_dir(), cache_dir)
    return target


def is_model_cached(cache_dir: Path) -> bool:
    """Whether the model in use is in the cache, whole, so nothing is trained."""
    return switched_model_dir(cache_dir) is not None or looks_whole(
        cached_model_dir(cache_dir, train_dir(), dev_dir())
    )


def switched_model_dir(cache_dir: Path) -> Path | None:
    """The folder of the model `classifier train` switched to, if any and whole."""
    active = active_model(cache_dir)
    if active is None:
        return None
    folder = cache_dir / active.current
    return folder if looks_whole(folder) else None


def looks_whole(folder: Path) -> bool:
    """Whether a saved model's folder has all its parts, none of them empty, without loading it:
    the config, the metadata, the vocabulary's strings, the tokenizer and each pipe's folder."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        parts = ["config.cfg", "tokenizer", "vocab/strings.json", *meta.get("pipeline", [])]
        for part in parts:
            path = folder / part
            files = [f for f in path.rglob("*") if f.is_file()] if path.is_dir() else [path]
            if not files or any(f.stat().st_size == 0 for f in files):
                return False
    except (OSError, ValueError, TypeError, AttributeError):
        return False
    return True


@lru_cache(maxsize=1)
def _built(recipe: ClassifierRecipe) -> Classifier:
    from classifier.model import CategoryModel
    from classifier.names import use_dictionary_file
    from classifier.pipeline import Classifier

    if recipe.dictionary is not None:
        use_dictionary_file(recipe.dictionary)
    model = CategoryModel.load(recipe.model_dir)
    return Classifier(model, recipe.companies, recipe.accounts, dict(recipe.industries))
