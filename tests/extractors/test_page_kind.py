"""Pages that are not news are told by what they say they are, never by what they are about."""

from __future__ import annotations

import pytest

from extractors.page_kind import NotAnArticle, PageKind, PageSignals, recognise_non_article

SITE = "https://www.halcyon.example"

NOT_ARTICLES = [
    # The URL's last segment is the page's name, in a few languages and spellings.
    (f"{SITE}/cookie-policy", "Halcyon Orbital", PageKind.COOKIES),
    (f"{SITE}/en-gb/legal/cookies.html", "Halcyon Orbital", PageKind.COOKIES),
    (f"{SITE}/about/privacy-notice/", "Halcyon Orbital", PageKind.PRIVACY),
    (f"{SITE}/de/datenschutzerkl%C3%A4rung", "Halcyon Orbital", PageKind.PRIVACY),
    (f"{SITE}/terms-of-service", "Halcyon Orbital", PageKind.TERMS),
    (f"{SITE}/impressum", "Halcyon Orbital", PageKind.LEGAL),
    (f"{SITE}/fr/mentions-legales/", "Halcyon Orbital", PageKind.LEGAL),
    (f"{SITE}/es/aviso-legal", "Halcyon Orbital", PageKind.LEGAL),
    (f"{SITE}/careers", "Halcyon Orbital", PageKind.CAREERS),
    (f"{SITE}/de/karriere/index.html", "Halcyon Orbital", PageKind.CAREERS),
    (f"{SITE}/es/empleo", "Halcyon Orbital", PageKind.CAREERS),
    (f"{SITE}/contact-us", "Halcyon Orbital", PageKind.CONTACT),
    (f"{SITE}/wp-login.php", "Halcyon Orbital", PageKind.LOGIN),
    (f"{SITE}/downloads", "Halcyon Orbital", PageKind.DOWNLOAD),
    (f"{SITE}/search?q=privacy", "Halcyon Orbital", PageKind.SEARCH),
    (f"{SITE}/?s=privacy", "Halcyon Orbital", PageKind.SEARCH),
    (f"{SITE}/sitemap", "Halcyon Orbital", PageKind.SITEMAP),
    (f"{SITE}/404.html", "Halcyon Orbital", PageKind.NOT_FOUND),
    (f"{SITE}/company/about-us", "Halcyon Orbital", PageKind.ABOUT),
    (f"{SITE}/", "Halcyon Orbital", PageKind.HOME),
    (f"{SITE}/index.html", "Halcyon Orbital", PageKind.HOME),
    # Sections that hold nothing else: a page in them, a page of their listing.
    (f"{SITE}/careers/senior-rf-engineer", "Senior RF engineer", PageKind.CAREERS),
    (f"{SITE}/news/tag/privacy", "Halcyon Orbital", PageKind.INDEX),
    (f"{SITE}/blog/category/launches/page/3/", "Halcyon Orbital", PageKind.INDEX),
    (f"{SITE}/author/jane-doe", "Halcyon Orbital", PageKind.INDEX),
    # The title is the page's name, with the site's name or without.
    (f"{SITE}/p/1", "Cookie Policy | Halcyon Orbital Europe Ltd", PageKind.COOKIES),
    (f"{SITE}/p/1", "Privacy Notice – Halcyon Orbital", PageKind.PRIVACY),
    (f"{SITE}/p/1", "Terms & Conditions", PageKind.TERMS),
    (f"{SITE}/p/1", "Careers at Halcyon Orbital", PageKind.CAREERS),
    (f"{SITE}/p/1", "Contact us - Halcyon", PageKind.CONTACT),
    (f"{SITE}/p/1", "Sign in | Halcyon Portal", PageKind.LOGIN),
    (f"{SITE}/p/1", "Search results for “privacy” | Halcyon", PageKind.SEARCH),
    (f"{SITE}/p/1", "Tag: privacy | Halcyon Newsroom", PageKind.INDEX),
    (f"{SITE}/p/1", "News tagged: Aviation", PageKind.INDEX),
    (f"{SITE}/p/1", "Page not found – Halcyon Orbital", PageKind.NOT_FOUND),
    (f"{SITE}/p/1", "404 | Halcyon", PageKind.NOT_FOUND),
    (f"{SITE}/p/1", "Seite nicht gefunden", PageKind.NOT_FOUND),
    (f"{SITE}/p/1", "Politique de confidentialité", PageKind.PRIVACY),
    (f"{SITE}/p/1", "Datenschutzerklärung | Halcyon", PageKind.PRIVACY),
]

