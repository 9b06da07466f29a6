"""Fuzzing dates: any text from a page, a JSON Feed or a sitemap is a UTC date or none."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from extractors.dates import from_struct, from_text
from tests.fuzz import UNTRUSTED_TEXT, fuzz

DATE_PARTS = st.sampled_from(
    ["2026", "-", "11", "17", "T", "09:30", ":00", "Z", "+05:00", "-99:99", " ", "00:00", "1" * 40,
     "Tue,", "Nov", "GMT", ".", "0000", "9999999999", "½", "٢٠٢٦", "PM", "/"]
)  # fmt: skip


@fuzz(120)
@given(st.lists(DATE_PARTS | UNTRUSTED_TEXT, max_size=10).map("".join))
def test_any_text_is_a_utc_date_or_none(text):
    parsed = from_text(text)

    assert parsed is None or parsed.utcoffset() is not None


@fuzz(100)
@given(st.tuples(*[st.integers(-(10**6), 10**6)] * 9))
def test_any_struct_time_is_a_utc_date_or_none(fields):
    parsed = from_struct(time.struct_time(fields))

    assert parsed is None or parsed.utcoffset() is not None


def test_a_time_with_forty_digits_of_seconds_is_no_date():
    # dateutil reads these as seconds with a fraction its decimal context cannot hold.
    assert from_text("00:00" + "1" * 40) is None


def test_a_date_that_leaves_the_calendar_in_utc_is_no_date():
    assert from_text("0001-01-01T00:00:00+05:00") is None
