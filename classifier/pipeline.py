"""Classify documents: category and scores, companies named, and account links with threat."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from spacy.tokens import Doc

from classifier.accounts import LinkInput, link_accounts
from classifier.categories import load_categories
from classifier.linker import CompanyLinker
from classifier.model import CategoryModel, item_text
from radar.records import AccountProfile, Classification, Company, Document


class Classifier:
    """The whole classification stage, built once from the model and the config's companies."""

    def __init__(
        self,
        model: CategoryModel,
        companies: Sequence[Company],
        accounts: Sequence[AccountProfile],
        industries: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.model = model
        self.linker = CompanyLinker(companies, model.nlp)
        self.accounts = tuple(accounts)
        self.industries = dict(industries)
        self.names = {c.id: c.name for c in companies}
        self.categories = load_categories()

    def classify(self, docs: Sequence[Document], now: datetime) -> list[Classification]:
        """One classification per document, in order."""
        full = [self.model.nlp.make_doc(item_text(d.title, d.text)) for d in docs]
        leads = [self.model.lead(f, d.title, d.text) for f, d in zip(full, docs, strict=True)]
        all_scores = self.model.scores(leads)
        return [
            self._one(doc, tokens, scores, now)
            for doc, tokens, scores in zip(docs, full, all_scores, strict=True)
        ]

    def _one(
        self, doc: Document, tokens: Doc, scores: dict[str, float], now: datetime
    ) -> Classification:
        category = self.model.label(scores)
        mentions = tuple(self.linker.mentions_in(tokens))
        mentioned = frozenset(m.company_id for m in mentions)
        item = LinkInput(
            title=doc.title,
            text=doc.text,
            about=doc.about,
            category=category,
            confidence=scores.get(category, 0.0),
            category_weight=self.categories[category].weight,
            mentioned=mentioned,
            dated_at=doc.dated_at,
            in_title=frozenset(m.company_id for m in mentions if m.start < len(doc.title.strip())),
        )
        links = link_accounts(item, self.accounts, self.names, self.industries, now)
        companies = set(mentioned)
        if doc.about in self.names:
            companies.add(doc.about)
        return Classification(
            category=category,
            scores={name: round(value, 4) for name, value in scores.items()},
            companies=tuple(sorted(companies)),
            links=links,
            mentions=mentions,
        )
