"""The tokenizer keeps its cache on across line breaks and splits every text as before."""

from __future__ import annotations

import spacy

from classifier.examples import read_examples, train_dir
from classifier.tokens import without_plain_whitespace_rules

EDGES = [
    "Starlink cut prices.\nAirlines said so.\n\nThe end.",
    "a\tb \t c\r\nd",
    "  leading and trailing  \n",
    "Acme Inc. can't say.\nIt's Mr. Smith's call, the U.S. unit said.",
    "non\u00a0breaking\u00a0space and \u2009 thin",
    "",
]


def tokens(nlp, text: str) -> list[tuple[str, int, str, str]]:
    return [(t.text, t.idx, t.whitespace_, t.norm_) for t in nlp.make_doc(text)]


def test_without_the_whitespace_rules_every_text_splits_exactly_as_before():
    stock = spacy.blank("en")
    ours = without_plain_whitespace_rules(spacy.blank("en"))
    texts = EDGES + [f"{e.title}\n{e.text}" for e in read_examples(train_dir())]
    assert [tokens(ours, t) for t in texts] == [tokens(stock, t) for t in texts]


def test_only_rules_that_split_as_plain_tokenizing_are_dropped():
    stock = spacy.blank("en").tokenizer.rules
    ours = without_plain_whitespace_rules(spacy.blank("en")).tokenizer.rules
    assert {"\n", "\t", " "} <= set(stock) - set(ours)
    assert "\u00a0" in ours  # it sets a norm of its own
    assert "can't" in ours and "Inc." in ours
