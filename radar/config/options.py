"""A source's own options as the web editor's text box holds them: YAML typed by a web user.

The text comes from a browser, so it is read as data only, small, and without YAML's anchors and
aliases: a few hundred bytes of nested aliases expand to gigabytes (the "billion laughs").
"""

from __future__ import annotations

import copy
import io
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from radar.config.edit import as_yaml
from radar.errors import ConfigError

MAX_OPTIONS_CHARS = 4096  # a source's options are a few lines


def parse_options(text: str) -> CommentedMap:
    """A source's own keys, typed into the editor as a YAML mapping (`depth: 2`); the comments
    typed beside them are kept on the mapping, for the file."""
    if not text.strip():
        return CommentedMap()
    if len(text) > MAX_OPTIONS_CHARS:
        raise ConfigError([f"options: at most {MAX_OPTIONS_CHARS} characters; {len(text)} given"])
    try:
        if any(isinstance(event, AliasEvent) for event in YAML(typ="safe").parse(text)):
            raise ConfigError(["options: YAML aliases (*name) are not accepted; write values out"])
        options = YAML(typ="rt").load(text)
    except YAMLError as err:
        raise ConfigError([f"options: {_yaml_problem(err)}"]) from err
    if options is None:
        return CommentedMap()
    if not isinstance(options, CommentedMap):
        raise ConfigError(["options: write one `key: value` per line, e.g. `depth: 2`"])
    return options


def _yaml_problem(err: YAMLError) -> str:
    """The parser's complaint in one line, with the line of the box it is on."""
    if isinstance(err, MarkedYAMLError) and err.problem:
        mark = err.problem_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        return f"{where}not valid YAML: {err.problem}; write one `key: value` per line"
    return "not valid YAML; write one `key: value` per line, e.g. `depth: 2`"


def dump_options(options: Mapping[str, Any]) -> str:
    """The options as the box shows them, with the comments the file has beside them."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    node = as_yaml(options)
    if isinstance(options, CommentedMap):
        # Only each key's own end-of-line comment: what follows the entry in the file (the next
        # section's heading, kept on its last key) is not the source's.
        for key, comment in options.ca.items.items():
            token = comment[2] if len(comment) > 2 else None
            if key in node and token is not None and token.value.lstrip(" ").startswith("#"):
                own = copy.copy(token)
                own.value = token.value.split("\n", 1)[0] + "\n"
                node.ca.items[key] = [None, None, own, None]
    stream = io.StringIO()
    yaml.dump(node, stream)
    return stream.getvalue()
