"""One-sentence summaries: the first sentence of a story's summary, cut to a readable length."""

from __future__ import annotations

import textwrap
from functools import lru_cache

import spacy
from spacy.language import Language

MAX_CHARS = 280


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
    doc = _sentencizer()(flat[: max_chars * 3])
    sentence = next((s.text for s in doc.sents if s.text.strip()), flat)
    return textwrap.shorten(sentence, width=max_chars, placeholder=" …")
