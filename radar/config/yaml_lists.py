"""Adding and removing list entries of a round-trip YAML document without losing its comments.

ruamel keeps the comment lines that follow an entry on that entry's last key; an entry added or
removed at the end of a list would otherwise carry off (or be placed after) the comments that
introduce what comes next in the file.
"""

from __future__ import annotations

import copy
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq


def append_entry(section: CommentedSeq, node: CommentedMap) -> None:
    """Append after the last entry, not after the comments that follow it in the file.

    ruamel keeps the comment lines after a list's last entry (often the next section's heading)
    on that entry; they move to the new last entry, so the new one lands above them.
    """
    token = _trailing(section[-1]) if section else None
    if token is not None and node:
        own, rest = _split(token.value)
        if rest.strip():
            token.value = own + ("\n" if rest.startswith("\n") else "")
            moved = copy.copy(token)
            moved.value = "\n" + rest
            holder, key = _last_key(node)
            own_comment = holder.ca.items.get(key)
            if own_comment and own_comment[2] is not None:  # `depth: 3  # why`: keep the why
                own_comment[2].value = own_comment[2].value.rstrip("\n") + moved.value
            else:
                holder.ca.items[key] = [None, None, moved, None]
    section.append(node)


def remove_entry(section: CommentedSeq, node: CommentedMap) -> None:
    """Remove an entry; the comments after it (about what follows) stay, on the entry before it."""
    index = next(i for i, item in enumerate(section) if item is node)
    token = _trailing(node)
    if token is not None and index > 0:
        holder, key = _last_key(section[index - 1])
        before = _trailing(section[index - 1])
        token.value = (_split(before.value)[0] if before else "\n") + _split(token.value)[1]
        holder.ca.items[key] = [None, None, token, None]
    del section[index]


def _trailing(node: Any) -> Any:
    """The comment token after the node's last line, where ruamel keeps what follows it."""
    if not isinstance(node, CommentedMap) or not node:
        return None
    holder, key = _last_key(node)
    slot = holder.ca.items.get(key)
    return slot[2] if slot and len(slot) > 2 else None


def _split(comment: str) -> tuple[str, str]:
    """A trailing comment's own line (its end-of-line comment) and the lines after it."""
    end = comment.find("\n") + 1
    return (comment[:end], comment[end:]) if end else (comment, "")


def _last_key(node: CommentedMap) -> tuple[CommentedMap, Any]:
    """The innermost block mapping that ends the node, and its last key: where ruamel keeps what follows."""
    key = list(node)[-1]
    value = node[key]
    if isinstance(value, CommentedMap) and value and not value.fa.flow_style():
        return _last_key(value)
    return node, key
