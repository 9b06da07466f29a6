"""Fuzzing config loading: any file is a config or a list of its problems, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radar.config.loader import load_config
from radar.errors import ConfigError
from tests.conftest import SHIPPED_CONFIG
from tests.fuzz import UNTRUSTED_TEXT, fuzz

YAML_BITS = st.sampled_from(
    ["sources:", "accounts:", "settings:", "competitors:", "\n", "\n  ", "- ", "id: ", "url: ",
     "kind: feed", "every: 1h", "about: ", "&a ", "*a", "!!python/object:os.system", "{", "}",
     "[", "]", ": ", "'", '"', "#", "\t", "---", "...", "%YAML 1.1", "<<: *a", "? ", "|", ">"]
)  # fmt: skip


@pytest.fixture(scope="module")
def config_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("config") / "sources.yaml"


def load(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        load_config(path)
    except ConfigError as err:
        assert err.problems, "a refused config lists its problems"


@fuzz(60)
@given(st.lists(YAML_BITS | UNTRUSTED_TEXT, max_size=20).map("".join))
def test_any_config_text_loads_or_lists_its_problems(config_path, text):
    load(config_path, text.encode("utf-8", "surrogatepass"))


@fuzz(40)
@given(st.integers(0, 4000), UNTRUSTED_TEXT)
def test_the_example_config_with_anything_spliced_in_loads_or_lists_its_problems(
    config_path, at, text
):
    shipped = SHIPPED_CONFIG.read_text(encoding="utf-8")
    load(config_path, (shipped[:at] + text + shipped[at:]).encode("utf-8", "surrogatepass"))
