"""What the classification stage is built from: small, picklable and light to import.

A crawl's worker processes each build their classifier from a recipe (crawler/workers.py), so the
crawling process holds the recipe alone: it imports neither spaCy nor the model, and saves their
memory, unless the model has first to be trained.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from classifier.examples import dev_dir, jsonl_paths, train_dir
from radar.records import AccountProfile, Company

if TYPE_CHECKING:
    from classifier.pipeline import Classifier


@dataclass(frozen=True, slots=True)
class ClassifierRecipe:
    """A trained model's folder and the config's companies, accounts and industries."""

    model_dir: Path
    companies: tuple[Company, ...]
    accounts: tuple[AccountProfile, ...]
    industries: tuple[tuple[str, tuple[str, ...]], ...]

    def build(self) -> Classifier:
        """The classifier; built once per process for the same recipe."""
        return _built(self)


def classifier_recipe(
    model_dir: Path,
    companies: Sequence[Company],
    accounts: Sequence[AccountProfile],
    industries: Mapping[str, tuple[str, ...]],
) -> ClassifierRecipe:
    return ClassifierRecipe(
        model_dir, tuple(companies), tuple(accounts), tuple(sorted(industries.items()))
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
    """The cached model of the shipped examples, trained first if it is not cached yet."""
    target = cached_model_dir(cache_dir, train_dir(), dev_dir())
    if not (target / "meta.json").exists():
        from classifier.model import CategoryModel

        CategoryModel.load_or_train(train_dir(), cache_dir)
    return target


@lru_cache(maxsize=1)
def _built(recipe: ClassifierRecipe) -> Classifier:
    from classifier.model import CategoryModel
    from classifier.pipeline import Classifier

    model = CategoryModel.load(recipe.model_dir)
    return Classifier(model, recipe.companies, recipe.accounts, dict(recipe.industries))
