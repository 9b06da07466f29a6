"""Crawl work spread over machines: Celery on Redis, one task per host's due sources."""

# Longer than the longest crawl of one host: a task still running is never handed out again.
DEFAULT_VISIBILITY_TIMEOUT_S = 3600.0
