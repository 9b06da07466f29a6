"""Scrapy settings for a crawl, built from the config's settings."""

from __future__ import annotations

from typing import Any

from radar import __version__
from radar.schema import Settings

PIPELINES = {
    "crawler.pipelines.ExtractPipeline": 100,
    "crawler.pipelines.ClassifyPipeline": 200,
    "crawler.pipelines.StorePipeline": 300,
}


def user_agent(contact: str | None) -> str:
    where = f"; +{contact}" if contact else ""
    return f"rivalradar/{__version__} (competitive-intelligence crawler{where})"


def scrapy_settings(settings: Settings) -> dict[str, Any]:
    """The settings every source's crawler starts from."""
    timeout_s = settings.request_timeout.total_seconds()
    delay_s = settings.politeness.delay.total_seconds()
    return {
        "BOT_NAME": "rivalradar",
        "USER_AGENT": user_agent(str(settings.contact) if settings.contact else None),
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.politeness.concurrency,
        "DOWNLOAD_DELAY": delay_s,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": delay_s,
        "AUTOTHROTTLE_MAX_DELAY": max(30.0, delay_s),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(settings.politeness.concurrency),
        "DOWNLOAD_TIMEOUT": timeout_s,
        "DOWNLOAD_MAXSIZE": settings.max_body,
        "DOWNLOAD_WARNSIZE": 0,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 2,
        "REDIRECT_MAX_TIMES": 5,
        # One source may not run forever, whatever its pages do.
        "CLOSESPIDER_TIMEOUT": max(60.0, 20 * timeout_s),
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_ENABLED": False,
        "ITEM_PIPELINES": PIPELINES,
    }