ARTICLES = [
    # A story about privacy, careers or cookies is a story: its URL and title name the story.
    (f"{SITE}/news/2026/acme-privacy-fine", "Regulator fines Acme over privacy breach | Newsroom"),
    (f"{SITE}/news/cookie-law-changes-for-airlines", "New cookie rules take effect for airlines"),
    (f"{SITE}/blog/we-are-hiring-150-engineers.html", "We’re hiring 150 engineers this year"),
    (f"{SITE}/news/careers-at-sea", "Careers at sea draw more engineers as ferries go digital"),
    (f"{SITE}/news/acme-opens-contact-centre", "Acme opens a contact centre in Lisbon"),
    (f"{SITE}/news/halcyon-launches-search", "Halcyon launches in-flight search for passengers"),
    # "legal", "privacy", "search" as a section of a news site, not the page's own name.
    (f"{SITE}/legal/litigation/acme-fined-2026-05-01/", "Acme fined over data transfers"),
    (f"{SITE}/privacy/2026/regulators-widen-inquiry", "Regulators widen inquiry | Wire"),
    (f"{SITE}/products/search/new-filters", "Halcyon adds filters to its search"),
    # A title with the kind's word beside a headline, not beside a site's name.
    (f"{SITE}/p/1", "Privacy - what the new airline data rules change for passengers"),
    (f"{SITE}/p/1", "Acme opens a 404-seat office in Lisbon"),
    (f"{SITE}/p/1", "Careers at risk as Acme cuts 200 jobs in its ferry division"),
    # WordPress's plain permalinks put every post at the site's root.
    (f"{SITE}/?p=1234", "Halcyon opens an office in Lisbon"),
    (f"{SITE}/news/about-time-ferries-got-wifi", "About time: ferries get Wi-Fi"),
]


@pytest.mark.parametrize(("url", "title", "kind"), NOT_ARTICLES)
def test_a_page_that_names_itself_a_non_article_is_recognised(url, title, kind):
    found = recognise_non_article(PageSignals(url, title))

    assert found is not None and found.kind == kind, found


@pytest.mark.parametrize(("url", "title"), ARTICLES)
def test_a_news_story_is_not_taken_for_the_page_it_mentions(url, title):
    assert recognise_non_article(PageSignals(url, title, (title.split(" | ")[0],))) is None


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Oops! That page can’t be found.", PageKind.NOT_FOUND),
        ("Sorry, we couldn't find the page you're looking for", PageKind.NOT_FOUND),
        ("Privacy Policy", PageKind.PRIVACY),
        ("Cookie Notice", PageKind.COOKIES),
        ("Legal notice", PageKind.LEGAL),
        ("Work with us", PageKind.CAREERS),
    ],
)
def test_an_h1_that_is_the_pages_name_is_enough(heading, kind):
    found = recognise_non_article(PageSignals(f"{SITE}/p/1", "Halcyon Orbital", (heading,)))

    assert found is not None and found.kind == kind


@pytest.mark.parametrize(
    ("page_type", "kind"),
    [
        ("ContactPage", PageKind.CONTACT),
        ("searchresultspage", PageKind.SEARCH),
        ("CollectionPage", PageKind.INDEX),
        ("jobposting", PageKind.CAREERS),
    ],
)
def test_a_page_type_that_is_never_an_article_is_enough(page_type, kind):
    found = recognise_non_article(PageSignals(f"{SITE}/p/1", "Halcyon", (), page_type))

    assert found is not None and found.kind == kind


@pytest.mark.parametrize("page_type", ["article", "NewsArticle", "website", "webpage", None])
def test_an_ordinary_page_type_says_nothing(page_type):
    assert recognise_non_article(PageSignals(f"{SITE}/p/1", "Halcyon", (), page_type)) is None


def test_the_verdict_names_the_signal_that_gave_it():
    found = recognise_non_article(PageSignals(f"{SITE}/p/1", "Cookie Policy | Halcyon"))

    assert found == NotAnArticle(PageKind.COOKIES, "title “Cookie Policy | Halcyon”")
    assert str(found) == "cookie policy (title “Cookie Policy | Halcyon”)"
