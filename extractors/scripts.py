"""Writing systems without spaces between words: Chinese, Japanese, and Korean's syllables.

Korean puts spaces between phrases, not words; Chinese and Japanese put none. A text in them is
one "word" to `str.split`, so what counts or compares words treats their runs apart.
"""

from __future__ import annotations

import re

# Hangul jamo and syllables, kana, CJK ideographs (with extension A and compatibility forms),
# half-width katakana.
UNSPACED_RUN = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
    r"\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]+"
)
# Words in Chinese and Japanese news average about two characters.
_CHARS_PER_WORD = 2


def word_count(text: str) -> int:
    """How many words a text has, about: those between spaces, and two characters per word of
    a run in a script without spaces."""
    count = 0
    for chunk in text.split():
        runs = UNSPACED_RUN.findall(chunk)
        if not runs:
            count += 1
            continue
        count += max(1, sum(len(run) for run in runs) // _CHARS_PER_WORD)
    return count
