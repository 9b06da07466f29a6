"""Which configured companies a text names: whole names, case-aware, with spaCy's PhraseMatcher."""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from radar.records import Company, Mention


class CompanyLinker:
    """Finds mentions of companies by name or alias, as names and not as substrings."""

    def __init__(self, companies: Sequence[Company]) -> None:
        self.nlp = spacy.blank("en")
        vocab = self.nlp.vocab
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.loose = PhraseMatcher(vocab, attr="LOWER")
        self.excluded = PhraseMatcher(vocab, attr="LOWER")
        for company in companies:
            for phrase in dict.fromkeys((company.name, *company.aliases)):
                pattern = self.nlp.make_doc(phrase)
                self.exact.add(company.id, [pattern])
                if len(pattern) > 1:
                    # A name of several words is a name in any case ("DELTA AIR LINES").
                    self.loose.add(company.id, [pattern])
            if company.exclude:
                self.excluded.add(company.id, [self.nlp.make_doc(p) for p in company.exclude])

    def mentions(self, text: str) -> list[Mention]:
        """Every company mention in the text, longest names first where they overlap."""
        doc = self.nlp.make_doc(text)
        spans = [Span(doc, s, e, label=m) for m, s, e in self.exact(doc)]
        spans += [Span(doc, s, e, label=m) for m, s, e in self.loose(doc)]
        blocked = [(s, e, m) for m, s, e in self.excluded(doc)]
        found: list[Mention] = []
        taken: set[int] = set()
        for span in sorted(spans, key=lambda sp: (-(sp.end - sp.start), sp.start)):
            if taken.intersection(range(span.start, span.end)):
                continue
            if _is_excluded(span, blocked) or _is_inside_other_name(doc, span):
                continue
            taken.update(range(span.start, span.end))
            found.append(Mention(span.label_, span.text, span.start_char, span.end_char))
        return sorted(found, key=lambda m: m.start)

    def company_ids(self, text: str) -> list[str]:
        return sorted({m.company_id for m in self.mentions(text)})


def _is_excluded(span: Span, blocked: list[tuple[int, int, int]]) -> bool:
    return any(s <= span.start and span.end <= e and m == span.label for s, e, m in blocked)


def _is_inside_other_name(doc: Doc, span: Span) -> bool:
    """A one-word name right after another capitalised word is part of another name ("Mekong Delta")."""
    if span.end - span.start > 1 or span.start == 0 or _is_headline_case(doc):
        return False
    before = doc[span.start - 1]
    if not (before.is_alpha and before.text[0].isupper()):
        return False
    at_sentence_start = before.i == 0 or doc[before.i - 1].text in {
        ".",
        "!",
        "?",
        ":",
        "\n",
        '"',
        "“",
    }
    return not at_sentence_start


def _is_headline_case(doc: Doc) -> bool:
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) / len(words) > 0.8
