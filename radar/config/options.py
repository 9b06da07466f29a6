"""A source's own options as the web editor's text box holds them: YAML typed by a web user.

The text comes from a browser, so it is read as data only, small, and without YAML's anchors and
aliases: a few hundred bytes of nested aliases expand to gigabytes (the "billion laughs").
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import AliasEvent

from radar.config.edit import as_yaml
from radar.errors import ConfigError

MAX_OPTIONS_CHARS = 4096  # a source's options are a few lines


def parse_options(text: str) -> dict[str, Any]:
    """A source's own keys, typed into the editor as a YAML mapping (`depth: 2`)."""
    if not text.strip():
        return {}
    if len(text) > MAX_OPTIONS_CHARS:
        raise ConfigError([f"options: at most {MAX_OPTIONS_CHARS} characters; {len(text)} given"])
    try:
        if any(isinstance(event, AliasEvent) for event in YAML(typ="safe").parse(text)):
            raise ConfigError(["options: YAML aliases (*name) are not accepted; write values out"])
        options = YAML(typ="safe").load(text)
    except YAMLError as err:
        raise ConfigError([f"options: not valid YAML: {err}"]) from err
    if options is None:
        return {}
    if not isinstance(options, dict):
        raise ConfigError(["options: write one `key: value` per line, e.g. `depth: 2`"])
    return {str(k): v for k, v in options.items()}


def dump_options(options: Mapping[str, Any]) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump(as_yaml(options), stream)
    return stream.getvalue()
