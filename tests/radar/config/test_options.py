"""A source's options as a web user types them: data only, small, no YAML aliases."""

from __future__ import annotations

import pytest

from radar.config.options import MAX_OPTIONS_CHARS, dump_options, parse_options
from radar.errors import ConfigError


def test_options_are_read_as_a_mapping_and_written_back_the_same():
    options = parse_options("depth: 2\ninclude: ['/news/']\n")

    assert options == {"depth": 2, "include": ["/news/"]}
    assert parse_options(dump_options(options)) == options


def test_yaml_aliases_are_refused_before_anything_expands():
    nested = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"

    with pytest.raises(ConfigError, match="aliases"):
        parse_options(nested)


def test_options_longer_than_the_cap_are_refused():
    with pytest.raises(ConfigError, match=str(MAX_OPTIONS_CHARS)):
        parse_options("depth: 2\n" + "#" * MAX_OPTIONS_CHARS)
