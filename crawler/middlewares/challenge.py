"""Recognise the anti-bot challenge pages of CDNs and bot managers, so that health says so.

A challenge page is not the content: stored, it would be an article called "Just a moment...";
reported as a plain 403 or 503, the analyst would not know that the site blocks crawlers.
"""

from __future__ import annotations

import re

from scrapy.crawler import Crawler
from scrapy.http import Request, Response

from crawler.middlewares._spider import source_spider
from radar.errors import SourceError

# Challenge pages are small; a large answer with a 2xx status is content, and is not scanned.
MAX_SCAN_BYTES = 64 * 1024
# 202 is how AWS WAF answers a GET with its challenge script.
BLOCKING_STATUSES = frozenset({202, 401, 403, 405, 429, 503})

# (vendor, pattern in the lower-cased body). Each pattern is specific to the vendor's challenge or
# block page. Lower-casing the body once costs less than matching every pattern without case, and
# each pattern starts with a literal, without alternatives, so that the regex engine seeks that
# literal through the body: a pattern "a|b" is tried at every byte, ten times as slow on a page.
SIGNATURES: tuple[tuple[str, re.Pattern[bytes]], ...] = tuple(
    (vendor, re.compile(pattern, re.DOTALL))
    for vendor, pattern in (
        ("Cloudflare", rb"/cdn-cgi/challenge-platform/"),
        ("Cloudflare", rb"cf-chl-"),
        ("Cloudflare", rb"<title>\s*just a moment\.\.\."),
        ("Cloudflare", rb"<title>\s*attention required! \| cloudflare"),
        ("DataDome", rb"captcha-delivery\.com"),
        ("DataDome", rb"geo\.captcha-delivery"),
        ("Imperva Incapsula", rb"_incapsula_resource"),
        ("Imperva Incapsula", rb"incapsula incident id"),
        ("HUMAN (PerimeterX)", rb"px-captcha"),
        ("HUMAN (PerimeterX)", rb"_pxcaptcha"),
        ("HUMAN (PerimeterX)", rb"perimeterx"),
        ("Akamai", rb"<title>\s*access denied\s*</title>.*errors\.edgesuite\.net"),
        ("AWS WAF", rb"awswaf"),
        ("AWS WAF", rb"aws-waf-token"),
        ("Sucuri", rb"sucuri website firewall"),
        ("DDoS-Guard", rb"ddos-guard"),
        ("a browser check", rb"checking your browser before accessing"),
        ("a browser check", rb"enable javascript and cookies to continue"),
    )
)
# These mean a challenge even on a 200 answer: no article carries them.
ALWAYS = frozenset({"Cloudflare", "DataDome", "Imperva Incapsula"})


class AntiBotChallenge(SourceError):
    diagnosis = "anti-bot challenge"


def challenge_vendor(response: Response) -> str | None:
    """The vendor whose challenge or block page this is, or None for an ordinary answer."""
    if (response.headers.get(b"cf-mitigated") or b"").lower() == b"challenge":
        return "Cloudflare"
    blocking = response.status in BLOCKING_STATUSES
    if not blocking and len(response.body) > MAX_SCAN_BYTES:
        return None
    head = response.body[:MAX_SCAN_BYTES].lower()
    for vendor, pattern in SIGNATURES:
        if (blocking or vendor in ALWAYS) and pattern.search(head):
            return vendor
    return None


class ChallengeMiddleware:
    """Downloader middleware: a challenge page fails its request with a diagnosis that says so."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChallengeMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        vendor = challenge_vendor(response)
        if vendor is None:
            return response
        raise AntiBotChallenge(
            source_spider(self.crawler).source.id,
            request.url,
            f"anti-bot challenge: {vendor} answered HTTP {response.status} with a challenge page "
            "instead of the content; the site blocks crawlers, so ask the site to allow "
            "rivalradar's User-Agent, or use its feed or another source",
        )
