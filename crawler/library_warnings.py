"""Warnings from the libraries a crawl runs are reported, never raised, whatever the policy.

Under `python -W error` (or a test suite's `filterwarnings = error`) a library's deprecation
warning, such as the one w3lib 2.6 gives when Scrapy decodes a response, becomes an exception in
the middle of a spider, and the crawl would record it as a failure of the source: one upstream
release would fail every source. So, in a crawl, each filter that turns warnings into errors gets
a twin in front of it that shows a library's warning instead (once per place, Python's default
action). Filters that ignore a warning keep their precedence, and a warning of our own packages
still meets the process's policy.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

OUR_PACKAGES = ("crawler", "extractors", "classifier", "digest", "radar")

# Matched at the start of the name of the module a warning is attributed to: not one of ours.
NOT_OURS = rf"(?!(?:{'|'.join(OUR_PACKAGES)})(?:\.|$))"


def report_library_warnings() -> None:
    """Give each error filter of the process its twin for library warnings; idempotent."""
    # Typed loosely at the library's call: Python's own default filters hold plain strings.
    current: list[tuple[Any, ...]] = [f for f in warnings.filters if not _is_twin(f)]
    warnings.resetwarnings()
    for action, message, category, module, lineno in reversed(current):
        text, pattern = _regex(message), _regex(module)
        warnings.filterwarnings(action, text, category, pattern, lineno)
        if action == "error":
            warnings.filterwarnings("default", text, category, NOT_OURS + pattern, lineno)


def _regex(matcher: re.Pattern[str] | str | None) -> str:
    """A filter's message or module as a regular expression (Python's own defaults are strings)."""
    if matcher is None:
        return ""
    if isinstance(matcher, str):
        return re.escape(matcher) + r"\Z"
    return matcher.pattern


def _is_twin(entry: tuple[object, ...]) -> bool:
    action, _, _, module, _ = entry
    return action == "default" and getattr(module, "pattern", "").startswith(NOT_OURS)
