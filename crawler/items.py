"""Items as they move through the pipelines."""

from __future__ import annotations

from dataclasses import dataclass

from radar.records import Classification, Document


@dataclass(frozen=True, slots=True)
class ClassifiedDocument:
    document: Document
    classification: Classification
