"""Which configured companies a text names: whole names, case-aware, with spaCy's PhraseMatcher.

A name of several words is a name in any case. A one-word name must be written as configured
(or in capitals), must not be part of a longer name ("Mekong Delta", "Target Hospitality",
"Target-date"), and if it is also an ordinary word ("Target", "Shell") or a proper noun of its
own ("Amazon"), it needs company context: a legal form after it ("Target Corp."), a company verb
("Shell said"), a company noun after its possessive ("Three's chief executive"), a descriptor in
front ("retailer Target"), a firm mention of the same company elsewhere in the text, a listed
company beside it ("Walmart and Target"), or, for an ordinary word, a capital inside a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from classifier.mention_context import TextContext
from classifier.names import NameKind, name_kind
from classifier.tokens import without_plain_whitespace_rules
from radar.records import Company, Mention

_SEP = "\x1f"


class CompanyLinker:
    """Finds mentions of companies by name or alias, as names and not as substrings."""

    def __init__(self, companies: Sequence[Company], nlp: Language | None = None) -> None:
        # Sharing the category model's pipeline lets one tokenisation serve both.
        self.nlp = nlp or without_plain_whitespace_rules(spacy.blank("en"))
        vocab = self.nlp.vocab
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.loose = PhraseMatcher(vocab, attr="LOWER")
        self.excluded = PhraseMatcher(vocab, attr="LOWER")
        self.cased: set[str] = set()
        for company in companies:
            for phrase in dict.fromkeys((company.name, *company.aliases)):
                self._add_name(company.id, phrase)
            if company.exclude:
                self.excluded.add(company.id, [self.nlp.make_doc(p) for p in company.exclude])

    def _add_name(self, company_id: str, phrase: str) -> None:
        pattern = self.nlp.make_doc(phrase)
        if not len(pattern):
            return
        kind = name_kind([t.text for t in pattern])
        key = f"{company_id}{_SEP}{kind}"
        if kind is NameKind.PHRASE:
            self.loose.add(key, [pattern])
        elif kind is NameKind.DISTINCT:
            # Any case here; a case other than the configured one counts only in a line written
            # all in lower case ("cashloop x ticketbay: pay later"), where case says nothing.
            self.loose.add(key, [pattern])
            self.cased.update((phrase, phrase.upper()))
        else:
            self.exact.add(key, [pattern, self.nlp.make_doc(phrase.upper())])

    def mentions(self, text: str) -> list[Mention]:
        """Every company mention in the text, longest names first where they overlap."""
        return self.mentions_in(self.nlp.make_doc(text))

    def mentions_in(self, doc: Doc) -> list[Mention]:
        """Every company mention in a text tokenised by this linker's pipeline."""
        spans = [Span(doc, s, e, label=m) for m, s, e in self.exact(doc)]
        spans += [Span(doc, s, e, label=m) for m, s, e in self.loose(doc)]
        blocked = [(s, e, self.nlp.vocab.strings[m]) for m, s, e in self.excluded(doc)]
        candidates: list[Span] = []
        taken: set[int] = set()
        for span in sorted(spans, key=lambda sp: (-(sp.end - sp.start), sp.start)):
            if taken.intersection(range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            if _is_excluded(span, blocked) or _is_miscased(span, self.cased):
                continue
            candidates.append(span)
        if not candidates:
            return []
        found = _accepted(TextContext(doc), candidates)
        return [
            Mention(_company(span), span.text, span.start_char, span.end_char)
            for span in sorted(found, key=lambda sp: sp.start)
        ]

    def company_ids(self, text: str) -> list[str]:
        return sorted({m.company_id for m in self.mentions(text)})


def _company(span: Span) -> str:
    return span.label_.split(_SEP)[0]


def _kind(span: Span) -> NameKind:
    return NameKind(span.label_.split(_SEP)[1])


def _is_miscased(span: Span, cased: set[str]) -> bool:
    if _kind(span) is not NameKind.DISTINCT or span.text in cased:
        return False
    return any(t.text[:1].isupper() for t in span.doc[_line(span)] if t.is_alpha)


def _line(span: Span) -> slice:
    doc, start, end = span.doc, span.start, span.end
    while start > 0 and "\n" not in doc[start - 1].text:
        start -= 1
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    return slice(start, end)


def _is_excluded(span: Span, blocked: list[tuple[int, int, str]]) -> bool:
    company = _company(span)
    return any(s <= span.start and span.end <= e and m == company for s, e, m in blocked)


def _accepted(context: TextContext, candidates: list[Span]) -> list[Span]:
    """The candidates that are mentions: firm ones at once, ambiguous ones once context backs them."""
    firm: list[Span] = []
    pending: list[Span] = []
    inside = {span.text.lower() for span in candidates if _is_inside_other_name(context, span)}
    for span in candidates:
        kind = _kind(span)
        if kind is NameKind.PHRASE:
            firm.append(span)
        elif _is_inside_other_name(context, span):
            continue
        elif (
            kind is NameKind.DISTINCT and span.text.lower() not in inside
        ) or context.has_company_cue(span.start, allow_capital=kind is NameKind.WORD):
            firm.append(span)
        else:
            pending.append(span)
    # Ambiguous mentions backed by the rest: the same company named firmly, or a company beside it.
    while pending:
        known = {_company(span) for span in firm}
        starts = {span.start for span in firm} | {span.end - 1 for span in firm}
        backed = [
            span
            for span in pending
            if _company(span) in known or context.is_listed_with(span.start, starts)
        ]
        if not backed:
            break
        firm += backed
        pending = [span for span in pending if span not in backed]
    return firm


def _is_inside_other_name(context: TextContext, span: Span) -> bool:
    return _kind(span) is not NameKind.PHRASE and context.is_part_of_other_name(span.start)
