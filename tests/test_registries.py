"""Every registered source kind, preset and category has help text and a test file of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifier.categories import load_categories
from crawler.kinds import load_kinds
from crawler.presets import load_presets
from tests.conftest import REPO

TESTS = Path(__file__).parent


@pytest.mark.parametrize("name", sorted(load_kinds()))
def test_each_source_kind_has_help_and_a_test_file(name):
    kind = load_kinds()[name]

    assert kind.summary, f"source kind {name} needs a docstring: it is its help text"
    assert (TESTS / "crawler" / f"test_{name}.py").exists(), (
        f"source kind {name} needs tests/crawler/test_{name}.py"
    )


@pytest.mark.parametrize("name", sorted(load_presets()))
def test_each_preset_has_help_and_a_test(name):
    preset = load_presets()[name]

    assert preset.summary, f"preset {name} needs a docstring"
    assert name in (TESTS / "crawler" / "test_presets.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(load_categories()))
def test_each_category_has_a_summary_a_heading_and_training_examples(name):
    spec = load_categories()[name]

    assert spec.summary and spec.heading and 0 <= spec.weight <= 1
    assert (REPO / "classifier" / "data" / "train" / f"{name}.jsonl").exists()
