"""Items as they move through the pipelines."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.stories import StoryCandidate
from radar.records import Classification, Document


@dataclass(frozen=True, slots=True)
class ClassifiedDocument:
    document: Document
    classification: Classification
    # What story matching compares, worked out beside the classification (off the reactor).
    story: StoryCandidate | None = None
