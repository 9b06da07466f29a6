"""The model in use: switched to by training with corrections, gone back from by rollback."""

from __future__ import annotations

import shutil

import pytest

from classifier.active import active_model, roll_back, switch_model
from classifier.examples import dev_dir, train_dir
from classifier.recipe import cached_model_dir, is_model_cached, trained_model_dir
from radar.errors import ModelError


@pytest.fixture
def cache(model_cache, tmp_path):
    """A copy of the session's model cache, with a second model beside the shipped one."""
    copy = tmp_path / "cache"
    shutil.copytree(model_cache, copy)
    shipped = cached_model_dir(copy, train_dir(), dev_dir())
    shutil.copytree(shipped, copy / "textcat-corrected-test")
    return copy


def test_the_switched_model_is_the_one_in_use_until_rolled_back(cache):
    shipped = cached_model_dir(cache, train_dir(), dev_dir())

    switch_model(cache, "textcat-corrected-test", shipped.name)
    in_use = trained_model_dir(cache)
    back = roll_back(cache)

    assert in_use == cache / "textcat-corrected-test" and is_model_cached(cache)
    assert back == shipped.name and trained_model_dir(cache) == shipped
    assert active_model(cache).previous == "textcat-corrected-test"


def test_rollback_without_a_switch_says_there_is_nothing_to_go_back_to(tmp_path):
    with pytest.raises(ModelError, match="no previous model"):
        roll_back(tmp_path)


def test_a_switched_model_that_lost_a_file_gives_way_to_the_shipped_one(cache):
    shipped = cached_model_dir(cache, train_dir(), dev_dir())
    switch_model(cache, "textcat-corrected-test", shipped.name)

    (cache / "textcat-corrected-test" / "meta.json").unlink()

    assert trained_model_dir(cache) == shipped
