"""Edit config/sources.yaml in place: comments and layout kept (ruamel.yaml round trip), every edit
validated exactly as `rivalradar validate` does before it is written, the write atomic, and the
previous version kept next to the file as `<name>.bak`."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from filelock import FileLock
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from radar.config.loader import LoadedConfig, load_config
from radar.config.yaml_lists import append_entry, remove_entry
from radar.errors import ConfigError, RadarError, UnknownIdError

SOURCE_KEY_ORDER = ("id", "preset", "url", "kind", "about", "every")
ACCOUNT_KEY_ORDER = (
    "id",
    "name",
    "aliases",
    "exclude",
    "industry",
    "timezone",
    "keywords",
    "owner",
    "cc",
    "competitors",
    "value",
    "renewal",
    "stakeholders",
    "priority",
)
_COMMENT = re.compile(r"^\s*#")
_PARENT_KEY = re.compile(r"^ *[\w.-]+:\s*(#.*)?$")
_KEY = re.compile(r"^ *[\w.-]+:")


class ConfigConflict(RadarError):
    """The file changed since the editor read it; the edit would undo someone else's."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The config file as read: its round-trip document, its text, and a version to edit against."""

    document: CommentedMap
    text: str
    version: str


Edit = Callable[[CommentedMap], None]


class ConfigFile:
    """The analysts' YAML file, edited one validated, atomic change at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.backup_path = path.with_name(path.name + ".bak")
        self._lock = FileLock(str(path.with_name(f".{path.name}.lock")), timeout=30)

    def read(self) -> Snapshot:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as err:
            raise ConfigError([f"{self.path}: cannot read the config: {err.strerror}"]) from err
        try:
            document = _yaml(text).load(text)
        except YAMLError as err:
            raise ConfigError(
                [f"{self.path}: not valid YAML; fix the file by hand first: {err}"]
            ) from err
        if document is None:
            document = CommentedMap()
        if not isinstance(document, CommentedMap):
            raise ConfigError([f"{self.path}:1: the config must be a mapping"])
        return Snapshot(document, text, version_of(text))

    def update(self, edit: Edit, expected_version: str | None = None) -> LoadedConfig:
        """Apply the edit, validate the result, and replace the file; nothing is written if invalid."""
        with self._lock:
            snapshot = self.read()
            if expected_version is not None and expected_version != snapshot.version:
                raise ConfigConflict(
                    f"{self.path} changed since you opened it; reload to see the new version, "
                    "then make your edit again"
                )
            edit(snapshot.document)
            stream = io.StringIO()
            _yaml(snapshot.text).dump(snapshot.document, stream)
            return self._replace(stream.getvalue())

    def _replace(self, text: str) -> LoadedConfig:
        handle, name = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".new", dir=self.path.parent
        )
        candidate = Path(name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            with contextlib.suppress(OSError):
                os.chmod(candidate, self.path.stat().st_mode & 0o777)
            try:
                loaded = load_config(candidate)
            except ConfigError as err:
                raise ConfigError(
                    [p.replace(str(candidate), str(self.path)) for p in err.problems]
                ) from err
            if self.path.exists():
                _copy_keeping_mode(self.path, self.backup_path)
            os.replace(candidate, self.path)
        finally:
            candidate.unlink(missing_ok=True)
        _sync_directory(self.path.parent)
        return replace(loaded, path=self.path)


def _copy_keeping_mode(source: Path, target: Path) -> None:
    """`target` becomes a copy of `source`, created with its mode: a 0600 config holds tokens."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        os.fchmod(handle, source.stat().st_mode & 0o777)
        with os.fdopen(handle, "wb") as out:
            out.write(source.read_bytes())
        os.replace(name, target)
    finally:
        Path(name).unlink(missing_ok=True)


def version_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def add_source(entry: Mapping[str, Any]) -> Edit:
    def edit(document: CommentedMap) -> None:
        append_entry(_section(document, "sources"), _node(entry, SOURCE_KEY_ORDER))

    return edit


def replace_source(source_id: str, entry: Mapping[str, Any]) -> Edit:
    """The source's keys become the entry's; comments on keys that stay are kept."""

    def edit(document: CommentedMap) -> None:
        node = _find(document, "sources", source_id)
        for key in [k for k in node if k not in entry]:
            del node[key]
        _merge(node, entry)

    return edit


