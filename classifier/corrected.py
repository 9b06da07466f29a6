"""Analysts' corrections folded into training: which are trained on, which are held out to judge
the new model by, and whether it replaces the model in use.

Pure: examples in, examples out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from classifier.examples import LabelledText

# A correction is an analyst's considered label on this installation's own sources: it counts as
# much as this many shipped examples.
CORRECTION_WEIGHT = 3
# One correction in this many is held out of training, to judge the new model on.
HELD_OUT_EVERY = 5


@dataclass(frozen=True, slots=True)
class Verdict:
    """Macro-F1 of the model in use and of the new one, on the dev split and the held-out slice."""

    current_dev: float
    new_dev: float
    current_held_out: float
    new_held_out: float

    @property
    def is_better(self) -> bool:
        """At least as good on the dev split, and better on the corrections it never saw."""
        return self.new_dev >= self.current_dev - 1e-9 and self.new_held_out > self.current_held_out


def split_held_out(
    corrections: Sequence[LabelledText],
) -> tuple[list[LabelledText], list[LabelledText]]:
    """(to train on, held out): a stable fifth held out, by a hash of each id; at least one."""
    unique = list({_key(c): c for c in corrections}.values())
    ranked = sorted(unique, key=lambda c: _hash(c.id))
    held = [c for c in ranked if _hash(c.id) % HELD_OUT_EVERY == 0] or ranked[:1]
    kept = [c for c in ranked if c not in held]
    return kept, held


def training_examples(
    shipped: Sequence[LabelledText], corrections: Sequence[LabelledText]
) -> list[LabelledText]:
    """The shipped examples and the corrections, weighted; a shipped example with the same title
    and text as a correction gives way to it."""
    corrected = {_key(c): c for c in corrections}
    kept = [e for e in shipped if _key(e) not in corrected]
    return kept + [c for c in corrected.values() for _ in range(CORRECTION_WEIGHT)]


def _key(example: LabelledText) -> tuple[str, str]:
    return " ".join(example.title.split()).casefold(), " ".join(example.text.split()).casefold()


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
