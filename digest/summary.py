"""One-sentence summaries: the first real sentence of a story's summary, cut to a readable length.

A regulator's notice often opens with its reference ("NCC-M-2291."), which the sentencizer takes
for a sentence: a sentence counts as real when it has at least MIN_WORDS words written in
lower case (or capitalised), so references, case numbers and acronyms are passed over.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Span

MAX_CHARS = 280
MIN_WORDS = 3


@lru_cache(maxsize=1)
def _sentencizer() -> Language:
    # A blank pipeline with the rule-based sentencizer: no model to load, abbreviations kept whole.
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=4096)
def first_sentence(text: str, max_chars: int = MAX_CHARS) -> str:
    """The text's first sentence, whitespace collapsed, shortened at a word boundary if long."""
    flat = " ".join(text.split())
    if not flat:
        return ""
    # Only the lead matters: the sentencizer need not read a whole article.
    sentences = [s for s in _sentencizer()(flat[: max_chars * 3]).sents if s.text.strip()]
    # A text with no real sentence keeps its first one: nothing better is there.
    real = next((s for s in sentences if _is_real(s)), sentences[0] if sentences else None)
    sentence = real.text if real is not None else flat
    return textwrap.shorten(sentence, width=max_chars, placeholder=" …")


def _is_real(sentence: Span) -> bool:
    words = [t for t in sentence if t.is_alpha and not t.is_upper]
    return len(words) >= MIN_WORDS
