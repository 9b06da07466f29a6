"""Settings for fuzzing the parsers of untrusted input: bounded, and the same examples every run."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def fuzz(max_examples: int = 100) -> settings:
    """At most `max_examples` inputs, derived from the test alone: CI runs what a laptop ran."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# Text as strangers write it: any character, with the awkward ones (controls, a lone surrogate,
# markup, entities, both line ends) more often than chance would bring them.
AWKWARD = st.sampled_from(
    ["\x00", "\x01", "\x0c", "\x1b", "\r", "\r\n", "\x85", "\u2028", "\ud800", "\ufeff", "\ufffe",
     "<", ">", "&", "&amp;", "&#0;", "&#x1;", "&#xD800;", "&lt;script&gt;", "]]>", "<!--", '"', "'",
     "javascript:", "http://[x/", "00:00" + "1" * 40, "é", "日本", "\u202e"]
)  # fmt: skip
UNTRUSTED_TEXT = st.lists(st.text(max_size=8) | AWKWARD, max_size=12).map("".join)
