"""The registry of source kinds: each kind is a spider class with its own options model."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from cssselect import GenericTranslator, SelectorError
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from radar.config.schema import Duration

BUILTIN = [
    "crawler.spiders.feed",
    "crawler.spiders.site",
    "crawler.spiders.sitemap",
    "crawler.spiders.page",
]


class SourcePoliteness(BaseModel):
    """A source's own politeness, in place of `settings.politeness` (a slow or strict site)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    concurrency: int | None = Field(None, ge=1, le=32, description="requests in flight at once")
    delay: Duration | None = Field(None, description="least time between two requests")


class KindOptions(BaseModel):
    """Options a source of this kind may set in the config; unknown keys are rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    politeness: SourcePoliteness | None = Field(
        None, description="this source's own concurrency and delay"
    )
    tls_verify: bool = Field(
        True, description="false: accept the site's TLS certificate unverified (shown in sources)"
    )
    render: Literal["http", "browser"] = Field(
        "http", description="browser: fetch the source's pages through headless Chromium"
    )
    wait_for: str | None = Field(
        None, description="with render: browser, a CSS selector whose presence means loaded"
    )

    @field_validator("wait_for")
    @classmethod
    def _valid_wait_for(cls, selector: str | None) -> str | None:
        if selector is not None:
            check_selector(selector)
        return selector

    @model_validator(mode="after")
    def _wait_for_needs_browser(self) -> KindOptions:
        if self.wait_for is not None and self.render != "browser":
            raise ValueError("wait_for applies only with render: browser")
        return self


def check_selector(selector: str) -> None:
    """Raise ValueError naming the selector when it is not CSS that lxml can use."""
    try:
        GenericTranslator().css_to_xpath(selector)
    except SelectorError as err:
        raise ValueError(f"{selector!r} is not a CSS selector: {err}") from err


@dataclass(frozen=True, slots=True)
class SourceKind:
    name: str
    options: type[KindOptions]
    spider: type
    summary: str


SOURCE_KINDS: dict[str, SourceKind] = {}
S = TypeVar("S", bound=type)


def source_kind(name: str, options: type[KindOptions]) -> Callable[[S], S]:
    """Register a spider class as the source kind `name`; its docstring is the help text."""

    def register(spider: S) -> S:
        if name in SOURCE_KINDS:
            raise RuntimeError(f"source kind {name!r} registered twice")
        summary = (spider.__doc__ or "").strip().splitlines()[0] if spider.__doc__ else ""
        SOURCE_KINDS[name] = SourceKind(name, options, spider, summary)
        return spider

    return register


def load_kinds() -> dict[str, SourceKind]:
    """Import the built-in kinds once and return the registry."""
    for module in BUILTIN:
        importlib.import_module(module)
    return SOURCE_KINDS
