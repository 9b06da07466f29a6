"""What a worker process does with a page: extract, classify, and prepare story matching.

Imported by the workers and by inline processing only: it loads trafilatura, and the classifier
it builds loads spaCy and the model, none of which the crawling process needs when a pool of
workers does this (crawler/workers.py).
"""

from __future__ import annotations

from datetime import datetime

from crawler.context import Classify, Processed, Recipe
from extractors.document import to_document
from extractors.stories import candidate
from radar.errors import ModelError
from radar.records import Document, Fetched


def process(classifier: Classify, item: Fetched | Document, now: datetime) -> Processed:
    """A fetched page (or a document made by a spider) extracted and classified, with what story
    matching compares it by; None when it has no text, NotAnArticle when it is no news.

    A watched page's change comes as a Document made by its spider: the analyst chose that page,
    and it is never judged an article or not.
    """
    document = to_document(item) if isinstance(item, Fetched) else item
    if not isinstance(document, Document):
        return document
    (result,) = classifier.classify([document], now)
    return document, result, candidate(document.url, document, result)


_classifier: Classify | None = None
_unbuilt = ""  # why the classifier could not be built, if it could not


def start_worker(recipe: Recipe) -> None:
    """A worker's initializer: its own classifier, built from the recipe.

    A model that cannot be read fails each page with the reason: an initializer that raised
    would break the pool, and every page would seem to have killed its worker.
    """
    global _classifier, _unbuilt
    try:
        _classifier = recipe.build()
    except ModelError as error:
        _unbuilt = str(error)


def work(item: Fetched | Document, now: datetime) -> Processed:
    if _unbuilt:
        # A new error each time: the same one raised again would grow its traceback every page.
        raise ModelError(_unbuilt)
    assert _classifier is not None, "the worker's initializer builds the classifier"
    return process(_classifier, item, now)
