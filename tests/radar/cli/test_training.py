"""`classifier rollback`: back to the model used before training with corrections switched."""

from __future__ import annotations

import shutil

from classifier.active import switch_model
from classifier.examples import dev_dir, train_dir
from classifier.recipe import cached_model_dir


def test_rollback_goes_back_to_the_model_used_before_the_switch(
    run_cli, model_cache, tmp_path, monkeypatch
):
    cache = tmp_path / "cache"
    shutil.copytree(model_cache, cache)
    monkeypatch.setenv("RIVALRADAR_CACHE_DIR", str(cache))
    shipped = cached_model_dir(cache, train_dir(), dev_dir()).name
    shutil.copytree(cache / shipped, cache / "textcat-corrected-test")
    switch_model(cache, "textcat-corrected-test", shipped)

    result = run_cli("classifier", "rollback")

    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"now using the model {shipped}"


def test_rollback_with_nothing_to_go_back_to_is_one_clear_error(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("RIVALRADAR_CACHE_DIR", str(tmp_path / "empty-cache"))

    result = run_cli("classifier", "rollback")

    assert result.exit_code == 1
    assert "no previous model to go back to" in result.stderr
