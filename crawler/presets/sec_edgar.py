from __future__ import annotations

from urllib.parse import urlencode

from pydantic import Field

from crawler.presets import PresetOptions, PresetTarget, preset


class SecEdgarOptions(PresetOptions):
    cik: str = Field(pattern=r"^\d{1,10}$")
    forms: str = Field("", description="a form type to keep, e.g. 8-K; empty keeps all")


@preset("sec-edgar", SecEdgarOptions)
def expand(options: SecEdgarOptions) -> PresetTarget:
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
    return PresetTarget(f"https://www.sec.gov/cgi-bin/browse-edgar?{urlencode(params)}", "feed")
