"""The classifier a config calls for, as a recipe: built in this process or in a crawl's workers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from classifier.names import dictionary_file
from classifier.recipe import ClassifierRecipe, classifier_recipe, trained_model_dir

if TYPE_CHECKING:
    from classifier.pipeline import Classifier
    from radar.config.loader import LoadedConfig


def build_recipe(config: LoadedConfig, cache_dir: Path) -> ClassifierRecipe:
    """What builds the classifier for this config; the model is trained on first use and cached,
    and so is the linker's dictionary as a file the workers share."""
    return classifier_recipe(
        trained_model_dir(cache_dir),
        config.companies(),
        config.account_profiles(),
        config.industries(),
        dictionary_file(cache_dir),
    )


def build_classifier(config: LoadedConfig, cache_dir: Path) -> Classifier:
    """The classifier for this config, built in this process."""
    return build_recipe(config, cache_dir).build()
