"""Anti-bot challenge pages are told apart from ordinary answers."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from crawler.middlewares.challenge import challenge_vendor


def answer(body: str, status: int = 403, **headers: str) -> HtmlResponse:
    return HtmlResponse(
        "https://news.example.com/", status=status, body=body.encode(), headers=headers or None
    )


@pytest.mark.parametrize(
    ("body", "status", "vendor"),
    [
        (
            '<html><script src="https://geo.captcha-delivery.com/captcha/"></script></html>',
            403,
            "DataDome",
        ),
        (
            "<html><iframe src='/_Incapsula_Resource?SWJIYLWA=1'></iframe></html>",
            200,
            "Imperva Incapsula",
        ),
        ('<div id="px-captcha"></div><p>Press and hold</p>', 403, "HUMAN (PerimeterX)"),
        (
            "<title>Access Denied</title><p>Reference #18.9f2</p><p>https://errors.edgesuite.net/18.9f2</p>",
            403,
            "Akamai",
        ),
        ("<title>Sucuri WebSite Firewall - Access Denied</title>", 403, "Sucuri"),
        ("<title>Attention Required! | Cloudflare</title>", 403, "Cloudflare"),
    ],
)
def test_challenge_and_block_pages_of_the_usual_vendors_are_recognised(body, status, vendor):
    assert challenge_vendor(answer(body, status)) == vendor


def test_the_cloudflare_challenge_header_alone_is_enough():
    assert (
        challenge_vendor(answer("<html></html>", 403, **{"cf-mitigated": "challenge"}))
        == "Cloudflare"
    )


def test_an_article_about_captchas_is_not_a_challenge():
    body = (
        "<html><title>Ticket sites add px-captcha style checks</title><body><p>Vendors such as "
        "PerimeterX and DDoS-Guard sell checking your browser before accessing pages.</p></body></html>"
    )
    assert challenge_vendor(answer(body, 200)) is None


def test_a_plain_forbidden_page_is_not_called_a_challenge():
    assert challenge_vendor(answer("<html><h1>403 Forbidden</h1></html>", 403)) is None
