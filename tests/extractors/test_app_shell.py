from __future__ import annotations

from extractors.app_shell import app_shell
from tests.pages import LAUNCH_BODY, article


def test_a_root_div_and_a_bundle_with_no_text_is_an_app_shell():
    page = """<!DOCTYPE html><html><head><title>Pricing</title>
    <script type="module" src="/assets/index-4f2a.js"></script></head>
    <body><noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div></body></html>"""

    assert app_shell(page) == (
        'an app shell: <div id="root"> and 1 script bundle, 0 characters of text'
    )


def test_a_custom_root_element_alone_in_the_body_is_an_app_shell():
    page = """<html><body><pricing-app></pricing-app>
    <script src="/runtime.js"></script><script src="/main.js"></script></body></html>"""

    assert (
        app_shell(page) == "an app shell: <pricing-app> and 2 script bundles, 0 characters of text"
    )


def test_an_article_with_scripts_is_no_app_shell():
    page = article("Starlink adds an airline plan", LAUNCH_BODY).replace(
        "</body>", '<div id="root"></div><script src="/analytics.js"></script></body>'
    )

    assert app_shell(page) is None


def test_an_empty_page_without_scripts_is_no_app_shell():
    assert app_shell('<html><body><div id="root"></div></body></html>') is None
    assert app_shell("") is None
