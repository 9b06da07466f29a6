from __future__ import annotations

from pydantic import Field

from crawler.presets import PresetOptions, PresetTarget, preset


class GithubReleasesOptions(PresetOptions):
    repo: str = Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


@preset("github-releases", GithubReleasesOptions)
def expand(options: GithubReleasesOptions) -> PresetTarget:
    """A GitHub repository's releases, as its Atom feed."""
    return PresetTarget(f"https://github.com/{options.repo}/releases.atom", "feed")
