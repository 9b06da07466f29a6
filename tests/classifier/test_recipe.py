"""A damaged model cache is noticed before a crawl hands it to the workers, and trained again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from classifier.examples import dev_dir, train_dir
from classifier.recipe import cached_model_dir, looks_whole, trained_model_dir


@pytest.fixture
def cache_copy(tmp_path: Path, model_cache: Path) -> tuple[Path, Path]:
    """A copy of the session's model cache, and the model's folder in it."""
    cache = tmp_path / "cache"
    shutil.copytree(model_cache, cache)
    return cache, cached_model_dir(cache, train_dir(), dev_dir())


def test_a_saved_model_looks_whole_until_a_part_is_lost_or_emptied(cache_copy):
    _cache, folder = cache_copy
    assert looks_whole(folder)

    (folder / "textcat" / "model").write_bytes(b"")
    assert not looks_whole(folder)


@pytest.mark.parametrize("damage", ["no tokenizer", "meta.json not json", "no textcat folder"])
def test_a_model_folder_missing_a_part_does_not_look_whole(cache_copy, damage):
    _cache, folder = cache_copy
    if damage == "no tokenizer":
        (folder / "tokenizer").unlink()
    elif damage == "meta.json not json":
        (folder / "meta.json").write_text("{half", encoding="utf-8")
    else:
        shutil.rmtree(folder / "textcat")
    assert not looks_whole(folder)


def test_a_damaged_cached_model_is_trained_again_in_its_place(cache_copy):
    cache, folder = cache_copy
    (folder / "textcat" / "model").write_bytes(b"")

    assert trained_model_dir(cache) == folder
    assert looks_whole(folder)
