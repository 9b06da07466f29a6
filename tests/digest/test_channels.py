"""Every delivery channel has help text and a test file of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.channels import load_channels

TESTS = Path(__file__).parent


@pytest.mark.parametrize("name", sorted(load_channels()))
def test_each_channel_has_help_and_a_test_file(name):
    kind = load_channels()[name]

    assert kind.summary, f"delivery channel {name} needs a docstring: it is its help text"
    assert (TESTS / f"test_{name}.py").exists(), f"channel {name} needs tests/digest/test_{name}.py"
