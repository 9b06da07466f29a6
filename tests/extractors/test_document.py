from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from extractors.document import to_document
from extractors.page_kind import NotAnArticle, PageKind
from radar.records import Document, FeedEntry, Fetched
from radar.store import models
from tests.conftest import feed
from tests.pages import rss

PAGES = Path(__file__).parent / "pages"
FETCHED_AT = datetime(2026, 11, 20, 8, tzinfo=UTC)


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def fetched(
    body: str,
    url: str = "https://www.shipping-ledger.example/news/a?utm_source=rss",
    entry: FeedEntry | None = None,
) -> Fetched:
    return Fetched("ledger", "feed", "news", url, body, FETCHED_AT, entry)


def entry(summary: str, content: str = "", link: str = "https://ferries.example/a") -> FeedEntry:
    return FeedEntry(
        entry_id="tag:ferries.example,2026:a",
        link=link,
        title="Harbourline picks Vantrec for fleet Wi-Fi",
        summary=summary,
        content=content,
        published_at=datetime(2026, 11, 12, 6, 30, tzinfo=UTC),
        author="Ferry Desk",
    )


def test_an_article_keeps_its_story_and_loses_banners_menus_sidebars_and_comments():
    doc = to_document(fetched(page("trade-news-with-comments.html")))

    assert doc is not None
    assert doc.text.startswith("Harbourline signs Vantrec to refit 60 ferries")
    assert "worth about £38 million" in doc.text and "screens to railways" in doc.text
    for boilerplate in (
        "212 partners",
        "Search Shipping Ledger",
        "Most read",
        "OrbitNet",
        "Nimbus",
        "deckhand_77",
        "Related articles",
        "Morning Watch",
        "registered trademark",
        "Advertisement",
    ):
        assert boilerplate not in doc.text


def test_an_article_carries_its_metadata_and_its_declared_canonical_address():
    doc = to_document(fetched(page("trade-news-with-comments.html")))

    assert doc is not None
    assert doc.title == "Harbourline signs Vantrec to refit 60 ferries with onboard Wi-Fi"
    assert doc.author == "Imogen Castell" and doc.site_name == "Shipping Ledger"
    assert doc.language == "en"
    assert doc.published_at == datetime(2026, 11, 12, 12, tzinfo=UTC)
    assert doc.url == "https://www.shipping-ledger.example/news/harbourline-vantrec-ferry-wifi"
    assert doc.summary == "The ferry operator's five-year deal covers its whole North Sea fleet."
    assert len(doc.fingerprint) == 64


def test_a_german_release_without_date_metadata_is_dated_from_its_text_and_keeps_umlauts():
    doc = to_document(
        fetched(page("pressemitteilung-ohne-datum.html"), "https://nordbahn.example/presse/preise")
    )

    assert doc is not None
    assert doc.language == "de" and doc.site_name == "Nordbahn Digital"
    assert doc.published_at == datetime(2026, 11, 17, 12, tzinfo=UTC)
    assert "Jördis Hüttenrauch" in doc.text and "„Zugnetz Plus“" in doc.text
    assert "Cookies" not in doc.text and "Weitere Meldungen" not in doc.text


def test_a_page_decoded_in_the_wrong_charset_is_read_as_written():
    garbled = page("pressemitteilung-ohne-datum.html").encode("utf-8").decode("cp1252")

    doc = to_document(fetched(garbled, "https://nordbahn.example/presse/preise"))

    assert doc is not None
    assert "Jördis Hüttenrauch" in doc.text and "Ã" not in doc.text
    assert doc.title == "Nordbahn Digital senkt die Preise für WLAN im Zug"


def test_a_date_in_the_future_of_the_fetch_is_never_the_publication_date():
    html = (
        "<html><body><article><h1>Harbourline plans its next refit</h1><p>"
        + "The next dry-dock season starts on 3 March 2027 for the Rotterdam ships. " * 6
        + "</p></article></body></html>"
    )

    doc = to_document(fetched(html, "https://ferries.example/news/refit"))

    assert doc is not None
    assert doc.published_at is None or doc.published_at <= FETCHED_AT


def test_a_thin_article_page_gives_way_to_the_feed_entry():
    shell = (
        "<html><head><title>Ferries</title></head><body><div id='app'></div>"
        "<noscript>Please enable JavaScript to read this article.</noscript></body></html>"
    )
    blurb = (
        "Harbourline has picked Vantrec to fit onboard Wi-Fi to its 60 North Sea ferries "
        "under a five-year agreement worth about £38 million."
    )

    doc = to_document(fetched(shell, "https://ferries.example/a", entry(blurb)))

    assert doc is not None
    assert doc.text == blurb and doc.title == "Harbourline picks Vantrec for fleet Wi-Fi"
    assert doc.published_at == datetime(2026, 11, 12, 6, 30, tzinfo=UTC)
    assert doc.language == "en" and doc.entry_id == "tag:ferries.example,2026:a"


