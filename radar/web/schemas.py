"""What the JSON API returns and accepts; the pages render the same models."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

import pydantic.dataclasses
from pydantic import BaseModel, ConfigDict, Field

from radar.store import queries


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class SourceLink(Out):
    source_id: str
    url: str


class Change(Out):
    removed: list[str]
    added: list[str]
    prices: list[str]


class Story(Out):
    story_id: str
    title: str
    summary: str
    category: str
    dated_at: datetime
    score: int = Field(description="Threat to the account, 0-100.")
    reasons: list[str] = Field(description="Why it matters to the account, in plain words.")
    companies: list[str]
    sources: list[SourceLink]
    change: Change | None = None


class Account(Out):
    id: str
    name: str
    owner: str
    timezone: str
    competitors: list[str]
    value: float | None
    renewal: date | None
    priority: str | None
    is_mine: bool = Field(description="The signed-in user owns the account.")


class Company(Out):
    id: str
    name: str


class Feed(Out):
    account: Account
    start: datetime
    end: datetime
    week: str | None
    category: str | None
    competitor: str | None
    categories: list[str]
    competitors: list[Company]
    stories: list[Story]


class Exposure(Out):
    account_id: str
    name: str
    owner: str
    value: float | None
    renewal: date | None
    stories: int
    top_score: int
    total_score: int
    value_at_risk: float | None = Field(description="Value times the top threat score / 100.")


class CompetitorActivity(Out):
    competitor_id: str
    name: str
    stories: int


class Portfolio(Out):
    week: str
    start: datetime
    end: datetime
    accounts: list[Exposure]
    competitors: list[CompetitorActivity]
    categories: dict[str, int]


class WeekCount(Out):
    week: str
    documents: int


def _api_name(field: str) -> str:
    return "id" if field == "source_id" else field


# The store's record, in its field order, with its recent weeks. The API and the sources page
# name the source's id `id`, as the config does: the alias is for the JSON, the property for the page.
@pydantic.dataclasses.dataclass(
    frozen=True, config=ConfigDict(alias_generator=_api_name, validate_by_name=True)
)
class SourceHealth(queries.SourceHealth):
    documents_per_week: list[WeekCount]

    @property
    def id(self) -> str:
        return self.source_id


class SchedulerState(Out):
    host: str
    pid: int
    started_at: datetime
    heartbeat_at: datetime
    stopped_at: datetime | None
    config_error: str | None


class Sources(Out):
    sources: list[SourceHealth]
    scheduler: SchedulerState | None


class Me(Out):
    email: str
    role: str


class Problems(Out):
    message: str
    problems: list[str]


class Refused(Out):
    """An edit or a request that was not valid: each problem named."""

    detail: Problems


class Denied(Out):
    """Not signed in, not allowed, or told to come back later: why, in a sentence."""

    detail: str


class Saved(Out):
    id: str
    version: str = Field(description="The config file's new version, for If-Match.")


class SourceIn(BaseModel):
    """A source entry as in config/sources.yaml; kind- or preset-specific keys go in `options`."""

    model_config = ConfigDict(extra="forbid")
    id: str
    url: str | None = None
    kind: str | None = None
    preset: str | None = None
    about: str
    every: str | None = None
    options: dict[str, Any] = {}

    def entry(self) -> dict[str, Any]:
        base = self.model_dump(exclude={"options"}, exclude_none=True)
        return {**base, **self.options}


SOURCE_KEYS = frozenset(SourceIn.model_fields) - {"options"}


class AccountIn(BaseModel):
    """An account's fields; on update, only the fields sent change (null removes one)."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    aliases: list[str] | None = None
    exclude: list[str] | None = None
    industry: str | None = None
    timezone: str | None = None
    keywords: list[str] | None = None
    owner: str | None = None
    cc: list[str] | None = None
    competitors: list[str] | None = None
    value: float | None = None
    renewal: date | None = None
    stakeholders: list[str] | None = None
    priority: Literal["high", "medium", "low"] | None = None


class NewAccountIn(AccountIn):
    id: str
    name: str
    owner: str


class ConfigOut(Out):
    version: str = Field(description="The config file's version, for If-Match.")
    accounts: list[dict[str, Any]] = Field(
        description="Each account's fields as written: PATCH and POST take the same fields."
    )
    sources: list[SourceIn]
