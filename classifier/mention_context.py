"""The words around a one-word name in a text: part of another name, or company context."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from classifier.names import (
    ADVERBS,
    COMPANY_DESCRIPTORS,
    COMPANY_NOUNS,
    COMPANY_NOUNS_AFTER_NAME,
    COMPANY_VERBS,
    NUMBER_WORDS,
    SUFFIXES,
    WEEKDAYS,
    NameKind,
    name_kind,
)

SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", '"', "“", "”", "(", "—", "–", "|", "/"})
ARTICLES = frozenset({"the", "a", "an", "this", "that"})
LIST_WORDS = frozenset({"and", "or", "nor", ",", "&", "vs", "vs.", "versus"})
NAME_LINKS = frozenset({"of", "de", "du", "des", "la", "del", "van", "von"})
HYPHENS = frozenset("-‐‑")
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


class TextContext:
    """One tokenised text, with what is known of each line (headline case or not)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._headline_lines: dict[int, bool] = {}

    def is_headline(self, i: int) -> bool:
        """Is the token's line in headline case ("Orange Groves Suffer Worst Frost")?"""
        start = i
        while start > 0 and "\n" not in self.doc[start - 1].text:
            start -= 1
        if start not in self._headline_lines:
            end = i
            while end < len(self.doc) and "\n" not in self.doc[end].text:
                end += 1
            self._headline_lines[start] = _is_headline_case(self.doc[start:end])
        return self._headline_lines[start]

    def _previous(self, i: int) -> Token | None:
        """The token before, on the same line."""
        j = i - 1
        if j < 0 or self.doc[j].is_space:
            return None
        return self.doc[j]

    def _next(self, i: int) -> Token | None:
        j = i + 1
        if j >= len(self.doc) or self.doc[j].is_space:
            return None
        return self.doc[j]

    def starts_sentence(self, i: int) -> bool:
        before = self._previous(i)
        return before is None or before.text in SENTENCE_ENDS

    def is_part_of_other_name(self, i: int) -> bool:
        """Joined by a hyphen ("Target-date"), or capitalised words around it ("Mekong Delta")."""
        token = self.doc[i]
        before, after = self._previous(i), self._next(i)
        if after is not None and not token.whitespace_ and after.text[:1] in HYPHENS:
            return True
        if before is not None and not before.whitespace_ and before.text[-1:] in HYPHENS:
            return True
        if self.is_headline(i):
            return False
        if (
            before is not None
            and _is_capitalised(before)
            # A capital at a sentence's start says nothing, unless the word is itself a name.
            and (not self.starts_sentence(before.i) or _is_name_word(before))
        ):
            return True
        if after is not None and after.text in NAME_LINKS:  # "Spirit of Tasmania", "Bank of X"
            then = self._next(after.i)
            return then is not None and _is_capitalised(then)
        return after is not None and _is_capitalised(after) and after.text.lower() not in SUFFIXES

    def has_company_cue(self, i: int, allow_capital: bool) -> bool:
        """Words next to the name that only a company gets."""
        before = self._previous(i)
        if before is not None and before.text.lower() in ARTICLES:
            return False  # "the Oracle", "The Sky Is Not Falling": a thing, not a company
        if self._is_followed_as_company(i) or self._is_preceded_as_company(i):
            return True
        # An ordinary word capitalised inside a sentence, after a lowercase word, is a name.
        return (
            allow_capital
            and before is not None
            and not self.is_headline(i)
            and not self.starts_sentence(i)
            and not _is_capitalised(before)
        )

    def _is_followed_as_company(self, i: int) -> bool:
        """ "Target Corp.", "Shell said", "Shell on Monday said", "Oracle shares", "Orange, the
        French telecoms group," """
        after = self._next(i)
        if after is None:
            return False
        word = after.text.lower()
        if word in SUFFIXES or word in COMPANY_VERBS:
            return True
        if word in COMPANY_NOUNS_AFTER_NAME:
            return self.doc[i].text.lower() not in NUMBER_WORDS  # "Three stores closed"
        if word in POSSESSIVES:
            return self._possessed_is_company_thing(after.i)
        if word == "to":
            return self.starts_sentence(i)
        if word in ADVERBS or (word == "on" and self._word(i + 2) in WEEKDAYS):
            return self._word(i + (3 if word == "on" else 2)) in COMPANY_VERBS
        if word == ",":
            return self._is_apposition(i + 2)
        return False

    def _is_preceded_as_company(self, i: int) -> bool:
        """ "retailer Target", "shares of Target", "chief executive of Shell" """
        before = self._word(i - 1)
        if before in COMPANY_DESCRIPTORS:
            return True
        return before == "of" and self._word(i - 2) in COMPANY_NOUNS

    def _is_apposition(self, i: int) -> bool:
        """From token i: "the French telecoms group," up to the next comma names a company."""
        if self._word(i) not in ARTICLES:
            return False
        for j in range(i + 1, min(i + 7, len(self.doc))):
            word = self.doc[j].text.lower()
            if word in COMPANY_DESCRIPTORS:
                return True
            if word in {",", "."}:
                return False
        return False

    def _word(self, i: int) -> str:
        return self.doc[i].text.lower() if 0 <= i < len(self.doc) else ""

    def _possessed_is_company_thing(self, i: int) -> bool:
        """After "Name's": a company noun, or anything at all outside a headline."""
        thing = self._next(i)
        if thing is None:
            return False
        return thing.text.lower() in COMPANY_NOUNS or not self.is_headline(thing.i)

    def is_listed_with(self, i: int, company_tokens: set[int]) -> bool:
        """Beside a company in a list: "Walmart and Target", "Visa and Mastercard"."""
        for step in (-1, 1):
            link, other = i + step, i + 2 * step
            if not (0 <= other < len(self.doc)) or self.doc[link].text.lower() not in LIST_WORDS:
                continue
            if other in company_tokens or _is_name_word(self.doc[other]):
                return True
        return False


def _is_capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _is_name_word(token: Token) -> bool:
    """A capitalised word that is no dictionary word: a name ("Mekong", "H&R", "Mastercard")."""
    return _is_capitalised(token) and name_kind([token.text]) is NameKind.DISTINCT


def _is_headline_case(line: Span) -> bool:
    words = [t for t in line if t.is_alpha]
    long_words = [t for t in words if len(t) > 3]
    if words and all(t.is_upper for t in words):
        return True
    capitals = sum(t.text[0].isupper() for t in long_words)
    return len(long_words) >= 3 and capitals / len(long_words) > 0.8