def test_an_unreachable_article_is_the_entry_and_a_full_article_beats_a_short_entry():
    blurb = "Harbourline picks Vantrec."

    alone = to_document(fetched("", "https://ferries.example/a", entry(blurb)))
    full = to_document(fetched(page("trade-news-with-comments.html"), entry=entry(blurb)))

    assert alone is not None and alone.text == blurb and alone.summary == blurb
    assert full is not None and "Maren Dahl" in full.text
    assert full.title == "Harbourline picks Vantrec for fleet Wi-Fi" and full.author == "Ferry Desk"


def test_a_canonical_address_on_another_host_is_not_trusted():
    html = page("trade-news-with-comments.html").replace(
        "https://www.shipping-ledger.example/news/", "https://aggregator.example/copy/"
    )

    doc = to_document(fetched(html, "https://www.shipping-ledger.example/news/a?utm_source=rss"))

    assert doc is not None and doc.url == "https://www.shipping-ledger.example/news/a"


def test_a_page_with_nothing_to_read_and_no_entry_gives_no_document():
    assert to_document(fetched("<html><body><nav><a href='/'>Home</a></nav></body></html>")) is None


def test_a_cookie_policy_page_is_no_document_and_says_what_it_is():
    result = to_document(
        fetched(page("cookie-policy.html"), "https://halcyon.example/cookie-policy")
    )

    assert result == NotAnArticle(PageKind.COOKIES, "URL path /cookie-policy")


def test_a_soft_404_at_a_news_address_is_no_document():
    result = to_document(
        fetched(page("soft-404.html"), "https://halcyon.example/news/halcyon-opens-lisbon-office")
    )

    assert isinstance(result, NotAnArticle) and result.kind == PageKind.NOT_FOUND


def test_a_news_story_about_a_privacy_fine_under_a_cookie_dialog_is_a_document():
    result = to_document(
        fetched(
            page("privacy-fine-news.html"), "https://halcyon.example/news/2026/acme-privacy-fine"
        )
    )

    assert isinstance(result, Document)
    assert result.title == "Regulator fines Acme over privacy breach"
    assert "€4.2 million" in result.text


def test_a_feed_entry_whose_link_lands_on_a_cookie_page_keeps_its_own_text_at_its_link():
    blurb = (
        "Harbourline has picked Vantrec to fit onboard Wi-Fi to its 60 North Sea ferries "
        "under a five-year agreement worth about £38 million."
    )
    landed = fetched(
        page("cookie-policy.html"),
        "https://ferries.example/cookie-policy?return=/a",
        entry(blurb, link="https://ferries.example/a"),
    )

    doc = to_document(landed)

    assert isinstance(doc, Document)
    assert doc.url == "https://ferries.example/a" and doc.text == blurb
    assert doc.title == "Harbourline picks Vantrec for fleet Wi-Fi"


def test_a_feed_entry_with_a_title_alone_whose_page_is_a_careers_page_is_its_title():
    landed = fetched(page("careers.html"), "https://ferries.example/join", entry(""))

    document = to_document(landed)

    assert isinstance(document, Document)
    assert document.title == "Harbourline picks Vantrec for fleet Wi-Fi"
    assert document.url == "https://ferries.example/a" and document.text == ""


def test_a_feed_entry_with_nothing_whose_page_is_a_careers_page_is_no_document():
    bare = replace(entry(""), title="")
    landed = fetched(page("careers.html"), "https://ferries.example/join", bare)

    result = to_document(landed)

    assert isinstance(result, NotAnArticle) and result.kind == PageKind.CAREERS


def test_crawled_articles_in_undeclared_or_misdeclared_charsets_are_stored_as_written(
    httpserver, write_config, run_cli, store
):
    release = page("pressemitteilung-ohne-datum.html").replace('<meta charset="utf-8">', "")
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/cp1252").respond_with_data(
        release.encode("cp1252"), content_type="text/html"
    )
    httpserver.expect_request("/latin1-label").respond_with_data(
        release.replace("senkt die Preise", "erhöht die Preise").encode("utf-8"),
        content_type="text/html; charset=iso-8859-1",
    )
    feed_xml = rss(
        [
            ("Preise runter", httpserver.url_for("/cp1252"), "Nordbahn Digital senkt Preise."),
            ("Preise rauf", httpserver.url_for("/latin1-label"), "Nordbahn erhöht Preise."),
        ]
    )
    httpserver.expect_request("/feed.xml").respond_with_data(
        feed_xml, content_type="application/rss+xml"
    )
    config = write_config(sources=[feed("nordbahn", httpserver.url_for("/feed.xml"))])

    result = run_cli("--config", config, "crawl")

    assert result.exit_code == 0, result.stderr
    with store.session() as session:
        texts = session.scalars(select(models.Document.text)).all()
    assert len(texts) == 2
    for text in texts:
        assert "Jördis Hüttenrauch" in text and "„Zugnetz Plus“" in text