def remove_source(source_id: str) -> Edit:
    def edit(document: CommentedMap) -> None:
        remove_entry(_section(document, "sources"), _find(document, "sources", source_id))

    return edit


def remove_account(account_id: str) -> Edit:
    def edit(document: CommentedMap) -> None:
        remove_entry(_section(document, "accounts"), _find(document, "accounts", account_id))

    return edit


def add_account(account_id: str, fields: Mapping[str, Any]) -> Edit:
    def edit(document: CommentedMap) -> None:
        append_entry(
            _section(document, "accounts"), _node({"id": account_id, **fields}, ACCOUNT_KEY_ORDER)
        )

    return edit


def update_account(account_id: str, fields: Mapping[str, Any], remove: Iterable[str] = ()) -> Edit:
    """Set the fields and drop the `remove` keys; every other key, hand-made ones too, stays."""

    def edit(document: CommentedMap) -> None:
        node = _find(document, "accounts", account_id)
        for key in remove:
            node.pop(key, None)
        _merge(node, fields)

    return edit


def upsert_account(account_id: str, fields: Mapping[str, Any]) -> Edit:
    """Update the account, or add it when the config has none with this id."""

    def edit(document: CommentedMap) -> None:
        try:
            update_account(account_id, fields)(document)
        except UnknownIdError:
            add_account(account_id, fields)(document)

    return edit


def _section(document: CommentedMap, key: str) -> CommentedSeq:
    section = document.get(key)
    if section is None:
        section = document[key] = CommentedSeq()
    if not isinstance(section, CommentedSeq):
        raise ConfigError([f"`{key}` must be a list; fix the file by hand first"])
    return section


def _find(document: CommentedMap, key: str, item_id: str) -> CommentedMap:
    for node in _section(document, key):
        if isinstance(node, CommentedMap) and str(node.get("id")) == item_id:
            return node
    singular = key.removesuffix("s")
    raise UnknownIdError(f"no {singular} has the id {item_id!r} in the config")


def _merge(node: CommentedMap, fields: Mapping[str, Any]) -> None:
    for key, value in fields.items():
        if node.get(key) != value or key not in node:
            node[key] = as_yaml(value)
    copy_comments(fields, node)


def _node(entry: Mapping[str, Any], order: tuple[str, ...]) -> CommentedMap:
    keys = [k for k in order if k in entry] + [k for k in entry if k not in order]
    node = CommentedMap((k, as_yaml(entry[k])) for k in keys)
    copy_comments(entry, node)
    return node


def copy_comments(source: Mapping[str, Any], target: CommentedMap) -> None:
    """A comment typed beside a key (in the editor's options box) goes into the file with it."""
    if isinstance(source, CommentedMap):
        for key, comment in source.ca.items.items():
            if key in target:
                target.ca.items[key] = comment


def as_yaml(value: Any) -> Any:
    if isinstance(value, Mapping):
        return CommentedMap((str(k), as_yaml(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        seq = CommentedSeq(as_yaml(v) for v in value)
        if all(isinstance(v, str | int | float | date) for v in value):
            seq.fa.set_flow_style()
        return seq
    return value


def _yaml(text: str) -> YAML:
    """A round-trip YAML that writes this text's own indentation back."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    sequence, offset = 2, 0
    with contextlib.suppress(YAMLError):
        _, guessed, guessed_offset = load_yaml_guess_indent(text)
        if guessed:
            sequence, offset = guessed, guessed_offset or 0
    yaml.indent(mapping=_mapping_indent(text), sequence=sequence, offset=offset)
    return yaml


def _mapping_indent(text: str) -> int:
    """The indent of the first key nested under another key (ruamel guesses only sequences)."""
    lines = [line for line in text.splitlines() if line.strip() and not _COMMENT.match(line)]
    for parent, line in pairwise(lines):
        if _PARENT_KEY.match(parent) and _KEY.match(line):
            step = _indent(line) - _indent(parent)
            if step > 0:
                return step
    return 2


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _sync_directory(folder: Path) -> None:
    """The rename itself reaches the disk, so a crash cannot bring back the old file."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
