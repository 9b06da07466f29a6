"""The built-in presets. Adding one is a change to this file alone: an options model and a
function that expands it, registered with `@preset` (plus its fixture test in tests/crawler)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from pydantic import Field

from crawler.presets import PresetOptions, PresetTarget, preset


class GoogleNewsOptions(PresetOptions):
    query: str = Field(min_length=1, description="the search, as typed into Google News")
    language: str = Field("en-US", pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    country: str = Field("US", pattern=r"^[A-Z]{2}$")


@preset("google-news", GoogleNewsOptions)
def google_news(options: GoogleNewsOptions) -> PresetTarget:
    """News search results for a query, as Google News' RSS feed."""
    lang = options.language.split("-")[0]
    params = {
        "q": options.query,
        "hl": options.language,
        "gl": options.country,
        "ceid": f"{options.country}:{lang}",
    }
    # Entry links lead to a script redirect, not to the article: the entry is the item, and its
    # title ends with " - Publisher", which is dropped.
    return PresetTarget(
        f"https://news.google.com/rss/search?{urlencode(params)}",
        "feed",
        {"fetch_articles": False, "drop_title_suffix": True},
    )


class SecEdgarOptions(PresetOptions):
    cik: str = Field(pattern=r"^\d{1,10}$", description="the company's Central Index Key")
    forms: str = Field("", description="a form type to keep, e.g. 8-K; empty keeps all")


@preset("sec-edgar", SecEdgarOptions)
def sec_edgar(options: SecEdgarOptions) -> PresetTarget:
    """A company's filings with the US SEC (EDGAR), as an Atom feed."""
    params = {
        "action": "getcompany",
        "CIK": options.cik.zfill(10),
        "type": options.forms,
        "dateb": "",
        "owner": "include",
        "count": "40",
        "output": "atom",
    }
    # Each entry links to a filing index (a table of files); the entry's summary names the
    # filing's items ("Item 5.02: Departure of Directors..."), which is what matters.
    return PresetTarget(
        f"https://www.sec.gov/cgi-bin/browse-edgar?{urlencode(params)}",
        "feed",
        {"fetch_articles": False},
    )


class GithubReleasesOptions(PresetOptions):
    repo: str = Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", description="owner/name")


@preset("github-releases", GithubReleasesOptions)
def github_releases(options: GithubReleasesOptions) -> PresetTarget:
    """A GitHub repository's releases, as its Atom feed."""
    # Release notes are in the entries; a release's title is often just its version.
    return PresetTarget(
        f"https://github.com/{options.repo}/releases.atom",
        "feed",
        {"fetch_articles": False, "title_prefix": f"{options.repo.split('/')[1]} "},
    )


class FederalRegisterOptions(PresetOptions):
    agency: str = Field(
        pattern=r"^[a-z0-9-]+$",
        description="the agency's slug, e.g. federal-aviation-administration",
    )
    term: str = Field("", description="words the documents must contain; empty keeps all")


@preset("federal-register", FederalRegisterOptions)
def federal_register(options: FederalRegisterOptions) -> PresetTarget:
    """A US agency's rules, proposed rules and notices, as the Federal Register's RSS feed."""
    query = [("conditions[agencies][]", options.agency), ("order", "newest")]
    if options.term:
        query.append(("conditions[term]", options.term))
    return PresetTarget(
        "https://www.federalregister.gov/api/v1/documents.rss?" + urlencode(query, quote_via=quote),
        "feed",
    )
