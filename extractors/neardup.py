"""Near-duplicate texts (syndicated copies): MinHash signatures of word shingles, with datasketch.

A signature is 128 unsigned 32-bit MinHash values packed as bytes, so the store can keep it in a
column. Its LSH band keys (datasketch's banding for the near-duplicate threshold) let the store
find the documents that may be near-duplicates of a new one without comparing it with all.

datasketch is imported where a signature is made or an LSH index built, not with this module:
its package imports scipy.integrate, about 50 MB, and the crawling process, which compares
signatures and indexes them, never makes one (crawler/workers.py).
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import LeanMinHash, MinHashLSH

NUM_PERM = 128
SEED = 7
# 32-bit values: a signature is 512 bytes in the store, and the scheme must be named to rebuild it.
SCHEME = "affine32"
# Estimated Jaccard similarity of word 3-shingles from which two texts are copies of one another:
# a wire story syndicated with its own intro, outro and edits stays well above it; two texts of
# the same template (two releases of a product, two notices of a regulator) stay below.
NEAR_DUPLICATE = 0.5
SHINGLE_WORDS = 3
# Texts shorter than this (in shingles) are too short for an estimate to mean anything.
MIN_SHINGLES = 8
# The LSH banding datasketch chooses for NEAR_DUPLICATE and NUM_PERM (bands, rows per band),
# fixed here so that band keys need no datasketch; a test checks that it still chooses them.
BANDING = (25, 5)

_WORD = re.compile(r"\w+", re.UNICODE)
_DTYPE = np.dtype("<u4")


def new_lsh() -> MinHashLSH:
    """An empty LSH index tuned for the near-duplicate threshold."""
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM, params=BANDING)


_BANDS = [(band * BANDING[1], (band + 1) * BANDING[1]) for band in range(BANDING[0])]


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> bytes:
    """The text's MinHash signature; empty for a text too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return b""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(sorted(grams))
    return bytes(np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes())


def as_minhash(packed: bytes) -> LeanMinHash:
    """A stored signature as a MinHash to query or compare (lean: no permutations to rebuild)."""
    from datasketch import LeanMinHash

    values = np.frombuffer(packed, dtype=_DTYPE)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures; 0 when either is empty."""
    if not a or not b or len(a) != len(b):
        return 0.0
    # datasketch's estimator (MinHash.jaccard), on the packed values: building two LeanMinHash
    # objects for every comparison cost more than the comparison itself.
    equal = np.count_nonzero(np.frombuffer(a, dtype=_DTYPE) == np.frombuffer(b, dtype=_DTYPE))
    return float(equal) / (len(a) // _DTYPE.itemsize)


def band_keys(packed: bytes) -> list[str]:
    """One key per LSH band: near-duplicates share at least one with high probability."""
    if not packed:
        return []
    values = np.frombuffer(packed, dtype=_DTYPE)
    keys = []
    for number, (start, end) in enumerate(_BANDS):
        digest = hashlib.blake2b(values[start:end].tobytes(), digest_size=8).hexdigest()
        keys.append(f"lsh{number}:{digest}")
    return keys
