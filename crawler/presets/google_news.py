from __future__ import annotations

from urllib.parse import urlencode

from pydantic import Field

from crawler.presets import PresetOptions, PresetTarget, preset


class GoogleNewsOptions(PresetOptions):
    query: str = Field(min_length=1)
    language: str = "en-US"
    country: str = "US"


@preset("google-news", GoogleNewsOptions)
def expand(options: GoogleNewsOptions) -> PresetTarget:
    """News search results for a query, as Google News' RSS feed."""
    lang = options.language.split("-")[0]
    params = {
        "q": options.query,
        "hl": options.language,
        "gl": options.country,
        "ceid": f"{options.country}:{lang}",
    }
    return PresetTarget(f"https://news.google.com/rss/search?{urlencode(params)}", "feed")
