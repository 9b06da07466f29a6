"""The store: every read and write of the database goes through one object."""

from __future__ import annotations

from radar.store.documents import DocumentStore
from radar.store.sources import SourceLedger


class Store(DocumentStore, SourceLedger):
    """The database of one URL: documents and their stories, and each source's record."""
