"""Dates from pages and feeds, as UTC-aware datetimes."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from decimal import InvalidOperation

from dateutil import parser as date_parser

# A page that gives only a day is dated at noon UTC: the same calendar day in every time zone
# from UTC-11 to UTC+11, so an account's week does not shift it.
_NOON = 12


def from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's parsed dates are UTC struct_times."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (ValueError, TypeError, OverflowError):
        return None


def from_text(value: str | None) -> datetime | None:
    """An ISO or free-form date; a date without a time becomes noon UTC that day.

    None for text that is no date: dates come from pages, feeds and sitemaps, untrusted.
    """
    if not value:
        return None
    try:
        parsed: datetime = date_parser.parse(value, default=datetime(2000, 1, 1, _NOON))
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    # dateutil reads "00:00111…" as seconds with a fraction too long for its decimal context.
    except (ValueError, OverflowError, InvalidOperation):
        return None


def from_day(value: date) -> datetime:
    return datetime(value.year, value.month, value.day, _NOON, tzinfo=UTC)
