"""Scrapy settings for a crawl, built from the config's settings."""

from __future__ import annotations

from typing import Any

from crawler.middlewares.backoff import BASE_SETTING, MAX_SETTING
from crawler.middlewares.netsafety import SETTING as ALLOW_PRIVATE_SETTING
from radar import __version__
from radar.config.schema import Settings

PIPELINES = {
    "crawler.pipelines.ProcessPipeline": 100,
    "crawler.pipelines.StorePipeline": 300,
}
# Responses pass these from the highest number down: decompression (590, size-capped), then the
# challenge check, the empty-body check and the conditional GET, before retry (550) sees them.
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.netsafety.PrivateNetworkMiddleware": 90,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.backoff.BackoffRetryMiddleware": 550,
    "crawler.middlewares.conditional.ConditionalGetMiddleware": 560,
    "crawler.middlewares.guards.EmptyBodyMiddleware": 565,
    "crawler.middlewares.challenge.ChallengeMiddleware": 570,
    "crawler.middlewares.browser.BrowserErrorMiddleware": 580,
}
SPIDER_MIDDLEWARES = {"crawler.middlewares.guards.PrimaryRequestMiddleware": 50}
# Only the web: a redirect to file:// or s3:// must not read local files or cloud buckets.
# HTTP(S) through Scrapy's handler, made to end when the crawl is stopped.
STOPPABLE = "crawler.download.StoppableDownloadHandler"
DOWNLOAD_HANDLERS = {
    "http": STOPPABLE,
    "https": STOPPABLE,
    "file": None,
    "s3": None,
    "ftp": None,
    "data": None,
}
# Certificates are verified, chain and host name, as a browser does (Scrapy's default takes any);
# a source may say `tls_verify: false` for a server an analyst knows to have a broken one.
VERIFY_TLS = "DOWNLOAD_VERIFY_CERTIFICATES"


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
        # Items of one response in the pipelines at once (Scrapy: 100), each an asyncio task for
        # the response's life: a page yields one item and a feed a few dozen, and 2 to 16 workers
        # process them; a hundred per response only held memory.
        "CONCURRENT_ITEMS": 16,
        # Bytes of responses waiting for the pipelines before the engine stops downloading more
        # (Scrapy: 5 MB). When the workers are the slower side, 2 MB is still dozens of pages
        # queued for them, and the crawling process holds 20 MB less, decoded text included.
        "SCRAPER_SLOT_MAX_ACTIVE_SIZE": 2_000_000,
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
        BASE_SETTING: 0.5,
        MAX_SETTING: 30.0,
        ALLOW_PRIVATE_SETTING: settings.allow_private_networks,
        "REDIRECT_MAX_TIMES": 5,
        # One source may not run forever, whatever its pages do.
        "CLOSESPIDER_TIMEOUT": max(60.0, 20 * timeout_s),
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_ENABLED": False,
        "ITEM_PIPELINES": PIPELINES,
        "DOWNLOADER_MIDDLEWARES": DOWNLOADER_MIDDLEWARES,
        "SPIDER_MIDDLEWARES": SPIDER_MIDDLEWARES,
        "DOWNLOAD_HANDLERS": DOWNLOAD_HANDLERS,
        VERIFY_TLS: True,
    }
